"""What `mkdocs serve` needs beyond a build: the folders to watch, and generated pages kept as files.

`make serve` runs `mkdocs serve --dirty`: after an edit MkDocs rebuilds only the pages whose source file is newer
than their output. A page generated with its content in memory always counts as changed, so while serving, every
generated page is written to a scratch folder, and rewritten only when its content changed: editing one runbook then
rebuilds its page and the few pages that list it, not the whole site.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

TEMPLATES = Path(__file__).resolve().parents[1] / "render" / "templates"


def watched(root: Path) -> list[Path]:
    """Everything a served site is generated from besides docs/ and mkdocs.yml: the data and the page templates."""
    return [p for p in (root / "runbooks", root / "data", root / "training", TEMPLATES) if p.is_dir()]


class KeptPages:
    """Generated pages as files in a scratch folder, each rewritten only when its content changes."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="rbkb-serve-"))

    def file(self, config: MkDocsConfig, src_uri: str, content: str | bytes) -> File:
        return File.generated(config, src_uri, abs_src_path=str(self.write(src_uri, content)))

    def write(self, src_uri: str, content: str | bytes) -> Path:
        """The page's file, written only if its content differs (an unchanged page keeps its time stamp)."""
        path = self.folder / src_uri
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return path

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
