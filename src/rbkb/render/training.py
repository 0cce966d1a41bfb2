"""Training pages: the index, one page per drill, the quiz (from the runbook model) and the Practice lab."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

from .. import urls
from ..model import COMPONENT_TITLES, Repository, Runbook, Signal, cause_title
from ..safety import classify
from ..training.model import PREREQUISITE_TITLES, CauseRef, Drill, Exhibit, LoadedLab, Training, lab_commands
from .blocks import admonition, cell, command_block, join_blocks, md

INDEX_DOC = "training/index.md"
QUIZ_DOC = "training/quiz.md"
LAB_DOC = "training/practice-lab.md"


def drill_doc(drill_id: str) -> str:
    return f"training/drills/{drill_id}.md"


def manifest_doc(file: str) -> str:
    """Where a lab manifest is published for download (its repository path under training/)."""
    return file


def _front_matter(title: str, description: str, search: str = "") -> str:
    """`search` is the page's search setting: training pages rank below runbooks or stay out of the index, so a pasted
    error finds the runbook that explains it, not the quiz that asks about it."""
    extra = f"\nsearch:\n  {search}" if search else ""
    return f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}{extra}\n---"


def _cause_link(ref: CauseRef, repo: Repository, from_doc: str) -> str:
    rb = repo.runbook(ref.runbook)
    cause = next(c for c in rb.causes if c.id == ref.cause)
    target = urls.link(from_doc, urls.runbook_doc(rb.id), urls.cause_anchor(ref.cause))
    return f"[{cell(rb.title)}: {cell(cause_title(cause, repo))}]({target})"


def _fence(text: str, lang: str) -> str:
    """A fenced block that no backtick run inside `text` can close early."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text.rstrip(chr(10))}\n{fence}"


# ----------------------------------------------------------------------------------------------------------------------
# Index and drills
# ----------------------------------------------------------------------------------------------------------------------


def training_index_page(training: Training, repo: Repository) -> str:
    rows = [
        f"| [{d.title.removeprefix('Drill: ')}]({urls.link(INDEX_DOC, drill_doc(d.id))}) | {d.family} | "
        f"{len(d.runbooks)} |"
        for d in training.drills
    ]
    return join_blocks(
        _front_matter("Training", "Drills, a quiz and practice labs built from the runbooks.", "boost: 0.2"),
        "# Training",
        "Practise the runbooks before an incident needs them. Every command shown here is the runbook's own, every "
        "answer links the runbook section that resolves it, and all output in the drills is real, captured from "
        "public documentation and issue reports (each names its source).",
        "## Drills",
        "One drill per runbook family: a scenario, what you would see, and questions with collapsed answers.",
        "| Drill | Family | Runbooks |\n|---|---|---|\n" + "\n".join(rows),
        "## Quiz",
        f"[Symptom quiz]({urls.link(INDEX_DOC, QUIZ_DOC)}): {_quiz_size(repo)} questions generated from the symptoms "
        "and causes of every runbook.",
        "## Practice lab",
        f"[Practice lab]({urls.link(INDEX_DOC, LAB_DOC)}): {len(training.labs)} small manifests that break a "
        "throwaway cluster in a known way, each with what you should see and the runbook that fixes it.",
    )


def drill_page(drill: Drill, repo: Repository) -> str:
    doc = drill_doc(drill.id)
    covered = ", ".join(f"[{cell(repo.runbook(r).title)}]({urls.link(doc, urls.runbook_doc(r))})"
                        for r in sorted(drill.runbooks, key=lambda r: repo.runbook(r).title.lower()))
    exhibits = [_exhibit(n, ex, repo, doc) for n, ex in enumerate(drill.exhibits, 1)]
    questions = [
        join_blocks(f"### Question {n}", q.ask,
                    admonition("success", "Answer", join_blocks(q.answer,
                                                                f"Runbook: {_cause_link(q.cause, repo, doc)}"),
                               collapsible=True))
        for n, q in enumerate(drill.questions, 1)
    ]
    return join_blocks(
        _front_matter(drill.title, f"Training drill for the {drill.family} runbooks.", "exclude: true"),
        f"# {cell(drill.title)}",
        f"Family **{drill.family}**. Runbooks it trains: {covered}.",
        "## Scenario",
        drill.scenario,
        "## What you see",
        *exhibits,
        "## Questions",
        "Answer each one before you open its answer.",
        *questions,
    )


def _exhibit(n: int, ex: Exhibit, repo: Repository, doc: str) -> str:
    if ex.check is not None:
        rb = repo.runbook(ex.check.runbook)
        d = rb.diagnostic(ex.check.check)
        target = urls.link(doc, urls.runbook_doc(rb.id), urls.check_anchor(d.id))
        origin = join_blocks(f"From the check [{cell(d.title)}]({target}) in *{cell(rb.title)}*:",
                             command_block(d.command, {p.name: p for p in rb.parameters}))
    else:
        origin = f"Seen in: {ex.where}"
    note = f"*{ex.note}*" if ex.note else ""
    return join_blocks(f"### {n}. {cell(ex.title)}", origin, _fence(ex.output, "text"),
                       f"Captured in: [{ex.source.title}]({ex.source.url})", note)


# ----------------------------------------------------------------------------------------------------------------------
# Quiz
# ----------------------------------------------------------------------------------------------------------------------


