"""Parsing details of the grammar checker (cobra/pflag behaviour) and its speed."""

from __future__ import annotations

import shlex
import time

import pytest

from rbkb.grammar import RULES, check_argv, parse_argv
from rbkb.grammar.values import check_value


def rules(command: str) -> list[str]:
    return [f.rule for f in check_argv(shlex.split(command))]


@pytest.mark.parametrize("command", [
    "kubectl get pods -n argocd",
    "kubectl get pods -nargocd",
    "kubectl get pods -n=argocd",
    "kubectl get pods --namespace argocd",
    "kubectl get pods --namespace=argocd",
    "kubectl -n argocd get pods",  # global flag before the sub-command
    "kubectl get -n argocd pods",
    "kubectl get pods -Aw",  # combined boolean shorthands
    "kubectl get pods -wA=true",
    "kubectl get pods --all_namespaces",  # kubectl normalises _ to -
    "kubectl exec -it mypod -- sh -c 'ls -l --bogus'",  # everything after -- is not checked
    "kubectl logs mypod --tail -1",  # a flag value may start with -
    "kubectl get pods -o JSON",  # printer formats are case-insensitive
    "kubectl get pods -o jsonpath --template={.items}",
    "kubectl scale deploy/x --replicas=0x10",  # Go integer literals
    "kubectl logs mypod --since=1h30m",
    "kubectl logs mypod --since=.5h",
    "kubectl apply -f x.yaml --dry-run",  # optional value (deprecated but accepted)
    "kubectl apply -f x.yaml --dry-run=true",  # deprecated boolean spelling
    "kubectl delete pod x --cascade=false",
    "kubectl scale deploy x --replicas=1 --record",  # hidden deprecated flag kubectl still accepts
    "kubectl get rollouts.argoproj.io",
    "kubectl get deployments.v1.apps",
    "kubectl get deploy.apps x",
    "kubectl get Deployment",
    "kubectl get all",
    "kubectl get gateways.networking.istio.io",  # a CRD group this platform does not know: not judged
    "kubectl get po,svc,deploy,rs,ing,ep,endpointslices,pvc,pv,cm,secret,sa,no,ns,ev,hpa,pdb,netpol",
    "kubectl get ingressclasses,sc,crd,jobs,cj,sts,ds,roles,clusterroles,rolebindings,leases",
    "kubectl get ro,ar,at,cat,exp,app,apps,appset,appproj",
    "kubectl get smon,pmon,promrule,gtw,httproutes,grpcroutes,gc,referencegrants",
    "kubectl get svc/argocd-server deploy/x",
    "kubectl top nodes",  # alias of top node
    "kubectl version --client",
    "kubectl --help",
    "kubectl logs --help",
    "argocd app get my-app -N apps",
    "argocd --grpc-web app list",
    "kubectl argo rollouts -n ns get rollout x",  # flags after the plugin name are the plugin's
    "kubectl argo rollouts get ro x",  # alias
    "kubectl argo rollouts list exp",
    "kubectl argo rollouts version",
    "terraform plan --bogus",  # programs no tool module handles are not checked
    "echo kubectl get --bogus",
])
def test_accepted(command: str) -> None:
    assert rules(command) == [], check_argv(shlex.split(command))


@pytest.mark.parametrize("command,rule", [
    ("kubectl get pods -nfoo -x", "RB202"),
    ("kubectl get pods --namespace", "RB203"),
    ("kubectl logs p --tail=", "RB203"),
    ("kubectl get pods -o json=x", "RB203"),
    ("kubectl get pods -o jsonpath", "RB203"),
    ("kubectl get pods -o custom-columns", "RB203"),
    ("kubectl apply -f x.yaml --dry-run=yes", "RB203"),
    ("kubectl apply -f x.yaml --validate=Warn", "RB203"),
    ("kubectl delete pods x --all", "RB206"),
    ("kubectl get", "RB204"),
    ("kubectl rollout", "RB204"),
    ("kubectl create deployment x", "RB204"),
    ("kubectl create deploymnt x --image=y", "RB201"),
    ("kubectl rollout pause daemonset/x", "RB207"),
    ("kubectl completion tcsh", "RB203"),
    ("kubectl port-forward rollout/x 8080:80", "RB207"),
    ("kubectl get virtualservicez", "RB205"),  # a misspelling of Istio's virtualservices
    ("kubectl get rolouts.argoproj.io", "RB205"),
    ("kubectl get deployments.batch", "RB205"),
    ("argocd app rollback", "RB204"),
    ("argocd app list -o jsonx", "RB203"),
    ("argocd app", "RB204"),
    ("kubectl argo rollouts get rollout", "RB204"),
    ("kubectl argo rollouts get rollout a b", "RB206"),
    ("kubectl argo rollouts get foo x", "RB201"),
    ("kubectl argo", "RB201"),
    ("kubectl-argo-rollouts promot x", "RB201"),
])
def test_rejected(command: str, rule: str) -> None:
    assert rule in rules(command), check_argv(shlex.split(command))


