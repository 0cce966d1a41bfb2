"""Quick-reference cards: each is one page in A4 and Letter and prints every command it names, as the runbook has it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from rbkb.cards.load import load_cards
from rbkb.cards.model import CardSet
from rbkb.cards.pdf import render_pdf
from rbkb.commands.cards import cards as cards_command
from rbkb.load import load_repository
from rbkb.model import Repository
from rbkb.render.cards import PAGE_SIZES, card_commands, card_html

SITE = "https://runbooks.example.internal/"

MINI_CARDS = """\
cards:
  - id: mini
    title: Mini <card> & co
    intro: Replace `<rollout>` first.
    sections:
      - title: Look
        items:
          - {runbook: rollout-not-starting, check: rollout-tree}
          - {runbook: rollout-not-starting, confirm: auto_sync_disabled}
    procedures:
      - title: Resume
        use_when: The pause was *deliberate* and is over.
        not_when: Nobody knows who paused it.
        items:
          - {runbook: rollout-not-starting, cause: rollout_paused, step: 2, note: "Clears **every** pause."}
          - title: Written out because no runbook has it
            command: kubectl argo rollouts status <rollout> -n <namespace> --watch=false
"""


def _repo(root: Path) -> Repository:
    repo, problems = load_repository(root)
    assert repo is not None, problems
    return repo


def _load(root: Path, repo: Repository) -> CardSet:
    cards, problems = load_cards(root, repo)
    assert cards is not None and problems == [], [str(p) for p in problems]
    return cards


def _squash(text: str) -> str:
    """Text without whitespace: a command wrapped across lines in the PDF still matches.

    pdftotext runs with -raw: its default mode takes a `-` at a line end for a hyphenation and drops it.
    """
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(data)
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def real() -> tuple[Repository, CardSet]:
    repo = _repo(ROOT)
    return repo, _load(ROOT, repo)


@pytest.mark.parametrize("size", list(PAGE_SIZES))
@pytest.mark.parametrize("card_id", ["argocd", "rollouts", "kubernetes", "emergency"])
def test_each_card_is_one_page_and_prints_every_command(real, card_id: str, size: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo, cards = real
    card = next(c for c in cards.cards if c.id == card_id)
    data, pages = render_pdf(card, repo, size, SITE)
    assert pages == 1
    text = _squash(pdf_text(data, tmp_path))
    missing = [cmd for cmd in card_commands(card, repo) if _squash(cmd) not in text]
    assert missing == []


def test_the_cards_cover_the_four_topics_and_the_emergency_levers(real) -> None:  # type: ignore[no-untyped-def]
    repo, cards = real
    assert [c.id for c in cards.cards] == ["argocd", "rollouts", "kubernetes", "emergency"]
    emergency = " ".join(card_commands(next(c for c in cards.cards if c.id == "emergency"), repo))
    for lever in ("rollouts abort", "rollouts undo", "rollouts restart", "--replicas=0"):
        assert lever in emergency


def test_card_html_golden_escapes_and_renders_markdown(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    (mini_repo / "data/cards.yaml").write_text(MINI_CARDS, encoding="utf-8")
    repo = _repo(mini_repo)
    card = _load(mini_repo, repo).cards[0]
    html = card_html(card, repo, "a4", SITE)
    golden("cards/mini-a4.html", html)
    assert "<h1>Mini &lt;card&gt; &amp; co" in html
    assert "<em>deliberate</em>" in html and "<strong>every</strong>" in html
    assert 'href="https://runbooks.example.internal/runbooks/rollout-not-starting/#cause-rollout-paused"' in html
    assert "size: letter" in card_html(card, repo, "letter", SITE)


def test_the_page_count_check_can_fail(mini_repo: Path) -> None:
    items = "\n".join("          - {runbook: rollout-not-starting, check: pause-state}" for _ in range(60))
    (mini_repo / "data/cards.yaml").write_text(
        f"cards:\n  - id: long\n    title: Long\n    sections:\n      - title: Many\n        items:\n{items}\n",
        encoding="utf-8")
    repo = _repo(mini_repo)
    _, pages = render_pdf(_load(mini_repo, repo).cards[0], repo, "a4", SITE)
    assert pages > 1


def test_loader_reports_each_bad_reference_with_its_line(mini_repo: Path) -> None:
    (mini_repo / "data/cards.yaml").write_text("""\
cards:
  - id: bad
    title: Bad
    sections:
      - title: S
        items:
          - {runbook: no-such-runbook, check: x}
          - {runbook: rollout-not-starting, check: no-such-check}
          - {runbook: rollout-not-starting, cause: rollout_paused, step: 9}
          - {runbook: rollout-not-starting, cause: rollout_paused, step: 1}
          - {title: Typed twice, command: argocd app diff <app>}
          - {title: Broken, command: "kubectl get pods -n 'unterminated"}
""", encoding="utf-8")
    repo = _repo(mini_repo)
    cards, problems = load_cards(mini_repo, repo)
    assert cards is None
    found = [str(p) for p in problems]
    assert found[:5] == [
        "data/cards.yaml:7: RB003 cards.0.sections.0.items.0: no runbook 'no-such-runbook'",
        "data/cards.yaml:8: RB003 cards.0.sections.0.items.1: runbook 'rollout-not-starting' has no diagnostic "
        "'no-such-check'",
        "data/cards.yaml:9: RB003 cards.0.sections.0.items.2: cause 'rollout_paused' in 'rollout-not-starting' has "
        "2 fix step(s), not 9",
        "data/cards.yaml:10: RB003 cards.0.sections.0.items.3: fix step 1 of 'rollout_paused' in "
        "'rollout-not-starting' has no command",
        "data/cards.yaml:11: RB003 cards.0.sections.0.items.4.command: a runbook carries this command: refer to it "
        "instead of writing it again",
    ]
    assert any(p.startswith("data/cards.yaml:12: RB101 cards.0.sections.0.items.5.command") for p in found)


def test_an_item_names_exactly_one_command(mini_repo: Path) -> None:
    (mini_repo / "data/cards.yaml").write_text(
        "cards:\n  - id: bad\n    title: Bad\n    sections:\n      - title: S\n        items:\n"
        "          - {runbook: rollout-not-starting, check: rollout-tree, confirm: rollout_paused}\n",
        encoding="utf-8")
    cards, problems = load_cards(mini_repo, _repo(mini_repo))
    assert cards is None
    assert [str(p) for p in problems] == [
        "data/cards.yaml:7: RB003 cards.0.sections.0.items.0: name a `runbook` and exactly one of "
        "`check`, `confirm` or `cause` (with `step`)"]


def test_runbook_cards_writes_both_sizes(mini_repo: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (mini_repo / "data/cards.yaml").write_text(MINI_CARDS, encoding="utf-8")
    (mini_repo / "mkdocs.yml").write_text(f"site_url: {SITE}\n", encoding="utf-8")
    out = tmp_path / "cards"
    assert cards_command(mini_repo, out) == 0
    assert sorted(p.name for p in out.iterdir()) == ["mini-a4.pdf", "mini-letter.pdf"]
    assert "(1 page)" in capsys.readouterr().out
