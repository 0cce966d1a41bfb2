"""axe-core on the content area, and the one list of findings we accept from the theme, each with its reason.

axe-core comes bundled in the pinned `axe-playwright-python` wheel (no download at run time). Two passes:

- structure (names, roles, landmarks, lists, tables, ARIA) on every page, because it depends on each page's content
  (of the pages generated one per runbook or per alert from one template, the largest and the smallest: see
  test_pages.axe_pages);
- colour (`color-contrast`, `link-in-text-block`) on one page of each kind, in the light and the dark (slate) scheme,
  because colours come from the theme and runbooks.css, not from a page's words, and the colour rules cost seconds
  per page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

CONTENT = {"include": [[".md-content"]]}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
GATED_IMPACTS = ("serious", "critical")

# Serious findings that belong to Material's page chrome (outside the content area), each with the rule, the CSS
# target it matches (a substring of axe's selector) and why we accept it. Nothing else is ignored: a new finding
# fails test_theme_chrome_findings_are_the_listed_ones, and so does an entry that no longer matches anything.
THEME_ALLOWLIST: list[dict[str, str]] = [
    {
        "rule": "aria-dialog-name",
        "target": ".md-search",
        "reason": "Material's search overlay has role=dialog without an accessible name (partials/search.html). "
                  "Its input carries aria-label 'Search', which is what a screen reader announces on focus.",
    },
    {
        "rule": "aria-progressbar-name",
        "target": ".md-progress",
        "reason": "The instant-navigation progress bar (feature navigation.instant.progress) is role=progressbar "
                  "without a name; it is decorative, shown only while the next page loads.",
    },
]


@cache
def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# axe's full result also lists every rule that passed or did not apply; only the gated violations cross back to Python.
_RUN = """async ([context, options, impacts]) => {
    const result = await axe.run(context || document, options);
    return result.violations.filter(v => impacts === null || impacts.includes(v.impact))
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({target: n.target}))}));
}"""


def _run(page: Page, options: dict, context: dict | None = CONTENT,
         impacts: tuple[str, ...] | None = GATED_IMPACTS) -> list[dict]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(axe_script())
    return page.evaluate(_RUN, [context, {**options, "resultTypes": ["violations"]}, impacts])


def structure_violations(page: Page) -> list[dict]:
    """Serious and critical findings on the content area, colour rules left to `colour_violations`."""
    rules = {rule: {"enabled": False} for rule in COLOUR_RULES}
    return _run(page, {"runOnly": {"type": "tag", "values": TAGS}, "rules": rules})


def colour_violations(page: Page) -> list[dict]:
    return _run(page, {"runOnly": {"type": "rule", "values": COLOUR_RULES}})


def whole_page_violations(page: Page) -> list[dict]:
    """Serious and critical findings anywhere on the page, theme chrome included, every rule."""
    return _run(page, {"runOnly": {"type": "tag", "values": TAGS}}, context=None)


def matched_allowlist(violations: list[dict]) -> set[str]:
    """The allowlist rules that some finding matches."""
    return {a["rule"] for v in violations for n in v["nodes"] for a in THEME_ALLOWLIST
            if a["rule"] == v["id"] and a["target"] in " ".join(str(t) for t in n["target"])}


def allowed(rule: str, target: str) -> bool:
    return any(a["rule"] == rule and a["target"] in target for a in THEME_ALLOWLIST)


def findings(violations: list[dict], where: str) -> list[str]:
    """One line per violating node that the allowlist does not cover."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if not allowed(v["id"], target):
                lines.append(f"{where}: {v['id']} ({v['impact']}) at {target}: {v['help']}")
    return lines


def rule_violations(page: Page, rule: str) -> list[str]:
    """The targets one axe rule flags on the whole page (any impact)."""
    found = _run(page, {"runOnly": {"type": "rule", "values": [rule]}}, context=None, impacts=None)
    return [" ".join(str(t) for t in n["target"]) for v in found for n in v["nodes"]]
