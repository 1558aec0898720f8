"""`ws replan`: a stored plan re-planned as of a date, with the workspace's events and decisions.

What a re-plan of plan P as of DATE is made from (then `planner.replan.replan_as_of` does the rest):

* the facts: P's scenario version is the base, and the events recorded since on the head's line are the
  re-plan's events, each applied when dated on or before DATE (CONTRACT §4). They are found by walking
  back from the head through the versions events made, down to P's version; a version made otherwise (a
  new import) on the way becomes the base instead, the facts since P was made, and the re-plan says that
  the scenario changed;
* the rules P was made under: the overrides its variant (or `ws solve --set`) records apply again;
* the decisions on the placements of P and of the plans P was re-planned from (`bindings.py`), as
  `Commitments`, bound after the events: a decided placement (an act issued) is pinned, a rejected one
  forbidden (its post, or every post when the cadre was rejected), a deferred cadre starts no earlier
  than the date, and changing an approved one counts double. A placement of P dated before DATE that
  was rejected, or deferred past its start, was never carried out, so it is not history: it is withdrawn
  from the plan carried out, a change that names its decision;
* what was read (the line's placements and the head) is marked, so that the re-plan is stored only if
  none of it changed meanwhile (`bindings.changed_since`);
* the result is stored as a `replan` child of P, with DATE, on the version of the facts it was checked
  against (the due events applied, the pins and forbids added): an existing version of the same content,
  or a new one whose parent is the version the last due event made. The plan's `scenario_hash` is that
  version's, so that `ws export` gives a scenario and plan that `planner check --as-of` accepts;
* a placement the re-plan keeps as it was (same cadre, slot and start) keeps its status and decisions:
  an approval is not lost by re-planning around it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

import planner.replan  # `parse_as_of` loads the rules' index (numpy) when first used
from models.loading import scenario_hash
from models.overrides import apply_overrides, variant_problems
from models.plan import Plan
from models.scenario import Scenario
from planner.replan import Event
from planner.workspace.bindings import (
    ReadMarks,
    bindings,
    bound_by,
    line_placements,
    plan_line,
    read_marks,
)
from planner.workspace.decisions import placement_decisions, plan_placements
from planner.workspace.plans import stored_plan
from planner.workspace.scenarios import new_version, version_scenario
from planner.workspace.schema import Decision, Placement, PlanRecord, ScenarioVersion, WorkspaceState
from planner.workspace.schema import Event as EventRow

if TYPE_CHECKING:
    from planner.replan import Commitments

#: What changing an approved placement counts in a re-plan (a change of any other counts 1).
APPROVED_WEIGHT = 2


@dataclass(frozen=True)
class ReplanInputs:
    """A stored plan's re-plan inputs, as `replan_as_of` takes them."""

    as_of: date
    base: ScenarioVersion
    scenario: Scenario
    old: Plan
    events: list[Event]
    #: The version each event made, in the order of `events`.
    event_versions: list[ScenarioVersion]
    commitments: Commitments
    #: The plan and the plans it was re-planned from, nearest first, and what was read of them.
    line: list[PlanRecord]
    marks: ReadMarks


def replan_inputs(session: Session, plan: PlanRecord, as_of_text: str) -> ReplanInputs:
    """The facts, the plan carried out and the commitments of the module docstring; `InputError` for a
    DATE that is not a start date of the period."""
    base, rows = _events_since(session, plan)
    old = stored_plan(plan)
    scenario = version_scenario(base)
    if old.variant is not None and old.variant.overrides:
        scenario = apply_overrides(scenario, old.variant.overrides, f"plan:{plan.id}", prefix="variant.")
    as_of = planner.replan.parse_as_of(scenario, as_of_text)
    line = plan_line(session, plan)
    placements = line_placements(session, line)
    marks = read_marks(session, placements)
    found = bindings(session, placements)
    if _anchor(session, session.get_one(ScenarioVersion, plan.scenario_version_id)).id == base.id:
        # the plan's facts are the base's with what is applied again here (its variant's overrides; a
        # re-plan's events and decisions): bound to the scenario it is re-planned under
        old = old.with_changes(scenario_hash=scenario_hash(scenario))
    day = as_of.isoformat()
    withdrawn = {
        (b.placement.cadre, b.placement.slot, b.placement.start): b.record
        for b in found
        if b.placement.plan_id == plan.id
        and (b.placement.start or "") < day
        and (
            b.record.kind == "reject"
            or (b.record.kind == "defer" and (b.placement.start or "") < (b.record.until or ""))
        )
    }
    commitments = replace(
        bound_by(found),
        weights={
            p.cadre: APPROVED_WEIGHT
            for p in placements
            if p.plan_id == plan.id and p.status == "approved" and (p.start or "") >= day
        },
        withdrawn=withdrawn,
    )
    events = [
        Event(
            date=date.fromisoformat(row.date),
            set=json.loads(row.changes),
            note=row.note,
            ref=row.ref,
            source=row.source_document,
        )
        for row, _ in rows
    ]
    return ReplanInputs(as_of, base, scenario, old, events, [v for _, v in rows], commitments, line, marks)


