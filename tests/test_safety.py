"""Every command is read-only, mutating or destructive, with the reason."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rbkb.safety import classify


@pytest.mark.parametrize("command", [
    "kubectl get pods -n x",
    "kubectl describe rollout r -n x",
    "kubectl logs -n argocd -l app.kubernetes.io/name=argocd-server --tail=100 --prefix",
    "kubectl get events -n x --sort-by=.lastTimestamp | tail -20",
    "kubectl argo rollouts get rollout r -n x",
    "kubectl argo rollouts status r -n x --watch=false",
    "argocd app get app --show-operation",
    "argocd app diff app",
    "kubectl auth can-i list pods -n x",
    "kubectl get secret s -n x -o jsonpath='{.data.auth}' | base64 -d | xxd | head",
    "curl -sS http://example.test/healthz",
])
def test_read_only(command: str) -> None:
    assert classify(command).level == "read-only"


@pytest.mark.parametrize("command", [
    "kubectl argo rollouts promote r -n x",
    "kubectl argo rollouts abort r -n x",
    "kubectl rollout restart deployment d -n x",
    "argocd app sync app",
    "kubectl scale rollout r -n x --replicas=3",
    "kubectl port-forward svc/argocd-server -n argocd 8080:443",
    "kubectl get pods > pods.txt",
    "curl -X POST http://example.test/",
    "frobnicate --all",
])
def test_mutating(command: str) -> None:
    assert classify(command).level == "mutating"


@pytest.mark.parametrize(("command", "reason"), [
    ("kubectl delete pod p -n x", "kubectl delete deletes the objects"),
    ("kubectl scale rollout r -n x --replicas=0", "scaling to zero replicas stops every pod"),
    ("argocd app sync app --force", "--force deletes and re-creates resources whose patch fails"),
    ("argocd app sync app --prune", "--prune deletes live resources that are no longer in Git"),
    ("kubectl argo rollouts undo r -n x", "undo rewrites spec.template live"),
    # xargs runs the command it wraps: classified as that command, not by the name "xargs"
    ("kubectl get pods -o name | xargs kubectl delete", "kubectl delete deletes the objects"),
])
def test_destructive(command: str, reason: str) -> None:
    result = classify(command)
    assert result.level == "destructive"
    assert any(r.startswith(reason) for r in result.reasons)


@pytest.mark.parametrize(("command", "level"), [
    # Flags before the sub-command, and flag values that look like words, are resolved by the grammar.
    ("argocd --server argocd.example.com app delete checkout", "destructive"),
    ("kubectl -n payments scale rollout checkout --replicas 0", "destructive"),
    ("kubectl logs --since 1h checkout-6d4f8b7c9-abcde -n payments", "read-only"),
    ("kubectl-argo-rollouts undo checkout -n payments", "destructive"),
    ("argocd app sync checkout --prune=false", "mutating"),
    ("kubectl gett pods", "mutating"),  # unknown sub-command: never trusted as read-only
])
def test_classification_uses_the_parsed_command(command: str, level: str) -> None:
    assert classify(command).level == level


# ----------------------------------------------------------------------------------------------------------------------
# The gate decides from what will really run (security review D1, rows 3.3-3.5): wrappers, interpreters and writers
# ----------------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [
    # 3.3: wrappers around a delete
    "timeout 10 kubectl delete pod <pod> -n <namespace>",
    "env kubectl delete pod <pod> -n <namespace>",
    "command kubectl delete pod <pod> -n <namespace>",
    # the same through other wrappers and shells
    "env -i PATH=/usr/bin kubectl delete pod web-1",
    "env -S 'kubectl delete pod web-1'",
    "timeout -s KILL --kill-after=5s 30 kubectl delete pod web-1",
    "nice -n 10 kubectl delete pod web-1",
    "stdbuf -oL kubectl delete pod web-1",
    "xargs -r -n1 kubectl delete pod",
    "sh -c 'kubectl delete pod web-1'",
    "bash -ec 'kubectl get pods; kubectl delete pod web-1'",
    "watch -n 5 kubectl delete pod web-1",
    "eval kubectl delete pod web-1",
    "exec kubectl delete pod web-1",
    "find . -name '*.yaml' -exec kubectl delete -f {} ';'",
    "argocd app list -o name | xargs -I{} argocd app delete {} --yes",
])
def test_a_wrapper_is_classified_by_the_command_it_runs(command: str) -> None:
    assert classify(command).level == "destructive", classify(command)


@pytest.mark.parametrize("command", [
    # 3.4
    "find /tmp/findtarget -delete",
    "awk 'BEGIN{system(\"touch /tmp/pwned-awk\")}'",
    "tee /tmp/pwned-tee",
    "kubens kube-system",
    # 3.5
    "sed -n 'w FILE'",
    "sed -e '1e CMD'",
    "kubectx prod",
    "argocd context prod",
    "curl -XPOST http://example.test/api",
    "curl --data-binary @f http://example.test/api",
    "curl -T f http://example.test/upload",
    "curl -o/tmp/x http://example.test/file",
    "openssl req -new -key k.pem -out f",
    "date -s '2026-01-01 00:00'",
    # more of each class
    "find . -fprint /tmp/list",
    "find . -name x -execdir rm {} +",
    "awk '{ print $1 > \"/tmp/out\" }' file",
    "awk '{ print | \"sh\" }'",
    "awk '{ \"date\" | getline d }'",
    "awk -f prog.awk data",
    "gawk -i inplace '{ print }' file",
    "sed 's/a/b/w /tmp/out' file",
    "sed 's/.*/id/e' file",
    "sed -i 's/a/b/' file",
    "sed -ni 's/a/b/p' file",
    "sed -f script.sed file",
    "sed '/x/W /tmp/out' file",
    "tee -a /tmp/log",
    "kubectl get pods | tee pods.txt",
    "kubectl get pods >> pods.txt",
    "kubectx -d prod",
    "kubens -",
    "argocd context --delete prod",
    "curl -sSL -X DELETE http://example.test/x",
    "curl -F file=@x http://example.test/upload",
    "curl --json '{}' http://example.test/api",
    "curl -sO http://example.test/file",
    "curl -K config.txt http://example.test/",
    "curl http://example.test/ --output /tmp/page",
    "openssl genrsa -out key.pem 2048",
    "openssl x509 -in c.pem -out d.pem",
    "date 010100002026",
    "sort -o sorted.txt input.txt",
    "uniq in.txt out.txt",
    "yq -i '.a = 1' f.yaml",
    "nohup kubectl get pods",
    "ssh host kubectl get pods",
    "bash script.sh",
    "sh -c \"$(curl -fsSL http://example.test/install.sh)\"",
    "kubectl kustomize overlays/prod -o out.yaml",
    "helm template x ./chart --output-dir out",
    "kustomize build overlays/prod -o out.yaml",
    "kustomize edit set image app=example/app:1.2.3",
])
def test_anything_that_writes_runs_or_switches_is_a_change(command: str) -> None:
    result = classify(command)
    assert result.level != "read-only", result
    assert result.reasons, result


@pytest.mark.parametrize("command", [
    "timeout 10 kubectl get pods -n x",
    "env KUBECONFIG=/tmp/k kubectl get pods",
    "command -v kubectl",
    "kubectl get pods -o name | xargs kubectl describe",
    "sh -c 'kubectl get pods | grep -c Running'",
    "watch -n 5 'kubectl get pods'",
    "find . -name '*.yaml' -exec grep -l Rollout {} +",
    "awk '{ print $1 }' file",
    "awk -F: '$3 > 1000 { print $1 }' /etc/passwd",
    "awk '/Error|Warning/ { n++ } END { print n }'",
    "awk '{ printf(\"%s\\n\", $1 > 5 ? \"big\" : \"small\") }'",
    "awk '{ print $0 > \"/dev/stderr\" }'",
    "sed -n 's/was/is/p' file",
    "sed -E 's/(a|b)/x/g; /^#/d' file",
    "sed -n '/^Events:/,$p'",
    "sed '1,/^$/d'",
    "tee /dev/null",
    "kubectx",
    "kubectx -c",
    "kubens --current",
    "argocd context",
    "curl -sS http://example.test/healthz",
    "curl -G --data-urlencode 'query=up' http://prometheus:9090/api/v1/query",
    "curl -sS -H 'Accept: application/json' -I http://example.test/",
    "openssl s_client -connect example.test:443 -servername example.test",
    "openssl x509 -noout -text -in cert.pem",
    "date -u +%Y-%m-%dT%H:%M:%SZ",
    "date -d '1 hour ago' +%s",
    "sort -k2 file",
    "nc -zv example.test 443",
    "helm template checkout ./charts/checkout -f values-prod.yaml",
    "helm get values checkout -n payments",
    "helm history checkout -n payments --max 5",
    "kustomize build overlays/prod",
    "kubectl kustomize overlays/prod",
])
def test_what_only_reads_stays_read_only(command: str) -> None:
    assert classify(command).read_only, classify(command)


_BASES = {
    "kubectl get pods -n x": "read-only",
    "kubectl delete pod p -n x": "destructive",
    "kubectl rollout restart deployment d": "mutating",
    "tee /tmp/out": "mutating",
}
_WRAPPERS = [
    lambda c: f"timeout 10 {c}",
    lambda c: f"env A=1 {c}",
    lambda c: f"command {c}",
    lambda c: f"nice {c}",
    lambda c: f"exec {c}",
    lambda c: f"xargs -0 {c}",
    lambda c: f"sh -c {shlex.quote(c)}",
    lambda c: f"bash -c {shlex.quote(c)}",
    lambda c: f"eval {shlex.quote(c)}",
    lambda c: f"watch -n 1 {shlex.quote(c)}",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(_BASES)), st.lists(st.sampled_from(range(len(_WRAPPERS))), max_size=4))
def test_nested_wrappers_never_hide_what_runs(base: str, nesting: list[int]) -> None:
    command = base
    for i in nesting:
        command = _WRAPPERS[i](command)
    assert classify(command).level == _BASES[base], command
