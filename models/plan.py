"""The plan file schema (CONTRACT §3): what `solve` writes and `check` reads.

`check` must accept a hand-made plan of `cadre`, `slot`, `start` only, and a plan naming unknown cadres
or slots, or a start that is not a date, is a rule violation (`unknown_reference`), not bad input. So the
plan schema keeps `cadre`, `slot` and `start` as plain strings; the checker resolves them.

A plan is built once and never changed (every model here is frozen): a routine that adds to a plan (the
diagnosis, an alternative's rank, the what-ifs it was solved under) makes a new one with `with_changes`,
which validates what it is given, never with pydantic's `model_copy(update=...)`, which validates
nothing (a misspelt key would become an extra field of the plan file, a wrongly typed value be kept).

Where extra fields are kept. The contract lets a plan come from another tool and lets fields be added,
so the parts such a plan has, the plan itself, its assignments and its conflicts (with their rule
instances), keep fields they do not declare and write them back. The records only this planner writes
(`SolverRecord`, `AlternativeRecord`, `VariantRecord`, `Repair`, `AssignmentExplanation`, the changes of
`models.changes`) declare every field they carry and refuse any other: a field the code forgot to declare
is a bug to see at once, not data to carry along silently.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

from models.changes import Change

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"]


class _PlanPart(BaseModel):
    """A frozen part of a plan, changed only into a new, validated one."""

    def with_changes(self, **changes: object) -> Self:
        """This part with `changes`, built by one validated constructor call: a name the model does not
        declare is a `TypeError` (even where the model keeps the extra fields other tools write), a value
        of the wrong type a `ValidationError`. The nested models kept are not validated again."""
        declared = type(self).model_fields
        unknown = sorted(name for name in changes if name not in declared)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(map(repr, unknown))}")
        kept = {name: getattr(self, name) for name in self.model_fields_set}
        return type(self)(**{**(self.model_extra or {}), **kept, **changes})


class PlanModel(_PlanPart):
    """A part of a plan that other tools may write too: extra fields are kept, not rejected."""

    model_config = ConfigDict(frozen=True, extra="allow")


class PlanRecord(_PlanPart):
    """A record only this planner writes: every field declared, any other refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class AssignmentExplanation(PlanRecord):
    """Why a placement is there, stored with it so that a report needs no re-solve (issue 3 item 6)."""

    categories: list[str] = Field(default_factory=list)
    retirement_date: str | None = None
    years_left_at_start: float | None = None
    #: Whole months of service from the start month to the last month of work (Guidance 06-HD/BTCTW).
    months_left_at_start: int | None = None
    components: dict[str, float] = Field(default_factory=dict)
    rules_checked: list[str] = Field(default_factory=list)
    eligible_slots: int | None = None


