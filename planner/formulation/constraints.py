"""The model's own structure: the context every rule's CP-SAT part receives, and the two definitions
that tie the pair variables to the slot-start variables.

The rules themselves live in `planner.rules` (each module's `add_to_model`). The eligibility rules need
no constraint of their own: they decide which pair variables exist and each pair's window of starts,
which `start_windows` below enforces.
"""

from __future__ import annotations

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
    v: Variables
    objective: cp_model.LinearExpr | None = None
    #: Rows by key (see `planner.rules.base.ModelView.rows`): proto constraint indices.
    rows: dict[RowKey, int] = field(default_factory=dict)

    @property
    def index(self) -> Eligibility:
        """The scenario by position, as the rules read it (`planner.rules.index.ScenarioIndex`)."""
        return self.eligibility


def slot_start_link(ctx: ModelContext) -> None:
    """A filled slot has exactly one start; an empty slot none (definition, not a rule)."""
    for slot, starts in ctx.v.y.items():
        link = LinearExpr.sum(list(starts.values())) == LinearExpr.sum(ctx.v.slot_pairs(slot))
        ctx.rows[Row.LINK, slot] = ctx.model.add(link).index


def start_windows(ctx: ModelContext) -> None:
    """A chosen pair's slot starts within the pair's admissible starts (service, timing rules)."""
    v = ctx.v
    for k, p in enumerate(v.pairs):
        slot_starts = v.y[p.slot]
        if p.lo <= min(slot_starts) and p.hi >= max(slot_starts):
            continue
        ctx.model.add(LinearExpr.sum(v.starts_within(p.slot, p.lo, p.hi)) >= v.x[k])
