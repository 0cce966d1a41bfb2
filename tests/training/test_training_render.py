"""Training renderers are pure functions of the models: golden files pin their output."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit
from mkdocs.exceptions import PluginError
from training_support import DRILL, loaded, training_repo  # noqa: F401

from rbkb.render.blocks import command_block
from rbkb.render.training import drill_page, practice_lab_page, quiz_page, training_index_page
from rbkb.site.pages import SiteContext
from rbkb.training.load import load_training
from rbkb.training.pages import training_pages


def _training(root: Path):  # type: ignore[no-untyped-def]
    repo = loaded(root)
    training, problems = load_training(root, repo)
    assert training is not None, problems
    return training, repo


def test_training_pages_golden(training_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    training, repo = _training(training_repo)
    golden("training/index.md", training_index_page(training, repo))
    golden("training/drill-rollouts.md", drill_page(training.drills[0], repo))
    golden("training/quiz.md", quiz_page(repo))
    golden("training/practice-lab.md", practice_lab_page(training, repo))


def test_drill_shows_the_runbook_command_and_links_every_answer(training_repo: Path) -> None:
    training, repo = _training(training_repo)
    rb = repo.runbook("rollout-not-starting")
    page = drill_page(training.drills[0], repo)
    assert command_block(rb.diagnostic("rollout-tree").command, {p.name: p for p in rb.parameters}) in page
    assert page.count('??? success "Answer"') == len(training.drills[0].questions)
    assert "../../runbooks/rollout-not-starting.md#cause-rollout-paused" in page
    assert "../../runbooks/rollout-not-starting.md#cause-image-not-changed" in page
    assert "Captured in: [argoproj/argo-rollouts: TestGetBlueGreenRollout](https://github.com/argoproj/" in page


def test_changed_runbook_command_changes_the_drill(training_repo: Path) -> None:
    training, repo = _training(training_repo)
    assert "--no-color" not in drill_page(training.drills[0], repo)
    edit(training_repo / "runbooks/rollout-not-starting.yaml",
         "command: kubectl argo rollouts get rollout <rollout> -n <namespace>\n",
         "command: kubectl argo rollouts get rollout <rollout> -n <namespace> --no-color\n")
    training, repo = _training(training_repo)
    assert "</span> --no-color</code>" in drill_page(training.drills[0], repo)


def test_quiz_answers_name_the_cause_whose_evidence_quotes_the_symptom(training_repo: Path) -> None:
    repo = loaded(training_repo)
    quiz = quiz_page(repo)
    paused = quiz.split("<code>Paused</code>", 1)[1].split("**Q", 1)[0]
    assert "#cause-rollout-paused" in paused
    assert quiz == quiz_page(loaded(training_repo))


def test_page_source_publishes_pages_and_manifests(training_repo: Path) -> None:
    pages = training_pages(loaded(training_repo), SiteContext(root=training_repo, site_url="https://x.example/"))
    assert sorted(pages) == [
        "training/drills/rollouts.md", "training/index.md", "training/labs/paused-rollout/manifests/10-rollout.yaml",
        "training/practice-lab.md", "training/quiz.md"]
    assert pages["training/labs/paused-rollout/manifests/10-rollout.yaml"] == (
        training_repo / "training/labs/paused-rollout/manifests/10-rollout.yaml").read_text()


def test_page_source_stops_the_build_with_file_and_line(training_repo: Path) -> None:
    edit(training_repo / DRILL, "cause: rollout_paused}", "cause: crashloop}")
    with pytest.raises(PluginError) as err:
        training_pages(loaded(training_repo), SiteContext(root=training_repo, site_url="https://x.example/"))
    assert (f"{DRILL}:33: RB701 questions.0.cause: runbook 'rollout-not-starting' has no section on cause "
            "'crashloop'") in str(err.value)
