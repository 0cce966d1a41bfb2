"""Write the cards to PDF with WeasyPrint, and say how many pages each came out as.

Rendering the eight PDFs takes about 5 s of CPU, more than the rest of a site build's own work, and their input
rarely changes: a PDF is kept in a cache folder under a hash of everything it is made from (the card's HTML, CSS
included, and the WeasyPrint and pydyf versions), so a build renders only the cards whose content changed.
The folder is $RUNBOOKS_CACHE_DIR/cards, by default ~/.cache/rbkb/cards ($XDG_CACHE_HOME is honoured); entries
unused for 30 days are removed, and deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path

from ..model import Repository
from ..render.cards import PAGE_SIZES, card_html, pdf_name
from .model import Card, CardSet

_UNUSED_DAYS = 30


def render_pdf(card: Card, repo: Repository, size: str, site_url: str) -> tuple[bytes, int]:
    """The PDF bytes and the page count (a card that needs two pages is a bug, see the tests), cached."""
    html = card_html(card, repo, size, site_url)
    found = _cached(html)
    if found is not None:
        return found
    data, pages = _render(html)
    _store(cache_dir(), f"{_key(html)}-{pages}.pdf", data)
    return data, pages


def cached_pdf(card: Card, repo: Repository, size: str, site_url: str) -> tuple[bytes, int] | None:
    """render_pdf's answer if the cache holds it, without rendering."""
    return _cached(card_html(card, repo, size, site_url))


def _cached(html: str) -> tuple[bytes, int] | None:
    folder = cache_dir()
    hit = next(folder.glob(f"{_key(html)}-*.pdf"), None) if folder.is_dir() else None
    if hit is None:
        return None
    try:
        data = hit.read_bytes()
        hit.touch()
        return data, int(hit.stem.rsplit("-", 1)[1])
    except (OSError, ValueError):
        return None  # removed meanwhile, or not one of ours: render it again


def _key(html: str) -> str:
    return hashlib.sha256(f"{_renderer()}\0{html}".encode()).hexdigest()


def cache_dir() -> Path:
    if configured := os.environ.get("RUNBOOKS_CACHE_DIR"):
        return Path(configured) / "cards"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rbkb" / "cards"


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


def _render(html: str) -> tuple[bytes, int]:
    import weasyprint  # imported here: loading it takes a moment and pango, which only card writing needs

    document = weasyprint.HTML(string=html).render()
    return document.write_pdf(), len(document.pages)


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
