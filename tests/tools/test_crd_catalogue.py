"""The custom resources of the traffic routers and cert-manager are the ones their CRDs define."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rbkb.grammar.model import resource_index
from rbkb.tools.generate.crd_catalogue import CRDS, SOURCES, extract

# Checkouts of the SOURCES repositories, as `<owner>+<name>/repo` (the layout of the search tool's mirror).
CHECKOUTS = Path(os.environ.get("RBKB_CRD_CHECKOUTS", "/work/.mirror"))
AVAILABLE = all((CHECKOUTS / repo.replace("/", "+") / "repo").is_dir() for repo, _c, _p in SOURCES)


@pytest.mark.skipif(not AVAILABLE, reason="checkouts of the CRD source repositories are not at hand")
def test_the_catalogue_is_what_the_crds_at_the_pinned_commits_define() -> None:
    assert extract(CHECKOUTS) == CRDS


def test_every_entry_points_at_its_crd_at_a_commit() -> None:
    for row in CRDS:
        assert row["source"].startswith("https://github.com/") and "/blob/" in row["source"], row


@pytest.mark.parametrize(("word", "group"), [
    ("apisixroute", "apisix.apache.org"), ("vs", "networking.istio.io"), ("virtualservices", "networking.istio.io"),
    ("trafficsplit", "split.smi-spec.io"), ("httpproxy", "projectcontour.io"), ("traefikservice", "traefik.io"),
    ("targetgroupbinding", "elbv2.k8s.aws"), ("mapping", "getambassador.io"),
    ("kongplugin", "configuration.konghq.com"), ("certificate", "cert-manager.io"), ("ingressroute", "traefik.io"),
])
def test_router_resources_are_known(word: str, group: str) -> None:
    found = resource_index().lookup(word)
    assert found and group in {r.group for r in found}, found


def test_argo_keeps_its_short_names_first() -> None:
    # `ar` is Argo Rollouts' AnalysisRun and APISIX's ApisixRoute: the runbooks mean Argo's
    found = resource_index().lookup("ar")
    assert found and found[0].group == "argoproj.io"
