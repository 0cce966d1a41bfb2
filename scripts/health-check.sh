#!/usr/bin/env bash
# Health check for one Argo Rollout: its tree, its own pods, services, ingresses, recent events and pod logs.
# Read-only: every command only reads. Exit status is that of the first command that fails.
set -euo pipefail

usage() {
  printf 'Usage: %s NAMESPACE ROLLOUT\n' "${0##*/}" >&2
  printf 'Shows the health of the Argo Rollout ROLLOUT in NAMESPACE (read-only).\n' >&2
  exit 2
}

section() {
  printf '\n== %s\n' "$1"
}

[[ $# -eq 2 && -n $1 && -n $2 ]] || usage
namespace=$1
rollout=$2

section "Rollout ${rollout} in ${namespace}"
kubectl argo rollouts get rollout "$rollout" -n "$namespace"

# The Rollout's own selector finds exactly its pods, whatever labels the team chose. A selector written with
# matchExpressions only falls back to the pod-template hashes of the stable and current ReplicaSets.
# shellcheck disable=SC2016 # $k and $v are go-template variables, not shell ones
selector=$(kubectl get rollout "$rollout" -n "$namespace" \
  -o go-template='{{range $k, $v := .spec.selector.matchLabels}}{{$k}}={{$v}},{{end}}')
selector=${selector%,}
if [[ -z $selector ]]; then
  hashes=$(kubectl get rollout "$rollout" -n "$namespace" \
    -o go-template='{{.status.stableRS}},{{.status.currentPodHash}}')
  selector="rollouts-pod-template-hash in (${hashes})"
fi

section "Pods of ${rollout} (${selector})"
kubectl get pods -n "$namespace" -l "$selector" -L rollouts-pod-template-hash -o wide

section "Services"
kubectl get services -n "$namespace" -o wide

section "Ingresses"
kubectl get ingress -n "$namespace"

section "Recent events"
kubectl get events -n "$namespace" --sort-by=.lastTimestamp | tail -n 20

section "Last log lines of each pod"
kubectl logs -n "$namespace" -l "$selector" --all-containers --prefix --tail=20 --max-log-requests=10
