"""MkDocs plugin: load the runbooks once, fail the build on any problem, and generate their pages and nav.

No stub file per runbook exists in docs/: pages are generated from the model in `on_files`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .. import urls
from ..load import load_cached
from ..model import COMPONENT_TITLES, Repository
from ..problems import RepositoryError
from .pages import PAGE_SOURCES, SiteContext

log = logging.getLogger("mkdocs.plugins.runbooks")


class RunbooksConfig(Config):
    enabled = c.Type(bool, default=True)
    # Repository root (holding runbooks/ and data/), relative to mkdocs.yml.
    root = c.Type(str, default=".")
    # The nav entry `Title: runbooks/index.md` that is expanded into one section per component.
    nav_anchor = c.Type(str, default=urls.RUNBOOK_INDEX_DOC)


class RunbooksPlugin(BasePlugin[RunbooksConfig]):
    repo: Repository | None = None
    root: Path = Path(".")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent / self.config.root
        self.root = root
        repo, problems = load_cached(root)
        for problem in problems:
            if problem.severity == "warning":
                log.info(str(problem))  # lint reports warnings; the site still builds
        if repo is None:
            raise PluginError(str(RepositoryError([p for p in problems if p.severity == "error"])))
        self.repo = repo
        if config.nav:
            config.nav = [self._expand(item) for item in config.nav]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.repo is None:
            return None
        ctx = SiteContext(root=self.root, site_url=urls.normalise_site_url(config.site_url))
        generated: dict[str, str] = {}
        for source in PAGE_SOURCES:
            generated.update(source(self.repo, ctx))
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} exists but is generated from runbooks/: delete the hand-written file")
            files.append(File.generated(config, src_uri, content=content))
        return files

    def _expand(self, item: Any) -> Any:
        """Replace `{Runbooks: runbooks/index.md}` with the index and a section per component."""
        if not isinstance(item, dict) or len(item) != 1:
            return item
        (title, value), = item.items()
        if value == self.config.nav_anchor and self.repo is not None:
            sections = [
                {COMPONENT_TITLES[comp]: [urls.component_doc(comp), *(urls.runbook_doc(rb.id) for rb in rbs)]}
                for comp, rbs in self.repo.by_component().items()
            ]
            return {title: [value, *sections]}
        if isinstance(value, list):
            return {title: [self._expand(v) for v in value]}
        return item
