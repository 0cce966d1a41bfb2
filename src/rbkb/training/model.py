"""The typed training model: drills (data/training/drills/*.yaml) and practice labs (training/labs/<name>/).

Drills and labs point into the runbook model (runbook, cause and check ids) instead of repeating its content: the
command a drill shows is the runbook's diagnostic, and every answer links the runbook section that resolves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..model import CauseId, Markdown, Slug, Text

HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
# Namespaces are `lab-<name>`: a DNS-1123 label of at most 63 characters.
LabName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=59)]
Prerequisite = Literal["argo-rollouts", "prometheus", "ingress-nginx"]

PREREQUISITE_TITLES: dict[str, str] = {
    "argo-rollouts": "the Argo Rollouts controller and its `kubectl argo rollouts` plugin",
    "prometheus": "a Prometheus server the Rollouts controller can reach (the template's `address`)",
    "ingress-nginx": "the ingress-nginx controller with IngressClass `nginx`",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CauseRef(_Model):
    """A cause section of one runbook: the place an answer sends the trainee."""

    runbook: Slug
    cause: CauseId


class CheckRef(_Model):
    """A diagnostic of one runbook: its command is shown, never retyped."""

    runbook: Slug
    check: Slug


class Capture(_Model):
    """Where real output was captured: a public docs page, issue or upstream test."""

    title: Text
    url: HttpsUrl


class Exhibit(_Model):
    """Something the trainee sees: real output with its source, produced by a runbook check or seen elsewhere."""

    title: Text
    check: CheckRef | None = Field(default=None, description="The runbook check whose command produced the output.")
    where: Text | None = Field(default=None, description="Where it was seen when no runbook check produces it.")
    output: Annotated[str, StringConstraints(min_length=1)] = Field(description="Verbatim captured output (excerpt).")
    source: Capture
    note: Markdown | None = Field(default=None, description="How the capture differs from the check (names, flags).")

    @model_validator(mode="after")
    def _one_origin(self) -> Exhibit:
        if (self.check is None) == (self.where is None):
            raise ValueError("give exactly one of `check` (a runbook diagnostic) or `where` (e.g. the Argo CD UI)")
        return self


class Question(_Model):
    ask: Markdown
    answer: Markdown
    cause: CauseRef = Field(description="The runbook section that resolves this question; the answer links it.")


class Drill(_Model):
    """One drill per runbook family: a scenario, what the trainee sees, questions and collapsed answers."""

    id: Slug = Field(description="Equal to the file name without .yaml; part of the page URL.")
    title: Text
    family: Text = Field(description="The runbook family this drill trains, e.g. `Argo CD`.")
    runbooks: list[Slug] = Field(min_length=1, description="The runbooks of this family; each belongs to one drill.")
    scenario: Markdown
    exhibits: list[Exhibit] = Field(min_length=1)
    questions: list[Question] = Field(min_length=2)


class ImageUpdate(_Model):
    """The change that starts an update: Rollouts run no steps, analysis or pause on their first deploy."""

    rollout: Slug
    container: Slug
    image: Text


class Lab(_Model):
    """training/labs/<name>/scenario.yaml: what a practice manifest breaks, what you see, and the fix."""

    title: Text
    summary: Markdown
    runbook: Slug
    cause: CauseId
    requires: list[Prerequisite] = Field(default_factory=list)
    update: ImageUpdate | None = Field(default=None, description="Run after apply to start a Rollout update.")
    symptoms: list[Markdown] = Field(min_length=1, description="What you should see once it fails.")


@dataclass(frozen=True)
class Manifest:
    """One Kubernetes object from training/labs/<name>/manifests/*.yaml."""

    file: str  # repository-relative path
    text: str
    data: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.data.get("kind", ""))

    @property
    def name(self) -> str:
        return str((self.data.get("metadata") or {}).get("name", ""))


@dataclass(frozen=True)
class LoadedLab:
    name: LabName
    scenario: Lab
    manifests: tuple[Manifest, ...]

    @property
    def namespace(self) -> str:
        return f"lab-{self.name}"

    @property
    def manifest_dir(self) -> str:
        return f"{LABS_DIR}/{self.name}/manifests/"


@dataclass(frozen=True)
class Training:
    drills: tuple[Drill, ...] = ()
    labs: tuple[LoadedLab, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)  # drill id / lab name -> file, for messages


DRILL_DIR = "data/training/drills"
LABS_DIR = "training/labs"


def lab_commands(lab: LoadedLab) -> dict[str, list[str]]:
    """The shell the Practice lab page shows for one lab, by stage. `runbook lint` checks exactly these."""
    ns = lab.namespace
    start = [f"kubectl create namespace {ns}", f"kubectl apply -n {ns} -f {lab.manifest_dir}"]
    if lab.scenario.update:
        u = lab.scenario.update
        # Update only once the first revision is stable: a Rollout skips its steps on the first deploy.
        start.append(f"kubectl argo rollouts status {u.rollout} -n {ns} --timeout 180s")
        start.append(f"kubectl argo rollouts set image {u.rollout} {u.container}={u.image} -n {ns}")
    # `get all` leaves out custom resources such as Rollouts.
    rollouts = [f"kubectl argo rollouts list rollouts -n {ns}"] if "argo-rollouts" in lab.scenario.requires else []
    return {
        "check": ["kubectl config current-context"],
        "start": start,
        "watch": [*rollouts, f"kubectl get all -n {ns}", f"kubectl get events -n {ns} --sort-by=.lastTimestamp"],
        "clean": [f"kubectl delete -n {ns} -f {lab.manifest_dir}", f"kubectl delete namespace {ns}"],
    }
