"""data/cards.yaml -> a checked CardSet: every reference resolves, and written-out commands pass the linter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..datafile import load_file
from ..lint.command import check_command
from ..model import Repository, commands_of
from ..problems import Problem
from .model import Card, CardItem, CardSet, resolve

CARDS_FILE = "data/cards.yaml"


def load_cards(root: Path, repo: Repository) -> tuple[CardSet | None, list[Problem]]:
    problems: list[Problem] = []
    parsed = load_file(root, CARDS_FILE, CardSet, problems)
    cards = parsed.model
    if cards is None:
        return None, problems
    runbook_commands = {" ".join(cmd.split()) for rb in repo.runbooks for _, cmd, _ in commands_of(rb)}
    for c, card in enumerate(cards.cards):
        for path, item in _items(card):
            where = ("cards", c, *path)
            line = parsed.located.line_of(where) if parsed.located else 1
            dotted = ".".join(str(p) for p in where)
            try:
                resolve(item, repo)
            except ValueError as e:
                problems.append(Problem(CARDS_FILE, line, "RB003", dotted, str(e)))
            if item.command is None:
                continue
            if " ".join(item.command.split()) in runbook_commands:
                problems.append(Problem(CARDS_FILE, line, "RB003", dotted + ".command",
                                        "a runbook carries this command: refer to it instead of writing it again"))
            for f in check_command(item.command, context="fix", has_warning=True):
                problems.append(Problem(CARDS_FILE, line, f.rule, dotted + ".command", f.message, f.severity))
    ids = [card.id for card in cards.cards]
    for c, card_id in enumerate(ids):
        if ids.index(card_id) != c:
            problems.append(Problem(CARDS_FILE, parsed.located.line_of(("cards", c, "id")) if parsed.located else 1,
                                    "RB003", f"cards.{c}.id", f"duplicate card id {card_id!r}"))
    return (None if any(p.severity == "error" for p in problems) else cards), problems


def _items(card: Card) -> Iterator[tuple[tuple[str | int, ...], CardItem]]:
    for s, section in enumerate(card.sections):
        for i, item in enumerate(section.items):
            yield ("sections", s, "items", i), item
    for p, proc in enumerate(card.procedures):
        for i, item in enumerate(proc.items):
            yield ("procedures", p, "items", i), item
