"""What the decisions on a plan's line bind a re-plan or a re-solve of it to, and the proof that they
are still what was read when the new plan is stored.

A plan's line is the plan and the plans it was re-planned or re-solved (a what-if) from, back to the
first: a decision taken on any of them binds every later re-plan, so that `ws replan 2` (a re-plan of a
re-plan) never places a cadre back on a post rejected on plan 1. Alternatives and variants are other
plans of the same run, not a line: the walk stops at them. What binds, by the placement's status and its
latest decision of that kind:

* `decided` (an act issued): a pin (cadre, slot, start);
* `rejected`: a forbid of (cadre, slot), or, rejected with scope `cadre`, of every unit (not rotated);
* `deferred` with a date: no start of the cadre before it (the latest date of the line);
* `approved` (the plan's own, not yet started): changing it counts double in a re-plan; a re-solve (a
  what-if) keeps it, pinned, unless the what-if itself names its cadre or gives its post to another.

A re-plan or re-solve takes minutes; meanwhile another user may decide on a placement it read, or add
an event. `ReadMarks` records what was read (each placement's version, the head version); `changed_since`,
called after the write lock is taken, says whether any of it moved: the new plan is then not stored
(`ConcurrentChange`, exit 5), as a decision taken on a stale status is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

import planner.replan  # `Commitments` loads the re-plan's workflow (the solver) when first used
from models.changes import AddPin, Change
from models.plan import DecisionRecord
from models.scenario import Forbid, Pin
from planner.workspace.errors import ConcurrentChange
from planner.workspace.schema import Decision, Placement, PlanRecord, WorkspaceState
from planner.workspace.transaction import user_names

if TYPE_CHECKING:
    from planner.replan import Commitments

#: Plan kinds whose parent is the plan they were made from (a re-plan, a what-if's re-solve).
_LINE_KINDS = ("replan", "solve")
#: The statuses that bind, and the decision kind that set each.
_BINDING = {"decided": "decided", "rejected": "reject", "deferred": "defer"}


@dataclass(frozen=True)
class Binding:
    """A decision that binds, with the placement it was taken on."""

    placement: Placement
    record: DecisionRecord


@dataclass
class ReadMarks:
    """What a re-plan or re-solve read: each placement's version on the line, and the head version."""

    placements: dict[int, int] = field(default_factory=dict)
    head: int | None = None


def plan_line(session: Session, plan: PlanRecord) -> list[PlanRecord]:
    """The plan, then the plans it was re-planned or re-solved from, nearest first."""
    line = [plan]
    while line[-1].kind in _LINE_KINDS and line[-1].parent_id is not None:
        parent = session.get(PlanRecord, line[-1].parent_id)
        if parent is None or parent in line:
            break
        line.append(parent)
    return line


def line_placements(session: Session, line: list[PlanRecord]) -> list[Placement]:
    """Every placement of the line's plans, nearest plan first."""
    order = {plan.id: k for k, plan in enumerate(line)}
    found = session.scalars(select(Placement).where(Placement.plan_id.in_(order)))
    return sorted(found, key=lambda p: (order[p.plan_id], p.cadre))


def bindings(session: Session, placements: list[Placement]) -> list[Binding]:
    """The binding decisions of the module docstring, once each (a decision carried to a later plan
    with its placement is the same decision), nearest plan first."""
    binding = [p for p in placements if p.status in _BINDING]
    if not binding:
        return []
    query = select(Decision).where(Decision.placement_id.in_([p.id for p in binding])).order_by(Decision.id)
    wanted = {p.id: _BINDING[p.status] for p in binding}
    latest: dict[int, Decision] = {}
    for row in session.scalars(query):
        if row.kind == wanted[row.placement_id]:
            latest[row.placement_id] = row
    names = user_names(session)
    found, seen = [], set()
    for placement in binding:
        decision = latest.get(placement.id)
        if decision is None or (decision.kind == "defer" and not decision.until):
            continue
        key = (placement.cadre, placement.slot, placement.start, decision.kind, decision.created_at)
        if key in seen:
            continue
        seen.add(key)
        record = DecisionRecord(
            cadre=placement.cadre,
            slot=placement.slot,
            start=placement.start,
            kind=decision.kind,
            scope=decision.scope or ("post" if decision.kind == "reject" else None),
            until=decision.until,
            by=names.get(decision.author_id, "?"),
            at=decision.created_at,
            reason=decision.reason,
            ref=decision.ref,
            plan=placement.plan_id,
        )
        found.append(Binding(placement, record))
    return found


