"""Version ranges as data (`{argo-cd: ">=2.5,<3.0"}`): whether a range can hold any version, and how it reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from . import urls
from .datafile import load_file
from .model import PRODUCT_TITLES, Markdown, Product, Repository, Versions, VersionSpec, _Model
from .problems import Problem

VERSIONS_FILE = "data/versions.yaml"

_CLAUSE = re.compile(r"\s*(>=|<=|==|!=|>|<)\s*(\d+(?:\.\d+){0,2})\s*")
_SYMBOLS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}

Version = tuple[int, int, int]


def _version(text: str) -> Version:
    parts = [int(p) for p in text.split(".")] + [0, 0]
    return parts[0], parts[1], parts[2]


def clauses(spec: str) -> list[tuple[str, Version]]:
    return [(m.group(1), _version(m.group(2))) for m in (_CLAUSE.fullmatch(c) for c in spec.split(",")) if m]


def empty_reason(spec: str) -> str | None:
    """Why no version satisfies `spec` (e.g. `>=2.0,<1.9`), or None when some version does."""
    lower: tuple[Version, bool] | None = None  # (bound, inclusive)
    upper: tuple[Version, bool] | None = None
    exact: list[Version] = []
    for op, v in clauses(spec):
        if op in (">=", ">"):
            bound = (v, op == ">=")
            if lower is None or (bound[0], not bound[1]) > (lower[0], not lower[1]):
                lower = bound
        elif op in ("<=", "<"):
            bound = (v, op == "<=")
            if upper is None or (bound[0], bound[1]) < (upper[0], upper[1]):
                upper = bound
        elif op == "==":
            exact.append(v)
    if lower and upper and (lower[0] > upper[0] or (lower[0] == upper[0] and not (lower[1] and upper[1]))):
        return f"the lower bound {_show(lower)} is above the upper bound {_show(upper, upper=True)}"
    for v in exact:
        if (lower and (v < lower[0] or (v == lower[0] and not lower[1]))) or \
                (upper and (v > upper[0] or (v == upper[0] and not upper[1]))):
            return f"=={'.'.join(map(str, v))} lies outside the other bounds"
    if len(set(exact)) > 1:
        return "two different exact versions"
    return None


def _show(bound: tuple[Version, bool], upper: bool = False) -> str:
    op = ("<=" if bound[1] else "<") if upper else (">=" if bound[1] else ">")
    return op + ".".join(map(str, bound[0]))


def describe(versions: Versions) -> str:
    """`{argo-cd: ">=2.5,<3.0"}` -> `Argo CD ≥ 2.5, < 3.0`; products joined with `; `."""
    parts = []
    for product, spec in versions.items():
        shown = ", ".join(f"{_SYMBOLS[op]} {'.'.join(_trim(v))}" for op, v in clauses(spec))
        parts.append(f"{PRODUCT_TITLES.get(product, product)} {shown}")
    return "; ".join(parts)


def _trim(v: Version) -> list[str]:
    parts = [str(p) for p in v]
    while len(parts) > 2 and parts[-1] == "0":
        parts.pop()
    return parts


def parse_version(text: str) -> Version | None:
    """`v3.1.16`, `3.1`, `v1.10.0-rc1` -> (3, 1, 16) ...; None for a tag that names no version (`latest`, a digest)."""
    m = re.match(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$", text.strip())
    return (int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)) if m else None


def satisfies(version: Version, spec: str) -> bool:
    checks = {">=": version.__ge__, "<=": version.__le__, ">": version.__gt__, "<": version.__lt__,
              "==": version.__eq__, "!=": version.__ne__}
    return all(checks[op](bound) for op, bound in clauses(spec))


def show(version: Version) -> str:
    return ".".join(_trim(version))


@dataclass(frozen=True)
class Statement:
    """Something a runbook says that holds only for some versions of one product."""

    runbook: str
    anchor: str  # the section it sits in
    what: str  # the signal text, check, cause or fix step title
    product: Product
    spec: str


def statements(repo: Repository) -> Iterator[Statement]:
    """Every version-dependent statement of every runbook, in page order."""
    for rb in sorted(repo.runbooks, key=lambda r: r.id):
        found: list[tuple[str, str, Versions | None]] = [
            *(("symptoms", f"`{s.text}`", s.versions) for s in rb.symptoms.signals),
            *((urls.check_anchor(d.id), d.title, d.versions) for d in rb.diagnostics),
        ]
        for c in rb.causes:
            title = c.title or repo.cause(c.id).title
            found.append((urls.cause_anchor(c.id), title, c.versions))
            found += [(urls.cause_anchor(c.id), f"{title}: {step.title}", step.versions) for step in c.fix]
        for anchor, what, versions in found:
            for product, spec in (versions or {}).items():
                yield Statement(rb.id, anchor, what, product, spec)


# ----------------------------------------------------------------------------------------------------------------------
# What the knowledge base was checked against (data/versions.yaml)
# ----------------------------------------------------------------------------------------------------------------------


class VerifiedProduct(_Model):
    """One product the runbooks were checked against, and how."""

    product: Product
    versions: VersionSpec | None = Field(
        default=None, description="The releases checked, as a range, e.g. `>=2.14,<=3.6`; omit for one commit."
    )
    checked: Markdown = Field(description="What was read: source, docs and references, with tags or commits.")


class VerifiedVersions(_Model):
    verified: list[VerifiedProduct] = Field(min_length=1)

    def spec(self, product: str) -> str | None:
        return next((v.versions for v in self.verified if v.product == product), None)


def load_verified(root: Path) -> tuple[VerifiedVersions | None, list[Problem]]:
    problems: list[Problem] = []
    parsed = load_file(root, VERSIONS_FILE, VerifiedVersions, problems)
    if parsed.model is not None:
        for i, v in enumerate(parsed.model.verified):
            if v.versions and (reason := empty_reason(v.versions)):
                line = parsed.located.line_of(("verified", i, "versions")) if parsed.located else 1
                problems.append(Problem(VERSIONS_FILE, line, "RB015", f"verified.{i}.versions",
                                        f"{v.versions!r} holds no version: {reason}"))
    return (None if problems else parsed.model), problems


def not_applying(repo: Repository, product: str, version: Version) -> list[Statement]:
    """The statements about `product` that do not hold for `version` (what `runbook doctor` warns about)."""
    return [s for s in statements(repo) if s.product == product and not satisfies(version, s.spec)]