@pytest.mark.parametrize("command", [
    "kubectl logs <pod> -n <namespace> --tail=<lines>",
    "kubectl get <resource> -n <namespace>",
    "kubectl get <resource>/<name> -o yaml",
    "kubectl scale deploy/<name> --replicas=<n>",
    "kubectl logs $POD --since=${SINCE}",
    "kubectl <verb> pods",
    "kubectl rollout <action> deploy/x",
    "argocd app <action> my-app",
    "argocd app get <app> -o <format>",
    "kubectl get pods --<flag>=x",
])
def test_placeholders_match_anything(command: str) -> None:
    assert rules(command) == []


def test_messages_suggest_the_closest_name() -> None:
    (f,) = check_argv(["kubectl", "logs", "--tial=5", "p"])
    assert f.message == 'unknown flag --tial for "kubectl logs" (did you mean --tail?)'
    (f,) = check_argv(["kubectl", "get", "pods", "--tail=5"])
    assert "--tail is a flag of \"kubectl logs\"" in f.message
    (f,) = check_argv(["kubectl", "gett", "pods"])
    assert 'did you mean "get"' in f.message
    (f,) = check_argv(["argocd", "app", "get", "x", "-n", "argocd"])
    assert "-N/--app-namespace" in f.message
    (f,) = check_argv(["kubectl", "get", "rolouts"])
    assert 'did you mean "rollouts"' in f.message
    (f,) = check_argv(["kubectl", "rollout", "restart", "rollout/x"])
    assert f.rule == "RB207" and "kubectl argo rollouts restart" in f.message


def test_parse_argv_exposes_the_command() -> None:
    parsed, findings = parse_argv(shlex.split("kubectl -n argocd rollout restart deploy/x -- a b"))
    assert findings == []
    assert parsed is not None and parsed.tool == "kubectl" and parsed.path == ("rollout", "restart")
    assert parsed.flags == {"namespace": ["argocd"]}
    assert parsed.positionals == ["deploy/x"]
    assert parsed.dash_args == ["a", "b"]
    parsed, _ = parse_argv(["kubectl", "argo", "rollouts", "promote", "r", "--full"])
    assert parsed is not None and parsed.tool == "argo-rollouts" and parsed.path == ("promote",)
    assert parse_argv(["ls", "-l"]) == (None, [])


@pytest.mark.parametrize("typ,value,ok", [
    ("int", "10", True), ("int", "-1", True), ("int", "0x1F", True), ("int", "1_000", True),
    ("int", "1.5", False), ("int", "08", False), ("int", "", False), ("uint", "-1", False),
    ("bool", "True", True), ("bool", "yes", False), ("duration", "0", True), ("duration", "1h2m3s", True),
    ("duration", "300ms", True), ("duration", "1.5h", True), ("duration", "60", False),
    ("duration", "1d", False), ("duration", "5 m", False), ("float", "1e3", True), ("float", "x", False),
    ("stringToString", "a=b,c=d", True), ("stringToString", "ab", False),
])
def test_go_value_parsers(typ: str, value: str, ok: bool) -> None:
    assert (check_value(typ, value) is None) is ok


def test_rules_are_documented() -> None:
    for rule_id, rule in RULES.items():
        assert rule_id.startswith("RB2") and len(rule_id) == 5
        assert rule["title"] and len(rule["description"]) > 80


def test_fast_enough() -> None:
    commands = [shlex.split(c) for c in (
        "kubectl logs -n argocd -l app.kubernetes.io/name=argocd-server --tail=100",
        "kubectl get events -n argocd --sort-by=.lastTimestamp",
        "argocd app sync guestbook --prune --timeout 300",
        "kubectl argo rollouts get rollout rollouts-demo --watch",
        "kubectl rollout restart deploy/x -n ns",
    )]
    check_argv(commands[0])  # load the grammars once
    n = 400
    start = time.perf_counter()
    for i in range(n):
        check_argv(commands[i % len(commands)])
    per_command = (time.perf_counter() - start) / n
    assert per_command < 0.001, f"{per_command * 1e6:.0f} µs per command"