def bound_by(found: list[Binding]) -> Commitments:
    """The pins, forbids and dates the binding decisions make (the nearest plan's pin of a cadre)."""
    pins: dict[str, Pin] = {}
    for b in found:
        if b.record.kind == "decided":
            start = date.fromisoformat(b.placement.start) if b.placement.start else None
            pins.setdefault(b.record.cadre, Pin(cadre=b.record.cadre, slot=b.placement.slot, start=start))
    rejected = [b.record for b in found if b.record.kind == "reject"]
    dates: dict[str, date] = {}
    for b in found:
        if b.record.kind == "defer" and b.record.until:
            day = date.fromisoformat(b.record.until)
            dates[b.record.cadre] = max(dates.get(b.record.cadre, day), day)
    return planner.replan.Commitments(
        pins=tuple(pins.values()),
        forbids=tuple(
            dict.fromkeys(Forbid(cadre=r.cadre, slot=r.slot) for r in rejected if r.scope != "cadre")
        ),
        unrotated=tuple(dict.fromkeys(r.cadre for r in rejected if r.scope == "cadre")),
        not_before=dates,
        decisions=tuple(b.record for b in found),
    )


def kept_approvals(
    placements: list[Placement], plan: PlanRecord, what_if: Sequence[Change]
) -> tuple[Pin, ...]:
    """A re-solve's pins of the plan's approved placements: each is kept unless the re-solve's own
    what-ifs name its cadre or take its post for another cadre (then the parent status shows it moved,
    and the what-if says why)."""
    named = {getattr(change, "cadre", None) for change in what_if}
    taken = {change.slot for change in what_if if isinstance(change, AddPin)}
    return tuple(
        Pin(cadre=p.cadre, slot=p.slot, start=date.fromisoformat(p.start) if p.start else None)
        for p in placements
        if p.plan_id == plan.id and p.status == "approved" and p.cadre not in named and p.slot not in taken
    )


def read_marks(session: Session, placements: list[Placement]) -> ReadMarks:
    state = session.get(WorkspaceState, 1)
    return ReadMarks({p.id: p.row_version for p in placements}, state.head_version_id if state else None)


def changed_since(session: Session, marks: ReadMarks, line: list[PlanRecord], head: bool = True) -> bool:
    """True if a placement of the line has another version now (a decision was taken on it), or a
    placement was added to the line, or (with `head`) the head version moved. Call it after the write
    lock: what it reads then stays until commit."""
    now = session.execute(
        select(Placement.id, Placement.row_version)
        .where(Placement.plan_id.in_([plan.id for plan in line]))
        .execution_options(populate_existing=True)
    )
    if {row[0]: row[1] for row in now} != marks.placements:
        return True
    if not head:
        return False
    current = session.scalar(select(WorkspaceState.head_version_id).where(WorkspaceState.id == 1))
    return current != marks.head


def stale_read(plan_id: int) -> ConcurrentChange:
    return ConcurrentChange(
        "trong khi lập lại phương án, một người khác đã ghi quyết định hoặc sự kiện mà nó đã đọc; "
        "không lưu gì, hãy chạy lại",
        "while the new plan was being made, someone else recorded a decision or an event it had read; "
        "nothing was stored, run it again",
        "plan_id",
        plan_id,
    )