def _with_variants(facts: Scenario, base: ScenarioVersion) -> Scenario:
    """The re-plan's facts with the base's variants, which setting fields (the variant's overrides, the
    events) drops, where every one still applies (else without)."""
    kept = facts.model_copy(update={"variants": version_scenario(base).variants})
    return facts if variant_problems(kept, "replan") else kept


def _events_since(
    session: Session, plan: PlanRecord
) -> tuple[ScenarioVersion, list[tuple[EventRow, ScenarioVersion]]]:
    """The base version and the events (with the versions they made) from it up to the head, oldest
    first. A re-plan's own version (origin `replan`: facts and commitments) stands for the version it
    was derived from, whose events and decisions are applied again."""
    anchor = _anchor(session, session.get_one(ScenarioVersion, plan.scenario_version_id))
    state = session.get_one(WorkspaceState, 1)
    version = session.get_one(ScenarioVersion, state.head_version_id)
    found: list[tuple[EventRow, ScenarioVersion]] = []
    while version.id != anchor.id:
        row = session.scalar(select(EventRow).where(EventRow.version_id == version.id))
        if row is None or version.parent_id is None:  # an import: the facts since the plan was made
            break
        found.append((row, version))
        version = session.get_one(ScenarioVersion, version.parent_id)
    return version, found[::-1]


def _anchor(session: Session, version: ScenarioVersion) -> ScenarioVersion:
    """The version a re-plan's version (origin `replan`) was derived from; any other version itself."""
    while version.origin == "replan" and version.parent_id is not None:
        version = session.get_one(ScenarioVersion, version.parent_id)
    return version


def facts_version(
    session: Session, inputs: ReplanInputs, facts: Scenario, at: str, user_id: int
) -> ScenarioVersion:
    """The version holding `facts` (the re-plan's scenario, the base's variants kept where they still
    apply): one of the same content, or a new one."""
    facts = _with_variants(facts, inputs.base)
    digest = scenario_hash(facts)
    same = session.scalar(
        select(ScenarioVersion).where(ScenarioVersion.content_hash == digest).order_by(ScenarioVersion.id)
    )
    if same is not None:
        return same
    due = [v for e, v in zip(inputs.events, inputs.event_versions, strict=True) if e.date <= inputs.as_of]
    parent = due[-1] if due else inputs.base
    version = new_version(facts, parent, "replan", f"as of {inputs.as_of}", at, user_id)
    session.add(version)
    session.flush()
    return version


def carry_decisions(session: Session, parent: PlanRecord, child: PlanRecord) -> int:
    """Each placement of `child` that `parent` has as it is (cadre, slot, start) takes its status and a
    copy of its decisions; returns how many placements carried a status."""
    before = {(p.cadre, p.slot, p.start): p for p in plan_placements(session, parent)}
    carried = 0
    for placement in session.scalars(select(Placement).where(Placement.plan_id == child.id)):
        was = before.get((placement.cadre, placement.slot, placement.start))
        if was is None or was.status == "open":
            continue
        placement.status = was.status
        for d in placement_decisions(session, was):
            session.add(
                Decision(
                    placement_id=placement.id,
                    kind=d.kind,
                    reason=d.reason,
                    ref=d.ref,
                    decided_on=d.decided_on,
                    scope=d.scope,
                    until=d.until,
                    author_id=d.author_id,
                    role=d.role,
                    created_at=d.created_at,
                )
            )
        carried += 1
    return carried
