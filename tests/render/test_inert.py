"""Team-written Markdown keeps its Markdown and loses its HTML: raw tags show as text, code stays code."""

from __future__ import annotations

import markdown
import pytest

from rbkb.render.blocks import cell
from rbkb.render.inert import inert


def render(text: str) -> str:
    """The site's Markdown with the extensions that matter here (raw HTML and attribute lists)."""
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "fenced_code"])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src="data:," onerror=alert(3)>', "&lt;img"),
        ("a <namespace> b", "a &lt;namespace&gt; b"),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
    ],
)
def test_raw_html_shows_as_text(text: str, shown: str) -> None:
    out = render(inert(text))
    assert shown in out
    assert "<script" not in out and "<img" not in out and "<!--" not in out


def test_attribute_lists_do_not_reach_the_html() -> None:
    out = render(inert("**bold**{: onmouseover=alert(1) } and {#x .y}"))
    assert "onmouseover" not in out.split(">", 1)[0] and "<strong>bold</strong>" in out
    assert "onmouseover=alert(1)" in out  # as text


def test_code_spans_and_fences_keep_their_text() -> None:
    text = "Run `kubectl get <pod> -o jsonpath='{.status}'` now.\n\n```yaml\nkey: <value> {x}\n```\n"
    out = inert(text)
    assert "`kubectl get <pod> -o jsonpath='{.status}'`" in out
    assert "key: <value> {x}" in out
    html = render(out)
    assert "<code>kubectl get &lt;pod&gt; -o jsonpath='{.status}'</code>" in html


def test_an_unclosed_backtick_does_not_protect_html() -> None:
    out = render(inert("`open <script>alert(1)</script>"))
    assert "<script" not in out


def test_markdown_still_works() -> None:
    out = render(inert("See [the docs](https://example.org/x) and *this*."))
    assert '<a href="https://example.org/x">the docs</a>' in out and "<em>this</em>" in out


def test_real_text_is_unchanged(repo) -> None:  # type: ignore[no-untyped-def]
    """No runbook writes raw HTML or an attribute list today: escaping changes nothing a reader sees."""
    texts = [rb.summary for rb in repo.runbooks] + [d.look_for for rb in repo.runbooks for d in rb.diagnostics]
    texts += [c.root_cause for rb in repo.runbooks for c in rb.causes]
    assert [t for t in texts if inert(t) != t] == []


def test_cell_is_one_line_and_escaped() -> None:
    assert cell("a |\n<b>") == "a \\| &lt;b>"
