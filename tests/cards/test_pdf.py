"""Card PDFs are rendered once per content: a build that changes no card renders none (rbkb.cards.pdf)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from rbkb.cards import pdf
from rbkb.cards.load import load_cards
from rbkb.model import Repository
from rbkb.site.pages import SiteContext
from rbkb.site.views import card_pages

SITE = "https://runbooks.example.internal/"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNBOOKS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "cards"


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The card of every layout made from here on (a stand-in for WeasyPrint, which tests/render/test_cards.py
    runs for real: here only whether it is asked matters)."""
    seen: list[str] = []

    def counting(card, repo, size, site_url) -> pdf.Layout:  # type: ignore[no-untyped-def]
        seen.append(f"{card.id} {size} {site_url}")
        return pdf.Layout(f"%PDF-stand-in {len(seen)}".encode(), 1, 9.75, 0.9)

    monkeypatch.setattr(pdf, "_fit", counting)
    return seen


def test_the_same_card_is_rendered_once_and_a_changed_one_again(repo: Repository, cache: Path,
                                                                renders: list[str]) -> None:
    cards, _ = load_cards(ROOT, repo)
    assert cards is not None
    card = cards.cards[0]
    first = pdf.render_pdf(card, repo, "a4", SITE)
    assert pdf.render_pdf(card, repo, "a4", SITE) == first and len(renders) == 1
    assert [p.name.endswith(f"-{first[1]}-9.75-0.9000.pdf") for p in cache.iterdir()] == [True]
    assert pdf.fit(card, repo, "a4", SITE).font_pt == 9.75  # the fitted size comes back from the cache too
    pdf.render_pdf(card, repo, "a4", "https://elsewhere.example/")  # the footer names the site: new content
    assert len(renders) == 2


def test_a_serve_rebuild_publishes_the_previous_pdf_instead_of_rendering(repo: Repository, cache: Path,
                                                                       renders: list[str]) -> None:
    built = card_pages(repo, SiteContext(root=ROOT, site_url=SITE))
    count = len(renders)
    assert count == len([name for name in built if name.endswith(".pdf")])
    moved = SiteContext(root=ROOT, site_url="https://moved.example/", reuse_pdfs=True)
    assert card_pages(repo, moved) == built and len(renders) == count
    fresh = card_pages(repo, SiteContext(root=ROOT, site_url="https://moved.example/"))  # a build renders
    assert len(renders) == 2 * count and fresh.keys() == built.keys()
