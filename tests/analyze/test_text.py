"""`port_mismatch`: a Service whose targetPort the pods do not serve (describe pair, or a port-forward to the svc)."""

from __future__ import annotations

from analyze_support import OUTPUTS, read_output, repo, table  # noqa: F401 (fixtures)

from rbkb.analyze import analyze_outputs
from rbkb.analyze.segments import split_outputs
from rbkb.analyze.text import port_mismatch

# TheK8sBook#47: `kubectl port-forward service/svc-test 30001:8080` resolved to targetPort 9090, which refused.
CAPTURE = read_output(OUTPUTS / "service_port_mismatch" / "thek8sbook-47-port-forward-svc.txt")
COMMAND = "$ kubectl port-forward service/svc-test 30001:8080"
REFUSAL = next(line for line in CAPTURE.splitlines() if "connection refused" in line)


def _hits(text: str) -> list[tuple[str, float, list[str]]]:
    return list(port_mismatch(split_outputs(text)))


def test_port_forward_to_a_service_refused_on_its_target_port() -> None:
    assert _hits(CAPTURE) == [("service_port_mismatch", 0.57, ["Forwarding from 127.0.0.1:30001 -> 9090", REFUSAL])]


def test_reported_at_no_more_than_0_6_beside_the_port_forward_failure(table) -> None:
    found = {f.id: f for f in analyze_outputs([CAPTURE], table)}
    assert found["service_port_mismatch"].confidence == 0.6
    assert "port_forward_failure" in found and found["port_forward_failure"].confidence > 0.6


def test_command_forms_that_name_a_service() -> None:
    for command in ("$ kubectl -n default port-forward svc/svc-test 30001:8080",
                    "$ kubectl port-forward services/svc-test --address 127.0.0.1 30001:8080",
                    "$ kubectl port-forward service/svc-test :8080",
                    "$ k port-forward svc/svc-test 30001:8080"):
        assert [h[0] for h in _hits(CAPTURE.replace(COMMAND, command))] == ["service_port_mismatch"], command


def test_not_for_a_pod_or_workload_port_forward() -> None:
    for command in ("$ kubectl port-forward svc-test-7d4b9c-x2x9z 30001:8080",
                    "$ kubectl port-forward pod/svc-test-7d4b9c-x2x9z 30001:8080",
                    "$ kubectl port-forward deployment/svc-test 30001:8080"):
        assert _hits(CAPTURE.replace(COMMAND, command)) == [], command
    for name in ("kubectl-1169-lost-connection.txt", "kubeapps-981-port-forward.txt"):  # real pod port-forwards
        assert _hits(read_output(OUTPUTS / "port_forward_failure" / name)) == [], name


def test_not_when_the_target_port_is_the_service_port() -> None:
    text = CAPTURE.replace(COMMAND, "$ kubectl port-forward service/svc-test 30001:9090")
    assert _hits(text) == []


def test_not_without_a_refusal_on_the_target_port() -> None:
    assert _hits(CAPTURE.replace(REFUSAL + "\n", "").replace(REFUSAL, "")) == []
    assert _hits(CAPTURE.replace("9090: connect: connection refused", "9090: connect: connection reset by peer")) == []
    assert _hits(CAPTURE.replace(REFUSAL, REFUSAL.replace("9090", "9091"))) == []  # refused on another port


def test_not_without_the_command_line() -> None:
    assert _hits(CAPTURE.replace(COMMAND + "\n", "")) == []


def test_describe_pair_whose_target_port_no_container_declares() -> None:
    svc = ("Name:              web\nNamespace:         default\nSelector:          app=web\n"
           "Type:              ClusterIP\nPort:              <unset>  80/TCP\nTargetPort:        {target}/TCP\n"
           "Endpoints:         10.244.0.5:{target}\n")
    pod = ("Name:         web-6d4cf56db6-abcde\nNamespace:    default\n"
           "Controlled By:  ReplicaSet/web-6d4cf56db6\nContainers:\n  web:\n    Image:          nginx\n"
           "    Port:           80/TCP\n    Host Port:      0/TCP\n")
    mismatch = svc.format(target=8080) + "\n" + pod
    assert _hits(mismatch) == [("service_port_mismatch", 0.75,
                                ["TargetPort:        8080/TCP", "    Port:           80/TCP"])]
    assert _hits(svc.format(target=80) + "\n" + pod) == []
    assert _hits(svc.format(target=8080)) == []  # the Service alone: nothing to compare


# Evidence of absence. The lines are kubectl's wording for an empty namespace and a listing without the controller
# (kubectl's `No resources found in %s namespace.`); the namespaces are the install manifests' defaults.
def test_an_empty_controller_namespace_is_evidence_the_controller_is_missing(table) -> None:
    found = analyze_outputs(["$ kubectl get pods -n argo-rollouts\nNo resources found in argo-rollouts namespace.\n"],
                            table)
    assert [f.id for f in found] == ["rollouts_controller_down"]
    assert found[0].evidence == ("No resources found in argo-rollouts namespace.",)


def test_a_controller_namespace_listing_without_the_controller_pod(table) -> None:
    listing = ("$ kubectl -n ingress-nginx get pods\n"
               "NAME                                   READY   STATUS      RESTARTS   AGE\n"
               "ingress-nginx-admission-create-x7k2p   0/1     Completed   0          3m\n")
    assert [f.id for f in analyze_outputs([listing], table)] == ["ingress_controller_missing"]
    with_controller = listing + "ingress-nginx-controller-5c8d66c76d-4wz   1/1     Running     0          3m\n"
    assert analyze_outputs([with_controller], table) == []
    other_namespace = listing.replace("-n ingress-nginx", "-n shop")
    assert analyze_outputs([other_namespace], table) == []
