"""The documents the organising board files (issue 23 item 5): the submission (Tờ trình) to the Standing
Committee proposing a plan's rotations, and the draft decisions (Dự thảo Quyết định), one per placement,
as DOCX laid out as Party documents are (Hướng dẫn 36-HD/VPTW, `layout`).

Both are written for readers allowed to see names; nothing here prints. A plan file that holds no plan
(INFEASIBLE, UNKNOWN) is refused with `InputError`; so is a decisions document with no placement in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from pathlib import Path

from docx.document import Document as DocumentObject

from models.errors import InputError, InputProblem
from models.plan import Plan
from models.scenario import Scenario
from planner.data.atomic import write_bytes_atomically
from planner.documents.decisions import decisions_document
from planner.documents.facts import PlacementFact, placement_facts, refuse_without_plan
from planner.documents.layout import PLACEHOLDERS
from planner.documents.submission import submission_document


def _save(document: DocumentObject, output: Path) -> None:
    """Whole or not at all: saved to memory first, then written atomically (a device is written into)."""
    buffer = BytesIO()
    document.save(buffer)
    write_bytes_atomically(Path(output), buffer.getvalue())


def write_submission(
    scenario: Scenario,
    plan: Plan,
    output: Path,
    file: str = "plan",
    statuses: Mapping[tuple[str, str], str] | None = None,
) -> None:
    """The submission of `plan` (read from `file`) to `output`; `statuses` are a workspace's standings."""
    refuse_without_plan(plan, file)
    _save(submission_document(scenario, plan, statuses), output)


def write_decisions(
    scenario: Scenario,
    plan: Plan,
    output: Path,
    file: str = "plan",
    only: set[tuple[str, str]] | None = None,
) -> int:
    """A draft decision for each placement of `plan` (those in `only`, (cadre, slot) pairs, when given) to
    `output`; the number written. `InputError` when there is none to write."""
    refuse_without_plan(plan, file)
    facts = [f for f in placement_facts(scenario, plan) if only is None or (f.cadre, f.slot) in only]
    if not facts:
        message = "không có bố trí nào để lập dự thảo quyết định / no placement to draft a decision for" + (
            " (chưa có bố trí nào được duyệt / none is approved)" if only is not None else ""
        )
        raise InputError([InputProblem(file, "assignments", message, None)])
    _save(decisions_document(scenario, facts), output)
    return len(facts)


__all__ = [
    "PLACEHOLDERS",
    "PlacementFact",
    "decisions_document",
    "placement_facts",
    "submission_document",
    "write_decisions",
    "write_submission",
]
