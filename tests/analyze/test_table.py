"""The signature table: built from the runbooks, shipped current in the package, and what an answer needs."""

from __future__ import annotations

import json

from analyze_support import ROOT, repo, table  # noqa: F401 (fixtures)

from rbkb.analyze.signatures import PACKAGED, Table, fingerprint, load_table
from rbkb.analyze.table import build_table
from rbkb.urls import site_url


def test_packaged_table_is_current(repo) -> None:
    built = build_table(repo, site_url(ROOT), fingerprint(ROOT))
    shipped = json.loads(PACKAGED.read_text(encoding="utf-8"))
    assert shipped == built.to_json(), "src/rbkb/data/signatures.json is stale: run scripts/gen_signatures.py"


def test_every_signal_with_a_cause_is_a_signature(repo, table) -> None:
    signals = [(rb.id, i) for rb in repo.runbooks for i, s in enumerate(rb.symptoms.signals) if s.cause]
    assert sorted((s.runbook, s.signal) for s in table.signatures) == sorted(signals)


def test_json_round_trip_keeps_everything(table) -> None:
    again = Table.from_json(json.loads(json.dumps(table.to_json())))
    assert again.to_json() == table.to_json() and again.signatures == table.signatures


def test_each_cause_links_to_its_section_and_names_its_fix(repo, table) -> None:
    for cause_id, info in table.causes.items():
        section = next(c for c in repo.runbook(info.runbook).causes if c.id == cause_id)
        assert info.path == f"runbooks/{info.runbook}/#cause-{cause_id.replace('_', '-')}"
        assert info.fix == tuple(step.title for step in section.fix)


def test_explained_by_names_only_known_causes(repo) -> None:
    from rbkb.analyze.causes import EXPLAINED_BY

    known = {c.id for c in repo.catalogue.causes}
    assert set(EXPLAINED_BY) <= known and {r for roots in EXPLAINED_BY.values() for r in roots} <= known


def test_a_changed_runbook_is_read_from_the_repository_not_the_package(tmp_path) -> None:
    import shutil

    from rbkb.analyze.signatures import CACHE, table_for

    for name in ("runbooks", "data", "mkdocs.yml", "schema"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    path = tmp_path / "runbooks" / "pod-oomkilled.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("confidence: 0.95", "confidence: 0.91", 1),
                    encoding="utf-8")
    built, note = table_for(tmp_path)
    assert note is None and built.fingerprint != load_table().fingerprint
    assert any(s.cause == "oom_killed" and s.confidence == 0.91 for s in built.signatures)
    assert (tmp_path / CACHE).is_file() and table_for(tmp_path)[0].to_json() == built.to_json()


def test_browser_table_holds_only_what_the_paste_box_needs(table) -> None:
    from rbkb.analyze.patterns import for_javascript, subset_problems
    from rbkb.analyze.segments import COMMAND_LINE
    from rbkb.analyze.table import browser_table

    published = browser_table(table)
    assert set(published) == {"format", "limit", "rank", "skip", "superseded", "causes", "explained_by", "signatures"}
    assert "https://" not in json.dumps(published)  # no site_url, no example sources: links are site-relative
    assert not {k for s in published["signatures"] for k in s} & {"example", "runbook", "signal"}
    assert len(published["signatures"]) == len(table.signatures)
    for sig, data in zip(table.signatures, published["signatures"], strict=True):
        assert data["cause"] == sig.cause and data["needles"] == list(sig.needles)
        assert data.get("pattern") == (for_javascript(sig.pattern) if sig.pattern else None)
        assert ("text" in data) == (sig.pattern is None)
    assert set(published["causes"]) == {s.cause for s in table.signatures}
    assert all(not c["path"].startswith(("/", "http")) and "#cause-" in c["path"] for c in published["causes"].values())
    assert published["skip"] == COMMAND_LINE.pattern and subset_problems(published["skip"]) == []
    assert list(published["explained_by"]) == list(table.explained_by)
