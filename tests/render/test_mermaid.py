"""Decision trees: golden output, safe labels, links that resolve from the page's URL, and the real Mermaid parser."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from rbkb.load import load_repository
from rbkb.model import Repository
from rbkb.render.mermaid import decision_table, href, label, runbook_tree, runbook_tree_section, triage_tree
from rbkb.triage_tree import TriageBranch, TriageTree, load_triage

PARSER = Path(__file__).with_name("mermaid_parse.mjs")


def _repo(root: Path) -> Repository:
    repo, problems = load_repository(root)
    assert repo is not None, problems
    return repo


def mermaid_parse(sources: list[str]) -> list[str | None]:
    """None for each diagram the pinned mermaid package parses, else its error."""
    done = subprocess.run(["node", str(PARSER)], input=json.dumps(sources), capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


NASTY = 'Say "hi" to <namespace> & #deployments; `x` [a] {b} (c) | d --> e ;end'


@pytest.fixture(scope="module")
def real_repo() -> Repository:
    return _repo(ROOT)


def test_runbook_tree_golden(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(mini_repo)
    rb = repo.runbook("rollout-not-starting")
    golden("mermaid/rollout-not-starting.mmd", runbook_tree(rb, repo))
    golden("mermaid/rollout-not-starting-table.md", decision_table(rb, repo))


def test_triage_tree_golden(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(mini_repo)
    tree = TriageTree(question="What is failing?", branches=[
        TriageBranch(id="rollout", title="A Rollout", hint="It does not start", runbooks=["rollout-not-starting"]),
        TriageBranch(id="argocd", title='Argo CD "sync"', hint="OutOfSync", runbooks=["rollout-not-starting"]),
    ])
    golden("mermaid/triage.mmd", triage_tree(tree, repo))


def test_label_escapes_everything_mermaid_or_html_would_read() -> None:
    escaped = label(NASTY + "\n  next line")
    assert escaped == ('"Say #quot;hi#quot; to #lt;namespace#gt; #amp; #35;deployments; #96;x#96; [a] {b} (c) | '
                       'd --#gt; e ;end next line"')
    inner = escaped[1:-1]
    assert '"' not in inner and "<" not in inner and ">" not in inner and "\n" not in inner


def test_hrefs_are_relative_to_the_directory_url_of_the_page() -> None:
    assert href("runbooks/a.md", "runbooks/a.md", "cause-x") == "#cause-x"
    assert href("runbooks/a.md", "runbooks/b.md", "cause-x") == "../b/#cause-x"
    assert href("triage.md", "runbooks/a.md") == "../runbooks/a/"
    assert href("index.md", "triage.md") == "triage/"
    assert href("runbooks/a.md", "index.md") == "../../"
    assert href("components/argocd/index.md", "runbooks/index.md", "x") == "../../runbooks/#x"


def test_every_node_naming_a_check_cause_or_runbook_links_to_it(mini_repo: Path) -> None:
    repo = _repo(mini_repo)
    rb = repo.runbook("rollout-not-starting")
    tree = runbook_tree(rb, repo)
    for n, cause in enumerate(rb.causes, 1):
        anchor = "#cause-" + cause.id.replace("_", "-")
        assert f'click C{n} href "{anchor}"' in tree and f'click F{n} href "{anchor}"' in tree
    for n, step in enumerate(rb.quick_check, 1):
        assert f'click Q{n} href "#check-{step}"' in tree
    assert 'click E href "#escalation"' in tree


def test_section_keeps_the_diagram_lazy_and_adds_a_text_table(mini_repo: Path) -> None:
    repo = _repo(mini_repo)
    section = runbook_tree_section(repo.runbook("rollout-not-starting"), repo)
    assert "    ```mermaid-lazy\n    flowchart TD\n" in section
    assert "```mermaid\n" not in section  # Material would draw it (and load Mermaid) on page load
    assert "| Step | If | Then |" in section


def test_the_real_parser_accepts_every_generated_diagram_and_rejects_a_broken_one(real_repo: Repository) -> None:
    triage, problems = load_triage(ROOT, real_repo)
    assert triage is not None, problems
    nasty = TriageTree(question=NASTY, branches=[TriageBranch(id="x", title=NASTY, hint="h",
                                                              runbooks=[real_repo.runbooks[0].id])])
    diagrams = {f"runbook {rb.id}": runbook_tree(rb, real_repo) for rb in real_repo.runbooks}
    diagrams["triage"] = triage_tree(triage, real_repo)
    diagrams["labels with every special character"] = triage_tree(nasty, real_repo)
    diagrams["broken on purpose"] = "flowchart TD\n    A[unclosed --> B\n"
    results = dict(zip(diagrams, mermaid_parse(list(diagrams.values())), strict=True))
    assert results.pop("broken on purpose") is not None, "the parser accepted a broken diagram: the test proves nothing"
    assert {name: err for name, err in results.items() if err} == {}


def test_triage_data_reaches_every_runbook_and_names_only_real_ones(mini_repo: Path) -> None:
    repo = _repo(mini_repo)
    (mini_repo / "data/triage.yaml").write_text(
        "question: What is failing?\nbranches:\n  - id: a\n    title: A\n    hint: h\n    runbooks:\n"
        "      - no-such-runbook\n", encoding="utf-8")
    triage, problems = load_triage(mini_repo, repo)
    assert triage is None
    assert [str(p) for p in problems] == [
        "data/triage.yaml:7: RB007 branches.0.runbooks.0: no runbook 'no-such-runbook'",
        "data/triage.yaml:1: RB007 branches: runbook 'rollout-not-starting' is in no branch: "
        "add it where a reader would look for it",
    ]
