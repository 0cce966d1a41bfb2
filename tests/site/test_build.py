"""The strict site build is a test: it passes on the real repository and fails loudly on bad input."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, edit, mkdocs_build

RB = "runbooks/rollout-not-starting.yaml"


def build(src: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(src, site, **env)


@pytest.fixture(scope="module")
def built_site(real_site_build: tuple[Path, str]) -> Path:
    """The run's one strict build of the real repository (conftest.real_site_build)."""
    site, stderr = real_site_build
    assert [line for line in stderr.splitlines() if line.startswith("WARNING")] == []
    return site


def test_every_runbook_has_a_page_and_every_component_an_index(built_site: Path) -> None:
    from rbkb.load import load_repository

    repo, _ = load_repository(ROOT)
    assert repo is not None
    for rb in repo.runbooks:
        page = (built_site / "runbooks" / rb.id / "index.html").read_text(encoding="utf-8")
        for section in ("symptoms", "quick-check", "diagnosis", "causes", "escalation", "related"):
            assert f'id="{section}"' in page, f"{rb.id}: section {section} missing"
        for cause in rb.causes:
            assert f'id="cause-{cause.id.replace("_", "-")}"' in page
    for component in repo.by_component():
        assert (built_site / "components" / component / "index.html").exists()
    assert (built_site / "runbooks" / "index.html").exists()


def test_no_hand_written_runbook_stubs() -> None:
    assert not (ROOT / "docs" / "runbooks").exists(), "runbook pages are generated; docs/runbooks/ must not exist"


def test_home_page_maps_symptoms_to_runbooks(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "What are you seeing?" in home
    assert 'href="runbooks/rollout-not-starting/"' in home
    assert "<code>OutOfSync</code>" in home


def test_commands_reach_the_page_verbatim(built_site: Path) -> None:
    page = (built_site / "runbooks/rollout-not-starting/index.html").read_text(encoding="utf-8")
    assert "{.status.pauseConditions[*].reason}{&quot; | paused=&quot;}" in page or \
        '{.status.pauseConditions[*].reason}{" | paused="}' in page
    assert '<span class="rb-ph"' in page


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    import re

    offenders = []
    for html_file in built_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", text):
            if 'rel="canonical"' in tag:  # names the page's own URL; browsers do not fetch it
                continue
            for host in re.findall(r'(?:src|href)="(?:https?:)?//([^"/]+)', tag):
                offenders.append(f"{html_file.relative_to(built_site)}: {host}")
    assert offenders == []


@pytest.mark.parametrize(
    ("case", "old", "new", "rule"),
    [
        ("yaml syntax", "title: Rollout does not start after a change", "title: [unclosed", "RB001"),
        ("missing field", "    root_cause: >-\n      A Rollout, like", "    why: >-\n      A Rollout, like", "RB003"),
        ("unknown field", "severity: P3\n", "severity: P3\nseverty: P2\n", "RB003"),
        ("undeclared placeholder", "command: argocd app diff <app>", "command: argocd app diff <application>", "RB009"),
        ("alias bomb", "severity: P3\n", "severity: P3\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)), "RB001"),
    ],
)
def test_bad_runbook_fails_the_build_with_file_and_line(site_copy: Path, tmp_path: Path, case: str, old: str,
                                                        new: str, rule: str) -> None:
    from rbkb.load import load_repository

    edit(site_copy / RB, old, new)
    _repo, problems = load_repository(site_copy)
    expected = [str(p) for p in problems if p.file == RB and p.rule == rule]
    assert expected, f"{case}: the loader found no {rule}"
    result = build(site_copy, tmp_path / "out")
    assert result.returncode != 0, f"{case}: build passed"
    for message in expected:
        assert message in result.stderr, result.stderr
    assert not (tmp_path / "out" / "index.html").exists(), "nothing may be published from a failed build"


def test_duplicate_id_fails_the_build(site_copy: Path, tmp_path: Path) -> None:
    (site_copy / "runbooks/copy.yaml").write_text((site_copy / RB).read_text())
    result = build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"runbooks/copy.yaml:2: RB005 id: duplicate id 'rollout-not-starting' (also in {RB})" in result.stderr


@pytest.mark.parametrize("template", ["{{ no_such_macro() }}", "{{ undefined_thing }}"])
def test_macro_error_fails_the_build_and_publishes_no_error_page(site_copy: Path, tmp_path: Path,
                                                                 template: str) -> None:
    (site_copy / "docs/broken.md").write_text(f"---\nrender_macros: true\n---\n# Broken\n\n{template}\n")
    edit(site_copy / "mkdocs.yml", "not_in_nav: |\n", "not_in_nav: |\n  /broken.md\n")
    result = build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert template.strip("{} ").removesuffix("()") in result.stderr
    published = list((tmp_path / "out").rglob("*.html")) if (tmp_path / "out").exists() else []
    assert not any("Macro" in p.read_text(encoding="utf-8") and "Error" in p.read_text(encoding="utf-8")
                   for p in published)
    assert not (tmp_path / "out" / "broken" / "index.html").exists()


def test_broken_link_in_a_runbook_fails_the_build_and_keeps_the_old_site(site_copy: Path, tmp_path: Path) -> None:
    """Security audit D14, row 1.18: htmlproofer fails while pages are written, after MkDocs emptied the folder; the
    folder was left with 13 HTML files of the new site and none of the old."""
    old = tmp_path / "out"
    (old / "runbooks").mkdir(parents=True)
    (old / "index.html").write_text("the old site\n")
    (old / "runbooks" / "index.html").write_text("old runbooks\n")
    edit(site_copy / RB, "Push an image with a new tag", "Push an image ([see](../nowhere.md)) with a new tag")
    result = build(site_copy, old)
    assert result.returncode != 0
    assert "nowhere.md" in result.stderr
    assert sorted(str(p.relative_to(old)) for p in old.rglob("*")) == ["index.html", "runbooks", "runbooks/index.html"]
    assert (old / "index.html").read_text() == "the old site\n"
    assert [p.name for p in tmp_path.iterdir() if ".rbkb-" in p.name] == []  # no staging folder left behind
