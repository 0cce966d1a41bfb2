"""The page sanitizer: allowed markup passes unchanged, anything that could run is dropped or shown as text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from rbkb.render.sanitize import safe_url, sanitize


def clean(html: str) -> str:
    return sanitize(html)[0]


@pytest.mark.parametrize(
    "html",
    [
        '<p>Text <code>a &lt; b</code> <a href="../x/#cause-y" title="T">link</a></p>',
        '<table><thead><tr><th style="text-align: left;">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
        '<details class="abstract"><summary>More</summary><p>x</p></details>',
        '<div class="rb-values" data-rb-values hidden><input id="a" type="text" data-rb-param="ns"></div>',
        '<span class="rb-ph" data-rb-param="namespace" title="Name. Example: x">&lt;namespace&gt;</span>',
        '<a href="mailto:ops@acme.io">ops</a> <a href="tel:+12025550100">call</a>',
        '<figure class="rb-chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%"><text x="0" y="15" '
        'font-size="13" fill="currentColor">a</text><rect x="0" y="2" rx="3" fill="#123"><title>t</title></rect></svg>'
        "</figure>",
    ],
)
def test_allowed_markup_passes_unchanged(html: str) -> None:
    assert sanitize(html) == (html, [])


class _Live(HTMLParser):
    """Every tag and attribute a browser would build from the output."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs


def live(html: str) -> _Live:
    parser = _Live()
    parser.feed(html)
    return parser


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<iframe src="javascript:alert(71)"></iframe>',
        '<img src="data:," onerror=alert(3)>',
        '<img src="data:image/svg+xml,x">',
        '<a href="javascript:alert(4)">x</a>',
        '<a href=" JaVaScRiPt:alert(4)">x</a>',
        '<a href="java&#115;cript:alert(4)">x</a>',
        '<a href="java\tscript:alert(4)">x</a>',
        '<svg onload=alert(8)><a xlink:href="javascript:alert(9)">x</a></svg>',
        '<svg><animate attributeName="href" values="javascript:alert(1)"/><use href="data:x"/></svg>',
        '<svg><rect fill="url(javascript:alert(1))" />'
        "<foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<div onclick="alert(1)">x</div>',
        "<object data=x></object><embed src=x><form action=x></form>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<a href="x" title="a" onmouseover="alert(1)" data-x="1">x</a>',
    ],
)
def test_payloads_are_neutralised(html: str) -> None:
    out, removed = sanitize(html)
    assert removed, html
    found = live(out)
    assert not set(found.tags) & {"script", "iframe", "object", "embed", "form", "math", "style", "animate", "set",
                                  "use", "foreignobject"}, out
    assert not [name for name, _ in found.attrs if name.startswith("on") or name in ("style", "xlink:href")], out
    assert all(safe_url(value or "") for name, value in found.attrs if name in ("href", "src")), out


def test_script_text_is_shown_not_run() -> None:
    out = clean("<script>document.write('<img src=x onerror=alert(1)>')</script>")
    assert out.startswith("&lt;script&gt;") and "<img" not in out


@pytest.mark.parametrize("url", ["https://x", "http://x", "mailto:a@b", "tel:+1", "../a/", "#x", "a/b.md", "?q=1"])
def test_safe_urls(url: str) -> None:
    assert safe_url(url)


@pytest.mark.parametrize("url", ["javascript:x", "JAVASCRIPT:x", " javascript:x", "data:text/html,x", "vbscript:x",
                                 "java\nscript:x", "file:///etc/passwd"])
def test_unsafe_urls(url: str) -> None:
    assert not safe_url(url)
