"""Write the cards to PDF with WeasyPrint, each at the font size that fills its page, and say how many pages each
came out as."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Repository
from ..render.cards import BASE_FONT_PT, PAGE_SIZES, card_html, pdf_name
from .model import Card, CardSet

TARGET_FILL = 0.93  # of the page's height, below the footer: room for one more line, no more
MAX_FONT_PT = 11.0
MIN_FONT_PT = 6.5
STEP_PT = 0.25


@dataclass(frozen=True)
class Layout:
    data: bytes
    pages: int
    font_pt: float
    fill: float  # share of the first page's content height the card uses


def render_pdf(card: Card, repo: Repository, size: str, site_url: str) -> tuple[bytes, int]:
    """The PDF bytes and the page count (a card that needs two pages is a bug, see the tests)."""
    layout = fit(card, repo, size, site_url)
    return layout.data, layout.pages


def fit(card: Card, repo: Repository, size: str, site_url: str) -> Layout:
    """The card at the largest font size that keeps it on one page, aiming at TARGET_FILL.

    Two columns of wrapped text grow with the square of the font size (more lines, each taller), so one
    measurement at the base size predicts the size to try; a smaller step follows while it does not fit.
    """
    document = _render(card, repo, size, site_url, BASE_FONT_PT)
    fill = _fill(document)
    font = min(MAX_FONT_PT, BASE_FONT_PT * math.sqrt(TARGET_FILL / fill)) if len(document.pages) == 1 else BASE_FONT_PT
    font = math.floor(font / STEP_PT) * STEP_PT
    while True:
        if font != BASE_FONT_PT:
            document = _render(card, repo, size, site_url, font)
        if len(document.pages) == 1 or font - STEP_PT < MIN_FONT_PT:
            return Layout(document.write_pdf(), len(document.pages), font, _fill(document))
        font -= STEP_PT


def _render(card: Card, repo: Repository, size: str, site_url: str, font_pt: float) -> Any:
    import weasyprint  # imported here: loading it takes a moment and pango, which only card writing needs

    return weasyprint.HTML(string=card_html(card, repo, size, site_url, font_pt)).render()


def _fill(document: Any) -> float:
    """How much of the first page's content height the card's root box takes (the two columns are balanced)."""
    page_box = document.pages[0]._page_box  # WeasyPrint keeps the laid-out boxes; no public API measures them
    root = page_box.children[0]
    return float(root.margin_height() / page_box.height)


def write_cards(cards: CardSet, repo: Repository, out_dir: Path, site_url: str) -> list[tuple[Path, Layout]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for card in cards.cards:
        for size in PAGE_SIZES:
            layout = fit(card, repo, size, site_url)
            path = out_dir / pdf_name(card, size)
            path.write_bytes(layout.data)
            written.append((path, layout))
    return written
