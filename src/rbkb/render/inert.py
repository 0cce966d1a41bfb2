"""Markdown written by the team, made inert before the site's Markdown renderer sees it.

Runbook and organisation text is Markdown on purpose (links, code, emphasis), but Python-Markdown passes raw HTML
through and its `attr_list` extension turns `{: onclick=... }` into attributes. `inert` keeps the Markdown and makes
the rest literal: outside code spans and fenced blocks, `<` becomes `&lt;` (a tag shows as text, as written) and
`{` becomes `&#123;` (no attribute list). Code keeps its text: Markdown escapes code itself.

Links are Markdown's, so their URLs are not changed here: the page sanitizer (rbkb.render.sanitize) drops any
`href` or `src` whose scheme is not http, https, mailto or tel, whatever wrote it.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's own rules: a fence opens with 3+ backticks or tildes (up to 3 spaces in) and closes with the same
# character, at least as many; a code span is a run of backticks closed by the same run, within one paragraph.
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(.+?)(?<!`)\1(?!`)", re.S)
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")


def inert(text: str) -> str:
    """`text` as Markdown that can produce no raw HTML and no attribute list."""
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
            continue
        if m:
            out.append(_prose("".join(prose)))
            prose = []
            fence = m.group(1)
            out.append(line)
            continue
        prose.append(line)
    out.append(_prose("".join(prose)))
    return "".join(out)


def _prose(text: str) -> str:
    return "".join(_paragraph(p) for p in _PARAGRAPH_BREAK.split(text))


def _paragraph(text: str) -> str:
    parts, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        parts += [_literal(text[last:m.start()]), m.group(0)]
        last = m.end()
    parts.append(_literal(text[last:]))
    return "".join(parts)


def _literal(text: str) -> str:
    return text.replace("<", "&lt;").replace("{", "&#123;")


def plain(text: str) -> str:
    """Text shown as it is, in an element or a double-quoted attribute."""
    return html.escape(text, quote=True)
