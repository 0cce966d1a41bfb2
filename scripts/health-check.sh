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

# The Rollout's pods are exactly those of the ReplicaSets it owns, whatever its selector looks like (matchLabels,
# matchExpressions or both, possibly shared with other workloads): select them by the pod-template hash each of
# those ReplicaSets carries.
hashes=$(kubectl get replicasets -n "$namespace" \
  -o jsonpath='{range .items[*]}{.metadata.ownerReferences[?(@.kind=="Rollout")].name}{"\t"}{.metadata.labels.rollouts-pod-template-hash}{"\n"}{end}' |
  awk -F '\t' -v rollout="$rollout" '$1 == rollout && $2 != "" { printf "%s%s", sep, $2; sep = "," }')
selector="rollouts-pod-template-hash in (${hashes})"

if [[ -n $hashes ]]; then
  section "Pods of ${rollout} (${selector})"
  kubectl get pods -n "$namespace" -l "$selector" -L rollouts-pod-template-hash -o wide
else
  section "Pods of ${rollout}"
  printf 'No ReplicaSet in %s is owned by Rollout %s.\n' "$namespace" "$rollout"
fi

section "Services"
kubectl get services -n "$namespace" -o wide

section "Ingresses"
kubectl get ingress -n "$namespace"

section "Recent events"
kubectl get events -n "$namespace" --sort-by=.lastTimestamp | tail -n 20

# --ignore-errors: a pod whose container is waiting to start has no log; without it kubectl stops at that pod and
# never reads the others, exactly when the Rollout is unhealthy.
section "Last log lines of each pod"
if [[ -n $hashes ]]; then
  kubectl logs -n "$namespace" -l "$selector" --all-containers --prefix --tail=20 --ignore-errors
fi
