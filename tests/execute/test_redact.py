"""Credentials never reach an incident log or the terminal; the evidence around them stays."""

from __future__ import annotations

import json

import pytest

from rbkb.execute.redact import MASK, reads_secret_values, redact

JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXJnb2NkIn0.c2lnbmF0dXJl"

# `kubectl get secret -o yaml` shape (keys sorted: data comes before kind), as in the Kubernetes Secret docs
SECRET_YAML = """\
apiVersion: v1
data:
  password: MWYyZDFlMmU2N2Rm
  username: YWRtaW4=
kind: Secret
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","data":{"password":"MWYyZDFlMmU2N2Rm"},"kind":"Secret","metadata":{"name":"mysecret"}}
  name: mysecret
  namespace: default
type: Opaque
"""

LIST_YAML = """\
apiVersion: v1
items:
- apiVersion: v1
  data:
    tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
    tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t
  kind: Secret
  metadata:
    name: shop-example-com-tls
- apiVersion: v1
  data:
    log.level: debug
  kind: ConfigMap
  metadata:
    name: app-config
kind: List
"""

KUBECONFIG = """\
users:
- name: admin
  user:
    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=
    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=
- name: robot
  user:
    token: 3f2a9c0d4e5b6a7f8e9d0c1b2a3f4e5d
"""


@pytest.mark.parametrize(("text", "secret", "kept"), [
    ("curl -H 'Authorization: Bearer abc.def.ghi123' https://x/api", "abc.def.ghi123", "https://x/api"),
    ("> Authorization: Basic YWRtaW46cGFzc3dvcmQ=\n< HTTP/1.1 200 OK", "YWRtaW46cGFzc3dvcmQ=", "HTTP/1.1 200 OK"),
    (f"token is {JWT} here", JWT, "token is"),
    ("argocd login argocd.example.com --username admin --password 's3cr3t pass'", "s3cr3t", "--username admin"),
    ("argocd app list --auth-token=0123456789abcdef", "0123456789abcdef", "argocd app list"),
    ("ARGOCD_AUTH_TOKEN=0123456789abcdef argocd app list", "0123456789abcdef", "argocd app list"),
    ("repo https://bot:ghp_0123456789@git.example.com/x.git failed", "ghp_0123456789", "git.example.com/x.git"),
    ('{"username": "admin", "password": "hunter2hunter2"}', "hunter2hunter2", '"username": "admin"'),
    ("    password: hunter2hunter2\n    user: admin", "hunter2hunter2", "user: admin"),
    ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nnext", "MIIEowIBAAKCAQEA",
     "next"),
    (SECRET_YAML, "MWYyZDFlMmU2N2Rm", "name: mysecret"),
    (SECRET_YAML, "YWRtaW4=", "type: Opaque"),
    (LIST_YAML, "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t", "log.level: debug"),
    (KUBECONFIG, "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=", "name: robot"),
    (KUBECONFIG, "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=", "name: admin"),
    (KUBECONFIG, "3f2a9c0d4e5b6a7f8e9d0c1b2a3f4e5d", "user:"),
])
def test_secret_is_masked_and_context_kept(text: str, secret: str, kept: str) -> None:
    out = redact(text)
    assert secret not in out
    assert MASK in out
    assert kept in out


def test_secret_json_data_and_last_applied_are_masked() -> None:
    secret = {"apiVersion": "v1", "kind": "Secret", "data": {"auth": "c2VjcmV0"},
              "metadata": {"name": "argocd-redis", "annotations": {
                  "kubectl.kubernetes.io/last-applied-configuration": '{"data":{"auth":"c2VjcmV0"}}'}}}
    listing = json.dumps({"kind": "List", "items": [secret, {"kind": "ConfigMap", "data": {"a": "b"}}]}, indent=4)
    out = redact(listing)
    assert "c2VjcmV0" not in out
    parsed = json.loads(out)
    assert parsed["items"][0]["data"] == {"auth": MASK}
    assert parsed["items"][1]["data"] == {"a": "b"}


def test_configmap_data_and_references_are_not_masked() -> None:
    text = """\
apiVersion: v1
data:
  url: https://argocd.example.com
kind: ConfigMap
---
spec:
  tls:
  - hosts: [shop.example.com]
    secretName: shop-example-com-tls
  containers:
  - env:
    - name: REDIS_PASSWORD
      valueFrom:
        secretKeyRef: {key: auth, name: argocd-redis}
"""
    assert redact(text) == text


