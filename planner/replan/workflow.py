"""`replan`: a new plan from one being carried out, as of a date, after dated events (CONTRACT §4).

The whole `planner replan` workflow, above `solve`'s layer and calling none of it but its helpers:

1. the old plan is bound to the scenario given (another scenario's plan is bad input) and the events
   dated on or before DATE are applied to it (`planner.replan.events`): the facts as they are now;
2. DATE must be a start date of the period, and the old plan is split there (`planner.replan.history`):
   a history naming what the scenario lacks is bad input;
3. the model (`planner.formulation.history`) fixes the history and counts the changes; the search
   (`planner.replan.search`) takes the fewest changes, then the best objective (or objective minus the
   change cost);
4. the new plan keeps the history assignments as they were (marked `history`), records the as-of date,
   the events and every change with its reasons (`planner.replan.changes`), and passes the independent
   checker with the same as-of date, or `PlanRejected` is raised: that would be a bug, never written;
5. decisions already taken on the old plan (the workspace's, `Commitments`) join the facts after the
   events (an event that sets a whole list, `pins` or `forbids`, cannot wipe them): a placement issued
   as a decision is pinned, a rejected one forbidden (its post, or every post for a rejection of the
   cadre), a deferred cadre starts no earlier than the date, a placement withdrawn before it started is
   not history, and changing an approved one counts double; a change they force names them;
6. no plan keeping the history: the plan is INFEASIBLE with conflicts and repairs, found by the
   diagnosis (`planner.infeasibility`) of the scenario in which the history is pinned and every other
   start is on or after DATE (see `history_scenario`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from models.loading import scenario_hash as content_hash
from models.plan import Assignment, DecisionRecord, Plan, ReplanRecord
from models.scenario import Forbid, Pin, Scenario
from planner.analysis.binding import bind_plan
from planner.analysis.plan_set import PlanFile, PlanRejected
from planner.checking import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation.history import Fixed, build_history_model
from planner.hooks import NO_HOOKS, SolveHooks
from planner.infeasibility import diagnose
from planner.replan.changes import placement_changes
from planner.replan.events import Event, EventStep, apply_events
from planner.replan.history import SplitPlan, as_of_index, split_plan
from planner.replan.search import search_replan
from planner.rules import RULES
from planner.rules.after_placement import after_changes, history_after
from planner.rules.readiness import plan_bench
from planner.solving import SearchTally, SolveOptions, chosen_assignments, solver_record, unscaled
from planner.wording.steps import STAGE_WORDS

__all__ = ["Commitments", "Replanned", "history_scenario", "replan_as_of"]

#: Rules of a single placement: a history placement is not judged by them again (CONTRACT §4). They are
#: the rules that close (cadre, slot) pairs, as the registry says, so a rule added there is counted here.
SINGLE_PLACEMENT_RULES = frozenset(str(rule_id) for rule_id, rule in RULES.items() if rule.restricts)


@dataclass(frozen=True)
class Commitments:
    """What decisions already taken on the old plan bind its re-plan to, beyond the facts.

    A placement issued as a rotation decision is a pin (cadre, slot, start); a rejected one a forbid of
    (cadre, slot), or, rejected for the cadre (`unrotated`), a forbid of every unit; a deferral until a
    date moves the cadre's `available_from` there (`not_before`); an approved one is kept where the
    rules allow: changing it weighs `weights[cadre]` (2) in the change count instead of 1, so that it
    moves only where keeping it would cost two other changes. Pins, forbids and dates become the
    scenario's, so the plan is checked against them like any other. `withdrawn`: placements of the old
    plan a decision took back before they started (rejected, or deferred past their start): not history.
    `decisions`: who decided each of these, so that a change they force names them.
    """

    pins: tuple[Pin, ...] = ()
    forbids: tuple[Forbid, ...] = ()
    weights: Mapping[str, int] = field(default_factory=dict)
    unrotated: tuple[str, ...] = ()
    not_before: Mapping[str, date] = field(default_factory=dict)
    withdrawn: Mapping[tuple[str, str, str | None], DecisionRecord] = field(default_factory=dict)
    decisions: tuple[DecisionRecord, ...] = ()

    def bind(self, scenario: Scenario) -> Scenario:
        """The scenario with these pins, forbids and dates added (what it has already is not repeated;
        a cadre it no longer has is left out)."""
        if not (self.pins or self.forbids or self.unrotated or self.not_before):
            return scenario
        cadres = {c.id for c in scenario.cadres}
        every_unit = (
            Forbid(cadre=cadre, unit=unit.id)
            for cadre in self.unrotated
            if cadre in cadres
            for unit in scenario.units
        )
        pins = (*scenario.pins, *(p for p in self.pins if p not in scenario.pins and p.cadre in cadres))
        forbids = list(scenario.forbids)
        for forbid in (*self.forbids, *every_unit):
            if forbid not in forbids and forbid.cadre in cadres:
                forbids.append(forbid)
        update: dict[str, object] = {"pins": pins, "forbids": tuple(forbids)}
        if self.not_before:
            update["cadres"] = tuple(
                c.model_copy(update={"available_from": max(c.available_from or day, day)})
                if (day := self.not_before.get(c.id)) is not None
                else c
                for c in scenario.cadres
            )
        return scenario.model_copy(update=update)

    def carried_out(self, old: Plan) -> Plan:
        """The old plan without the placements decisions withdrew."""
        if not self.withdrawn:
            return old
        kept = [a for a in old.assignments if (a.cadre, a.slot, a.start) not in self.withdrawn]
        return old.with_changes(assignments=kept)


@dataclass(frozen=True)
class Replanned:
    """A re-plan and what it was made from: the new plan and the scenario (events applied) it keeps."""

    plan: Plan
    scenario: Scenario
    steps: tuple[EventStep, ...]
    #: True when the old plan records another scenario content than the scenario given.
    scenario_changed: bool | None
    #: The history placements held as they were (also when no plan keeps them).
    history_held: int = 0


def replan_as_of(
    scenario: Scenario,
    old: Plan,
    as_of: date,
    events: list[Event] | None = None,
    *,
    change_cost: float | None = None,
    commitments: Commitments | None = None,
    options: SolveOptions | None = None,
    hooks: SolveHooks = NO_HOOKS,
    plan_file: str = "PLAN.json",
    events_file: str = "EVENTS.yaml",
    output: Path = Path("NEW.json"),
) -> Replanned:
    """Re-plan `old` as of `as_of` under `scenario` and `events`; see the module docstring.

    `hooks.stop` stops its searches (and its diagnosis); the plan is then the best found, or UNKNOWN.

    Raises `InputError` for bad input (another scenario's plan, an event that does not apply, DATE off
    the grid, a history naming what the scenario lacks) and `PlanRejected` should the checker reject the
    new plan.
    """
    options = options or SolveOptions()
    commitments = commitments or Commitments()
    began = time.perf_counter()
    bound = bind_plan(scenario, old, plan_file)
    given_hash = content_hash(scenario)
    old = commitments.carried_out(old)
    hooks.stage(STAGE_WORDS["events"], time.perf_counter() - began)
    steps = apply_events(scenario, events or [], as_of, events_file)
    # the decisions bind after the events, so that an event setting a whole list keeps them
    now = commitments.bind(steps[-1].scenario if steps else scenario)
    eligibility = Eligibility(now)
    start = as_of_index(eligibility, as_of)
    split = split_plan(eligibility, old, as_of, plan_file)
    record = ReplanRecord(
        as_of=as_of.isoformat(),
        from_scenario_hash=old.scenario_hash,
        events=[step.event.record for step in steps],
        change_cost=change_cost,
        change_weights={cadre: w for cadre, w in sorted(commitments.weights.items()) if w != 1},
    )
    base = Plan(scenario=scenario.name, status="UNKNOWN", scenario_hash=given_hash, replan=record)
    scoring = Scoring(eligibility)
    history = [Fixed(p.cadre, p.slot, p.start) for p in split.history]  # type: ignore[arg-type]  # resolved: split_plan checked
    old_future, unknown = _old_future(split)
    position = {cadre.id: k for k, cadre in enumerate(eligibility.cadres)}
    weights = {position[c]: w for c, w in commitments.weights.items() if c in position}
    hooks.stage(STAGE_WORDS["build"], time.perf_counter() - began)
    kept_afters = _kept_afters(eligibility, split, as_of)
    history_model = build_history_model(
        eligibility, scoring, start, history, old_future, unknown, weights, kept_afters
    )
    build_seconds = time.perf_counter() - began
    tally = SearchTally()
    found = search_replan(history_model, scoring, options, change_cost, hooks=hooks, tally=tally)
    searched = solver_record(options, tally, hooks.stopped, began, build_seconds)
    update: dict[str, object] = {"status": found.status, "interrupted": hooks.stopped, "solver": searched}
    if found.solver is not None and found.objective is not None:  # found together
        assignments = _assignments(history_model, found.solver, scoring, split, as_of, kept_afters)
        changes = placement_changes(old, assignments, as_of, scenario, steps, commitments)
        moved_afters = after_changes(old.assignments, assignments) if now.after_rotation is not None else None
        update |= {
            "assignments": assignments,
            "objective": unscaled(found.objective, scoring.scale),
            "best_bound": None if found.bound is None else unscaled(found.bound, scoring.scale),
            "replan": record.with_changes(changes=changes, after_changes=moved_afters),
            "bench": plan_bench(eligibility.readiness, assignments),
        }
    elif found.status == "INFEASIBLE" and not hooks.stopped:
        hooks.stage(STAGE_WORDS["diagnosis"], time.perf_counter() - began)
        diagnosis = diagnose(history_scenario(now, split, as_of), options, hooks=hooks.quiet())
        update |= {
            "conflicts": [c for c in diagnosis.conflicts if not _judges_history(c, split)],
            "repairs": list(diagnosis.repairs),
            "diagnosis": diagnosis.record,
        }
        if not update["conflicts"]:
            update["conflicts"] = list(diagnosis.conflicts)
    if hooks.stopped and found.solver is None:
        # Stopped with no plan found: whatever a search had proved by then (a level's INFEASIBLE is about
        # that level alone), the re-plan has no verdict: no solution found before the interrupt.
        update = {"status": "UNKNOWN", "interrupted": True, "solver": searched}
    plan = base.with_changes(**update)
    if plan.assignments:
        verdict = check_plan(now, plan, as_of)
        if not verdict.valid:
            raise PlanRejected(PlanFile(output, plan, now, None), verdict.violations)
    return Replanned(plan, now, tuple(steps), bound.scenario_changed, len(split.history))


def _old_future(split: SplitPlan) -> tuple[dict[int, list[tuple[int | None, int | None]]], int]:
    """The old plan's future placements by cadre position, and how many future cadres the scenario lacks."""
    by_cadre: dict[int, list[tuple[int | None, int | None]]] = {}
    unknown = set()
    for p in split.future:
        if p.cadre is None:
            unknown.add(p.assignment.cadre)
            continue
        by_cadre.setdefault(p.cadre, []).append((p.slot, p.start))
    return by_cadre, len(unknown)


