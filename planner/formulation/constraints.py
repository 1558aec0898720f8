"""The model's own structure: the context every rule's CP-SAT part receives, and the two definitions
that tie the pair variables to the slot-start variables.

The rules themselves live in `planner.rules` (each module's `add_to_model`). The eligibility rules need
no constraint of their own: they decide which pair variables exist and each pair's window of starts,
which `start_windows` below enforces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.eligibility.table import Eligibility
from planner.formulation.variables import Variables
from planner.rules.rows import Row, RowKey

LinearExpr = cp_model.LinearExpr


@dataclass
class ModelContext:
    model: cp_model.CpModel
    eligibility: Eligibility
    variables: Variables
    objective: cp_model.LinearExpr | None = None
    #: Rows by key (see `planner.rules.base.ModelView.rows`): proto constraint indices.
    rows: dict[RowKey, int] = field(default_factory=dict)
    #: (pair, last start) -> its ready literal (`ready_literal`), made once for the objective and the rules.
    ready_literals: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    #: Per pair, its `after` literals: (post position or None for staying, literal) (`after_placement`).
    afters: dict[int, list[tuple[int | None, cp_model.IntVar]]] = field(default_factory=dict)
    #: Per pair of a re-plan's history whose `after` is history too (CONTRACT §6.4): the post it keeps
    #: (position), or None (a stay, or a post the scenario no longer lists): fixed, not chosen.
    fixed_afters: dict[int, int | None] = field(default_factory=dict)

    @property
    def index(self) -> Eligibility:
        """The scenario by position, as the rules read it (`planner.rules.index.ScenarioIndex`)."""
        return self.eligibility

    def total(self, expressions: Iterable[cp_model.LinearExprT]) -> cp_model.LinearExpr:
        """`LinearExpr.sum`, for the rules (`planner.rules.base.ModelView.total`)."""
        return LinearExpr.sum(list(expressions))

    def ready_literal(self, pair: int, last: int) -> cp_model.IntVar:
        """1 exactly when pair `pair` is chosen and its slot starts at start index `last` or earlier:
        the pair's placement makes its cadre ready for a pool title whose last start is `last`
        (`planner.rules.readiness.Readiness.last_ready_start`). The pair variable itself when every
        start of the pair is that early; else a new literal r with r <= x, r <= e and r >= x + e - 1,
        e the sum of the slot's start variables up to `last` (at most 1), so that r is defined both
        ways: the readiness score and the ready counts of `bench_strength` read one value, and a
        complete hint fixes it (`planner.formulation.reduction.add_hint`). Its rows are recorded under
        `Row.READY`: a model that holds them is not priced (`planner.formulation.pricing.priceable`)."""
        variables = self.variables
        chosen, info = variables.pair_vars[pair], variables.pairs[pair]
        if info.hi <= last:
            return chosen
        key = (pair, last)
        if key not in self.ready_literals:
            early = LinearExpr.sum(variables.starts_within(info.slot, 0, last))
            ready = self.model.new_bool_var("")
            self.model.add(ready <= chosen)
            self.rows[Row.READY, pair, last] = self.model.add(ready <= early).index
            self.model.add(ready >= chosen + early - 1)
            self.ready_literals[key] = ready
        return self.ready_literals[key]


def slot_start_link(ctx: ModelContext) -> None:
    """A filled slot has exactly one start; an empty slot none (definition, not a rule)."""
    for slot, starts in ctx.variables.start_vars.items():
        link = LinearExpr.sum(list(starts.values())) == LinearExpr.sum(ctx.variables.slot_pairs(slot))
        ctx.rows[Row.LINK, slot] = ctx.model.add(link).index


def start_windows(ctx: ModelContext) -> None:
    """A chosen pair's slot starts within the pair's admissible starts (service, timing rules)."""
    variables = ctx.variables
    for k, pair in enumerate(variables.pairs):
        slot_starts = variables.start_vars[pair.slot]
        if pair.lo <= min(slot_starts) and pair.hi >= max(slot_starts):
            continue
        within = variables.starts_within(pair.slot, pair.lo, pair.hi)
        ctx.model.add(LinearExpr.sum(within) >= variables.pair_vars[k])
