"""Decisions on placements: proposed, approved, rejected, deferred, decided (an issued act), comments.

Each decision is a row that is never changed, with its author, the author's role at the time, when and
why; the placement carries the resulting status. Who may take which (`roles.py`): a planner proposes,
defers and comments; an approver (or admin) also approves, rejects and records a decision issued
(`decided`, with its reference number and date). A decided placement is final: only comments follow.

A rejection has a scope: `post` (the default) refuses this cadre on this post; `cadre` refuses rotating
this cadre at all in this plan (a reason about the person: "not yet long enough in the current post").
A deferral with `until` means no start of this cadre before that date; without it, the placement only
waits. A re-plan (`replanning.py`) keeps an approved placement where the rules allow, pins a decided
one, forbids a rejected one (its post, or every post) and starts a deferred cadre no earlier than the
date, through every later re-plan.
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

#: A rejection's scopes; the first is the default.
SCOPES = ("post", "cadre")

#: The command's word for each decision, the action it needs and the status it leaves.
KINDS: dict[str, tuple[Action, str | None]] = {
    "propose": (Action.propose, "proposed"),
    "approve": (Action.approve, "approved"),
    "reject": (Action.reject, "rejected"),
    "defer": (Action.defer, "deferred"),
    "decided": (Action.decided, "decided"),
    "comment": (Action.comment, None),
}


#: A decision's reference number, as an event's (`planner.replan.Event.ref`) and the column's width.
MAX_REF_CHARS = 200


@dataclass(frozen=True)
class DecisionInput:
    kind: str
    reason: str
    ref: str | None = None
    decided_on: str | None = None
    #: A rejection's scope (`SCOPES`; None: `post`); only a rejection has one.
    scope: str | None = None
    #: A deferral's date YYYY-MM-DD: no start before it; only a deferral has one.
    until: str | None = None

    @property
    def stored_scope(self) -> str | None:
        """The scope as stored: a rejection's (default `post`), None for any other kind."""
        return (self.scope or SCOPES[0]) if self.kind == "reject" else None


def check_decision(decision: DecisionInput) -> Action:
    """The action the decision needs; `BadInput` for an unknown kind, a missing reason, ref or date."""
    if decision.kind not in KINDS:
        known = "|".join(KINDS)
        raise BadInput(
            f"quyết định không có, chọn {known}",
            f"unknown decision, choose {known}",
            "kind",
            decision.kind,
        )
    if not decision.reason.strip():
        raise BadInput("cần lý do", "a reason is needed", "reason", decision.reason)
    if decision.ref is not None and len(decision.ref) > MAX_REF_CHARS:
        raise BadInput(
            f"số hiệu văn bản dài quá {MAX_REF_CHARS} ký tự ({len(decision.ref)})",
            f"a reference number is at most {MAX_REF_CHARS} characters (got {len(decision.ref)})",
            "ref",
        )
    _check_texts(decision)
    if decision.kind == "decided":
        if not decision.ref:
            raise BadInput(
                "quyết định đã ban hành cần số hiệu văn bản",
                "an issued decision needs its reference number",
                "ref",
            )
        if decision.decided_on is None:
            raise BadInput(
                "quyết định đã ban hành cần ngày ban hành", "an issued decision needs its date", "decided_on"
            )
    if decision.decided_on is not None:
        _check_date(decision.decided_on, "decided_on")
    if decision.scope is not None:
        if decision.kind != "reject":
            raise BadInput(
                "chỉ quyết định không duyệt (reject) có phạm vi",
                "only a rejection (reject) has a scope",
                "scope",
                decision.scope,
            )
        if decision.scope not in SCOPES:
            known = "|".join(SCOPES)
            raise BadInput(f"phạm vi: chọn {known}", f"scope: choose {known}", "scope", decision.scope)
    if decision.until is not None:
        if decision.kind != "defer":
            raise BadInput(
                "chỉ quyết định hoãn (defer) có ngày hoãn đến",
                "only a deferral (defer) has a date to wait until",
                "until",
                decision.until,
            )
        _check_date(decision.until, "until")
    return KINDS[decision.kind][0]


def _check_date(text: str, field: str) -> None:
    try:
        if len(text) != 10:
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise BadInput("cần một ngày YYYY-MM-DD", "a date YYYY-MM-DD is needed", field, text) from None


def _check_texts(decision: DecisionInput) -> None:
    """A reason (or comment) and a reference refuse what scenario texts refuse (`models.limits`): control
    characters and bidirectional overrides, which would reorder or hide what the audit page shows."""
    for text, check, field in (
        (decision.reason, check_text, "reason"),
        (decision.ref, check_line, "ref"),
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
            "cadre_id",
            cadre,
        )
    return placement


def check_not_final(placement: Placement, decision: DecisionInput) -> None:
    if placement.status == "decided" and decision.kind != "comment":
        raise BadInput(
            "vị trí này đã có quyết định ban hành; chỉ còn ghi nhận xét (comment)",
            "this placement has an issued decision; only comments can follow",
            "cadre_id",
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
        scope=decision.stored_scope,
        until=decision.until,
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
