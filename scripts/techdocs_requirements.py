#!/usr/bin/env python3
"""Print this package's runtime dependencies that the TechDocs environment needs from pyproject.toml.

mkdocs-techdocs-core pins mkdocs-material and pymdown-extensions itself (older releases than ours), so those two
are left out; everything else is printed as pyproject.toml states it, so the two environments never drift apart.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PINNED_BY_TECHDOCS = {"mkdocs-material", "pymdown-extensions"}


def requirements(pyproject: Path) -> list[str]:
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    return [d for d in deps if re.split(r"[\s<>=!~\[;]", d, maxsplit=1)[0].lower() not in PINNED_BY_TECHDOCS]


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.stdout.write("".join(f"{line}\n" for line in requirements(root / "pyproject.toml")))
