"""The "Paste an error" box and its page: pasted output matched against the signatures in the reader's browser.

The box is a placeholder that docs/assets/javascripts/paste.js turns into a labelled text area and a list of causes
(without JavaScript it says how to get the same answer from `runbook diagnose`). Its data attributes hold what the
script needs, as URLs relative to the page, so the site works from any folder: the site's root (cause sections are
linked from there) and the signature table the site build publishes (`rbkb.analyze.table.browser_table`).
"""

from __future__ import annotations

from typing import Any

from .. import urls

DIAGNOSE = "runbook diagnose saved-output.txt"
KEY = "e"  # the keyboard shortcut to the box (overrides/partials/paste-button.html names it too)


def paste_box(from_doc: str, heading_level: int, autofocus: bool = False) -> str:
    """The box as raw HTML for a page built from `from_doc`; causes are listed under headings of `heading_level`.

    `autofocus`: the text area takes the focus when the page opens (the paste page, which is there for nothing else).
    One box per page: the script gives its parts fixed ids (rb-paste-input, rb-paste-status).
    """
    root = urls.to_site_root(from_doc)
    return (
        f'<div class="rb-paste" id="{urls.PASTE_BOX_ID}" data-rb-paste data-rb-root="{root}" '
        f'data-rb-table="{root}{urls.PASTE_TABLE_FILE}" data-rb-level="{heading_level}"'
        + (" data-rb-autofocus" if autofocus else "") + ">\n"
        '<p class="rb-paste__nojs">The paste box needs JavaScript. Without it, save the output to a file and run '
        f"<code>{DIAGNOSE}</code>.</p>\n"
        '<p class="rb-paste__limits">Reads each line on its own; tables, describe blocks, YAML and JSON objects and '
        f"several outputs read together need <code>{DIAGNOSE}</code>.</p>\n"
        "</div>"
    )


def paste_page(table: dict[str, Any]) -> str:
    """The page of its own (urls.PASTE_DOC): the box and what it reads. `table` is the browser table it loads."""
    signatures = _count(len(table["signatures"]), "signature")
    causes = _count(len(table["causes"]), "cause")
    limit = f"{table['limit']:,}"
    diagnose = urls.link(urls.PASTE_DOC, "reference/diagnose.md")
    return f"""---
title: Paste an error
description: Paste an error or a whole command output and get the likely causes, matched in your browser.
---

# Paste an error

Paste an error message, a few lines of a log or a whole `kubectl describe`, `kubectl get events`,
`kubectl argo rollouts get rollout` or `argocd app get`: the page lists the likely causes, best first, each with the
lines that show it and a link to the runbook section on it. It matches in your browser against the runbooks'
{signatures} of {causes}; nothing you paste leaves this page.

{paste_box(urls.PASTE_DOC, 2, autofocus=True)}

From any page of this site: press <kbd>{KEY}</kbd> or the **Paste an error** button in the header.

## What it reads

- Each line against the signatures of [`runbook diagnose`]({diagnose}): a literal text or a pattern, each with the
  tool that prints it and how surely it proves the cause. Command lines (`$ kubectl ...`) are skipped, as the CLI
  does.
- Evidence adds up as in the CLI: a further line that shows the same cause raises its confidence, and a root cause
  ranks above the symptom it explains (an OOM kill above the crash loop it causes).
- Single lines only. The checks that read more than one line are in the CLI alone: empty columns of `kubectl get`
  tables and empty fields of describe blocks, `-o yaml` and `-o json` objects read field by field, and outputs read
  together (a Service's target port against the pods' ports). For that deeper read, save the output and run:

    ```bash
    {DIAGNOSE}
    ```

- At most {limit} characters, in whole lines: a longer paste is cut, and the page says so.
"""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
