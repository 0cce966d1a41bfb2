"""MkDocs plugin: load the runbooks once, fail the build on any problem, and generate their pages and nav.

No stub file per runbook exists in docs/: pages are generated from the model in `on_files`. `mkdocs build` writes
into a folder beside `site_dir` that replaces it only when the whole build succeeded (`rbkb.site.publish`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import urls
from ..lint.contacts import example_contacts, placeholder_contacts
from ..load import load, load_cached
from ..model import COMPONENT_TITLES, Repository
from ..problems import RepositoryError
from . import publish
from .edit import docs_relative, edit_sources, repo_edit_url
from .escaping import page_content, page_markdown
from .pages import PAGE_SOURCES, SiteContext
from .serve import KeptPages, watched
from .views import check_built_site

log = logging.getLogger("mkdocs.plugins.runbooks")


class RunbooksConfig(Config):
    enabled = c.Type(bool, default=True)
    # Repository root (holding runbooks/ and data/), relative to mkdocs.yml.
    root = c.Type(str, default=".")
    # The nav entry `Title: runbooks/index.md` that is expanded into one section per component.
    nav_anchor = c.Type(str, default=urls.RUNBOOK_INDEX_DOC)
    # Fail the build while data/organisation.yaml still holds the guide's placeholder contacts (production builds).
    require_real_contacts = c.Type(bool, default=False)
    # Above this many runbooks the nav lists each component's page (which lists its runbooks), not every runbook:
    # every page carries the whole nav, so listing hundreds of runbooks makes each page, and the build, grow with the
    # square of their number (make bench, scripts/bench_scale.py).
    nav_runbook_limit = c.Type(int, default=150)


class RunbooksPlugin(BasePlugin[RunbooksConfig]):
    repo: Repository | None = None
    root: Path = Path(".")
    _stage = False  # set by on_startup for `mkdocs build` and `gh-deploy`
    _staging: Path | None = None  # where this build writes; swapped in for `_publish_to` when it succeeded
    _publish_to: Path | None = None
    _built = False
    serving = False  # `mkdocs serve`: the same instance builds again after every edit
    built_once = False
    kept: KeptPages | None = None  # `mkdocs serve --dirty`: generated pages as files (site/serve.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `serve` builds into its own temporary folder, and a dirty build reuses the old files: neither is staged
        self._stage = command in ("build", "gh-deploy") and not dirty
        self.serving = command == "serve"
        self.kept = KeptPages() if self.serving and dirty else None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when what the pages are generated from changes, not only docs/ and mkdocs.yml."""
        if self.config.enabled:
            for path in watched(self.root):
                server.watch(str(path))
        return server

    @event_priority(100)  # before any other plugin reads site_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self._stage:
            self._publish_to, self._built = Path(config.site_dir), False
            self._staging = publish.stage(self._publish_to)
            config.site_dir = str(self._staging)
        root = Path(config.config_file_path).parent / self.config.root
        self.root = root
        repo, problems = load_cached(root)
        for problem in problems:
            if problem.severity == "warning":
                log.info(str(problem))  # lint reports warnings; the site still builds
        if repo is None:
            raise PluginError(str(RepositoryError([p for p in problems if p.severity == "error"])))
        self.repo = repo
        if self.config.require_real_contacts:
            placeholders = placeholder_contacts(load(root))
            if placeholders:
                raise PluginError("require_real_contacts: the guide's placeholder contacts are still in place:\n"
                                  + "\n".join(f"  {p}" for p in placeholders))
        config.extra["example_contacts"] = len(example_contacts(repo.organisation))  # the banner (overrides/main.html)
        if config.nav:
            config.nav = [self._expand(item) for item in config.nav]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.repo is None:
            return None
        unlisted = {urls.runbook_doc(rb.id) for rb in self.repo.runbooks} if self._compact_nav() else set()
        ctx = SiteContext(root=self.root, site_url=urls.normalise_site_url(config.site_url),
                          edit_url=lambda path: repo_edit_url(config, self.root, path),
                          reuse_pdfs=self.serving and self.built_once)
        self.built_once = True
        generated: dict[str, str | bytes] = {}
        try:
            for source in PAGE_SOURCES:
                generated.update(source(self.repo, ctx))
        except RepositoryError as e:
            raise PluginError(str(e)) from e
        edit_from = edit_sources(self.repo)
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"docs/{src_uri} exists but is generated from runbooks/: delete the hand-written file"
                )
            file = self.kept.file(config, src_uri, content) if self.kept else File.generated(config, src_uri,
                                                                                                content=content)
            if src_uri in unlisted:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if src_uri in edit_from:  # "Suggest a change" opens the file the page is generated from
                file.edit_uri = docs_relative(self.root, config.docs_dir, edit_from[src_uri])
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return page_markdown(markdown, page.file.src_uri, page.meta) if self.config.enabled else None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return page_content(html, page.file.src_uri) if self.config.enabled else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and (wrong := check_built_site(Path(config.site_dir))):
            raise PluginError("\n".join(wrong))
        self._built = True  # until a later plugin, or strict mode counting warnings, fails the build

    def on_build_error(self, *, error: Exception) -> None:
        self._built = False

    def on_shutdown(self) -> None:
        if self.kept is not None:
            self.kept.close()
        staging, self._staging = self._staging, None
        if staging is not None and self._publish_to is not None:
            if self._built:
                publish.publish(staging, self._publish_to)
            else:
                publish.discard(staging)

    def _expand(self, item: Any) -> Any:
        """Replace `{Runbooks: runbooks/index.md}` with the index and a section per component."""
        if not isinstance(item, dict) or len(item) != 1:
            return item
        (title, value), = item.items()
        if value == self.config.nav_anchor and self.repo is not None:
            compact = self._compact_nav()
            sections = [
                {COMPONENT_TITLES[comp]: urls.component_doc(comp) if compact
                 else [urls.component_doc(comp), *(urls.runbook_doc(rb.id) for rb in rbs)]}
                for comp, rbs in self.repo.by_component().items()
            ]
            return {title: [value, *sections]}
        if isinstance(value, list):
            return {title: [self._expand(v) for v in value]}
        return item

    def _compact_nav(self) -> bool:
        return self.repo is not None and len(self.repo.runbooks) > self.config.nav_runbook_limit
