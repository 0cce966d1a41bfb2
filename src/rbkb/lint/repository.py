"""The repository checks of `runbook lint`: loader data checks plus every command in runbooks, docs and scripts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..alerts.load import lint_alerts
from ..freshness import today_utc
from ..load import LoadResult, load
from ..model import PLACEHOLDER_RE, LintSuppression, commands_of
from ..problems import Problem
from ..shell import EXPANSION, parse_shell
from ..training.lint import training_problems
from ..versions import VERSIONS_FILE, load_verified
from .command import Context, Finding, check_command, rule_severity
from .freshness import freshness_problems
from .shellcheck import ShellCheckFinding, shellcheck_many
from .signatures import signature_problems

_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>bash|sh|shell)\b[^\n]*$")
_DIRECTIVE_RE = re.compile(r"#\s*shellcheck\s+disable=([A-Z0-9,]+)(.*)$")


@dataclass(frozen=True)
class Target:
    """One piece of shell to check, with where it came from."""

    file: str
    line: int
    path: str
    text: str
    context: Context
    has_warning: bool = False
    suppress: LintSuppression | None = None
    shellcheck: bool = True
    examples: tuple[tuple[str, str], ...] = ()  # parameter -> example value, to run the command for real

    def concrete_argvs(self) -> list[list[str]]:
        """Each simple command with placeholders and run-time expansions replaced by example values."""
        examples = dict(self.examples)
        return [[_fill(word, examples) for word in cmd.argv] for cmd in parse_shell(self.text).commands]


def _fill(word: str, examples: dict[str, str]) -> str:
    return PLACEHOLDER_RE.sub(lambda m: examples.get(m.group(1), "example"), word.replace(EXPANSION, "example"))


def targets(root: Path) -> list[Target]:
    """Every piece of shell the repository shows or runs: runbook commands, docs snippets, scripts."""
    return [*_runbook_targets(load(root)), *_doc_targets(root), *_script_targets(root)]


def lint_repository(root: Path, *, today: dt.date | None = None, result: LoadResult | None = None) -> list[Problem]:
    """Every problem under `root`; `result` is its load when the caller has it already."""
    result = result or load(root)
    found_targets = [*_runbook_targets(result), *_doc_targets(root), *_script_targets(root)]
    # ShellCheck (one process per 500 commands) works on the other core while the checks below run here.
    shell_texts = [t.text for t in found_targets if t.shellcheck]
    with ThreadPoolExecutor(max_workers=1) as pool:
        shellchecked = pool.submit(shellcheck_many, shell_texts)
        problems = list(result.problems)
        problems += freshness_problems(result, today or today_utc())
        problems += _directive_problems(root)
        problems += lint_alerts(root, result)
        problems += training_problems(root, result.repo)
        problems += _view_data_problems(root, result)
        problems += signature_problems(result)
        if (root / VERSIONS_FILE).exists():  # a minimal repository may have runbooks only; the site requires it
            problems += load_verified(root)[1]
        checked = [(t, check_command(t.text, context=t.context, has_warning=t.has_warning)) for t in found_targets]
        by_text = dict(zip(shell_texts, shellchecked.result(), strict=True))
    for t, findings in checked:
        problems += _target_problems(t, findings, by_text.get(t.text, ()))
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.rule, p.message))


def _view_data_problems(root: Path, result: LoadResult) -> list[Problem]:
    """The cards and the triage tree: both refer to runbooks, so they are checked against the loaded ones."""
    # Imported here: both modules check their commands with rbkb.lint.command, so they import this package.
    from ..cards.load import CARDS_FILE, load_cards
    from ..triage_tree import TRIAGE_FILE, load_triage

    if result.repo is None:
        return []
    found = []
    for rel, loader in ((CARDS_FILE, load_cards), (TRIAGE_FILE, load_triage)):
        if (root / rel).exists():  # a minimal repository may have runbooks only; the site build requires both
            found += loader(root, result.repo)[1]
    return found


def _target_problems(t: Target, findings: list[Finding], shellchecked: tuple[ShellCheckFinding, ...]) -> list[Problem]:
    if t.shellcheck and not any(f.rule == "RB101" for f in findings):
        findings = findings + [Finding(sc.code, sc.message, sc.severity, sc.line - 1) for sc in shellchecked]
    # Runbook commands are one YAML value: every finding points at its key. Snippets and scripts have real lines.
    def line(f: Finding) -> int:
        return t.line + f.line if t.context == "snippet" else t.line

    ignored = set(t.suppress.ignore) if t.suppress else set()
    out = [Problem(t.file, line(f), f.rule, t.path, f.message,
                   f.severity if f.rule.startswith("SC") else rule_severity(f.rule))
           for f in findings if f.rule not in ignored]
    for rule in sorted(ignored - {f.rule for f in findings}):
        out.append(Problem(t.file, t.line, "RB104", t.path, f"suppressed rule {rule} does not fire here; remove it",
                           "warning"))
    return out


def _runbook_targets(result: LoadResult) -> Iterator[Target]:
    if result.repo is None:
        return
    for rb in result.repo.runbooks:
        rel = result.repo.sources[rb.id]
        examples = tuple((p.name, p.default or p.example) for p in rb.parameters)
        for path, text, suppress in commands_of(rb):
            context: Context = "diagnostic" if path.startswith("diagnostics") else (
                "confirm" if ".confirm." in path else "fix")
            has_warning = False
            if context == "fix":
                i, j = (int(x) for x in re.findall(r"\d+", path)[:2])
                has_warning = rb.causes[i].fix[j].warning is not None
            yield Target(rel, result.line(rel, path), path, text, context, has_warning, suppress, examples=examples)


def doc_snippets(text: str) -> Iterator[tuple[int, str]]:
    """Fenced bash/sh/shell blocks in Markdown: (line of the first command, block text)."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence = m.group("indent"), m.group("fence")
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        yield i + 2, "\n".join(body)
        i = j + 1


def _doc_targets(root: Path) -> Iterator[Target]:
    for md in sorted((root / "docs").rglob("*.md")):
        rel = str(md.relative_to(root))
        for line, block in doc_snippets(md.read_text(encoding="utf-8")):
            if block.strip():
                yield Target(rel, line, "", block, "snippet")


def _script_targets(root: Path) -> Iterator[Target]:
    for script in sorted(path for path in (root / "scripts").glob("*") if path.is_file()):  # not __pycache__/
        if script.suffix == ".sh" or script.read_text(encoding="utf-8",
                                                      errors="replace").startswith("#!/usr/bin/env bash"):
            yield Target(str(script.relative_to(root)), 1, "", script.read_text(encoding="utf-8"), "snippet")


def _directive_problems(root: Path) -> list[Problem]:
    """A ShellCheck code may be disabled in a script only with a reason after it."""
    found = []
    for script in sorted((root / "scripts").glob("*.sh")):
        for n, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
            m = _DIRECTIVE_RE.search(line)
            if m and not re.match(r"\s*#\s*\S", m.group(2)):
                found.append(Problem(str(script.relative_to(root)), n, "RB103", "",
                                     f"`shellcheck disable={m.group(1)}` needs a reason: add `# <why>` after it"))
    return found