def _kept_afters(eligibility: Eligibility, split: SplitPlan, as_of: date) -> dict[int, int | None]:
    """Per position in `split.history`: the post a history placement keeps when its `after` is history too
    (CONTRACT §6.4: started before the as-of date), None for a kept stay."""
    kept = {}
    for k, placed in enumerate(split.history):
        is_history, post = history_after(eligibility, placed.assignment, as_of)
        if is_history:
            kept[k] = post
    return kept


def _assignments(
    history_model, solver, scoring: Scoring, split: SplitPlan, as_of: date, kept_afters: dict[int, int | None]
) -> list[Assignment]:
    """The history as it was (marked), then the future the search chose, in start and slot order. A
    history placement's `after` is the old one where that is history too, else the one the search chose
    (with `end`, as every assignment has)."""
    chosen = chosen_assignments(history_model.ctx, solver, scoring)
    future = [a for a in chosen if (a.start or "") >= as_of.isoformat()]
    now = {a.cadre: a for a in chosen if (a.start or "") < as_of.isoformat()}
    history = []
    for k, placed in enumerate(split.history):
        made = now.get(placed.assignment.cadre)
        update: dict[str, object] = {"history": True}
        if made is not None:
            update["end"] = made.end
            if k not in kept_afters:
                update["after"] = made.after
        history.append(placed.assignment.with_changes(**update))
    return sorted([*history, *future], key=lambda a: (a.start or "", a.slot))


