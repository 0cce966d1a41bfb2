"""The paste page and box: golden files from the frozen mini repository, relative links from every page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rbkb import urls
from rbkb.analyze.table import browser_table, build_table
from rbkb.load import load_repository
from rbkb.render.paste import paste_box, paste_page


def test_paste_page_golden(mini_repo: Path, golden: Callable[[str, str], None]) -> None:
    repo, problems = load_repository(mini_repo)
    assert repo is not None, problems
    table = browser_table(build_table(repo, "https://runbooks.example.internal/"))
    assert table["signatures"], "the mini repository has signatures to count"
    golden("render/paste.md", paste_page(table))


@pytest.mark.parametrize(("doc", "root"), [
    ("index.md", "./"), (urls.PASTE_DOC, "../"), ("runbooks/pod-oomkilled.md", "../../"),
    ("components/argo-cd/index.md", "../../"),
])
def test_box_links_are_relative_to_its_page(doc: str, root: str) -> None:
    box = paste_box(doc, 3)
    assert f'data-rb-root="{root}"' in box and f'data-rb-table="{root}{urls.PASTE_TABLE_FILE}"' in box
    assert "data-rb-autofocus" not in box and "data-rb-autofocus" in paste_box(doc, 3, autofocus=True)
    assert "http" not in box
