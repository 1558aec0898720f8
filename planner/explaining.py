"""`explain_cadre` and `explain_slot` as the public API gives them: from a scenario, not an eligibility
table; and `explain_plan`, the whole of what `planner explain` answers, in one call.

`planner.analysis.explain` reads the eligibility table the model reads (so an explanation never disagrees
with what the solver was allowed to do); these build that table for the caller, who then needs to know
nothing of it. An id the scenario does not have raises `KeyError` naming it. `explain_plan` adds the
questions answered by re-solving (`planner.analysis.why_not`): the command line prints its answer, the
web pages render it and `explain --json` writes it, so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.changes import AddWaiver
from models.plan import Plan, Repair
from models.scenario import Scenario
from planner.analysis import explain
from planner.analysis.explain import CadreExplanation, SlotExplanation
from planner.analysis.why_not import ForcedAlternative, WaiverSearch, forced_alternatives, waiver_gains
from planner.eligibility.table import Eligibility
from planner.hooks import NO_HOOKS, SolveHooks
from planner.infeasibility import solve_or_diagnose
from planner.solving import SolveOptions
from planner.wording.steps import WHY_NOT_WORDS


def explain_cadre(scenario: Scenario, cadre_id: str, plan: Plan | None = None) -> CadreExplanation:
    """Why the cadre can or cannot go to each slot, its service horizon, and where `plan` places it."""
    if cadre_id not in {c.id for c in scenario.cadres}:
        raise KeyError(f"no cadre {cadre_id!r} in scenario {scenario.name!r}")
    return explain.explain_cadre(Eligibility(scenario), cadre_id, plan)


def explain_slot(scenario: Scenario, slot_id: str, plan: Plan | None = None) -> SlotExplanation:
    """Who can or cannot take the slot and why, its vacancy chain, and whom `plan` places in it."""
    if slot_id not in {s.id for s in scenario.slots}:
        raise KeyError(f"no slot {slot_id!r} in scenario {scenario.name!r}")
    return explain.explain_slot(Eligibility(scenario), slot_id, plan)


@dataclass(frozen=True)
class WhyNot:
    """Why not elsewhere: each better-scoring post forced for the cadre (a pin each), and what the base
    plan, of objective `base_objective`, gives up for it."""

    base_objective: float
    forced: list[ForcedAlternative]


@dataclass(frozen=True)
class WaiverReport:
    """The scenario's waivers and what they do for the base plan (`explain --waivers`)."""

    #: The plan the waivers are weighed against: its status, objective and (infeasible) diagnosis.
    base: Plan
    #: (cadre, rule) -> the slots the base plan places that cadre in relying on that waiver.
    relied: dict[tuple[str, str], list[str]]
    #: Each single waiver the rules would let open a placement, re-solved (a base with a plan), or None
    #: (an infeasible base: `restoring` instead).
    search: WaiverSearch | None
    #: An infeasible base's repairs that add a waiver.
    restoring: list[Repair]


@dataclass(frozen=True)
class Explained:
    """Everything `planner explain` shows, as data: the command line prints it, the web renders it,
    `explain --json` writes it. What was not asked is None."""

    #: The plan the why-not and waiver questions compare with: the plan given, or (none given, or one
    #: without an objective) a fresh solve; None when no question needed one.
    base: Plan | None
    cadre: CadreExplanation | None
    #: Asked for a cadre, with a base plan to compare with.
    why_not: WhyNot | None
    slot: SlotExplanation | None
    waivers: WaiverReport | None


def explain_plan(
    scenario: Scenario,
    plan: Plan | None = None,
    *,
    cadre: str | None = None,
    slot: str | None = None,
    waivers: bool = False,
    why_not: bool = True,
    options: SolveOptions | None = None,
    hooks: SolveHooks = NO_HOOKS,
) -> Explained:
    """Why `cadre` and `slot` are or are not placed by `plan` (or, none given, by a fresh solve), what a
    better-scoring placement of the cadre would cost (`why_not`, re-solving with a pin each), and, with
    `waivers`, the scenario's waivers and the single waivers that would raise the objective or restore a
    plan. `scenario` is the one the plan is judged under (`BoundPlan.judged` for a plan file).
    `hooks.on_step` hears each re-solve as it starts (the base plan, each forced post, each waiver
    tried); every re-solve runs with `hooks.quiet()`."""
    options = options or SolveOptions()
    needs_base = plan is None or plan.objective is None
    base = plan
    if needs_base and (why_not or waivers):
        hooks.step(WHY_NOT_WORDS["base"], 0.0)
        base = solve_or_diagnose(scenario, options, diagnose=waivers, hooks=hooks.quiet())
    shown = plan or base
    cadre_explanation = forced = None
    if cadre is not None:
        cadre_explanation = explain_cadre(scenario, cadre, shown)
        if why_not and base is not None and base.objective is not None:
            forced = WhyNot(base.objective, forced_alternatives(scenario, cadre, base, options, hooks=hooks))
    slot_explanation = explain_slot(scenario, slot, shown) if slot is not None else None
    report = _waiver_report(scenario, base, options, hooks) if waivers and base is not None else None
    return Explained(base, cadre_explanation, forced, slot_explanation, report)


def _waiver_report(scenario: Scenario, base: Plan, options: SolveOptions, hooks: SolveHooks) -> WaiverReport:
    relied: dict[tuple[str, str], list[str]] = {}
    for a in base.assignments:
        for rule in a.waivers:
            relied.setdefault((a.cadre, rule), []).append(a.slot)
    if base.status == "INFEASIBLE":
        restoring = [r for r in base.repairs if isinstance(r.change, AddWaiver)]
        return WaiverReport(base, relied, None, restoring)
    return WaiverReport(base, relied, waiver_gains(scenario, base, options, hooks=hooks), [])
