"""What a rule is on the solver side: one class per rule id, with every face the rule has.

Following CPMpy's global constraints (one class holding its decompositions and its own check), each
rule module in this package holds, side by side, everything the rule means to the solver side:

* its catalogue entry: the Plan clause, whether a waiver may lift it, its Vietnamese and English words;
* its eligibility verdict, for one pair (`excludes_pair`, or `pair_window` where it depends on the start)
  and for the whole table at once (`excluded_cells`), or, for a rule about a cadre's or a slot's start dates, the window of start
  indices it allows (`cadre_window`, `slot_window`);
* its CP-SAT part (`add_to_model`) and its guarded part for the diagnosis model (`add_guarded`);
* when it bears on a placement (`applies`, for explanations) and, for a waivable rule, whether a
  placement relies on the waiver (`needs_waiver`);
* how a conflict names its instances (`phrase`) and which single changes may repair one (`repairs`).

The kind bases below (`CadreRule`, `PairRule`, `PlanRule`, `CheckOnlyRule`) supply the faces
a whole kind shares (a pair rule has no CP-SAT constraint: it decides which pair variables exist), so a
rule module writes only what is its own. The independent checker (`planner.checker`) re-implements every
rule on purpose and shares none of this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Protocol

import numpy as np

from models.changes import AddWaiver, Change
from models.plan import RuleInstance
from models.rule_ids import RuleId
from models.scenario import Rules
from planner.rules.index import ScenarioIndex
from planner.rules.rows import RowKey

#: Admissible start indices [lo, hi] of a pair, a cadre or a slot; empty when lo > hi.
Window = tuple[int, int]
#: A rule instance as the diagnosis names it: (rule id, cadre id or None, slot id or None).
GuardKey = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class OuterExclusion:
    """Excludes every (cadre, slot) with `cadres[c]` and `slots[s]` both true: a block of the table."""

    cadres: np.ndarray
    slots: np.ndarray


@dataclass(frozen=True)
class CellExclusion:
    """Excludes the listed (cadre position, slot position) cells, an (n, 2) int64 array."""

    cells: np.ndarray


@dataclass(frozen=True)
class OnlyCells:
    """Excludes every cell but the listed (cadre position, slot position) ones: a table built from these
    cells alone costs their number, not cadres x slots."""

    cells: np.ndarray


@dataclass(frozen=True)
class AboveLimit:
    """Excludes every (cadre, slot) with `slot_values[s] > cadre_limits[c]` (int64 arrays): a threshold
    over the whole table, such as a post's rank above what a cadre may rise to."""

    cadre_limits: np.ndarray
    slot_values: np.ndarray


@dataclass(frozen=True)
class StartFloor:
    """The first start index each (cadre, slot) admits: `cadre_floors[c, slot_groups[s]]` (int64; the
    number of starts or more excludes the pair). Slots of one group share their verdict, so the table of
    floors costs cadres x groups, not cadres x slots."""

    cadre_floors: np.ndarray
    slot_groups: np.ndarray


#: A pair rule's verdict over the whole table (`Rule.excluded_cells`).
Exclusion = OuterExclusion | CellExclusion | OnlyCells | AboveLimit | StartFloor

NO_CELLS = CellExclusion(np.zeros((0, 2), dtype=np.int64))


class Variables(Protocol):
    """The model's decision variables (`planner.formulation.variables.Variables`), as the rules use them."""

    pairs: list[Any]
    pair_vars: list[Any]
    start_vars: dict[int, dict[int, Any]]
    pairs_by_cadre: dict[int, list[int]]
    pairs_by_slot: dict[int, list[int]]

    def slot_pairs(self, slot: int) -> list[Any]: ...

    def cadre_pairs(self, cadre: int) -> list[Any]: ...


class ModelView(Protocol):
    """What a rule's CP-SAT part receives (`planner.formulation.build.ModelContext`)."""

    model: Any

    @property
    def index(self) -> ScenarioIndex: ...

    @property
    def variables(self) -> Variables: ...

    #: The model's rows that a pair or start variable outside the model would join, by key (proto
    #: constraint index): `planner.formulation.pricing` prices dropped pairs against their LP multipliers.
    rows: dict[RowKey, int]
    #: Per pair (its position in `variables.pairs`), the literals of its `after` (`after_placement`):
    #: (post position in `after_rotation.posts`, or None for staying; the literal), read by the
    #: objective (`after_home`) and the plan.
    afters: dict[int, list[tuple[int | None, Any]]]
    #: Per pair of a re-plan's history whose `after` is history too: the post it keeps (or None).
    fixed_afters: dict[int, int | None]

    def total(self, expressions: Iterable[Any]) -> Any:
        """The CP-SAT sum of `expressions` (`LinearExpr.sum`): the rules build their rows with it, so that
        they import no OR-Tools and `planner validate` starts without it."""
        ...

    def ready_literal(self, pair: int, last: int) -> Any:
        """1 exactly when pair `pair` is chosen and its slot starts by start index `last` (one literal
        per pair and last start, shared by the readiness score and `bench_strength`)."""
        ...


