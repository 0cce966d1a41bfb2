"""What the plugin does to every page so that runbook, organisation and postmortem text cannot run in a browser.

- A page's `title` and `description` reach Material's templates unescaped (the navigation, the header, `<title>`,
  `<meta name="description" content="...">`): they are HTML-escaped once, here, for every page.
- Postmortems are hand-written or generated from incident logs (`runbook postmortem new --from-log`): their
  Markdown is made inert like a runbook's text (rbkb.render.inert).
- Every page's HTML goes through the allowlist sanitizer (rbkb.render.sanitize).
"""

from __future__ import annotations

import html
import logging
from collections.abc import MutableMapping
from typing import Any

from .. import urls
from ..render.inert import inert
from ..render.sanitize import sanitize

log = logging.getLogger("mkdocs.plugins.runbooks")

ESCAPED_META = ("title", "description")


def escape_meta(meta: MutableMapping[str, Any]) -> None:
    for key in ESCAPED_META:
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)


def page_markdown(markdown: str, src_uri: str, meta: MutableMapping[str, Any]) -> str:
    escape_meta(meta)
    if src_uri.startswith(urls.POSTMORTEMS_DIR + "/") and src_uri != urls.POSTMORTEMS_DOC:
        return inert(markdown)
    return markdown


def page_content(content: str, src_uri: str) -> str:
    clean, removed = sanitize(content)
    if removed:
        log.info("%s: removed unsafe HTML: %s", src_uri, ", ".join(sorted(set(removed))))
    return clean
