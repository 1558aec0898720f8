"""What-if questions from the command line, and what they change in the plan.

`planner solve ... --pin C05=cai_rang.bi_thu --forbid C07=o_mon.chu_tich --waive C04=remaining_service`
turns each option into a change (`models.changes`), solves the changed scenario, and compares its plan
with the plan of the scenario as written: who moves, how the objective shifts, which must-rotate cadres
are left unplaced. The changes are recorded in the plan, so that `planner check --as-recorded` can
judge it under them (plain `check` judges the scenario as written and names them:
`planner.analysis.binding`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.changes import AddForbid, AddPin, AddWaiver, Change
from models.dates import period_starts
from models.errors import InputError, InputProblem, bilingual
from models.overrides import apply_overrides
from models.plan import Plan
from models.recorded_changes import apply_recorded_changes
from models.rule_ids import WAIVABLE_RULES
from models.scenario import Scenario
from planner.rules.categories import cadre_facts

#: What-if waivers are hypotheses, not decisions: the plan says so wherever the waiver is shown.
WHAT_IF_AUTHORITY = "giả định / what-if"


def parse_what_if(scenario: Scenario, pins: list[str], forbids: list[str], waives: list[str]) -> list[Change]:
    """Changes from `CADRE=SLOT[@YYYY-MM-DD]`, `CADRE=SLOT_OR_UNIT` and `CADRE=RULE` options; every bad
    option is reported at once, naming the option and the value."""
    cadres = {c.id for c in scenario.cadres}
    slots = {s.id for s in scenario.slots}
    units = {u.id for u in scenario.units}
    period = scenario.period
    starts = set(period_starts(period.start, period.end, period.granularity))
    changes: list[Change] = []
    problems: list[InputProblem] = []

    def problem(option: str, message: str, value: str) -> None:
        problems.append(InputProblem("command line", option, message, value))

    for option, values in (("--pin", pins), ("--forbid", forbids), ("--waive", waives)):
        for text in values:
            cadre, sep, target = text.partition("=")
            if not sep or not cadre or not target:
                problem(option, "cần dạng CADRE=VALUE / expected CADRE=VALUE", text)
                continue
            if cadre not in cadres:
                problem(option, bilingual("không có cán bộ này", "unknown cadre", cadre, cadres), cadre)
                continue
            change = _change(
                option, cadre, target, (slots, units, starts), lambda m, v, o=option: problem(o, m, v)
            )
            if change is not None:
                changes.append(change)
    if problems:
        raise InputError(problems)
    return changes


def _change(option, cadre, target, known, problem) -> Change | None:
    slots, units, starts = known
    if option == "--pin":
        slot, _, when = target.partition("@")
        if slot not in slots:
            problem(bilingual("không có vị trí này", "unknown slot", slot, slots), slot)
            return None
        try:
            start = date.fromisoformat(when) if when else None
        except ValueError:
            problem("ngày bắt đầu cần dạng YYYY-MM-DD / start must be a date YYYY-MM-DD", when)
            return None
        if start is not None and start not in starts:
            problem(
                "ngày bắt đầu phải là một ngày bắt đầu của giai đoạn (ngày đầu quý hoặc tháng) / start must be one "
                "of the period's start dates (first day of a quarter or month)",
                when,
            )
            return None
        return AddPin(cadre=cadre, slot=slot, start=start)
    if option == "--forbid":
        if target in slots:
            return AddForbid(cadre=cadre, slot=target)
        if target in units:
            return AddForbid(cadre=cadre, unit=target)
        problem(
            bilingual("không có vị trí hay đơn vị này", "unknown slot or unit", target, slots | units),
            target,
        )
        return None
    if target not in WAIVABLE_RULES:
        problem(
            f"không phải quy định được miễn trừ / not a waivable rule (waivable: {', '.join(WAIVABLE_RULES)})",
            target,
        )
        return None
    return AddWaiver(cadre=cadre, rule=target, by=WHAT_IF_AUTHORITY)


@dataclass(frozen=True)
class Move:
    """One cadre placed differently: (slot, start) before and after, None where not placed."""

    cadre: str
    before: tuple[str, str | None] | None
    after: tuple[str, str | None] | None


@dataclass(frozen=True)
class PlanDiff:
    moves: list[Move]
    objective_before: float | None
    objective_after: float | None
    status_after: str
    #: Must-rotate cadres the changed plan does not place (none listed when it has no plan at all).
    mandatory_unplaced: list[str]

    @property
    def has_plan(self) -> bool:
        """The changed scenario has a plan; when not, there are no moves to show, only its conflicts."""
        return self.status_after in ("OPTIMAL", "FEASIBLE")

    @property
    def objective_delta(self) -> float | None:
        if self.objective_before is None or self.objective_after is None:
            return None
        return self.objective_after - self.objective_before


def diff_plans(scenario: Scenario, base: Plan, changed: Plan) -> PlanDiff:
    """Cadre by cadre, where `changed` differs from `base` (a start date moving counts as a move).

    A `changed` without a plan (infeasible, or none found in time) moves nobody and leaves nobody
    unplaced: it is not a plan that rotates no one, and its conflicts say why there is none."""
    if changed.status not in ("OPTIMAL", "FEASIBLE"):
        return PlanDiff([], base.objective, None, changed.status, [])
    before = {a.cadre: (a.slot, a.start) for a in base.assignments}
    after = {a.cadre: (a.slot, a.start) for a in changed.assignments}
    moves = [
        Move(cadre, before.get(cadre), after.get(cadre))
        for cadre in sorted(before.keys() | after.keys())
        if before.get(cadre) != after.get(cadre)
    ]
    mandatory = [c.id for c in scenario.cadres if cadre_facts(scenario, c).mandatory]
    return PlanDiff(
        moves=moves,
        objective_before=base.objective,
        objective_after=changed.objective,
        status_after=changed.status,
        mandatory_unplaced=[c for c in mandatory if c not in after],
    )


def plan_scenario(scenario: Scenario, plan: Plan, file: str) -> Scenario:
    """The scenario under the rules the plan was made under: its variant's overrides, then its recorded
    what-ifs, then the events a re-plan applied (`replan.events`, in their order). `check --as-recorded`, `explain --plan --as-recorded` and the reports judge a plan by this
    (through `planner.analysis.binding.bind_plan`, which says so). Raises `InputError` when they do not
    apply."""
    if plan.variant is not None and plan.variant.overrides:
        scenario = apply_overrides(scenario, plan.variant.overrides, file, "variant.overrides.")
    scenario = apply_recorded_changes(scenario, plan.what_if, file)
    for position, event in enumerate(plan.replan.events if plan.replan else ()):
        scenario = apply_overrides(scenario, event.set, file, f"replan.events[{position}].set.")
    return scenario