def _quiz_items(repo: Repository) -> Iterator[tuple[str, Signal, list[Runbook]]]:
    """(component, signal, runbooks listing it): each signal text once, in component and runbook-title order."""
    listed: dict[str, list[Runbook]] = {}
    for rbs in repo.by_component().values():
        for rb in rbs:
            for s in rb.symptoms.signals:
                holders = listed.setdefault(s.text, [])
                if rb.id not in {h.id for h in holders}:
                    holders.append(rb)
    seen: set[str] = set()
    for component, rbs in repo.by_component().items():
        for rb in rbs:
            for s in rb.symptoms.signals:
                if s.text not in seen:
                    seen.add(s.text)
                    yield component, s, listed[s.text]


def _quiz_size(repo: Repository) -> int:
    return sum(1 for _ in _quiz_items(repo))


def quiz_page(repo: Repository) -> str:
    sections: dict[str, list[str]] = {}
    for n, (component, signal, runbooks) in enumerate(_quiz_items(repo), 1):
        where = f" ({signal.where})" if signal.where else ""
        ask = (f"**Q{n}.** You see <code>{html.escape(signal.text, quote=False)}</code>{where}. "
               "Which runbook do you open, and which cause does it point to?")
        answer = "\n".join(_quiz_answer(signal, rb, repo) for rb in runbooks)
        sections.setdefault(component, []).append(
            join_blocks(ask, admonition("success", "Answer", answer, collapsible=True)))
    body = [join_blocks(f"## {COMPONENT_TITLES[c]}", *items) for c, items in sections.items()]
    return join_blocks(
        _front_matter("Symptom quiz", "What you see, which runbook and which cause: generated from every runbook.",
                      "exclude: true"),
        "# Symptom quiz",
        "Every symptom the runbooks list, once, grouped by the component of the first runbook that lists it. The "
        "answer names the runbook and, where a cause's evidence quotes the symptom, that cause.",
        *body,
    )


def _code_spans(markdown: str) -> list[str]:
    """The quoted output in a cause's evidence: its inline code spans."""
    return [m.group(2) for m in re.finditer(r"(`+)(.+?)\1", markdown, re.DOTALL)]


def _quiz_answer(signal: Signal, rb: Runbook, repo: Repository) -> str:
    page = urls.link(QUIZ_DOC, urls.runbook_doc(rb.id))
    causes = [c for c in rb.causes if any(signal.text in span for span in _code_spans(c.confirm.evidence))]
    if not causes:
        quick = urls.link(QUIZ_DOC, urls.runbook_doc(rb.id), "quick-check")
        return f"- [{cell(rb.title)}]({page}): its [quick check]({quick}) tells its {len(rb.causes)} causes apart."
    named = ", ".join(f"[{cell(cause_title(c, repo))}]({page}#{urls.cause_anchor(c.id)})" for c in causes)
    return f"- [{cell(rb.title)}]({page}): {named}."


# ----------------------------------------------------------------------------------------------------------------------
# Practice lab
# ----------------------------------------------------------------------------------------------------------------------


def practice_lab_page(training: Training, repo: Repository) -> str:
    check = lab_commands(training.labs[0])["check"] if training.labs else []
    rows = [f"| [{lab.scenario.title}](#lab-{lab.name}) | `{lab.namespace}` | "
            f"{_cause_link(_lab_ref(lab), repo, LAB_DOC)} |" for lab in training.labs]
    return join_blocks(
        _front_matter("Practice lab", "Manifests that reproduce common failures on a throwaway cluster.",
                      "boost: 0.2"),
        "# Practice lab",
        admonition("danger", "Throwaway clusters only",
                   "These manifests break things on purpose. Use a local cluster (kind, k3d, minikube) or a sandbox, "
                   "never a shared or production one. Each lab runs in its own namespace `lab-<name>`, and cleaning up "
                   "deletes that namespace with everything in it."),
        "Work from a checkout of this repository (the commands use paths under `training/labs/`), or download a "
        "lab's manifests from its section. First make sure kubectl points at the throwaway cluster:",
        _fence("\n".join(check), "bash"),
        "| Lab | Namespace | Runbook section that fixes it |\n|---|---|---|\n" + "\n".join(rows),
        *(_lab_section(lab, repo) for lab in training.labs),
    )


def _lab_ref(lab: LoadedLab) -> CauseRef:
    return CauseRef(runbook=lab.scenario.runbook, cause=lab.scenario.cause)


def _lab_section(lab: LoadedLab, repo: Repository) -> str:
    commands = lab_commands(lab)
    needs = "; ".join(PREREQUISITE_TITLES[r] for r in lab.scenario.requires) or "nothing beyond a cluster"
    downloads = ", ".join(f"[`{m.file.rsplit('/', 1)[1]}`]({urls.link(LAB_DOC, manifest_doc(m.file))})"
                          for m in lab.manifests)
    clean = "\n".join(commands["clean"])
    reasons = classify(clean).reasons
    warning = admonition("warning", "Deletes the lab namespace",
                         f"Check the context first. Why this is destructive: {'; '.join(reasons)}.") if reasons else ""
    manifests = join_blocks(*(join_blocks(f"`{m.file}`", _fence(m.text, "yaml")) for m in lab.manifests))
    return join_blocks(
        f"## {cell(lab.scenario.title)} {{#lab-{lab.name}}}",
        md(lab.scenario.summary),
        f"**Needs:** {needs}. **Manifests:** {downloads}.",
        "**Break it:**",
        _fence("\n".join(commands["start"]), "bash"),
        "**Watch it fail:**",
        _fence("\n".join(commands["watch"]), "bash"),
        "**What you should see:**",
        "\n".join(f"- {s}" for s in lab.scenario.symptoms),
        f"**Fix it with the runbook:** {_cause_link(_lab_ref(lab), repo, LAB_DOC)}.",
        "**Clean up:**",
        warning,
        _fence(clean, "bash"),
        admonition("example", "The manifests", manifests, collapsible=True),
    )
