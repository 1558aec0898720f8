"""Decisions on placements: proposed, approved, rejected, deferred, decided (an issued act), comments.

Each decision is a row that is never changed, with its author, the author's role at the time, when and
why; the placement carries the resulting status. Who may take which (`roles.py`): a planner proposes,
defers and comments; an approver (or admin) also approves, rejects and records a decision issued
(`decided`, with its reference number and date). A decided placement is final: only comments follow.
A re-plan (`replanning.py`) keeps an approved placement where the rules allow, pins a decided one and
forbids a rejected one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from models.limits import check_line, check_text
from planner.workspace.errors import BadInput
from planner.workspace.roles import Action
from planner.workspace.schema import Decision, Placement, PlanRecord

#: The command's word for each decision, the action it needs and the status it leaves.
KINDS: dict[str, tuple[Action, str | None]] = {
    "propose": (Action.propose, "proposed"),
    "approve": (Action.approve, "approved"),
    "reject": (Action.reject, "rejected"),
    "defer": (Action.defer, "deferred"),
    "decided": (Action.decided, "decided"),
    "comment": (Action.comment, None),
}


@dataclass(frozen=True)
class DecisionInput:
    kind: str
    reason: str
    ref: str | None = None
    decided_on: str | None = None


def check_decision(decision: DecisionInput) -> Action:
    """The action the decision needs; `BadInput` for an unknown kind, a missing reason, ref or date."""
    if decision.kind not in KINDS:
        known = "|".join(KINDS)
        raise BadInput(
            f"quyết định không có, chọn {known}",
            f"unknown decision, choose {known}",
            "DECISION",
            decision.kind,
        )
    if not decision.reason.strip():
        raise BadInput("cần lý do", "a reason is needed", "--reason", decision.reason)
    _check_texts(decision)
    if decision.kind == "decided":
        if not decision.ref:
            raise BadInput(
                "quyết định đã ban hành cần số hiệu văn bản",
                "an issued decision needs its reference number",
                "--ref",
            )
        if decision.decided_on is None:
            raise BadInput(
                "quyết định đã ban hành cần ngày ban hành", "an issued decision needs its date", "--date"
            )
    if decision.decided_on is not None:
        try:
            date.fromisoformat(decision.decided_on)
        except ValueError:
            raise BadInput(
                "cần một ngày YYYY-MM-DD", "a date YYYY-MM-DD is needed", "--date", decision.decided_on
            ) from None
    return KINDS[decision.kind][0]


def _check_texts(decision: DecisionInput) -> None:
    """A reason (or comment) and a reference refuse what scenario texts refuse (`models.limits`): control
    characters and bidirectional overrides, which would reorder or hide what the audit page shows."""
    for text, check, field in (
        (decision.reason, check_text, "--reason"),
        (decision.ref, check_line, "--ref"),
    ):
        try:
            check(text or "")
        except ValueError as refused:
            vi, _, en = str(refused).partition(" / ")
            raise BadInput(vi, en, field) from None


def find_placement(session: Session, plan: PlanRecord, cadre: str) -> Placement:
    placement = session.scalar(
        select(Placement).where(Placement.plan_id == plan.id, Placement.cadre == cadre)
    )
    if placement is None:
        raise BadInput(
            f"phương án plan:{plan.id} không bố trí cán bộ này",
            f"plan:{plan.id} has no placement for this cadre",
            "CADRE",
            cadre,
        )
    return placement


def check_not_final(placement: Placement, decision: DecisionInput) -> None:
    if placement.status == "decided" and decision.kind != "comment":
        raise BadInput(
            "vị trí này đã có quyết định ban hành; chỉ còn ghi nhận xét (comment)",
            "this placement has an issued decision; only comments can follow",
            "CADRE",
            placement.cadre,
        )


def record_decision(
    session: Session, placement: Placement, decision: DecisionInput, author_id: int, role: str, at: str
) -> Decision:
    """The decision row and the placement's new status; the placement's version moves in any case, so
    that a decision taken on a status another writer changed meanwhile is refused (`version_id_col`)."""
    status = KINDS[decision.kind][1]
    placement.status = status or placement.status
    flag_modified(placement, "status")
    row = Decision(
        placement_id=placement.id,
        kind=decision.kind,
        reason=decision.reason,
        ref=decision.ref,
        decided_on=decision.decided_on,
        author_id=author_id,
        role=role,
        created_at=at,
    )
    session.add(row)
    return row


def plan_decisions(session: Session, plan: PlanRecord) -> dict[int, list[Decision]]:
    """Every decision on the plan's placements, by placement id, oldest first: one query for a page."""
    found: dict[int, list[Decision]] = {}
    query = (
        select(Decision)
        .join(Placement, Decision.placement_id == Placement.id)
        .where(Placement.plan_id == plan.id)
        .order_by(Decision.id)
    )
    for decision in session.scalars(query):
        found.setdefault(decision.placement_id, []).append(decision)
    return found


def placement_decisions(session: Session, placement: Placement) -> list[Decision]:
    return list(
        session.scalars(select(Decision).where(Decision.placement_id == placement.id).order_by(Decision.id))
    )


def plan_placements(session: Session, plan: PlanRecord) -> list[Placement]:
    return list(
        session.scalars(select(Placement).where(Placement.plan_id == plan.id).order_by(Placement.cadre))
    )
