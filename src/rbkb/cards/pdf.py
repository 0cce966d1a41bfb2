"""Write the cards to PDF with WeasyPrint, each at the font size that fills its page, and say how many pages each
came out as.

Rendering the eight PDFs takes about 5 s of CPU, more than the rest of a site build's own work, and their input
rarely changes: a PDF is kept in a cache folder under a hash of everything it is made from (the card's HTML, CSS
included, and the WeasyPrint and pydyf versions), so a build renders only the cards whose content changed.
The folder is $RUNBOOKS_CACHE_DIR/cards, by default ~/.cache/rbkb/cards ($XDG_CACHE_HOME is honoured); entries
unused for 30 days are removed, and deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..model import Repository
from ..render.cards import BASE_FONT_PT, PAGE_SIZES, card_html, pdf_name
from .model import Card, CardSet

TARGET_FILL = 0.93  # of the page's height, below the footer: room for one more line, no more
MAX_FONT_PT = 11.0
MIN_FONT_PT = 6.5
STEP_PT = 0.25
_UNUSED_DAYS = 30


@dataclass(frozen=True)
class Layout:
    data: bytes
    pages: int
    font_pt: float
    fill: float  # share of the first page's content height the card uses


def render_pdf(card: Card, repo: Repository, size: str, site_url: str) -> tuple[bytes, int]:
    """The PDF bytes and the page count (a card that needs two pages is a bug, see the tests), cached."""
    layout = fit(card, repo, size, site_url)
    return layout.data, layout.pages


def cached_pdf(card: Card, repo: Repository, size: str, site_url: str) -> tuple[bytes, int] | None:
    """render_pdf's answer if the cache holds it, without rendering."""
    layout = _cached(card_html(card, repo, size, site_url))
    return (layout.data, layout.pages) if layout else None


def fit(card: Card, repo: Repository, size: str, site_url: str) -> Layout:
    """The card at the largest font size that keeps it on one page, from the cache when its content did not change.

    The key is the card's HTML at the base font size: the fitted size follows from it.
    """
    html = card_html(card, repo, size, site_url)
    found = _cached(html)
    if found is not None:
        return found
    layout = _fit(card, repo, size, site_url)
    _store(cache_dir(), f"{_key(html)}-{layout.pages}-{layout.font_pt}-{layout.fill:.4f}.pdf", layout.data)
    return layout


def _fit(card: Card, repo: Repository, size: str, site_url: str) -> Layout:
    """Aim at TARGET_FILL: two columns of wrapped text grow with the square of the font size (more lines, each
    taller), so one measurement at the base size predicts the size to try; a smaller step follows while it does
    not fit. A card that overflows at the base size is tried at the smallest size first: a card too long for any
    size is then known after two renderings, not one per step."""
    document = _render(card, repo, size, site_url, BASE_FONT_PT)
    fill = _fill(document)
    font = min(MAX_FONT_PT, BASE_FONT_PT * math.sqrt(TARGET_FILL / fill)) if len(document.pages) == 1 else BASE_FONT_PT
    font = math.floor(font / STEP_PT) * STEP_PT
    if len(document.pages) > 1:
        smallest = _render(card, repo, size, site_url, MIN_FONT_PT)
        if len(smallest.pages) > 1:
            return Layout(smallest.write_pdf(), len(smallest.pages), MIN_FONT_PT, _fill(smallest))
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


def _cached(html: str) -> Layout | None:
    folder = cache_dir()
    hit = next(folder.glob(f"{_key(html)}-*.pdf"), None) if folder.is_dir() else None
    if hit is None:
        return None
    try:
        data = hit.read_bytes()
        hit.touch()
        _, pages, font, fill = hit.stem.split("-")
        return Layout(data, int(pages), float(font), float(fill))
    except (OSError, ValueError):
        return None  # removed meanwhile, or not one of ours: render it again


def _key(html: str) -> str:
    return hashlib.sha256(f"{_renderer()}\0{html}".encode()).hexdigest()


def cache_dir() -> Path:
    if configured := os.environ.get("RUNBOOKS_CACHE_DIR"):
        return Path(configured) / "cards"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rbkb" / "cards"


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


@cache
def _renderer() -> str:
    return " ".join(f"{name}=={metadata.version(name)}" for name in ("weasyprint", "pydyf"))


def _store(folder: Path, name: str, data: bytes) -> None:
    """Write atomically (parallel builds share the folder); a cache that cannot be written is simply not used."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, folder / name)
        stale = time.time() - _UNUSED_DAYS * 86400
        for old in folder.glob("*.pdf"):
            if old.stat().st_mtime < stale:
                old.unlink(missing_ok=True)
    except OSError:
        pass
