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


class Assignment(PlanModel):
    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)

    cadre: str
    slot: str
    start: str | None = None
    score: int | float | None = None
    waivers: list[str] = Field(default_factory=list)
    waiver_details: list[dict[str, str | None]] = Field(default_factory=list)

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


class Conflict(PlanModel):
    rules: list[str]
    message: str
    message_en: str | None = None
    cadres: list[str] = Field(default_factory=list)
    slots: list[str] = Field(default_factory=list)


class SolverRecord(PlanModel):
    """What produced the plan, so that it can be reproduced."""

    name: str = "CP-SAT"
    version: str
    seed: int
    workers: int
    time_limit_seconds: float | None
    wall_seconds: float
    build_seconds: float


class Plan(PlanModel):
    scenario: str | None = None
    status: Status = "FEASIBLE"
    objective: int | float | None = None
    best_bound: int | float | None = None
    assignments: list[Assignment] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    scenario_hash: str | None = None
    solver: SolverRecord | None = None
