"""What a reader browses: the plans with their facts, one plan with its scenario, the audit log filtered.

Plain data for the web app's pages and API (`planner.web`); the rows are read in one session and copied
out, so that nothing here holds a database connection once it returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.plan import Plan
from models.scenario import Scenario
from planner.wording import PLACEMENT_STATUS_WORDS
from planner.workspace.plans import all_plans, get_plan, stored_plan
from planner.workspace.scenarios import get_version, version_scenario
from planner.workspace.schema import AuditEntry, PlanRecord
from planner.workspace.transaction import user_names


@dataclass(frozen=True)
class PlanSummary:
    id: int
    parent_id: int | None
    kind: str  # solve | alternative | variant | replan
    label: str
    status: str
    objective: float | None
    version_id: int
    as_of: str | None
    created_by: str
    created_at: str
    #: The what-ifs the plan was solved under, in words (empty for a plain solve).
    what_if: tuple[str, ...]
    #: A re-solve's binding decisions of its line, in words, and the approved placements it kept.
    decisions: tuple[str, ...] = ()
    kept_approved: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredPlan:
    summary: PlanSummary
    plan: Plan
    #: The scenario version the plan was made from.
    scenario: Scenario
    content_hash: str


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    user_name: str
    action: str
    target: str
    details: str


def _summary(record: PlanRecord, names: dict[int, str]) -> PlanSummary:
    options = json.loads(record.options or "{}")
    return PlanSummary(
        record.id,
        record.parent_id,
        record.kind,
        record.label,
        record.status,
        record.objective,
        record.scenario_version_id,
        record.as_of,
        names.get(record.created_by, "?"),
        record.created_at,
        tuple(options.get("what_if") or ()),
        tuple(options.get("decisions") or ()),
        tuple(options.get("kept_approved") or ()),
    )


def plan_summaries(session: Session) -> list[PlanSummary]:
    names = user_names(session)
    return [_summary(record, names) for record in all_plans(session)]


def plan_with_scenario(session: Session, plan_id: int) -> StoredPlan:
    """The plan `plan_id` (`BadInput` if unknown) with the scenario version it was made from."""
    record = get_plan(session, plan_id)
    version = get_version(session, record.scenario_version_id)
    return StoredPlan(
        _summary(record, user_names(session)),
        stored_plan(record),
        version_scenario(version),
        version.content_hash,
    )


def audit_rows(
    session: Session,
    user: str | None = None,
    cadre: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 500,
) -> list[AuditRow]:
    """The newest `limit` entries, newest first, of `user`, touching `cadre` (its decisions, and the
    re-plans and events that name it), made on or after `since` and on or before `until` (dates)."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if user:
        query = query.where(AuditEntry.user_name == user)
    if cadre:
        quoted = json.dumps(cadre, ensure_ascii=False)
        query = query.where(
            AuditEntry.target.endswith(f"/{cadre}", autoescape=True)
            | AuditEntry.details.contains(quoted, autoescape=True)
        )
    if since:
        query = query.where(AuditEntry.at >= since)
    if until:
        query = query.where(AuditEntry.at < f"{until}T99")  # the whole day `until`
    return [AuditRow(e.seq, e.at, e.user_name, e.action, e.target, e.details) for e in session.scalars(query)]


def parent_status_text(placement) -> str:
    """`  (trong phương án gốc: đã duyệt / in the parent: approved)`, `..., moved` when the parent placed
    the cadre elsewhere; empty for a plan without a parent or a cadre it did not place."""
    if placement.parent_status is None:
        return ""
    vi, en = PLACEMENT_STATUS_WORDS.get(placement.parent_status, (placement.parent_status,) * 2)
    moved = ("", "") if placement.same_as_parent else (", đã đổi", ", moved")
    return f"  (trong phương án gốc: {vi}{moved[0]} / in the parent: {en}{moved[1]})"
