""""Suggest a change": where each page's edit button goes, from mkdocs.yml `repo_url` and `edit_uri` (one place).

Hand-written pages keep MkDocs' own edit URL (their file under docs/). A generated page edits the file it is
generated from: a runbook page opens runbooks/<id>.yaml, the organisation pages data/organisation.yaml.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig

from .. import urls
from ..load import ORGANISATION_FILE
from ..model import Repository


def edit_sources(repo: Repository) -> dict[str, str]:
    """Generated page (docs-relative) -> the repository file it is generated from."""
    sources = {urls.runbook_doc(rb_id): path for rb_id, path in repo.sources.items()}
    for doc in (urls.SEVERITY_DOC, urls.ESCALATION_DOC, urls.ROLES_DOC, urls.COMMUNICATION_DOC):
        sources[doc] = ORGANISATION_FILE
    return sources


def docs_relative(root: Path, docs_dir: str, repo_path: str) -> str:
    """A repository path as MkDocs' `edit_uri` sees it: relative to docs_dir, e.g. ../runbooks/x.yaml."""
    return posixpath.join(*Path(os.path.relpath(root / repo_path, docs_dir)).parts)


def edit_url(config: MkDocsConfig, docs_path: str) -> str | None:
    """The URL MkDocs would give a docs file at `docs_path` (same rules as its Page._set_edit_url)."""
    repo_url, edit_uri, template = config.repo_url, config.edit_uri, config.edit_uri_template
    if not repo_url or not (edit_uri or template):
        return None
    if template:
        target = template.format(path=docs_path, path_noext=posixpath.splitext(docs_path)[0])
    else:
        target = edit_uri + docs_path  # type: ignore[operator]
    return urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", target)


def repo_edit_url(config: MkDocsConfig, root: Path, repo_path: str) -> str | None:
    return edit_url(config, docs_relative(root, config.docs_dir, repo_path))
