"""The values form on a runbook page: one input per parameter, filled in once, shown in every command on the page.

The form is HTML that stays hidden without JavaScript (docs/assets/javascripts/values.js shows it). Values are
checked in the browser by the same parameter kinds `runbook run` uses (rbkb.execute.params; the browser test
tests/site/test_values.py holds the two to the same verdicts), kept in the browser's local storage and never sent
anywhere. A value that is not valid for its kind, or that a shell would read as more than one plain word, is shown
as an error and not written into any command.
"""

from __future__ import annotations

import html

from ..model import Runbook


def values_form(rb: Runbook) -> str:
    if not rb.parameters:
        return ""
    fields = []
    for p in rb.parameters:
        field_id = f"rb-value-{p.name}"
        hint = html.escape(f"{p.description} Example: {p.example}", quote=True)
        fields.append(
            f'<div class="rb-values__field">'
            f'<label for="{field_id}"><code>&lt;{p.name}&gt;</code></label>'
            f'<input id="{field_id}" type="text" data-rb-param="{p.name}" data-rb-kind="{p.kind}" '
            f'placeholder="{html.escape(p.example, quote=True)}" title="{hint}" autocomplete="off" '
            f'autocapitalize="off" spellcheck="false" aria-describedby="{field_id}-error">'
            f'<span class="rb-values__error" id="{field_id}-error" aria-live="polite"></span>'
            f"</div>"
        )
    return (
        '<div class="rb-values" data-rb-values hidden>\n'
        '<p class="rb-values__intro"><strong>Your values</strong>: type them once; every command on this page, '
        "its copy button and the printout use them. They stay in this browser.</p>\n"
        + "\n".join(fields)
        + '\n<button type="button" class="rb-values__clear" data-rb-clear>Clear values</button>\n</div>'
    )
