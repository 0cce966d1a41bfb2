"""Small Markdown/HTML building blocks shared by the page renderers."""

from __future__ import annotations

import html
import re
import textwrap

from ..model import PLACEHOLDER_RE, Parameter, Versions
from ..safety import Classification
from ..versions import describe
from .inert import inert


def command_html(command: str, params: dict[str, Parameter] | None = None) -> str:
    """The command as HTML text, every `<placeholder>` a marked span that names its parameter."""
    params = params or {}
    parts: list[str] = []
    last = 0
    for m in PLACEHOLDER_RE.finditer(command):
        parts.append(html.escape(command[last:m.start()], quote=False))
        param = params.get(m.group(1))
        title = f' title="{html.escape(param.description)} Example: {html.escape(param.example)}"' if param else ""
        parts.append(f'<span class="rb-ph" data-rb-param="{m.group(1)}"{title}>&lt;{m.group(1)}&gt;</span>')
        last = m.end()
    parts.append(html.escape(command[last:], quote=False))
    return "".join(parts)


def command_block(command: str, params: dict[str, Parameter] | None = None, *, words: int = 0) -> str:
    """A copyable code block with every `<placeholder>` visibly marked.

    Raw HTML, so neither Markdown nor Jinja ever touches the command text: `{{`, `{#` and `{.spec}` stay literal.
    Each placeholder names its parameter (`data-rb-param`): the page's values form fills it in, in the browser.
    With `words`, every word of at most that many characters is a `<span class="w">`, which print styles keep on
    one line (the cards: `--sort-by=` must not break after its hyphen). A longer word may break only after `=`,
    `,`, `}` or `|`, between pieces that are kept whole the same way.
    """
    if not words:
        return f'<div class="highlight rb-cmd"><pre><code>{command_html(command, params)}</code></pre></div>'
    pieces = []
    for word in re.split(r"(\s+)", command):
        if not word.strip():
            pieces.append(word)
            continue
        chunks = [word] if len(word) <= words else [c for c in re.split(r"(?<=[=,}|])", word) if c]
        pieces.append("<wbr>".join(
            f'<span class="w">{command_html(c, params)}</span>' if len(c) <= words else command_html(c, params)
            for c in chunks))
    return f'<div class="highlight rb-cmd"><pre><code>{"".join(pieces)}</code></pre></div>'


def admonition(kind: str, title: str, body: str, *, collapsible: bool = False) -> str:
    marker = "???" if collapsible else "!!!"
    return f'{marker} {kind} "{title.replace(chr(34), chr(39))}"\n\n{textwrap.indent(body.strip(), "    ")}\n'


def safety_badge(cls: Classification) -> str:
    if cls.level == "read-only":
        return '<span class="rb-badge rb-badge--read">read-only</span>'
    if cls.level == "mutating":
        return '<span class="rb-badge rb-badge--mutating">changes the cluster</span>'
    return '<span class="rb-badge rb-badge--destructive">destructive</span>'


def versions_badge(versions: Versions | None) -> str:
    """`Argo CD ≥ 2.13` as a badge, or nothing when the text holds for every version."""
    if not versions:
        return ""
    text = html.escape(describe(versions))
    return f'<span class="rb-badge rb-badge--ver" title="Applies to these versions">{text}</span>'


def md(text: str) -> str:
    """Markdown written by the team, as a block: its raw HTML shows as text (rbkb.render.inert)."""
    return inert(text)


def cell(text: str) -> str:
    """Markdown written by the team, on one line, safe inside a Markdown table cell."""
    return inert(" ".join(text.split())).replace("|", "\\|")


def code_cell(text: str) -> str:
    return f"<code>{html.escape(' '.join(text.split()), quote=False).replace('|', '&#124;')}</code>"


def join_blocks(*blocks: str) -> str:
    return "\n\n".join(b.strip("\n") for b in blocks if b and b.strip()) + "\n"
