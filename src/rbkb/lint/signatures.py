"""RB016-RB020: signatures are patterns both engines read alike, stay fast, recognise their own example, and every
cause that shows in output has one."""

from __future__ import annotations

from ..analyze.causes import EXPLAINED_BY, STRUCTURAL_CAUSES
from ..analyze.patterns import literal_needle, needles, shape_problems, syntax_problems
from ..analyze.signatures import Signature
from ..load import CATALOGUE_FILE, LoadResult
from ..model import Repository, Signal
from ..problems import Problem


def signature_problems(result: LoadResult) -> list[Problem]:
    repo = result.repo
    if repo is None:
        return []
    found: list[Problem] = []
    usable: list[tuple[str, str, Signal, Signature]] = []  # (file, path, signal, compiled signature)
    for rb in repo.runbooks:
        rel = repo.sources[rb.id]
        for i, s in enumerate(rb.symptoms.signals):
            if s.cause is None or s.tool is None:
                continue
            path = f"symptoms.signals.{i}"
            bad = _pattern_problems(result, rel, path, s)
            found += bad
            if not bad:
                sig = Signature(cause=s.cause, tool=s.tool, text=s.text, confidence=s.confidence,
                                needles=tuple(needles(s.pattern) if s.pattern else literal_needle(s.text)),
                                runbook=rb.id, signal=i, pattern=s.pattern, ignore_case=s.ignore_case, also=s.also,
                                unless=s.unless)
                usable.append((rel, path, s, sig))
    found += _example_problems(result, usable)
    found += _coverage_problems(result, repo, {sig.cause for *_, sig in usable})
    return found


def _pattern_problems(result: LoadResult, rel: str, path: str, s: Signal) -> list[Problem]:
    found = []
    for field in ("pattern", "also", "unless"):
        expr = getattr(s, field)
        if not expr:
            continue
        where = f"{path}.{field}"
        line = result.line(rel, where)
        found += [Problem(rel, line, "RB016", where, why) for why in syntax_problems(expr)]
        found += [Problem(rel, line, "RB017", where, why) for why in shape_problems(expr)]
    if s.pattern and not any(p.rule == "RB016" for p in found) and not needles(s.pattern):
        where = f"{path}.pattern"
        found.append(Problem(rel, result.line(rel, where), "RB017", where,
                             "no literal text of three or more characters that every match contains"))
    if not s.pattern and not literal_needle(s.text):
        found.append(Problem(rel, result.line(rel, f"{path}.text"), "RB017", f"{path}.text",
                             "a literal signature needs at least three characters"))
    return found


def _example_problems(result: LoadResult, usable: list[tuple[str, str, Signal, Signature]]) -> list[Problem]:
    found = []
    for rel, path, s, sig in usable:
        if s.example is None:
            continue
        where = f"{path}.example.text"
        lines = s.example.text.splitlines() or [s.example.text]
        if not any(sig.matches(line) for line in lines):
            found.append(Problem(rel, result.line(rel, where), "RB018", where,
                                 f"the example does not match this signature ({s.pattern or s.text!r})"))
            continue
        for _, other_path, _, other in usable:
            explains = sig.cause in EXPLAINED_BY.get(other.cause, ())  # ranked above it anyway: a root cause
            if other.cause != sig.cause and other.confidence > sig.confidence and not explains and any(
                    other.matches(line) for line in lines):
                found.append(Problem(rel, result.line(rel, where), "RB019", where,
                                     f"the example also matches {other.runbook} {other_path} (cause "
                                     f"{other.cause}, confidence {other.confidence} > {sig.confidence})"))
    return found


# Causes that can show in output but whose signature still lacks a real example (a published capture, or the
# upstream source line that prints the text). Like a strict xfail: RB020 accepts an entry only while the cause has
# no signature, so each entry must go the day its signature is written. Never invent an example to empty this.
def _coverage_problems(result: LoadResult, repo: Repository, covered: set[str]) -> list[Problem]:
    sections = {c.id for rb in repo.runbooks for c in rb.causes}
    found = []
    for i, cause in enumerate(repo.catalogue.causes):
        where = (CATALOGUE_FILE, result.line(CATALOGUE_FILE, f"causes.{i}"), "RB020", f"causes.{i}")
        shown = cause.id in covered or cause.id in STRUCTURAL_CAUSES
        if cause.signature_wanted and shown:
            found.append(Problem(*where, f"{cause.id} has a signature now: remove its `signature_wanted`"))
        elif cause.in_output and cause.id in sections and not shown and not cause.signature_wanted:
            found.append(Problem(*where, f"{cause.id} can show in output but no runbook signal names it as its "
                                         "`cause` (or set `in_output: false` and say why, or `signature_wanted` "
                                         "with what was searched)"))
    return found
