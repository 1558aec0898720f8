"""The scenario schema (CONTRACT §1): what a planner writes, validated once at the edge.

Field-level checks (types, ranges, enumerations) live here as pydantic constraints; checks that need the
whole scenario (cross references, duplicates) live in `models.references`, so that every problem of a
file is reported at once. Everything is frozen: inside the planner the data is trusted and never changed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.limits import (
    MAX_COUNT,
    MAX_ID_CHARS,
    MAX_PERIOD_YEARS,
    MAX_TERMS,
    Count,
    Day,
    Id,
    Line,
    Terms,
    Text,
)

#: Categories that `rules.mandatory_rotation` may name.
MANDATORY_CATEGORIES: tuple[Literal["term_limit", "local_key_post"], ...] = ("term_limit", "local_key_post")


class Frozen(BaseModel):
    """Base of every schema object: immutable, and unknown fields are typos to report."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True
    )


class Period(Frozen):
    start: Day
    end: Day
    granularity: Literal["quarter", "month"] = "quarter"

    @model_validator(mode="after")
    def _end_after_start(self) -> Period:
        if self.end < self.start:
            raise ValueError(
                f"ngày kết thúc {self.end} trước ngày bắt đầu {self.start} / "
                f"period end {self.end} is before its start {self.start}"
            )
        if self.end.year - self.start.year > MAX_PERIOD_YEARS:
            raise ValueError(
                f"kỳ kế hoạch dài quá {MAX_PERIOD_YEARS} năm ({self.start} .. {self.end}) / "
                f"the period spans more than {MAX_PERIOD_YEARS} years ({self.start} .. {self.end})"
            )
        return self


class Quota(Frozen):
    min: int = Field(0, ge=0, le=MAX_COUNT)
    max: int | None = Field(None, ge=0, le=MAX_COUNT)

    @model_validator(mode="after")
    def _min_le_max(self) -> Quota:
        if self.max is not None and self.min > self.max:
            raise ValueError(
                f"hạn mức tối thiểu {self.min} lớn hơn tối đa {self.max} / "
                f"quota min {self.min} is greater than max {self.max}"
            )
        return self


class Youth(Frozen):
    age_below: int = Field(40, ge=0, le=100)
    max_heads: Count | None = 0


class Rules(Frozen):
    quota: Quota = Quota()
    min_remaining_service_years: int = Field(10, ge=0, le=60)
    min_duration_months: int = Field(36, ge=0, le=600)
    max_consecutive_head_terms: int = Field(2, ge=1, le=MAX_TERMS)
    #: Years a head post is held continuously before the holder counts as term-limited (Reg. 65 Art. 3.3:
    #: "more than two consecutive terms" = 8 years or more). The cap keeps `head_since + years` a date.
    term_limit_years: int = Field(8, ge=1, le=60)
    #: True: only (cadre, slot) pairs listed in `scores` can be assigned (rule `shortlist`). Strict: a
    #: quoted "yes" or a 1 is a typo to report, not a guess to make.
    only_scored_pairs: bool = Field(False, strict=True)
    youth: Youth = Youth()
    max_starts_per_quarter: Count | None = None
    mandatory_rotation: tuple[Literal["term_limit", "local_key_post"], ...] = MANDATORY_CATEGORIES
    #: Edition 3 (`equivalent_rank`): a rotation goes at most this many ranks above the cadre's current
    #: rank; 0 = an equivalent (or lower) post only, a higher one by decision (a waiver).
    max_rank_step: int = Field(0, ge=0, le=8)
    #: Edition 3 (the pool, CONTRACT §6.3): months in a post before the experience its title `gives` counts.
    experience_months: int = Field(24, ge=0, le=600)
    #: Edition 3 (CONTRACT §6.4): a rotation's planned length; its `end` is start + this many months.
    #: None = `min_duration_months`; less than `min_duration_months` is bad input.
    rotation_months: int | None = Field(None, ge=0, le=600, strict=True)

    @property
    def rotation_length(self) -> int:
        """The months from a rotation's start to its `end` (CONTRACT §6.4): `rotation_months`, else
        `min_duration_months`. The contract reads a missing `min_duration_months` as 0 here; this schema
        gives it its default (36, the Plan's figure) everywhere, `min_duration` included, and a value a
        scenario leaves out must read the same after a round trip through a file (the workspace stores
        scenarios without their defaults), so a rotation lasts `min_duration_months` months."""
        return self.min_duration_months if self.rotation_months is None else self.rotation_months

    @model_validator(mode="after")
    def _rotation_not_shorter(self) -> Rules:
        if self.rotation_months is not None and self.rotation_months < self.min_duration_months:
            raise ValueError(
                f"rotation_months ({self.rotation_months}) ngắn hơn min_duration_months "
                f"({self.min_duration_months}) / rotation_months ({self.rotation_months}) is shorter than "
                f"min_duration_months ({self.min_duration_months})"
            )
        return self

    @field_validator("term_limit_years", mode="before")
    @classmethod
    def _years_not_boolean(cls, value: object) -> object:
        # pydantic reads `true` as 1 for an int field; a term limit of "true" years is a typo.
        if isinstance(value, bool):
            raise ValueError("phải là số năm nguyên, ít nhất 1 / must be a whole number of years, at least 1")
        return value


