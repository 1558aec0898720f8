"""The plan file schema (CONTRACT §3): what `solve` writes and `check` reads.

`check` must accept a hand-made plan of `cadre`, `slot`, `start` only, and a plan naming unknown cadres
or slots, or a start that is not a date, is a rule violation (`unknown_reference`), not bad input. So the
plan schema keeps `cadre`, `slot` and `start` as plain strings; the checker resolves them.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"]


class PlanModel(BaseModel):
    """Plans come from other tools too: extra fields are kept, not rejected."""

    model_config = ConfigDict(extra="allow")


class AssignmentExplanation(PlanModel):
    """Why a placement is there, stored with it so that a report needs no re-solve (issue 3 item 6)."""

    categories: list[str] = Field(default_factory=list)
    retirement_date: str | None = None
    years_left_at_start: float | None = None
    components: dict[str, float] = Field(default_factory=dict)
    rules_checked: list[str] = Field(default_factory=list)
    eligible_slots: int | None = None


class Assignment(PlanModel):
    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)

    cadre: str
    slot: str
    start: str | None = None
    score: int | float | None = None
    waivers: list[str] = Field(default_factory=list)
    waiver_details: list[dict[str, str | None]] = Field(default_factory=list)
    explanation: AssignmentExplanation | None = None

    @field_validator("start", mode="before")
    @classmethod
    def _start_as_text(cls, value: object) -> object:
        """Any start is kept, as text: one that is not a date (`true`, `[1]`) is the checker's
        `unknown_reference` violation, not bad input (CONTRACT §3). Dates from the solver become ISO text."""
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, date):
            return value.isoformat()
        return json.dumps(value)


class RuleInstance(PlanModel):
    """One rule as it binds here: the rule id and the cadre and/or slot it concerns (none for plan-wide)."""

    rule: str
    cadre: str | None = None
    slot: str | None = None


class Conflict(PlanModel):
    """An irreducible set of rule instances: together they admit no plan; without any one, a plan exists."""

    rules: list[str]
    message: str
    message_en: str | None = None
    cadres: list[str] = Field(default_factory=list)
    slots: list[str] = Field(default_factory=list)
    instances: list[RuleInstance] = Field(default_factory=list)
    #: True when, for each member, a plan keeping all the others was found and the independent checker
    #: saw it break that member alone among the set.
    confirmed_by_checker: bool | None = None


class Repair(PlanModel):
    """A single change that makes an infeasible scenario feasible, with the best plan it then allows."""

    change: dict[str, object]
    message: str
    message_en: str
    status: str
    objective: int | float | None = None
    rotations: int | None = None


class SolverRecord(PlanModel):
    """What produced the plan, so that it can be reproduced."""

    name: str = "CP-SAT"
    version: str
    seed: int
    workers: int
    time_limit_seconds: float | None
    wall_seconds: float
    build_seconds: float


class AlternativeRecord(PlanModel):
    """Where a plan stands among the diverse alternatives of one solve (`planner.decide.alternatives`)."""

    rank: int  # 1 is the best plan
    gap: int | float  # the best plan's objective minus this one's
    gap_percent: float | None = None  # gap as a percentage of the best objective (None when that is 0)
    min_diff: int  # the difference asked for, in placements, from every better-ranked plan
    nearest: int | None = None  # the smallest difference it actually has from a better-ranked plan


class VariantRecord(PlanModel):
    """The rule overrides the plan was solved under; `check` applies them before checking."""

    name: str | None = None  # the scenario's variant, None for `--set` overrides alone
    description: str | None = None
    overrides: dict[str, object] = Field(default_factory=dict)  # dotted path -> value


class Plan(PlanModel):
    scenario: str | None = None
    status: Status = "FEASIBLE"
    objective: int | float | None = None
    best_bound: int | float | None = None
    assignments: list[Assignment] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    scenario_hash: str | None = None
    solver: SolverRecord | None = None
    alternative: AlternativeRecord | None = None
    variant: VariantRecord | None = None
    #: What-if changes (`planner solve --pin/--forbid/--waive`) the plan was solved under; `check`
    #: applies them before checking. Each is a `planner.data.edits.change_record`.
    what_if: list[dict[str, object]] = Field(default_factory=list)
