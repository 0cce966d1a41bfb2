"""What data/cards.yaml says: which commands each card shows, picked from the runbooks by id.

A card never types a runbook's command again: an item names a runbook and a diagnostic, a cause's confirm command,
or a fix step, and the card shows that command as the runbook has it. Only a command that no runbook carries (the
emergency card's `undo`, for instance) is written here, and the loader rejects one that a runbook does carry.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .. import urls
from ..model import CauseId, Markdown, Repository, ShellCommand, Slug, Text, Versions, _Model, cause_title


class CardItem(_Model):
    """One command on a card: `runbook` with `check`, `confirm` or `cause` + `step`; or `title` + `command`."""

    runbook: Slug | None = Field(default=None, description="The runbook the command comes from.")
    check: Slug | None = Field(default=None, description="A diagnostic id in that runbook.")
    confirm: CauseId | None = Field(default=None, description="A cause id: its confirm command.")
    cause: CauseId | None = Field(default=None, description="A cause id: with `step`, one of its fix steps.")
    step: int | None = Field(default=None, ge=1, description="Fix step number, from 1.")
    title: Text | None = Field(default=None, description="Shown instead of the runbook's title for this command.")
    command: ShellCommand | None = Field(default=None, description="Only for a command no runbook carries.")
    note: Markdown | None = Field(default=None, description="One short line under the command.")

    @model_validator(mode="after")
    def _one_source(self) -> CardItem:
        refs = [self.check is not None, self.confirm is not None, self.cause is not None]
        if self.command is not None:
            if self.runbook or any(refs) or not self.title:
                raise ValueError("a written-out `command` needs a `title` and no runbook reference")
        elif not self.runbook or sum(refs) != 1:
            raise ValueError("name a `runbook` and exactly one of `check`, `confirm` or `cause` (with `step`)")
        elif (self.cause is None) != (self.step is None):
            raise ValueError("`cause` and `step` go together")
        return self


class CardSection(_Model):
    title: Text
    items: list[CardItem] = Field(min_length=1)


class Procedure(_Model):
    """An emergency lever: when to pull it, when not to, and the commands."""

    title: Text
    use_when: Markdown
    not_when: Markdown
    items: list[CardItem] = Field(min_length=1)


class Card(_Model):
    id: Slug = Field(description="File name stem: <id>-a4.pdf and <id>-letter.pdf.")
    title: Text
    intro: Markdown | None = None
    sections: list[CardSection] = Field(default_factory=list)
    procedures: list[Procedure] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_content(self) -> Card:
        if not self.sections and not self.procedures:
            raise ValueError("a card needs `sections` or `procedures`")
        return self

    def items(self) -> list[CardItem]:
        return [i for s in self.sections for i in s.items] + [i for p in self.procedures for i in p.items]


class CardSet(_Model):
    cards: list[Card] = Field(min_length=1)


class Resolved(_Model):
    """A card item with its command looked up: what the card prints and where the runbook explains it."""

    title: Text
    command: ShellCommand
    runbook: Slug | None = None
    anchor: str = ""
    note: Markdown | None = None
    versions: Versions | None = None  # of the diagnostic, fix step or cause the command comes from


def resolve(item: CardItem, repo: Repository) -> Resolved:
    """Look the command up in the model; ValueError says what is missing."""
    if item.command is not None:
        return Resolved(title=item.title, command=item.command, note=item.note)
    known = {rb.id: rb for rb in repo.runbooks}
    if item.runbook not in known:
        raise ValueError(f"no runbook {item.runbook!r}")
    rb = known[item.runbook]
    if item.check is not None:
        d = next((d for d in rb.diagnostics if d.id == item.check), None)
        if d is None:
            raise ValueError(f"runbook {rb.id!r} has no diagnostic {item.check!r}")
        return Resolved(title=item.title or d.title, command=d.command, runbook=rb.id,
                        anchor=urls.check_anchor(d.id), note=item.note, versions=d.versions)
    cause_id = item.confirm or item.cause
    cause = next((c for c in rb.causes if c.id == cause_id), None)
    if cause is None:
        raise ValueError(f"runbook {rb.id!r} has no cause {cause_id!r}")
    anchor = urls.cause_anchor(cause.id)
    if item.confirm is not None:
        return Resolved(title=item.title or f"Confirm: {cause_title(cause, repo)}", command=cause.confirm.command,
                        runbook=rb.id, anchor=anchor, note=item.note, versions=cause.versions)
    step = cause.fix[item.step - 1] if item.step and item.step <= len(cause.fix) else None
    if step is None:
        raise ValueError(f"cause {cause.id!r} in {rb.id!r} has {len(cause.fix)} fix step(s), not {item.step}")
    if step.command is None:
        raise ValueError(f"fix step {item.step} of {cause.id!r} in {rb.id!r} has no command")
    return Resolved(title=item.title or step.title, command=step.command, runbook=rb.id, anchor=anchor,
                    note=item.note, versions=step.versions or cause.versions)