def test_kubectl_describe_references_stay() -> None:
    text = "    Environment:\n" \
           "      REDIS_PASSWORD:  <set to the key 'auth' in secret 'argocd-redis'>  Optional: false\n" \
           "Data\n====\ntls.crt:  1164 bytes\ntls.key:  1704 bytes\n"
    assert redact(text) == text


def test_plain_diagnostic_output_is_unchanged() -> None:
    text = "NAME                        READY   STATUS             RESTARTS   AGE\n" \
           "checkout-6d8f7c9b7d-x2kqj   0/1     ImagePullBackOff   0          5m\n"
    assert redact(text) == text


# The shapes that leaked in the audit (security.md D11, rows 5.8-5.12), with markers like its own.
@pytest.mark.parametrize(("text", "secret", "kept"), [
    ("remote https://user:LEAK18pa/ss@git.example.com/org/repo.git", "LEAK18pa/ss", "@git.example.com/org/repo.git"),
    ("dsn postgres://app:LEAK17p@ss@db.example.com:5432/orders", "ss@db", "@db.example.com:5432/orders"),
    ("apiVersion: v1\nkind: Secret\ndata: {password: TEVBSzIwZmxvdw==, user: YWRtaW4=}\n", "TEVBSzIwZmxvdw==",
     "kind: Secret"),
    ("apiVersion: v1\ndata: {password: TEVBSzIwZmxvdw==}\nkind: Secret\n", "TEVBSzIwZmxvdw==", "kind: Secret"),
    ("{apiVersion: v1, kind: Secret, data: {tls.key: TEVBSzIx, tls.crt: Y2VydA==}}", "TEVBSzIx", "kind: Secret"),
    ('{"kind":"Secret","data":{"password":"TEVBSzIy"}} from the webhook log', "TEVBSzIy", "from the webhook log"),
    ("DB_PASS=LEAK22dbpass ./migrate", "LEAK22dbpass", "./migrate"),
    ("MYSQL_ROOT_PASSWORD='LEAK23 spaced' and REDIS_PASS=LEAK24", "LEAK23", "and"),
    ("GITLAB_TOKEN=LEAK25tok", "LEAK25tok", "GITLAB_TOKEN="),
    ("env: db_password=LEAK26 redis_pass=LEAK27 api_token=LEAK28", "LEAK2", "env:"),
])
def test_audited_shapes_are_masked(text: str, secret: str, kept: str) -> None:
    out = redact(text)
    assert secret not in out and MASK in out and kept in out


@pytest.mark.parametrize("text", [
    "https://argocd.example.com:8443/applications/checkout@v2",  # a port and an @ in the path: no password
    "kubectl get pods -l app=token-service,tier=web",
    "SSL_PASSTHROUGH=true BYPASS_CACHE=1",
    "apiVersion: v1\nkind: ConfigMap\ndata: {log.level: debug}\n",
])
def test_look_alikes_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(("command", "bare"), [
    ("kubectl get secret db -n shop -o jsonpath='{.data.password}'", True),
    ("kubectl get secret/db -ojsonpath={.data}", True),
    ("kubectl get secrets -n shop -o go-template='{{range .items}}{{.data}}{{end}}'", True),
    ("kubectl get cm,secret -n shop -o custom-columns=D:.data", True),
    ("kubectl get secret db -o json | jq -r .data.password", True),
    ("kubectl get secret db -o yaml | grep password", True),
    ("kubectl --context prod get secret db --template='{{.data.password}}'", True),
    ("argocd admin initial-password -n argocd", True),
    ("kubectl view-secret db password", True),
    ("kubectl get secret db -n shop -o yaml", False),  # the whole object: its data is masked by shape
    ("kubectl get secrets -n shop", False),  # NAME TYPE DATA AGE
    ("kubectl describe secret db", False),  # sizes only
    ("kubectl get pods -o jsonpath='{.items[*].metadata.name}'", False),
])
def test_commands_that_print_bare_secret_values(command: str, bare: bool) -> None:
    assert reads_secret_values(command) is bare
