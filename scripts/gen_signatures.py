#!/usr/bin/env python3
"""Write src/rbkb/data/signatures.json: the signature table `runbook diagnose` and the site's paste box load.

Built from runbooks/*.yaml, data/causes.yaml and mkdocs.yml (site_url) by rbkb.analyze.table; run after changing any
of them (`make signatures`). tests/analyze/test_table.py fails while the file is not current.

Usage: .venv/bin/python scripts/gen_signatures.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rbkb.analyze.signatures import PACKAGED, fingerprint
from rbkb.analyze.table import build_table, write_table
from rbkb.load import load_repository
from rbkb.urls import site_url

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the file is not current; write nothing")
    args = ap.parse_args(argv)
    repo, problems = load_repository(REPO)
    if repo is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    table = build_table(repo, site_url(REPO), fingerprint(REPO))
    if args.check:
        current = PACKAGED.exists() and fingerprint(REPO) == _fingerprint_of(PACKAGED)
        print(f"{PACKAGED.relative_to(REPO)} is {'current' if current else 'stale: run scripts/gen_signatures.py'}")
        return 0 if current else 1
    write_table(table, PACKAGED)
    print(f"wrote {PACKAGED.relative_to(REPO)}: {len(table.signatures)} signatures over "
          f"{len({s.cause for s in table.signatures})} causes")
    return 0


def _fingerprint_of(path: Path) -> str:
    import json

    return str(json.loads(path.read_text(encoding="utf-8")).get("fingerprint", ""))


if __name__ == "__main__":
    sys.exit(main())
