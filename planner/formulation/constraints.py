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

    @property
    def index(self) -> Eligibility:
        """The scenario by position, as the rules read it (`planner.rules.index.ScenarioIndex`)."""
        return self.eligibility

    def total(self, expressions: Iterable[cp_model.LinearExprT]) -> cp_model.LinearExpr:
        """`LinearExpr.sum`, for the rules (`planner.rules.base.ModelView.total`)."""
        return LinearExpr.sum(list(expressions))


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
