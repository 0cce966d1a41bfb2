"""Site adapters for the decision trees and the quick-reference cards.

The runbook pages carry their own decision tree (rbkb.render.page). Here: the Triage page; the cards page with
each card's PDFs beside it (site/cards/<id>-a4.pdf, -letter.pdf), published as generated files so the build
checks the links to them; and a check of the built site.

A PDF comes from rbkb.cards.pdf's cache when its card did not change. While `mkdocs serve` rebuilds after an edit
(`ctx.reuse_pdfs`), a card whose content changed keeps the PDF of the previous build instead of being rendered again:
a preview must come back within seconds, and `make build` and `make cards` render every card as it is.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from ..cards.load import CARDS_FILE, load_cards
from ..cards.model import CardSet
from ..cards.pdf import cached_pdf, render_pdf
from ..model import Repository
from ..problems import Problem, RepositoryError
from ..render.cards import CARDS_DOC, PAGE_SIZES, cards_page, pdf_name
from ..render.mermaid import TRIAGE_DOC, triage_page
from ..triage_tree import load_triage

if TYPE_CHECKING:  # pages.py lists the sources below, so it cannot be imported from here at run time
    from .pages import SiteContext

VENDORED_MERMAID = "assets/vendor/mermaid.min.js"
_LAST_PDFS: dict[tuple[str, str], tuple[bytes, int]] = {}  # (card, size) -> the PDF this process published last


def triage_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    triage, problems = load_triage(ctx.root, repo)
    if triage is None:
        raise RepositoryError(problems)
    return {TRIAGE_DOC: triage_page(triage, repo)}


def card_pages(repo: Repository, ctx: SiteContext) -> dict[str, str | bytes]:
    """The cards page and every card PDF beside it, so mkdocs checks the links to them like any other."""
    cards = _cards(repo, ctx.root)
    files: dict[str, str | bytes] = {CARDS_DOC: cards_page(cards)}
    folder = posixpath.dirname(CARDS_DOC)
    too_long = []
    for card in cards.cards:
        for size in PAGE_SIZES:
            previous = _LAST_PDFS.get((card.id, size)) if ctx.reuse_pdfs else None
            data, pages = cached_pdf(card, repo, size, ctx.site_url) or previous or render_pdf(card, repo, size,
                                                                                                 ctx.site_url)
            _LAST_PDFS[(card.id, size)] = data, pages
            files[f"{folder}/{pdf_name(card, size)}"] = data
            if pages != 1:
                too_long.append(Problem(CARDS_FILE, 1, "RB003", f"cards.{card.id}",
                                        f"the {PAGE_SIZES[size]} card has {pages} pages: a card must fit on one page"))
    if too_long:
        raise RepositoryError(too_long)
    return files


def check_built_site(site_dir: Path) -> list[str]:
    """What is wrong with the built site that the build cannot see from the pages (empty when all is well)."""
    if not (site_dir / VENDORED_MERMAID).is_file():
        return [f"{VENDORED_MERMAID} is missing from the site: run `make vendor` (diagrams would not draw)"]
    return []


def _cards(repo: Repository, root: Path) -> CardSet:
    cards, problems = load_cards(root, repo)
    if cards is None:
        raise RepositoryError([p for p in problems if p.severity == "error"])
    return cards
