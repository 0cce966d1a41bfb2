"""The training page source for the site: load drills and labs, stop the build on any problem, render the pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from ..model import Repository
from ..problems import RepositoryError, errors
from ..render.training import (
    INDEX_DOC,
    LAB_DOC,
    QUIZ_DOC,
    drill_doc,
    drill_page,
    manifest_doc,
    practice_lab_page,
    quiz_page,
    training_index_page,
)
from .load import load_training

if TYPE_CHECKING:
    from ..site.pages import SiteContext


def training_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    training, problems = load_training(ctx.root, repo)
    if training is None:
        raise PluginError(str(RepositoryError(errors(problems))))
    pages = {
        INDEX_DOC: training_index_page(training, repo),
        QUIZ_DOC: quiz_page(repo),
        LAB_DOC: practice_lab_page(training, repo),
    }
    pages.update({drill_doc(d.id): drill_page(d, repo) for d in training.drills})
    # Lab manifests are published as files so the lab can be run from the site alone.
    pages.update({manifest_doc(m.file): m.text for lab in training.labs for m in lab.manifests})
    return pages
