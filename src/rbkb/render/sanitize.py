"""The last word on what a page's content may contain: an allowlist of tags, attributes and URL schemes.

Every page's HTML passes through `sanitize` (the `runbooks` plugin, `on_page_content`), after Markdown. Renderers
already escape what they write (rbkb.render.inert, rbkb.render.blocks), so on the real site this changes nothing;
it is what stops a payload that got past them. A tag that is not allowed is written out as text, so it shows as
typed; an attribute that is not allowed is dropped; a link or image whose URL has another scheme than http, https,
mailto or tel (`javascript:`, `data:`, `vbscript:`) loses its URL and stays as plain text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset("""
a abbr article aside b blockquote br button caption cite code col colgroup dd del details dfn div dl dt em figcaption
figure footer h1 h2 h3 h4 h5 h6 header hr i img input ins kbd label li mark nav ol output p pre q s samp section small
span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split())
# Static SVG drawings (the postmortems chart): shapes and text only. No <a>, <use>, <animate>, <set>,
# <foreignObject> or <style>, and no URL attribute, so nothing in a drawing can link, load or run.
SVG_TAGS = frozenset({"svg", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text", "tspan",
                      "title", "desc"})
SVG_ATTRIBUTES = frozenset("""
cx cy d dx dy fill fill-opacity font-size font-weight height points preserveaspectratio r rx ry stroke stroke-width
text-anchor transform viewbox width x x1 x2 xmlns y y1 y2
""".split())
VOID_TAGS = frozenset({"br", "col", "hr", "img", "input", "wbr"})
ALLOWED_ATTRIBUTES = frozenset("""
alt autocapitalize autocomplete checked cite class colspan datetime dir disabled download for height hidden href id
inputmode lang maxlength name open placeholder readonly rel reversed role rowspan scope spellcheck src start tabindex
title type value width
""".split())
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
# Python-Markdown's tables extension aligns columns with exactly this style and no other.
_TABLE_ALIGN = re.compile(r"^text-align: (?:left|right|center);?$")


def safe_url(url: str) -> bool:
    """True for relative URLs and the schemes above; browsers ignore control characters and spaces in a scheme."""
    m = _SCHEME.match(_CONTROL.sub("", url))
    return m is None or m.group(1).lower() in SAFE_SCHEMES


def _allowed(tag: str, name: str, value: str | None) -> bool:
    if tag in SVG_TAGS and name in SVG_ATTRIBUTES:
        return value is None or "url(" not in value.lower()
    if name.startswith(("aria-", "data-")):
        return re.fullmatch(r"[a-z][a-z0-9-]*", name) is not None
    if name == "style":
        return tag in ("td", "th") and value is not None and _TABLE_ALIGN.match(value) is not None
    if name in URL_ATTRIBUTES:
        return value is not None and safe_url(value)
    return name in ALLOWED_ATTRIBUTES


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.removed: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> str:
        kept = []
        for name, value in attrs:
            if _allowed(tag, name, value):
                kept.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
            else:
                self.removed.append(f"{tag} {name}")
        return f"<{tag}{''.join(' ' + a for a in kept)}{close}>"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED_TAGS or tag in SVG_TAGS:
            self.out.append(self._tag(tag, attrs, ""))
        else:
            self.removed.append(tag)
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}>"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED_TAGS or tag in SVG_TAGS:
            self.out.append(self._tag(tag, attrs, " /" if tag in VOID_TAGS or tag in SVG_TAGS else f"></{tag}"))
        else:
            self.removed.append(tag)
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag} />"))

    def handle_endtag(self, tag: str) -> None:
        allowed = (tag in ALLOWED_TAGS or tag in SVG_TAGS) and tag not in VOID_TAGS
        self.out.append(f"</{tag}>" if allowed else html.escape(f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        # Outside <script>/<style> the parser hands over text as written, entities untouched; a stray `<` or `>`
        # is escaped so that nothing written after it can form a tag again.
        self.out.append(data.replace("<", "&lt;").replace(">", "&gt;"))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def sanitize(content: str) -> tuple[str, list[str]]:
    """`content` with only allowed tags, attributes and URLs, and what was removed (empty on a clean page)."""
    parser = _Sanitizer()
    parser.feed(content)
    parser.close()
    return "".join(parser.out), parser.removed