class Title(Frozen):
    name: Line
    level: Literal["head", "deputy"]
    non_local: bool = False
    #: Edition 3: posts of one rank are equivalent (1..9); compared by `equivalent_rank`.
    rank: int | None = Field(None, ge=1, le=9, strict=True)
    #: Edition 3: qualification codes a holder must have on the start date (`title_standards`).
    requires: tuple[Id, ...] = ()
    #: Edition 3: experience codes that holding this title gives after `rules.experience_months`.
    gives: tuple[Id, ...] = ()


#: Unit kinds that are local units, where a leader gains the experience `district_only` sends it for:
#: `commune` (xã, phường, from 1 July 2025) is one, as `district` was before (CONTRACT §6.1).
LOCAL_UNIT_KINDS: tuple[str, ...] = ("district", "commune")


class Unit(Frozen):
    id: Id
    name: Line
    #: `commune` (xã, phường, from 1 July 2025) is a local unit, as `district` was before.
    kind: Literal["district", "commune", "department", "party_committee"]


class Slot(Frozen):
    id: Id
    unit: Id
    title: Id
    open_from: Day | None = None
    fill_by: Day | None = None
    vacated_by: Id | None = None
    priority: int = Field(0, ge=0, le=3)
    #: Edition 3 (CONTRACT §6.4): the rotated cadre may be kept here after the rotation (`{"stay": true}`).
    may_stay: bool = Field(False, strict=True)

    @model_validator(mode="after")
    def _window_ordered(self) -> Slot:
        if self.open_from and self.fill_by and self.fill_by < self.open_from:
            raise ValueError(
                f"fill_by {self.fill_by} trước open_from {self.open_from} / "
                f"fill_by {self.fill_by} is before open_from {self.open_from}"
            )
        return self


class CurrentPost(Frozen):
    unit: Id
    title: Id
    head_terms: Terms = 0
    #: A head's first day in this post, held continuously since (term limits by tenure). It must be a
    #: head title and no later than the period start: `models.references` checks both.
    head_since: Day | None = None


class Waiver(Frozen):
    rule: Literal["remaining_service", "min_duration", "youth_heads", "non_locality", "equivalent_rank"]
    by: Line = Field(min_length=1)
    ref: Line | None = None
    reason: Text | None = None


class Qualification(Frozen):
    """A qualification code the cadre holds, from `from` (that day included) when given, else already.

    Written plain (`llct_cao_cap`) or `{code, from}` in YAML, `CODE@DATE` in a cadre table."""

    model_config = ConfigDict(populate_by_name=True)

    code: Id
    held_from: Day | None = Field(None, alias="from")

    @model_validator(mode="before")
    @classmethod
    def _plain_code(cls, value: object) -> object:
        if isinstance(value, str):
            code, at, day = value.partition("@")
            return {"code": code, "from": day.strip()} if at else {"code": code}
        return value

    def held_on(self, day: date) -> bool:
        """Whether the code is held on `day` (CONTRACT §6.6: from `from` on, that day included)."""
        return self.held_from is None or self.held_from <= day


class Cadre(Frozen):
    id: Id
    name: Line
    gender: Literal["male", "female"]
    birth_date: Day
    retirement_date: Day | None = None
    local_to: tuple[Id, ...] = ()
    current: CurrentPost | None = None
    planning: tuple[Id, ...] = ()
    district_experience: bool = False
    health_ok: bool = True
    available_from: Day | None = None
    must_rotate: bool = False
    waivers: tuple[Waiver, ...] = ()
    #: Edition 3 (`title_standards`): qualification codes held, some from a given day.
    qualifications: tuple[Qualification, ...] = ()
    #: Edition 3 (the pool): experience codes already gained, as titles' `gives` name them.
    experience: tuple[Id, ...] = ()
    #: Edition 3 (`discipline`): under a disciplinary measure until this day; no rotation starts on or before it.
    disciplined_until: Day | None = None

    def waives(self, rule: str) -> bool:
        """True when the competent authority lifted `rule` for this cadre."""
        return any(w.rule == rule for w in self.waivers)


