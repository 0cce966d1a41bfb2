"""Rule ids of the grammar layer (RB2xx), published on the "Lint rules" page.

Every grammar finding but RB208 is an error: the real tool would refuse the command (or, for RB205 and RB207, the
API server or kubectl would, once it talks to a cluster). RB208 is a warning, because only the API server knows
which custom resources a cluster serves.
"""

from __future__ import annotations

RULES: dict[str, dict[str, str]] = {
    "RB201": {
        "title": "Unknown command",
        "description": (
            "The sub-command does not exist for kubectl, kubectl argo rollouts, argocd, helm or kustomize (for example "
            "`kubectl rollout restartt`, `argocd app gett`, `kubectl argo rollout promote`). The message suggests "
            "the closest real sub-command. Also reported for a kubectl plugin invoked with flags before its name "
            "(`kubectl -n ns argo rollouts ...`), which kubectl refuses with \"flags cannot be placed before plugin "
            "name\"."
        ),
    },
    "RB202": {
        "title": "Unknown flag",
        "description": (
            "A flag, long or short, is not accepted by this sub-command: it is neither one of its own flags nor "
            "inherited from a parent command nor global. Typical causes are typos (`--tial`), a flag that belongs "
            "to another sub-command (`kubectl get --tail`), a removed flag (`kubectl version --short`) and "
            "argocd's `-n` where the application namespace is `-N`/`--app-namespace`. The message suggests the "
            "closest flag or names the sub-command the flag belongs to."
        ),
    },
    "RB203": {
        "title": "Invalid flag or argument value",
        "description": (
            "A flag value does not parse as the flag's type the way the Go CLI parses it: integers "
            "(`--tail=abc`), booleans, durations (`--since=1d`: Go durations have no day unit), or a value outside "
            "the flag's documented choices (`-o jsonx`, `--dry-run=yes`, `--cascade=Orphan`); also a flag that "
            "needs a value and has none (`kubectl get pods -n`). Values containing a placeholder such as "
            "`<lines>` are not checked. Beyond the flag's type, the values each tool checks in its own code are "
            "checked too: `kubectl scale --replicas=-1`, `kubectl run --restart=Sometimes`, `kubectl events "
            "--types=Warnings`, `kubectl create rolebinding --serviceaccount NAME` (needs `namespace:name`), "
            "`argocd app set --sync-policy automatc`, `argocd app rollback APP abc` (the history ID is a number) and "
            "`kubectl argo rollouts restart NAME --in tomorrow` (a Go duration)."
        ),
    },
    "RB204": {
        "title": "Missing required flag or argument",
        "description": (
            "A flag the command marks as required is absent (`kubectl scale` without `--replicas`, `kubectl "
            "create deployment` without `--image`), or a required positional argument is missing (`argocd app "
            "get` without an application name, `kubectl logs` with neither a pod, TYPE/NAME nor `-l` selector, "
            "`kubectl exec POD` without `-- COMMAND`, `kubectl wait` without `--for`, `argocd login` without a server "
            "unless `--core` or `--port-forward`, `argocd cluster add` without a context, `kubectl argo rollouts lint` "
            "without `-f FILE`)."
        ),
    },
    "RB205": {
        "title": "Unknown resource type",
        "description": (
            "A resource type given to kubectl (as TYPE, TYPE1,TYPE2, TYPE/NAME or kind.group) is malformed, or is "
            "a misspelling of a known one (`rolouts`, `svcc`): the message suggests the type meant. Known types are "
            "the built-in Kubernetes kinds (plural, singular or short name) and the custom resources of Argo "
            "Rollouts, Argo CD, prometheus-operator, cert-manager and the traffic routers Argo Rollouts works with "
            "(Gateway API, Istio, APISIX, Traefik, Contour, SMI, the AWS Load Balancer Controller, Ambassador and "
            "Kong). kubectl itself only finds out from the API server (\"the server doesn't have a resource type\")."
        ),
    },
    "RB206": {
        "title": "Unexpected argument",
        "description": (
            "The command is given more positional arguments than it accepts, or arguments it does not take at "
            "all. A frequent cause is a value separated by a space from a flag whose value is optional or boolean: "
            "`kubectl apply --dry-run client -f x.yaml` makes `client` a stray argument (write `--dry-run=client`). "
            "Also `kubectl exec POD COMMAND` without `--`, and mixing TYPE/NAME with a separate TYPE."
        ),
    },
    "RB207": {
        "title": "Resource type not supported by this command",
        "description": (
            "The resource type exists but the command cannot act on it, so the command fails once it reaches the "
            "cluster. `kubectl rollout restart|status|undo|history` only handle deployments, daemonsets and "
            "statefulsets (`rollout pause|resume` only deployments): an Argo Rollout needs `kubectl argo rollouts "
            "restart|status|undo|pause|promote`. `kubectl logs|exec|attach|port-forward` only resolve pods from "
            "the workload kinds kubectl knows (pods, deployments, replicasets, statefulsets, daemonsets, jobs, "
            "replicationcontrollers, services); `kubectl set image`, `autoscale` and `expose` only handle built-in "
            "workloads too. The supported kinds are the ones kubectl's own completion offers for the command."
        ),
    },
    "RB208": {
        "title": "Resource type rbkb does not know",
        "severity": "warning",
        "description": (
            "A well-formed resource type that is neither built in nor one of the custom resources rbkb knows, and "
            "not close to one. It may be a custom resource your cluster serves: only the API server can tell, so "
            "this is a warning. If the type is right, silence it for that command with "
            "`lint: {ignore: [RB208]}`; if it is a custom resource many runbooks use, add its CRD to the generated "
            "resource list (`scripts/gen_grammar.py resources`)."
        ),
    },
}
