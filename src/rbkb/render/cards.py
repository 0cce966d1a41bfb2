"""Quick-reference cards as standalone HTML for WeasyPrint, and the site page that lists them.

A card is its own small document (no Material chrome, no JavaScript): Jinja with autoescape, Markdown for the short
prose fields, commands marked up like on the site. Page size is the only difference between the A4 and Letter files.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import jinja2
import markdown
from markupsafe import Markup

from .. import urls
from ..cards.model import Card, CardItem, CardSet, resolve
from ..model import Repository
from ..safety import classify
from ..versions import describe
from .blocks import command_block, join_blocks
from .inert import inert
from .organisation import tel_href

PAGE_SIZES = {"a4": "A4", "letter": "letter"}
LEVEL_LABELS = {"read-only": "read-only", "mutating": "changes the cluster", "destructive": "destructive"}
CARDS_DOC = "cards/index.md"
BASE_FONT_PT = 8.0  # the root font size a card starts from; rbkb.cards.pdf scales it to fill the page
WORD_CHARS = 28  # a command word up to this long never breaks across lines on a card (a column holds ~40)


@dataclass(frozen=True)
class _Item:
    title: str
    href: str
    level: str
    level_label: str
    command_html: Markup
    note: str | None
    versions: str | None


def card_html(card: Card, repo: Repository, size: str, site_url: str, font_pt: float = BASE_FONT_PT) -> str:
    """One card as a complete HTML document for page size `a4` or `letter`, every size scaled from `font_pt`."""
    template = _env().get_template("card.html.j2")
    return template.render(
        card=card,
        sections=[{"title": s.title, "entries": [_item(i, repo, site_url) for i in s.items]} for s in card.sections],
        procedures=[{"title": p.title, "use_when": p.use_when, "not_when": p.not_when,
                     "entries": [_item(i, repo, site_url) for i in p.items]} for p in card.procedures],
        contacts=repo.organisation.contacts,
        tel=tel_href(repo.organisation.contacts.phone or ""),
        page_size=PAGE_SIZES[size],
        font_pt=f"{font_pt:.2f}",
        footer_left=_css_string(f"{repo.organisation.name} · generated from the runbooks · {site_url}"),
        footer_right=_css_string(f"{card.title}, {PAGE_SIZES[size]}"),
        css=Markup(_css()),
    )


def card_commands(card: Card, repo: Repository) -> list[str]:
    """Every command the card is meant to show, as the runbooks have it."""
    return [resolve(i, repo).command for i in card.items()]


def _item(item: CardItem, repo: Repository, site_url: str) -> _Item:
    r = resolve(item, repo)
    params = {p.name: p for p in repo.runbook(r.runbook).parameters} if r.runbook else {}
    level = classify(r.command).level
    href = urls.page_url(site_url, urls.runbook_doc(r.runbook), r.anchor) if r.runbook else ""
    return _Item(title=r.title, href=href, level=level, level_label=LEVEL_LABELS[level],
                 command_html=Markup(command_block(r.command, params, words=WORD_CHARS)), note=r.note,
                 versions=describe(r.versions) if r.versions else None)


def _inline_markdown(text: str) -> Markup:
    html = markdown.markdown(inert(" ".join(text.split())))
    return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.S))


def _css_string(text: str) -> Markup:
    """Text as the inside of a CSS string in a <style> element: quotes, backslashes and tags cannot break out."""
    for ch, escaped in (("\\", "\\\\"), ('"', '\\"'), ("<", "\\3c "), (">", "\\3e ")):
        text = text.replace(ch, escaped)
    return Markup(text)


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rbkb.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = _inline_markdown
    return env


@functools.cache
def _css() -> str:
    return resources.files("rbkb.render").joinpath("templates/card.css").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------------------------------
# The site page
# ----------------------------------------------------------------------------------------------------------------------


def pdf_name(card: Card, size: str) -> str:
    return f"{card.id}-{size}.pdf"


def cards_page(cards: CardSet) -> str:
    rows = "\n".join(
        f"| **{c.title}** | " + " · ".join(
            f"[{PAGE_SIZES[s]}]({pdf_name(c, s)})" for s in PAGE_SIZES
        ) + " |"
        for c in cards.cards
    )
    return join_blocks(
        '---\ntitle: Quick-reference cards\ndescription: "One printable page per topic, A4 and US Letter."\n---',
        "# Quick-reference cards",
        "One page each, to print and keep next to the keyboard. Every command on a card is taken from a runbook, "
        "so the cards change when the runbooks do; each command's title links to the runbook section that explains "
        "it. Placeholders such as <span class=\"rb-ph\">&lt;namespace&gt;</span> are set in italics.",
        "| Card | PDF |\n|---|---|\n" + rows,
        "The **Emergency procedures** card says when to abort, undo, restart or scale to zero, and when not to. "
        "The reasoning behind it is in "
        f"[Promote, abort, retry or undo?]({urls.link(CARDS_DOC, urls.DECISION_GUIDE_DOC)}).",
    )