class GuardedView(Protocol):
    """What a rule's diagnosis part receives (`planner.infeasibility.model.DiagnosisModel`)."""

    #: (cadre, slot, start) -> its `after` literals (`after_placement`): (post position or None, literal).
    afters: dict[tuple[int, int, int], list[tuple[int | None, Any]]]

    @property
    def index(self) -> ScenarioIndex: ...

    def wants(self, rule: str, cadre: str | None = None, slot: str | None = None) -> bool: ...

    def total(self, expressions: Iterable[Any]) -> Any: ...

    def add(self, constraint: Any, rule: str, cadre: str | None = None, slot: str | None = None) -> None: ...

    def define(self, expression: Any, upper: int) -> Any: ...

    def any_of(self, expressions: Iterable[Any]) -> Any: ...

    def of_cadre(self, cadre: int) -> list[Any]: ...

    def of_slot(self, slot: int) -> list[Any]: ...

    def counted(
        self, keep_start: Callable[[int], bool] = ..., young_heads_only: bool = False
    ) -> list[Any]: ...

    def guard_restrictions(self, rule: RuleId) -> None: ...

    def start_of(self, cadre: int, slot: int) -> list[Any]: ...


class RepairView(Protocol):
    """What a rule's repair candidates receive (`planner.infeasibility.repairs`)."""

    @property
    def index(self) -> ScenarioIndex: ...

    def young_head_candidates(self) -> list[str]: ...

    def slots_of(self, cadre: int) -> list[int]:
        """The slots the cadre has an eligible pair in (`after_placement` offers `may_stay` on them)."""
        ...


#: A single change, or the same change ever looser (the mildest first), that may repair a conflict.
Candidates = Iterator["Change | tuple[Change, ...]"]


