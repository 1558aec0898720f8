"""Plans in the workspace: each plan of a `planner solve` run stored with its version, options, author.

The best plan of the scenario is a `solve`; its alternatives have it as parent; a variant's best plan is
a `variant` with the scenario's best as parent, and the variant's alternatives have the variant's plan
as parent. A re-plan (`ws replan`) is a `replan` with the plan it started from as parent and its
`as_of`. Every assignment becomes a placement that decisions are taken on.

Each plan is labelled by what it is in its run (`plan_label`: "gốc / base", "thay thế / alternative 2",
"biến thể / variant quota-7"), not by the file `planner solve` would write it to: a workspace has no
files. Plans stored before keep the label they were stored with (a file name).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.plan import Plan, plan_json
from planner.workspace.errors import UnknownId
from planner.workspace.ids import storable
from planner.workspace.schema import Placement, PlanRecord

if TYPE_CHECKING:
    from planner.analysis.plan_set import PlanSet


def store_plan_set(
    session: Session,
    plans: PlanSet,
    version_id: int,
    options: Mapping[str, object],
    at: str,
    user_id: int,
    origin: PlanRecord | None = None,
) -> list[PlanRecord]:
    """Every plan of the set, parents linked, and their placements; flushed so that they have ids. The
    set's best plan is the child of `origin`, the plan a what-if was asked from, if any."""
    stored: list[PlanRecord] = []
    best_by_run: dict[str | None, PlanRecord] = {}
    ranks: dict[str | None, int] = {}
    for file in plans.files:
        ranks[file.variant] = rank = ranks.get(file.variant, 0) + 1
        label = plan_label(file.variant, rank, what_if=origin is not None)
        kind = "alternative" if file.variant in best_by_run else ("variant" if file.variant else "solve")
        parent = best_by_run.get(file.variant) or (best_by_run.get(None) if file.variant else origin)
        record = store_plan(session, file.plan, version_id, kind, label, options, at, user_id, parent)
        best_by_run.setdefault(file.variant, record)
        stored.append(record)
    return stored


#: A re-plan's label (its date is the plan's `as_of`).
REPLAN_LABEL = "lập lại / re-plan"


def plan_label(variant: str | None, rank: int, what_if: bool = False) -> str:
    """What a plan is in its run: the base scenario's best ("gốc / base", or "giả định / what-if" for a
    re-solve asked from a plan), a variant's best, or the `rank`-th plan of either (an alternative)."""
    if variant is not None:
        run = f"biến thể / variant {variant}"
    else:
        run = "giả định / what-if" if what_if else "gốc / base"
    return run if rank == 1 else f"{run} · thay thế / alternative {rank}"


def store_plan(
    session: Session,
    plan: Plan,
    version_id: int,
    kind: str,
    label: str,
    options: Mapping[str, object],
    at: str,
    user_id: int,
    parent: PlanRecord | None = None,
    as_of: str | None = None,
) -> PlanRecord:
    record = PlanRecord(
        parent_id=parent.id if parent else None,
        scenario_version_id=version_id,
        kind=kind,
        label=label,
        status=plan.status,
        objective=plan.objective,
        content=plan_json(plan),
        options=json.dumps(dict(options), sort_keys=True, default=str),
        as_of=as_of,
        created_at=at,
        created_by=user_id,
    )
    session.add(record)
    session.flush()
    for assignment in plan.assignments:
        session.add(
            Placement(
                plan_id=record.id,
                cadre=assignment.cadre,
                slot=assignment.slot,
                start=assignment.start,
                status="open",
            )
        )
    return record


def get_plan(session: Session, plan_id: int, field: str = "plan_id") -> PlanRecord:
    record = session.get(PlanRecord, plan_id) if storable(plan_id) else None
    if record is None:
        raise UnknownId(
            "không có phương án này trong không gian làm việc",
            "no such plan in the workspace",
            field,
            plan_id,
        )
    return record


def stored_plan(record: PlanRecord) -> Plan:
    return Plan.model_validate_json(record.content)


def all_plans(session: Session) -> list[PlanRecord]:
    return list(session.scalars(select(PlanRecord).order_by(PlanRecord.id)))
