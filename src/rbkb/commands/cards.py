"""`runbook cards`: write the quick-reference cards (A4 and US Letter PDFs) from data/cards.yaml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import urls
from ..cards.load import load_cards
from ..cards.pdf import write_cards
from ..load import load_repository


def cards(root: Path, out: Path) -> int:
    repo, problems = load_repository(root)
    if repo is None:
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    card_set, problems = load_cards(root, repo)
    for p in problems:
        print(p, file=sys.stderr)
    if card_set is None:
        return 1
    status = 0
    for path, layout in write_cards(card_set, repo, out, urls.site_url(root)):
        pages = layout.pages
        print(f"wrote {path} ({pages} page{'s' if pages != 1 else ''}, {layout.font_pt:g} pt, "
              f"{layout.fill:.0%} of the page)")
        if pages != 1:
            print(f"{path}: a card must fit on one page; shorten it in data/cards.yaml", file=sys.stderr)
            status = 1
    return status


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cards", help="write the quick-reference cards as PDF (A4 and US Letter)")
    p.add_argument("--out", type=Path, default=Path("out/cards"), help="output directory (default: out/cards)")
    p.set_defaults(func=lambda a: cards(a.root, a.out))
