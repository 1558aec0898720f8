"""The scenario schema (CONTRACT §1): what a planner writes, validated once at the edge.

Field-level checks (types, ranges, enumerations) live here as pydantic constraints; checks that need the
whole scenario (cross references, duplicates) live in `models.references`, so that every problem of a
file is reported at once. Everything is frozen: inside the planner the data is trusted and never changed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.rule_ids import RuleId

#: Categories that `rules.mandatory_rotation` may name.
MANDATORY_CATEGORIES: tuple[str, ...] = ("term_limit", "local_key_post")


class Frozen(BaseModel):
    """Base of every schema object: immutable, and unknown fields are typos to report."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True
    )


class Period(Frozen):
    start: date
    end: date
    granularity: Literal["quarter", "month"] = "quarter"

    @model_validator(mode="after")
    def _end_after_start(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period end {self.end} is before its start {self.start}")
        return self


class Quota(Frozen):
    min: int = Field(0, ge=0)
    max: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _min_le_max(self) -> Quota:
        if self.max is not None and self.min > self.max:
            raise ValueError(f"quota min {self.min} is greater than max {self.max}")
        return self


class Youth(Frozen):
    age_below: int = Field(40, ge=0, le=100)
    max_heads: int | None = Field(0, ge=0)


class Rules(Frozen):
    quota: Quota = Quota()
    min_remaining_service_years: int = Field(10, ge=0, le=60)
    min_duration_months: int = Field(36, ge=0, le=600)
    max_consecutive_head_terms: int = Field(2, ge=1)
    #: Years a head post is held continuously before the holder counts as term-limited (Reg. 65 Art. 3.3:
    #: "more than two consecutive terms" = 8 years or more). The cap keeps `head_since + years` a date.
    term_limit_years: int = Field(8, ge=1, le=60)
    #: True: only (cadre, slot) pairs listed in `scores` can be assigned (rule `shortlist`). Strict: a
    #: quoted "yes" or a 1 is a typo to report, not a guess to make.
    only_scored_pairs: bool = Field(False, strict=True)
    youth: Youth = Youth()
    max_starts_per_quarter: int | None = Field(None, ge=0)
    mandatory_rotation: tuple[Literal["term_limit", "local_key_post"], ...] = MANDATORY_CATEGORIES

    @field_validator("term_limit_years", mode="before")
    @classmethod
    def _years_not_boolean(cls, value: object) -> object:
        # pydantic reads `true` as 1 for an int field; a term limit of "true" years is a typo.
        if isinstance(value, bool):
            raise ValueError("must be a whole number of years, at least 1")
        return value


class Title(Frozen):
    name: str
    level: Literal["head", "deputy"]
    non_local: bool = False


class Unit(Frozen):
    id: str = Field(min_length=1)
    name: str
    kind: Literal["district", "department", "party_committee"]


class Slot(Frozen):
    id: str = Field(min_length=1)
    unit: str
    title: str
    open_from: date | None = None
    fill_by: date | None = None
    vacated_by: str | None = None
    priority: int = Field(0, ge=0, le=3)

    @model_validator(mode="after")
    def _window_ordered(self) -> Slot:
        if self.open_from and self.fill_by and self.fill_by < self.open_from:
            raise ValueError(f"fill_by {self.fill_by} is before open_from {self.open_from}")
        return self


class CurrentPost(Frozen):
    unit: str
    title: str
    head_terms: int = Field(0, ge=0)
    #: A head's first day in this post, held continuously since (term limits by tenure). It must be a
    #: head title and no later than the period start: `models.references` checks both.
    head_since: date | None = None


class Waiver(Frozen):
    rule: Literal["remaining_service", "min_duration", "youth_heads", "non_locality"]
    by: str = Field(min_length=1)
    ref: str | None = None
    reason: str | None = None


class Cadre(Frozen):
    id: str = Field(min_length=1)
    name: str
    gender: Literal["male", "female"]
    birth_date: date
    retirement_date: date | None = None
    local_to: tuple[str, ...] = ()
    current: CurrentPost | None = None
    planning: tuple[str, ...] = ()
    district_experience: bool = False
    health_ok: bool = True
    available_from: date | None = None
    must_rotate: bool = False
    waivers: tuple[Waiver, ...] = ()

    def waives(self, rule: RuleId) -> bool:
        """True when the competent authority lifted `rule` for this cadre."""
        return any(w.rule == rule for w in self.waivers)


class ScenarioWaiver(Waiver):
    """A waiver listed at the top level, for scenarios whose cadre table is a CSV/XLSX file."""

    cadre: str


class ExplicitScore(Frozen):
    cadre: str
    slot: str
    score: float

    @model_validator(mode="after")
    def _finite(self) -> ExplicitScore:
        if self.score != self.score or abs(self.score) > 1e9:
            raise ValueError(f"score {self.score} is not a finite number of reasonable size")
        return self


class ObjectiveWeights(Frozen):
    """Weights of the computed suitability score (see `planner.eligibility.scoring`); each is per rotation."""

    priority: int = Field(10, ge=0, le=10_000)
    development: int = Field(5, ge=0, le=10_000)
    allowance_cost: int = Field(3, ge=0, le=10_000)
    earlier_start: int = Field(1, ge=0, le=10_000)


class Objective(Frozen):
    explicit_scores_only: bool = False
    weights: ObjectiveWeights = ObjectiveWeights()


class Pin(Frozen):
    cadre: str
    slot: str
    start: date | None = None


class Forbid(Frozen):
    cadre: str
    slot: str | None = None
    unit: str | None = None

    @model_validator(mode="after")
    def _slot_xor_unit(self) -> Forbid:
        if (self.slot is None) == (self.unit is None):
            raise ValueError("a forbid names exactly one of slot or unit")
        return self


class Variant(Frozen):
    """A named set of rule overrides, `{dotted.path: value}` (see `models.overrides`): the same scenario
    under other rules, solved side by side with it. The name goes into plan file names."""

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    description: str = ""
    set: dict[str, Any] = Field(min_length=1)

    @model_validator(mode="after")
    def _name_not_reserved(self) -> Variant:
        if self.name == "all" or re.fullmatch(r"alt[0-9]+", self.name):
            raise ValueError(f"the variant name {self.name!r} is reserved (`--variant all`, plan.altN.json)")
        return self


class Scenario(Frozen):
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: str = ""
    period: Period
    rules: Rules = Rules()
    titles: dict[str, Title]
    units: tuple[Unit, ...]
    slots: tuple[Slot, ...]
    cadres: tuple[Cadre, ...]
    scores: tuple[ExplicitScore, ...] = ()
    objective: Objective = Objective()
    pins: tuple[Pin, ...] = ()
    forbids: tuple[Forbid, ...] = ()
    variants: tuple[Variant, ...] = ()