def history_scenario(scenario: Scenario, split: SplitPlan, as_of: date) -> Scenario:
    """The scenario in which a plan is a re-plan's: every history placement pinned (cadre, slot, start),
    every other slot opening and every other cadre available no earlier than `as_of`.

    Diagnosis works on scenarios, so a re-plan with no plan is diagnosed as this one. It is exact but in
    one respect: this scenario judges the pinned history by the rules of a single placement too, which a
    re-plan does not; conflicts made only of that (`_judges_history`) are left out where others exist.
    Built with `model_copy`, not validated again: a slot to fill before `as_of` gets an opening after its
    deadline here on purpose, which the scenario's own check would refuse as bad input.
    """
    cadres = {p.assignment.cadre for p in split.history}
    slots = {p.assignment.slot for p in split.history}
    pins = [
        *scenario.pins,
        *(
            Pin(
                cadre=p.assignment.cadre,
                slot=p.assignment.slot,
                start=date.fromisoformat(p.assignment.start),  # type: ignore[arg-type]  # history has starts
            )
            for p in split.history
        ),
    ]
    new_slots = tuple(
        s if s.id in slots else s.model_copy(update={"open_from": max(s.open_from or as_of, as_of)})
        for s in scenario.slots
    )
    new_cadres = tuple(
        c
        if c.id in cadres
        else c.model_copy(update={"available_from": max(c.available_from or as_of, as_of)})
        for c in scenario.cadres
    )
    return scenario.model_copy(update={"pins": tuple(pins), "slots": new_slots, "cadres": new_cadres})


def _judges_history(conflict, split: SplitPlan) -> bool:
    """A conflict in which a rule of a single placement judges a history placement: an artefact of
    `history_scenario`, not a reason the re-plan has no plan."""
    placed = {(p.assignment.cadre, p.assignment.slot) for p in split.history}
    cadres = {cadre for cadre, _ in placed}
    return any(
        i.rule in SINGLE_PLACEMENT_RULES
        and i.cadre in cadres
        and (i.slot is None or (i.cadre, i.slot) in placed)
        for i in conflict.instances
    )
