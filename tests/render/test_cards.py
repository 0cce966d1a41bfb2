"""Quick-reference cards: each is one page in A4 and Letter and prints every command it names, as the runbook has it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from rbkb.cards.load import load_cards
from rbkb.cards.model import CardSet, resolve
from rbkb.cards.pdf import MIN_FONT_PT, TARGET_FILL, fit, render_pdf
from rbkb.commands.cards import cards as cards_command
from rbkb.load import load_repository
from rbkb.model import Repository, placeholders
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
    assert re.search(r"\(1 page, [\d.]+ pt, \d+% of the page\)", capsys.readouterr().out)


@pytest.mark.parametrize("size", list(PAGE_SIZES))
def test_each_card_fills_most_of_its_page(real, size: str) -> None:  # type: ignore[no-untyped-def]
    """A short card prints larger: every card uses at least 75 % of its page (46-56 % at 7-8 pt before)."""
    repo, cards = real
    for card in cards.cards:
        layout = fit(card, repo, size, SITE)
        assert layout.pages == 1, card.id
        assert 0.75 <= layout.fill <= 1.0, (card.id, layout.fill, layout.font_pt)
        assert layout.font_pt >= 9, (card.id, layout.font_pt)


def test_a_card_that_cannot_fit_stops_at_the_smallest_size(mini_repo: Path) -> None:
    items = "\n".join("          - {runbook: rollout-not-starting, check: pause-state}" for _ in range(60))
    (mini_repo / "data/cards.yaml").write_text(
        f"cards:\n  - id: long\n    title: Long\n    sections:\n      - title: Many\n        items:\n{items}\n",
        encoding="utf-8")
    repo = _repo(mini_repo)
    layout = fit(_load(mini_repo, repo).cards[0], repo, "a4", SITE)
    assert layout.pages > 1 and layout.font_pt < MIN_FONT_PT + 0.25
    assert TARGET_FILL < 1


def _lines(data: bytes, tmp_path: Path) -> list[str]:
    return [line for line in pdf_text(data, tmp_path).splitlines() if line.strip()]


@pytest.mark.parametrize("card_id", ["argocd", "rollouts", "kubernetes", "emergency"])
def test_no_placeholder_or_short_word_is_split_across_lines(real, card_id: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`<namespac` / `e>` and `--sort-` / `by=` were printed: a placeholder, and a word up to WORD_CHARS long, is
    never broken; a line of a command never ends inside one."""
    from rbkb.model import PLACEHOLDER_RE
    from rbkb.render.cards import WORD_CHARS

    repo, cards = real
    card = next(c for c in cards.cards if c.id == card_id)
    lines = _lines(render_pdf(card, repo, "a4", SITE)[0], tmp_path)
    text = "\n".join(lines)
    for command in card_commands(card, repo):
        for placeholder in {m.group(0) for m in PLACEHOLDER_RE.finditer(command)}:
            assert placeholder in text, (card_id, placeholder)
        for word in command.split():
            if len(word) <= WORD_CHARS:
                assert any(word in line for line in lines), (card_id, word)


def test_a_version_range_shows_on_the_card(mini_repo: Path, tmp_path: Path) -> None:
    rb = mini_repo / "runbooks/rollout-not-starting.yaml"
    text = rb.read_text(encoding="utf-8")
    assert "  - id: pause-state\n" in text
    versioned = "  - id: pause-state\n    versions: {argo-rollouts: \">=1.7\"}\n"
    rb.write_text(text.replace("  - id: pause-state\n", versioned, 1), encoding="utf-8")
    (mini_repo / "data/cards.yaml").write_text(MINI_CARDS.replace("check: rollout-tree", "check: pause-state"),
                                               encoding="utf-8")
    repo = _repo(mini_repo)
    html = card_html(_load(mini_repo, repo).cards[0], repo, "a4", SITE)
    assert '<span class="ver">Argo Rollouts ≥ 1.7</span>' in html


@pytest.mark.parametrize("card_id", ["argocd", "rollouts", "kubernetes", "emergency"])
def test_one_placeholder_name_means_one_thing_on_a_card(real, card_id: str) -> None:  # type: ignore[no-untyped-def]
    """Argo CD's own namespace is `<argocd-namespace>` and the controller's `<controller-namespace>`, never the
    `<namespace>` a reader fills with the application's; and no card hard-codes a value a reader must choose."""
    repo, cards = real
    card = next(c for c in cards.cards if c.id == card_id)
    meanings: dict[str, set[str]] = {}
    for item in card.items():
        r = resolve(item, repo)
        params = {p.name: p.description for p in repo.runbook(r.runbook).parameters} if r.runbook else {}
        for name in placeholders(r.command):
            meanings.setdefault(name, set()).add(params.get(name, ""))
        assert not re.search(r"--replicas=[1-9]", r.command), r.command
    own_namespace = re.compile(r"Argo CD (is installed|runs)|controller runs", re.IGNORECASE)
    assert [d for d in meanings.get("namespace", set()) if own_namespace.search(d)] == []
