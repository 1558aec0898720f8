"""The documents the organising board files (issue 23 item 5): the submission (Tờ trình) to the Standing
Committee proposing a plan's rotations, and the draft decisions (Dự thảo Quyết định), one per placement,
as DOCX laid out as Party documents are (Hướng dẫn 36-HD/VPTW, `layout`).

Both are written for readers allowed to see names; nothing here prints. A plan file that holds no plan
(INFEASIBLE, UNKNOWN) is refused with `InputError`; so is a decisions document with no placement in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from io import BytesIO
from pathlib import Path
from typing import Protocol

from docx.document import Document as DocumentObject

from models.errors import InputError, InputProblem
from models.plan import Plan
from models.scenario import Scenario
from planner.data.atomic import write_bytes_atomically
from planner.documents.decisions import decisions_document
from planner.documents.facts import PlacementFact, placement_facts, refuse_without_plan
from planner.documents.layout import PLACEHOLDERS
from planner.documents.submission import submission_document
from planner.wording import PLACEMENT_STATUS_WORDS

#: The placements a draft decision is made for in a workspace: those the committee approved.
APPROVED = "approved"


class Standing(Protocol):
    """A placement's standing in a workspace (`planner.workspace`'s `PlacementView`)."""

    @property
    def cadre(self) -> str: ...
    @property
    def slot(self) -> str: ...
    @property
    def status(self) -> str: ...


def statuses_of(placements: Iterable[Standing]) -> dict[tuple[str, str], str]:
    """Each placement's standing in the documents' words ("đã duyệt"), by (cadre, slot)."""
    return {(p.cadre, p.slot): PLACEMENT_STATUS_WORDS.get(p.status, (p.status, ""))[0] for p in placements}


def approved_of(placements: Iterable[Standing]) -> set[tuple[str, str]]:
    """The (cadre, slot) pairs the committee approved: the only ones a draft decision is made for."""
    return {(p.cadre, p.slot) for p in placements if p.status == APPROVED}


def _docx(document: DocumentObject) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def submission_docx(
    scenario: Scenario,
    plan: Plan,
    file: str = "plan",
    statuses: Mapping[tuple[str, str], str] | None = None,
) -> bytes:
    """The submission of `plan` (read from `file`) as DOCX; `statuses` are a workspace's standings."""
    refuse_without_plan(plan, file)
    return _docx(submission_document(scenario, plan, statuses))


def decisions_docx(
    scenario: Scenario,
    plan: Plan,
    file: str = "plan",
    only: set[tuple[str, str]] | None = None,
) -> tuple[bytes, int]:
    """A draft decision for each placement of `plan` (those in `only`, (cadre, slot) pairs, when given) as
    DOCX, and how many. `InputError` when there is none to write."""
    refuse_without_plan(plan, file)
    facts = [f for f in placement_facts(scenario, plan) if only is None or (f.cadre, f.slot) in only]
    if not facts:
        message = "không có bố trí nào để lập dự thảo quyết định / no placement to draft a decision for" + (
            " (chưa có bố trí nào được duyệt / none is approved)" if only is not None else ""
        )
        raise InputError([InputProblem(file, "assignments", message, None)])
    return _docx(decisions_document(scenario, facts)), len(facts)


def write_submission(
    scenario: Scenario,
    plan: Plan,
    output: Path,
    file: str = "plan",
    statuses: Mapping[tuple[str, str], str] | None = None,
) -> None:
    """`submission_docx` written to `output` whole or not at all (a device is written into)."""
    write_bytes_atomically(Path(output), submission_docx(scenario, plan, file, statuses))


def write_decisions(
    scenario: Scenario,
    plan: Plan,
    output: Path,
    file: str = "plan",
    only: set[tuple[str, str]] | None = None,
) -> int:
    """`decisions_docx` written to `output` whole or not at all; the number of decisions."""
    data, count = decisions_docx(scenario, plan, file, only)
    write_bytes_atomically(Path(output), data)
    return count


__all__ = [
    "APPROVED",
    "PLACEHOLDERS",
    "PlacementFact",
    "Standing",
    "approved_of",
    "decisions_document",
    "decisions_docx",
    "placement_facts",
    "statuses_of",
    "submission_document",
    "submission_docx",
    "write_decisions",
    "write_submission",
]
