"""A plan read back against the scenario it is given (CONTRACT §3): is it this scenario's plan, has the
scenario changed since the plan was made, and under which rules is it judged.

`check`, `report`, `compare` and `explain --plan` all start here, so that they refuse and warn alike:

- a plan that names another scenario (`plan.scenario`) is bad input, naming both names;
- a plan whose `scenario_hash` differs from the content hash of the scenario given was made before the
  scenario changed: `BoundPlan.scenario_changed` is True (None when the plan records no hash, as a plan
  made by hand, which is then judged as it is);
- the overrides a plan records (its variant's, or `--set`, paths and values; its what-if changes) are
  listed as `RecordedOverride`s, and applied only when asked (`as_recorded`): an override never relaxes a
  rule silently. Even when they are not applied, they must apply, or the plan's record is bad input.

`rescored_plan` gives the plan with every score and its objective computed from a scenario, for a report
of a plan whose stored numbers may be stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from models.errors import InputError, InputProblem
from models.loading import scenario_hash
from models.plan import Assignment, Plan
from models.scenario import Scenario
from planner.analysis.whatif import plan_scenario
from planner.eligibility.explanation import assignment_explanation
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.rules.after_placement import goes_home
from planner.rules.afterwards import rotation_end

#: How a report or a console names the rules a verdict was reached under.
AS_WRITTEN = "theo kịch bản như đã viết / against the scenario as written"
AS_RECORDED = "theo kịch bản với các ghi đè phương án ghi nhận / under the overrides the plan records"
SCENARIO_CHANGED = (
    "Cảnh báo: kịch bản đã thay đổi kể từ khi lập phương án {plan} (scenario_hash khác) / "
    "Warning: the scenario has changed since {plan} was made (its scenario_hash differs)"
)


@dataclass(frozen=True)
class RecordedOverride:
    """One override a plan records: a path set by its variant (or `--set`), or one what-if change."""

    source: Literal["variant", "what_if", "event"]
    #: Bilingual, as the console and the reports show it.
    text: str
    #: For a variant override: `variant` (its name, None for `--set` alone), `path` and `value`; for a
    #: what-if: `change`, the change's record as the plan file holds it; for a re-plan's event: `date`,
    #: `ref`, `path` and `value`.
    details: dict[str, object]

    def to_dict(self) -> dict[str, object]:
        """The override as `check --json` lists it."""
        return {"source": self.source, **self.details, "text": self.text}


def recorded_overrides(plan: Plan) -> tuple[RecordedOverride, ...]:
    """Every override the plan records, the variant's first, in the order they are applied."""
    found: list[RecordedOverride] = []
    if plan.variant is not None:
        name = plan.variant.name
        label = f"biến thể / variant {name}" if name else "ghi đè / override (--set)"
        for path, value in plan.variant.overrides.items():
            found.append(
                RecordedOverride(
                    "variant",
                    f"{label}: {path}={value_text(value)}",
                    {"variant": name, "path": path, "value": value},
                )
            )
    for change in plan.what_if:
        record = change.model_dump(mode="json")
        found.append(RecordedOverride("what_if", f"giả định / what-if: {change.text}", {"change": record}))
    for event in plan.replan.events if plan.replan else ():
        source = f"{event.ref}, {event.date}" if event.ref else event.date
        for path, value in event.set.items():
            found.append(
                RecordedOverride(
                    "event",
                    f"sự kiện / event ({source}): {path}={value_text(value)}",
                    {"date": event.date, "ref": event.ref, "path": path, "value": value},
                )
            )
    return tuple(found)


