"""Write the cards to PDF with WeasyPrint, and say how many pages each came out as."""

from __future__ import annotations

from pathlib import Path

from ..model import Repository
from ..render.cards import PAGE_SIZES, card_html, pdf_name
from .model import Card, CardSet


def render_pdf(card: Card, repo: Repository, size: str, site_url: str) -> tuple[bytes, int]:
    """The PDF bytes and the page count (a card that needs two pages is a bug, see the tests)."""
    import weasyprint  # imported here: loading it takes a moment and pango, which only card writing needs

    document = weasyprint.HTML(string=card_html(card, repo, size, site_url)).render()
    return document.write_pdf(), len(document.pages)


def write_cards(cards: CardSet, repo: Repository, out_dir: Path, site_url: str) -> list[tuple[Path, int]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for card in cards.cards:
        for size in PAGE_SIZES:
            data, pages = render_pdf(card, repo, size, site_url)
            path = out_dir / pdf_name(card, size)
            path.write_bytes(data)
            written.append((path, pages))
    return written
