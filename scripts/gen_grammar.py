#!/usr/bin/env python3
"""Regenerate the grammar data in src/rbkb/data/grammar/ (see rbkb.tools.generate).

Usage: .venv/bin/python scripts/gen_grammar.py {kubectl,kustomize,argocd,argo-rollouts,helm,resources,all} [--check]
"""

from __future__ import annotations

import sys

from rbkb.tools.generate import main

if __name__ == "__main__":
    sys.exit(main())