class ScenarioWaiver(Waiver):
    """A waiver listed at the top level, for scenarios whose cadre table is a CSV/XLSX file."""

    cadre: Id


class ExplicitScore(Frozen):
    cadre: Id
    slot: Id
    score: float

    @model_validator(mode="after")
    def _finite(self) -> ExplicitScore:
        if self.score != self.score or abs(self.score) > 1e9:
            raise ValueError(
                f"điểm {self.score} không phải một số hữu hạn có độ lớn hợp lý / "
                f"score {self.score} is not a finite number of reasonable size"
            )
        return self


class ObjectiveWeights(Frozen):
    """Weights of the computed suitability score (see `planner.eligibility.scoring`); each is per rotation."""

    priority: int = Field(10, ge=0, le=10_000)
    development: int = Field(5, ge=0, le=10_000)
    allowance_cost: int = Field(3, ge=0, le=10_000)
    earlier_start: int = Field(1, ge=0, le=10_000)
    #: Edition 3: per pool title an assignment makes its cadre ready for, at that start (CONTRACT §6.3).
    readiness: int = Field(10, ge=0, le=10_000)
    #: Edition 3: an `after` post in the cadre's own current unit, the sending body taking it back (§6.4).
    after_home: int = Field(5, ge=0, le=10_000)


class Objective(Frozen):
    explicit_scores_only: bool = False
    weights: ObjectiveWeights = ObjectiveWeights()


class Pin(Frozen):
    cadre: Id
    slot: Id
    start: Day | None = None


class Forbid(Frozen):
    cadre: Id
    slot: Id | None = None
    unit: Id | None = None

    @model_validator(mode="after")
    def _slot_xor_unit(self) -> Forbid:
        if (self.slot is None) == (self.unit is None):
            raise ValueError(
                "một điều cấm nêu đúng một trong slot hoặc unit / a forbid names exactly one of slot or unit"
            )
        return self


class Relation(Frozen):
    """Two related cadres (Reg. 114-QĐ/TW), by id only: `kind` is a code (spouse, parent, sibling, ...)."""

    cadres: tuple[Id, Id]
    kind: Id


class PoolTitle(Frozen):
    """A key title the planning pool is built for (CONTRACT §6.3): cadres planned for it are ready when
    they have every experience code it requires, by `ready_by`; `min_ready` of them must be."""

    id: Id
    name: Line
    requires_experience: tuple[Id, ...] = ()
    ready_by: Day | None = None
    min_ready: Count | None = None


class AfterPost(Frozen):
    """A post projected to open after the rotations (CONTRACT §6.4): a retirement, a tenure's end, a
    reorganisation. The planner never creates one (Reg. 65): a planner lists them (`planner vacancies`)."""

    id: Id
    unit: Id
    title: Id
    open_from: Day


class AfterRotation(Frozen):
    """Where each rotation ending by `horizon` leads (CONTRACT §6.4): staying, or one of `posts` opening
    within `window_months` months of its end."""

    horizon: Day
    window_months: int = Field(6, ge=0, le=120, strict=True)
    posts: tuple[AfterPost, ...] = ()


class Variant(Frozen):
    """A named set of rule overrides, `{dotted.path: value}` (see `models.overrides`): the same scenario
    under other rules, solved side by side with it. The name goes into plan file names."""

    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    description: Text = ""
    set: dict[Annotated[str, Field(max_length=MAX_ID_CHARS)], Any] = Field(min_length=1)

    @model_validator(mode="after")
    def _name_not_reserved(self) -> Variant:
        if self.name == "all" or re.fullmatch(r"alt[0-9]+", self.name):
            raise ValueError(
                f"tên biến thể {self.name!r} đã được dành riêng (`--variant all`, plan.altN.json) / "
                f"the variant name {self.name!r} is reserved (`--variant all`, plan.altN.json)"
            )
        return self


class Scenario(Frozen):
    name: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: Text = ""
    period: Period
    rules: Rules = Rules()
    titles: dict[Id, Title]
    units: tuple[Unit, ...]
    slots: tuple[Slot, ...]
    cadres: tuple[Cadre, ...]
    scores: tuple[ExplicitScore, ...] = ()
    objective: Objective = Objective()
    pins: tuple[Pin, ...] = ()
    forbids: tuple[Forbid, ...] = ()
    variants: tuple[Variant, ...] = ()
    #: Edition 3 (`kinship`): family relations between cadres.
    relations: tuple[Relation, ...] = ()
    #: Edition 3 (`bench_strength`, the readiness score): the key titles the planning pool is built for.
    pool: tuple[PoolTitle, ...] = ()
    #: Edition 3 (`after_placement`, the `after_home` score): the placement after each rotation.
    after_rotation: AfterRotation | None = None
