"""On the built site, every runbook_url lands on its page and anchor, and every alert has a page that links back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from alert_fixtures import alert_set, site_url  # noqa: F401  (fixtures)
from conftest import ROOT

from rbkb.alerts.load import AlertSet
from rbkb.model import Repository
from rbkb.render.alerts_files import ARGOCD_NOTIFICATIONS, ROLLOUTS_NOTIFICATIONS, RULES, dashboard_path
from rbkb.render.alerts_pages import ALERT_INDEX_DOC, MONITORING_DOC
from rbkb.urls import alert_doc


@pytest.fixture(scope="module")
def built(real_site: Path) -> Path:
    return real_site  # the run's one strict build of the real repository (conftest.py)


def _html(site: Path, site_url: str, url: str) -> tuple[str, str]:
    """The built HTML for an absolute site URL, and its anchor."""
    assert url.startswith(site_url), url
    path, _, anchor = url[len(site_url):].partition("#")
    page = site / path / "index.html"
    assert page.exists(), url
    return page.read_text(encoding="utf-8"), anchor


def _doc_html(site: Path, doc: str) -> str:
    folder = doc.removesuffix("index.md") if doc.endswith("index.md") else doc.removesuffix(".md")
    return (site / folder / "index.html").read_text(encoding="utf-8")


def test_every_runbook_url_resolves_to_a_page_and_anchor(built: Path, site_url: str) -> None:
    rules = yaml.safe_load((ROOT / RULES).read_text())
    urls = [r["annotations"]["runbook_url"] for g in rules["groups"] for r in g["rules"]]
    for rel in (ARGOCD_NOTIFICATIONS, ROLLOUTS_NOTIFICATIONS):
        urls += re.findall(r"Runbook: (\S+)", (ROOT / rel).read_text())
    assert len(urls) > 26
    for url in urls:
        html, anchor = _html(built, site_url, url)
        if anchor:
            assert f'id="{anchor}"' in html, url
    assert sum("#" in u for u in urls) >= 15


def test_every_declared_alert_has_a_page_linking_the_runbook(built: Path, repo: Repository) -> None:
    declaring = [rb for rb in repo.runbooks if rb.alerts]
    assert len(declaring) >= 15
    for rb in declaring:
        for name in rb.alerts:
            html = _doc_html(built, alert_doc(name))
            assert f'href="../../runbooks/{rb.id}/' in html, f"{name} does not link {rb.id}"


def test_alert_pages_explain_and_the_index_lists_them(built: Path, alert_set: AlertSet) -> None:
    index = _doc_html(built, ALERT_INDEX_DOC)
    for alert in alert_set.alerts.alerts:
        html = _doc_html(built, alert_doc(alert.name))
        for section in ("meaning", "impact", "diagnosis", "mitigation", "runbooks", "rule"):
            assert f'id="{section}"' in html, f"{alert.name}: no {section}"
        assert f'href="{alert.name.lower()}/"' in index, alert.name


def test_monitoring_page_serves_the_generated_files(built: Path, alert_set: AlertSet) -> None:
    html = _doc_html(built, MONITORING_DOC)
    for rel in (RULES, ARGOCD_NOTIFICATIONS, ROLLOUTS_NOTIFICATIONS, dashboard_path(alert_set)):
        name = Path(rel).name
        assert f'href="../files/{name}"' in html, name
        assert (built / "alerts/files" / name).read_text() == (ROOT / rel).read_text(), name