def value_text(value: object) -> str:
    """`true`, `7`, `null`, `[term_limit]`: an override's value as one writes it after `--set PATH=`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    return str(value)


@dataclass(frozen=True)
class BoundPlan:
    """A plan with the scenario it is read against: as written, and as it is judged."""

    plan: Plan
    #: The scenario as given (its file, as written).
    written: Scenario
    #: The scenario the plan is judged under: `written`, or with the recorded overrides applied.
    judged: Scenario
    as_recorded: bool
    recorded: tuple[RecordedOverride, ...]
    #: True: the plan was made from a scenario of other content; None: the plan records no hash.
    scenario_changed: bool | None

    @property
    def applied(self) -> tuple[RecordedOverride, ...]:
        """The overrides `judged` carries: all of `recorded` with `as_recorded`, else none."""
        return self.recorded if self.as_recorded else ()

    @property
    def rules_text(self) -> str:
        """Under which rules a verdict on this plan is reached, in words."""
        return AS_RECORDED if self.applied else AS_WRITTEN

    def changed_warning(self, plan_name: str) -> str | None:
        """The warning a command gives first when the scenario changed since the plan was made."""
        return SCENARIO_CHANGED.format(plan=plan_name) if self.scenario_changed else None


def bind_plan(scenario: Scenario, plan: Plan, file: str, *, as_recorded: bool = False) -> BoundPlan:
    """`plan` (read from `file`) against `scenario` as written; see the module docstring.

    Raises `InputError` when the plan names another scenario, or when an override it records does not
    apply to `scenario`.
    """
    if plan.scenario is not None and plan.scenario != scenario.name:
        message = (
            f"phương án của kịch bản {plan.scenario!r}, không phải {scenario.name!r} / the plan was made for "
            f"scenario {plan.scenario!r}, not for the scenario given, {scenario.name!r}"
        )
        raise InputError([InputProblem(file, "scenario", message, plan.scenario)])
    changed = None if plan.scenario_hash is None else plan.scenario_hash != scenario_hash(scenario)
    recorded = recorded_overrides(plan)
    under = plan_scenario(scenario, plan, file) if recorded else scenario  # raises when one does not apply
    return BoundPlan(
        plan=plan,
        written=scenario,
        judged=under if as_recorded else scenario,
        as_recorded=as_recorded,
        recorded=recorded,
        scenario_changed=changed,
    )


def rescored_plan(scenario: Scenario, plan: Plan) -> Plan:
    """`plan` with each assignment's score, waivers relied on and explanation, and the objective,
    computed from `scenario`, and no bound (only a solve could give one).

    For a plan made before its scenario changed: a report must never show the plan's stale numbers. An
    assignment naming a cadre, slot or start the scenario lacks gets no score (the checker reports it).
    """
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    start_index = {d.isoformat(): t for t, d in enumerate(eligibility.starts)}
    eligible_slots = np.bincount(eligibility.pair_table.cadre, minlength=len(eligibility.cadres)).tolist()
    assignments: list[Assignment] = []
    total = 0.0
    for a in plan.assignments:
        cadre_pos, slot_pos = eligibility.cadre_index.get(a.cadre), eligibility.slot_index.get(a.slot)
        t = start_index.get(a.start or "")
        if cadre_pos is None or slot_pos is None or t is None:
            assignments.append(a.with_changes(score=None, explanation=None))
            continue
        home = goes_home(eligibility, cadre_pos, a.after)
        bonus = scoring.after_home_value if home else 0
        score = _number((scoring.assignment_value(cadre_pos, slot_pos, t) + bonus) / scoring.scale)
        total += score
        relied = eligibility.relied_waivers(cadre_pos, slot_pos, t)
        cadre = eligibility.cadres[cadre_pos]
        assignments.append(
            a.with_changes(
                score=score,
                waivers=relied,
                waiver_details=[
                    {"rule": w.rule, "by": w.by, "ref": w.ref} for w in cadre.waivers if w.rule in relied
                ],
                explanation=assignment_explanation(
                    eligibility, scoring, cadre_pos, slot_pos, t, eligible_slots[cadre_pos], home
                ),
                end=rotation_end(eligibility, eligibility.starts[t]).isoformat(),
            )
        )
    objective = _number(total) if plan.assignments else plan.objective
    return plan.with_changes(assignments=assignments, objective=objective, best_bound=None)


def _number(value: float) -> int | float:
    """Scores carry at most two decimals (`planner.eligibility.scoring`): no float noise, whole as int."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value