class AfterStay(PlanRecord):
    """`{"stay": true}`: kept at the rotated post after the rotation (CONTRACT §6.4)."""

    #: `true` itself: a `1` or `"yes"` is no stay (the checker reads it so too).
    stay: Annotated[bool, Field(strict=True)]

    @field_validator("stay")
    @classmethod
    def _true_only(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError("stay is true or absent")
        return value


class AfterMove(PlanRecord):
    """`{"post": ID, "start": DATE}`: an `after_rotation.posts` entry, taken from `start` (§6.4)."""

    post: str
    start: str


#: The placement after a rotation, in one of its two forms.
AfterChoice = AfterStay | AfterMove


def after_choice(value: object) -> AfterChoice | None:
    """`value` (an assignment's `after` as a plan file gives it) in its form, or None when it is neither
    form: such an `after` breaks `after_placement` (CONTRACT §6.6), it is not bad input."""
    for form in (AfterStay, AfterMove):
        try:
            return form.model_validate(value)
        except ValueError:
            continue
    return None


class Assignment(PlanModel):
    model_config = ConfigDict(frozen=True, extra="allow", coerce_numbers_to_str=True)

    cadre: str
    slot: str
    start: str | None = None
    score: int | float | None = None
    waivers: list[str] = Field(default_factory=list)
    waiver_details: list[dict[str, str | None]] = Field(default_factory=list)
    explanation: AssignmentExplanation | None = None
    #: True on an assignment a re-plan kept because it started before its `as_of` (CONTRACT §4).
    #: Information only: `check` exempts history by `--as-of`, never by this mark. Written only when true.
    history: bool = Field(False, strict=True)
    #: Edition 3: start + `rules.rotation_months` (ISO date). Information: `check` computes it itself.
    end: str | None = None
    #: Edition 3: the placement after the rotation (CONTRACT §6.4), as the file gives it: `{"stay": true}`
    #: or `{"post": ID, "start": DATE}` (`after_choice` reads it); anything else breaks `after_placement`.
    after: Any = None

    @model_serializer(mode="wrap")
    def _history_only_when_true(self, handler: Any) -> dict[str, object]:
        """An assignment of a plain solve is written as assignments have always been, without the mark;
        `end` and `after` only where there is one."""
        record = handler(self)
        if not record.get("history"):
            record.pop("history", None)
        for optional in ("end", "after"):
            if record.get(optional) is None:
                record.pop(optional, None)
        return record

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
    #: True when every member was shown to be needed (without it, a plan exists); False when a step of
    #: that search ran out of time (the set still admits no plan, but may hold more than it needs).
    #: None in plan files written before it was recorded, and in plans made by other tools.
    irreducible: bool | None = None


class Repair(PlanRecord):
    """A single change that makes an infeasible scenario feasible, with the best plan it then allows."""

    change: Change
    message: str
    message_en: str
    status: str
    objective: int | float | None = None
    rotations: int | None = None


SearchState = Literal["found", "none_exists", "not_decided"]


class SearchRecord(PlanRecord):
    """What one search of the diagnosis proved: `found` (what it reports exists), `none_exists` (every
    candidate was decided and none holds) or `not_decided` (a limit or a stop ended it first)."""

    state: SearchState
    message: str
    message_en: str
    #: Seconds on the clock the search took.
    seconds: float
    #: Candidates it had to decide, and how many of them ended undecided (repairs, other conflicts).
    candidates: int | None = None
    undecided: int | None = None


class DiagnosisRecord(PlanRecord):
    """How far the diagnosis of an INFEASIBLE plan went (`planner.infeasibility`): its budget, what each
    of its searches proved, and the time limit to try next when one was not decided."""

    #: The budget, in the solve's own unit (`SolverRecord.time_limit_seconds`); None: no limit.
    time_limit_seconds: float | None
    #: The search for a first conflict narrowed to an irreducible set.
    conflict: SearchRecord
    #: The search for conflicts other than the first (none exists when no other can).
    other_conflicts: SearchRecord
    #: The single changes that restore a plan.
    repairs: SearchRecord
    #: Seconds on the clock the whole diagnosis took.
    seconds: float
    #: A time limit worth running again with, when some search was not decided (None otherwise).
    suggested_time_limit: float | None = None


class SolverRecord(PlanRecord):
    """What produced the plan, so that it can be reproduced, and how the LP speed-ups took part.

    The last group is `planner.formulation.reduction`'s record: present when the LP relaxation ran (`hint` or
    `reduce`), absent (None, and left out of older files) otherwise.
    """

    name: str = "CP-SAT"
    version: str
    seed: int
    workers: int
    #: The solve's limit: CP-SAT deterministic seconds (a count of work, about a second each), the same
    #: stopping point on every run. In plan files written before the wall-clock cap below existed (issue
    #: 11), seconds on the clock.
    time_limit_seconds: float | None
    #: The wall-clock cap behind the limit, in seconds of search (`planner.solving.WALL_CLOCK_FACTOR`).
    wall_clock_cap_seconds: float | None = None
    #: The deterministic time the searches spent in all.
    deterministic_seconds: float | None = None
    #: The limit that ended a search before it had proved its result: "deterministic" (the limit above,
    #: reached the same way on every run) or "wall_clock" (the safety cap fired); None when every search
    #: finished.
    limit_reached: Literal["deterministic", "wall_clock"] | None = None
    #: False when the clock decided where a search ended (the wall-clock cap fired, or the solve was
    #: stopped on request): the same scenario, seed and workers may then give another plan. None in plan
    #: files written before it was recorded.
    reproducible: bool | None = None
    wall_seconds: float
    build_seconds: float
    #: CP-SAT was started from the LP relaxation's repaired matching (`planner.formulation.hint`).
    hint: bool = False
    #: Pairs the LP proves out of every optimal plan were left out of the model (`planner.formulation.reduction`).
    reduce: bool = False
    #: Workers CP-SAT ran with on the reduced model (which replaces `workers` there).
    cp_sat_workers: int | None = None
    #: Eligible pairs in all, and those the reduced model kept (pairs re-added to prove optimality included).
    pairs_total: int | None = None
    pairs_kept: int | None = None
    #: The LP relaxation's bound and the hint's objective, unscaled.
    lp_bound: float | None = None
    hint_objective: float | None = None
    #: True when the LP bound alone proved the plan optimal (no dropped pair could do better).
    proved_by_lp: bool | None = None
    #: The reduced model's own LP (`planner.formulation.model_lp`): its bound, unscaled, and whether its
    #: optimum was integral (then it was the hint, an optimum once CP-SAT found it feasible).
    kept_lp_bound: float | None = None
    kept_lp_integral: bool | None = None

    @model_serializer(mode="wrap")
    def _without_unset_lp_fields(self, handler: Any) -> dict[str, object]:
        """The LP group is written only when the LP ran, as plan files have always had it."""
        record = handler(self)
        return {k: v for k, v in record.items() if v is not None or k not in _LP_FIELDS}


_LP_FIELDS = frozenset(
    (
        "cp_sat_workers",
        "pairs_total",
        "pairs_kept",
        "lp_bound",
        "hint_objective",
        "proved_by_lp",
        "kept_lp_bound",
        "kept_lp_integral",
    )
)


class AlternativeRecord(PlanRecord):
    """Where a plan stands among the diverse alternatives of one solve (`planner.analysis.alternatives`)."""

    rank: int  # 1 is the best plan
    gap: int | float  # the best plan's objective minus this one's
    gap_percent: float | None = None  # gap as a percentage of the best objective (None when that is 0)
    min_diff: int  # the difference asked for, in placements, from every better-ranked plan
    nearest: int | None = None  # the smallest difference it actually has from a better-ranked plan


class VariantRecord(PlanRecord):
    """The rule overrides the plan was solved under. `check --as-recorded` applies them before checking;
    plain `check` judges the scenario as written and names them (`planner.analysis.binding`)."""

    name: str | None = None  # the scenario's variant, None for `--set` overrides alone
    description: str | None = None
    overrides: dict[str, object] = Field(default_factory=dict)  # dotted path -> value


class BenchRecord(PlanModel):
    """One pool title's line of a plan's `bench` (CONTRACT §6.3): the planned cadres ready with the plan
    and those ready with no rotation at all. Written by `solve`; `check` recomputes it and never trusts
    it (another tool may write one, so extra fields are kept)."""

    pool: str
    min_ready: int | None = None
    ready: list[str] = Field(default_factory=list)
    ready_without_plan: list[str] = Field(default_factory=list)


class PlacementRecord(PlanRecord):
    """Where a cadre is placed: the slot and the start (ISO date), as a re-plan's change names it."""

    slot: str
    start: str | None = None


class EventRecord(PlanRecord):
    """A dated fact change (`--events`) a re-plan applied: the fields it set, its date and source."""

    date: str
    set: dict[str, object] = Field(default_factory=dict)
    note: str | None = None
    ref: str | None = None


class DecisionRecord(PlanRecord):
    """A workspace decision that bound a re-plan (`planner.replan.Commitments`): on which placement,
    of which kind and scope, by whom, when and why."""

    cadre: str
    slot: str | None = None
    start: str | None = None
    #: reject | defer | decided
    kind: str
    #: A rejection's reach: `post` or `cadre` (not rotated at all in this plan).
    scope: str | None = None
    #: A deferral's date: no start before it.
    until: str | None = None
    by: str
    at: str
    reason: str
    ref: str | None = None
    #: The workspace plan the decision was taken on (`plan:N`).
    plan: int | None = None


class ChangeReason(PlanRecord):
    """A rule the old placement breaks under the facts the re-plan was made with, and the events that
    made it break it (none when the scenario given already did), or the decisions whose pin, forbid or
    date made it break it: the rule id stays the rule's (`forbid`, `pin`, `timing`), `decisions` names
    who decided what, when and why."""

    rule: str
    message: str
    events: list[EventRecord] = Field(default_factory=list)
    decisions: list[DecisionRecord] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _decisions_only_when_any(self, handler: Any) -> dict[str, object]:
        """A reason no decision forced is written as reasons always were."""
        record = handler(self)
        if not record.get("decisions"):
            record.pop("decisions", None)
        return record


class PlacementChange(PlanRecord):
    """One cadre whose future placement differs between the old plan and the re-plan (CONTRACT §4)."""

    cadre: str
    before: PlacementRecord | None = None
    after: PlacementRecord | None = None
    #: Rules (and events) that forced the change; empty when the cadre moved to make room for others or
    #: to raise the objective.
    reasons: list[ChangeReason] = Field(default_factory=list)
    #: For a change no rule forced: the forced changes it follows from (cadres), linked through the slots
    #: they left and took; empty when it follows from none (a better objective, the plan-wide rules).
    follows: list[str] = Field(default_factory=list)


class AfterChange(PlanRecord):
    """One cadre whose placement after the rotation differs between the old plan and the re-plan
    (`replan.after_changes`, CONTRACT §6.4): `before` and `after` as the plans give them, or None."""

    cadre: str
    before: AfterChoice | None = None
    after: AfterChoice | None = None


class ReplanRecord(PlanRecord):
    """How a plan was re-planned from an earlier one (`planner replan`, CONTRACT §4)."""

    as_of: str
    from_scenario_hash: str | None = None
    #: The events applied (date <= as_of), in the order applied; `check --as-recorded` applies them too.
    events: list[EventRecord] = Field(default_factory=list)
    #: `--change-cost`, or None: the fewest changes first, then the best objective.
    change_cost: float | None = None
    #: What changing a cadre's placement counted, where not 1: the workspace counts an approved
    #: placement's change double (`planner.replan.Commitments`).
    change_weights: dict[str, int] = Field(default_factory=dict)
    changes: list[PlacementChange] = Field(default_factory=list)
    #: Edition 3 (CONTRACT §6.4): each cadre whose `after` changed; not counted as changes.
    #: None (not written) on a re-plan of a scenario without `after_rotation`.
    after_changes: list[AfterChange] | None = None


class Plan(PlanModel):
    scenario: str | None = None
    status: Status = "FEASIBLE"
    objective: int | float | None = None
    best_bound: int | float | None = None
    assignments: list[Assignment] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    #: `models.loading.scenario_hash` of the scenario (as written, before any variant or what-if) the
    #: plan was made from: commands that read the plan say when the scenario they are given differs.
    scenario_hash: str | None = None
    solver: SolverRecord | None = None
    alternative: AlternativeRecord | None = None
    variant: VariantRecord | None = None
    #: What-if changes (`planner solve --pin/--forbid/--waive`) the plan was solved under; like the
    #: variant's overrides, `check` applies them only with `--as-recorded` (`models.changes`).
    what_if: list[Change] = Field(default_factory=list)
    #: True when the solve was stopped on request (Ctrl-C, SIGTERM) before it ended: the plan is the best
    #: found by then (its status and bound say how good), and a `planner solve` run wrote no other plan.
    #: Written only when true. Strict: a quoted "yes" is a typo to report, not a guess to make.
    interrupted: bool = Field(False, strict=True)
    #: Present on a re-plan (`planner replan`): its as-of date, the events applied and the changes.
    replan: ReplanRecord | None = None
    #: Present on a diagnosed INFEASIBLE plan: what the conflict and repair searches proved.
    diagnosis: DiagnosisRecord | None = None
    #: The bench per pool title (CONTRACT §6.3), on a plan of a scenario with a `pool`; None otherwise (and
    #: then not written, so that an edition-2 plan file is as it was).
    bench: list[BenchRecord] | None = None

    @model_serializer(mode="wrap")
    def _interrupted_only_when_true(self, handler: Any) -> dict[str, object]:
        """A plan of a whole solve is written as plans have always been, without the flag or a replan."""
        record = handler(self)
        if not record.get("interrupted"):
            record.pop("interrupted", None)
        for optional in ("replan", "diagnosis", "bench"):
            if record.get(optional) is None:
                record.pop(optional, None)
        return record


def plan_json(plan: Plan) -> str:
    """The plan file's text: UTF-8 JSON, Vietnamese kept as it is, indented for a reader."""
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
