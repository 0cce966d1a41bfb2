"""The signature table and the one matcher behind `runbook diagnose`, `runbook run` and `runbook triage`.

A signature is a runbook symptom signal that names a cause (see `Signal` in rbkb.model): a literal text or a
pattern, who prints it, how sure it is, and the versions whose wording it is. `rbkb.analyze.table` builds the table
from the repository; `src/rbkb/data/signatures.json` is that table built into the package, so `runbook diagnose`
loads it without pydantic, YAML or the runbooks (and the site's paste box loads the same file in the browser).

Matching is linear in the line length: each signature names needles (plain strings every match contains); a line
is first checked for the needles, and only the signatures whose needle it holds run their pattern. `also` and
`unless` are separate scans of the same line. Lines longer than `WINDOW` are matched in overlapping windows, so a
pattern with `.*` costs at most a window's worth of backtracking per window.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

PACKAGED = Path(__file__).resolve().parents[1] / "data" / "signatures.json"
FORMAT = 1
WINDOW = 8192  # characters matched at once on a very long line
OVERLAP = 2048  # a match shorter than this is never split between two windows
_FLAGS = re.ASCII  # as rbkb.analyze.patterns.FLAGS (not imported: that module parses regexes, this one only runs them)


@dataclass(frozen=True)
class Signature:
    cause: str
    tool: str
    text: str
    confidence: float
    needles: tuple[str, ...]  # casefolded; a line holding none of them cannot match
    runbook: str  # the runbook whose symptom signal this is
    signal: int  # its index in that runbook's symptoms.signals
    pattern: str | None = None
    ignore_case: bool = False
    also: str | None = None
    unless: str | None = None
    versions: str | None = None  # as shown, e.g. "Argo Rollouts ≤ 1.9"

    @cached_property
    def _compiled(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
        flags = _FLAGS | (re.IGNORECASE if self.ignore_case else 0)
        return tuple(re.compile(p, flags) if p else None for p in (self.pattern, self.also, self.unless))  # type: ignore[return-value]

    @property
    def is_literal(self) -> bool:
        return not (self.pattern or self.also or self.unless)

    def matches(self, line: str) -> bool:
        main, also, unless = self._compiled
        if main is not None:
            found = main.search(line) is not None
        elif self.ignore_case:
            found = self.text.casefold() in line.casefold()
        else:
            found = self.text in line
        return found and (also is None or also.search(line) is not None) and not (unless and unless.search(line))

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("cause", "tool", "text", "pattern", "ignore_case", "also", "unless",
                                                "confidence", "versions", "runbook", "signal")}
        return {**{k: v for k, v in data.items() if v is not None and v is not False}, "needles": list(self.needles)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Signature:
        return cls(**{**data, "needles": tuple(data.get("needles") or ())})


@dataclass(frozen=True)
class CauseInfo:
    """What an answer needs to name a cause and send the reader to its section."""

    id: str
    title: str
    runbook: str  # the runbook whose section on the cause a finding links to
    path: str  # site-relative URL of that section, e.g. runbooks/pods-not-starting/#cause-crashloop
    fix: tuple[str, ...]  # the section's fix step titles
    in_output: bool = True


@dataclass
class Table:
    site_url: str
    signatures: tuple[Signature, ...]
    causes: dict[str, CauseInfo]
    explained_by: dict[str, tuple[str, ...]]
    fingerprint: str = ""
    examples: dict[int, dict[str, str]] = field(default_factory=dict)  # signature index -> {text, source}

    def url(self, cause: str) -> str:
        return self.site_url.rstrip("/") + "/" + self.causes[cause].path

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.signatures)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "fingerprint": self.fingerprint, "site_url": self.site_url,
            "causes": {c.id: {"title": c.title, "runbook": c.runbook, "path": c.path, "fix": list(c.fix),
                              "in_output": c.in_output} for c in self.causes.values()},
            "explained_by": {k: list(v) for k, v in self.explained_by.items()},
            "signatures": [{**s.to_json(), **({"example": self.examples[i]} if i in self.examples else {})}
                           for i, s in enumerate(self.signatures)],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Table:
        if data.get("format") != FORMAT:
            raise ValueError(f"signature table format {data.get('format')!r}, expected {FORMAT}")
        sigs = [{k: v for k, v in s.items() if k != "example"} for s in data["signatures"]]
        return cls(
            site_url=data["site_url"],
            signatures=tuple(Signature.from_json(s) for s in sigs),
            causes={k: CauseInfo(id=k, title=v["title"], runbook=v["runbook"], path=v["path"], fix=tuple(v["fix"]),
                                 in_output=v.get("in_output", True)) for k, v in data["causes"].items()},
            explained_by={k: tuple(v) for k, v in data.get("explained_by", {}).items()},
            fingerprint=data.get("fingerprint", ""),
            examples={i: s["example"] for i, s in enumerate(data["signatures"]) if "example" in s},
        )


def load_table(path: Path = PACKAGED) -> Table:
    return Table.from_json(json.loads(path.read_text(encoding="utf-8")))


class Matcher:
    """Every signature, indexed by needle; `match(line)` returns the signatures the line shows."""

    def __init__(self, signatures: Iterable[Signature]) -> None:
        self.signatures = tuple(signatures)
        self.by_needle: dict[str, list[Signature]] = {}
        self.always: list[Signature] = []  # no needle (lint refuses these; kept working, only slower)
        for sig in self.signatures:
            for needle in sig.needles:
                self.by_needle.setdefault(needle, []).append(sig)
            if not sig.needles:
                self.always.append(sig)
        # A line holding a needle holds every shorter needle inside it, so checking the minimal ones is enough to
        # skip a line that holds none.
        ordered = sorted(self.by_needle, key=len)
        self.gate: tuple[str, ...] = tuple(n for i, n in enumerate(ordered) if not any(m in n for m in ordered[:i]))

    def match(self, line: str) -> list[Signature]:
        candidates = self._candidates(line.casefold())
        if len(line) <= WINDOW:
            return [sig for sig in candidates if sig.matches(line)]
        # A long line: literal signatures are one substring search of the whole line; patterns run per window.
        found = [sig for sig in candidates if sig.is_literal and sig.matches(line)]
        patterns = [sig for sig in candidates if not sig.is_literal]
        for start in range(0, len(line) - OVERLAP, WINDOW - OVERLAP):
            if not patterns:
                break
            window = line[start: start + WINDOW]
            hits = [sig for sig in patterns if sig.matches(window)]
            found += hits
            patterns = [sig for sig in patterns if sig not in hits]
        return found

    def _candidates(self, low: str) -> list[Signature]:
        """The signatures whose needle the (casefolded) line holds, each once, in table order."""
        if not any(g in low for g in self.gate):
            return list(self.always)
        seen: dict[int, Signature] = {id(sig): sig for sig in self.always}
        for needle, sigs in self.by_needle.items():
            if needle in low:
                for sig in sigs:
                    seen.setdefault(id(sig), sig)
        return list(seen.values())


# ----------------------------------------------------------------------------------------------------------------------
# Which table: the packaged one, or one built from the repository being edited
# ----------------------------------------------------------------------------------------------------------------------

SOURCES = ("runbooks/*.yaml", "data/causes.yaml", "mkdocs.yml")  # what the table is built from
CACHE = Path(".cache") / "rbkb" / "signatures.json"  # under the repository root; ignored by git


def fingerprint(root: Path) -> str:
    """A digest of the files the table is built from: equal digests, equal tables."""
    import hashlib

    digest = hashlib.sha256()
    for pattern in SOURCES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def find_root(start: Path) -> Path | None:
    """The repository holding `start` (a directory with runbooks/ and data/causes.yaml), or None."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "runbooks").is_dir() and (folder / "data" / "causes.yaml").is_file():
            return folder
    return None


def table_for(root: Path | None) -> tuple[Table, str | None]:
    """The table for the repository at `root` (None: the packaged table), and a note when it could not be used.

    The packaged table serves when it was built from the same files; else a cached build under the repository's
    `.cache/`; else the repository is loaded once and the cache written. A repository that does not load falls back
    to the packaged table, with a note saying so.
    """
    packaged = load_table()
    if root is None:
        return packaged, None
    digest = fingerprint(root)
    if digest == packaged.fingerprint:
        return packaged, None
    cache = root / CACHE
    try:
        cached = load_table(cache)
        if cached.fingerprint == digest:
            return cached, None
    except (OSError, ValueError, KeyError):
        pass
    from ..load import load_repository  # the slow path: pydantic, YAML and every runbook
    from ..urls import site_url
    from .table import build_table, write_table

    repo, _ = load_repository(root)
    if repo is None:
        return packaged, (f"the runbooks in {root} do not load (run `runbook lint`); using the signatures shipped "
                          "with rbkb")
    table = build_table(repo, site_url(root), digest)
    try:
        write_table(table, cache)
    except OSError:
        pass  # a read-only checkout still answers, only slower next time
    return table, None