class Rule:
    """One rule id and its faces; see the module docstring. Subclass a kind, never this directly."""

    id: ClassVar[RuleId]
    #: The clause of the Plan (Kế hoạch) the rule comes from, "-" for a rule of plan structure.
    clause: ClassVar[str]
    vi: ClassVar[str]
    en: ClassVar[str]
    waivable: ClassVar[bool] = False
    #: What the rule's eligibility faces restrict: "cadre" (`cadre_window`), "slot" (`slot_window`),
    #: "pair" (`excludes_pair`, `excluded_cells`); empty for a rule over the whole plan.
    restricts: ClassVar[frozenset[str]] = frozenset()

    # --- words ---------------------------------------------------------------------------------------
    def text(self, rules: Rules) -> tuple[str, str]:
        """Vietnamese and English wording, with the scenario's numbers filled in."""
        numbers = {
            "years": rules.min_remaining_service_years,
            "months": rules.min_duration_months,
            "term_years": rules.term_limit_years,
        }
        return self.vi.format(**numbers), self.en.format(**numbers)

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """How a conflict names this rule's instances: its words and the cadres and slots concerned."""
        vi, en = self.text(index.scenario.rules)
        subjects = subjects_of(instances)
        return f"{vi} ({subjects})", f"{en} ({subjects})"

    # --- eligibility ---------------------------------------------------------------------------------
    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        """The start indices this rule allows the cadre anywhere; None when it does not restrict it."""
        raise NotImplementedError

    def slot_window(self, index: ScenarioIndex, slot: int) -> Window | None:
        """The start indices this rule allows in the slot; None when it does not restrict it."""
        raise NotImplementedError

    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        """Whether the rule excludes the pair whatever the start (the per-pair verdict)."""
        raise NotImplementedError

    def excluded_cells(self, index: ScenarioIndex) -> Exclusion:
        """The same verdict as `pair_window`, for the whole table at once (the array verdict)."""
        raise NotImplementedError

    def pair_window(self, index: ScenarioIndex, cadre: int, slot: int) -> Window | None:
        """The start indices this rule allows the pair (None when it does not restrict it): empty where
        `excludes_pair`; a rule whose verdict depends on the pair and the start (a qualification held from
        a day) narrows it instead."""
        return (0, -1) if self.excludes_pair(index, cadre, slot) else None

    # --- models --------------------------------------------------------------------------------------
    def add_to_model(self, context: ModelView) -> None:
        """The rule's CP-SAT constraints on the planning model."""
        raise NotImplementedError

    def add_guarded(self, diagnosis: GuardedView) -> None:
        """The rule's instances in the diagnosis model, each under its own guard (`diagnosis.add`)."""
        raise NotImplementedError

    # --- repairs -------------------------------------------------------------------------------------
    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """Single changes that relax this instance: a waiver where the rule is waivable for a cadre.

        Most rules have none: facts (health, tenure, categories) and decisions (mandatory rotation, a
        deadline in law) are not the planner's to change; rules over parameters say how to loosen them."""
        if self.waivable and instance.cadre is not None and not _waived(view.index, instance.cadre, self.id):
            yield AddWaiver(cadre=instance.cadre, rule=self.id)

    def needs_waiver(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """Whether the placement breaks the rule unless the cadre has a waiver: waivable rules answer."""
        raise NotImplementedError

    # --- explanations --------------------------------------------------------------------------------
    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """Whether the rule bears on this placement, so that its explanation lists it as checked."""
        raise NotImplementedError


class EligibilityRule(Rule):
    """A rule that closes (cadre, slot, start) triples: the eligibility table carries its verdicts, so the
    planning model needs no constraint for it (no variable exists for an excluded pair, and a pair's start
    window is enforced by `planner.formulation.constraints.start_windows`)."""

    def add_to_model(self, context: ModelView) -> None:
        """Nothing to add: enforced by the eligibility table the model is built from."""

    def add_guarded(self, diagnosis: GuardedView) -> None:
        """No start outside what this rule's restrictions allow, each restriction under its guard."""
        diagnosis.guard_restrictions(self.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """Every placement is verified against every eligibility rule."""
        return True


class NoCadreWindow:
    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        """Restricts no cadre's starts."""
        return None


class NoSlotWindow:
    def slot_window(self, index: ScenarioIndex, slot: int) -> Window | None:
        """Restricts no slot's starts."""
        return None


class NoPairVerdict:
    def excludes_pair(self, index: ScenarioIndex, cadre: int, slot: int) -> bool:
        """Excludes no pair as such."""
        return False

    def excluded_cells(self, index: ScenarioIndex) -> Exclusion:
        return NO_CELLS


class CadreRule(NoSlotWindow, NoPairVerdict, EligibilityRule):
    """Closes start dates of a cadre, wherever the slot (`cadre_window`)."""

    restricts = frozenset({"cadre"})


class PairRule(NoCadreWindow, NoSlotWindow, EligibilityRule):
    """Excludes (cadre, slot) pairs whatever the start: `excludes_pair` and `excluded_cells` side by side."""

    restricts = frozenset({"pair"})


class ServiceRule(CadreRule):
    """A waivable rule on the service a cadre has left at the start: it closes every start from the
    first one that leaves too little (`too_short`), unless waived."""

    waivable = True

    def too_short(self, index: ScenarioIndex, cadre: int, start: date) -> bool:
        raise NotImplementedError

    def cadre_window(self, index: ScenarioIndex, cadre: int) -> Window | None:
        if index.cadres[cadre].waives(self.id):
            return None
        return window_where(index, lambda start: not self.too_short(index, cadre, start))

    def needs_waiver(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """Whether the placement would break the rule were it not waived."""
        return self.too_short(index, cadre, index.starts[start])


class PlanRule(NoCadreWindow, NoSlotWindow, NoPairVerdict, Rule):
    """A rule over the whole plan (counts, chains, pins): a CP-SAT constraint, no pair verdict."""


class CheckOnlyRule(PlanRule):
    """A rule about a plan file itself (its references), which only the checker can break."""

    def add_to_model(self, context: ModelView) -> None:
        """Nothing to add: the model only ever names the scenario's own cadres, slots and dates."""

    def add_guarded(self, diagnosis: GuardedView) -> None:
        """Nothing to guard, for the same reason."""

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return False


# --- helpers the rule modules share ----------------------------------------------------------------------
def window_where(index: ScenarioIndex, allowed: Callable[[date], bool]) -> Window | None:
    """The window of starts `allowed` accepts, which must be an interval; None when it accepts all."""
    accepted = [start for start, day in enumerate(index.starts) if allowed(day)]
    if len(accepted) == len(index.starts):
        return None
    return (accepted[0], accepted[-1]) if accepted else (0, -1)


def _waived(index: ScenarioIndex, cadre_id: str, rule: RuleId) -> bool:
    return index.cadres[index.cadre_index[cadre_id]].waives(rule)


def cells_of(pairs: Iterable[tuple[int, int]]) -> CellExclusion:
    return CellExclusion(np.array(list(pairs), dtype=np.int64).reshape(-1, 2))


def subjects_of(instances: list[GuardKey]) -> str:
    """'C05 @ o_mon.bi_thu, o_mon.chu_tich; C07' — cadres with the slots concerned."""
    slots_of: dict[str, list[str]] = {}
    for _, cadre, slot in instances:
        slots_of.setdefault(cadre or "-", []).extend([slot] if slot else [])
    parts = []
    for cadre in sorted(slots_of):
        slots = sorted(set(slots_of[cadre]))
        parts.append(f"{cadre} @ {', '.join(slots)}" if slots else cadre)
    return "; ".join(parts)


def count_of(number: int | None, noun: str) -> str:
    """'1 cadre', '3 cadres': English needs the plural, Vietnamese does not."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def day_text(day: date) -> str:
    """A date as people read it in both languages, dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")
