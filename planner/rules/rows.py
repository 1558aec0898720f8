"""The keys under which the planning model records the rows that `planner.formulation.pricing` prices.

Why: a reduced model leaves pairs out, and the pricing bounds every plan that would use one from the LP
multipliers of the rows its variables would join. The rules (`Rule.add_to_model`) and the model's own
structure (`planner.formulation`) record those rows in `ModelView.rows` under a key, and the pricing
reads them back by the same key. One enum for both sides: a misspelt key is an `AttributeError` where it
is written, not a row the pricing silently reads as 0.

A key is a `Row` followed by what tells its rows apart (positions in the scenario index), as each
member's comment says.
"""

from __future__ import annotations

from enum import Enum


class Row(Enum):
    """What a recorded row is; the rest of its key follows each member."""

    LINK = "link"  # (LINK, slot): the slot's start variables sum to its chosen pairs (structure)
    BOUND = "bound"  # (BOUND,): the objective at most the LP's bound (the reduction's cut)
    CADRE = "cadre"  # (CADRE, cadre): `one_slot_per_cadre`
    SLOT = "slot"  # (SLOT, slot): `one_cadre_per_slot`
    MANDATORY = "mandatory"  # (MANDATORY, cadre): `mandatory_rotation`
    QUOTA_MIN = "quota_min"  # (QUOTA_MIN,): `quota`, at least
    QUOTA_MAX = "quota_max"  # (QUOTA_MAX,): `quota`, at most
    YOUTH = "youth"  # (YOUTH,): `youth_heads`' cap
    PACE = "pace"  # (PACE, (year, quarter)): `pace`, one row per calendar quarter
    CHAIN = "chain"  # (CHAIN, slot, start): `vacancy_chain`, the vacated slot started by `start`
    READY = "ready"  # (READY, pair, last start): a ready literal's definition (`ModelContext.ready_literal`)
    BENCH = "bench"  # (BENCH, pool id): `bench_strength`, the pool title's ready count
    KINSHIP = "kinship"  # (KINSHIP, cadre, relative, unit[, start]): `kinship`, related holdings in a unit
    STARTED = "started"  # (STARTED, cadre, start): `kinship`, the cadre (a holder) started by `start`
    AFTER = "after"  # (AFTER, pair[, post]) or (AFTER_POST, post): `after_placement`
    AFTER_POST = "after_post"  # (AFTER_POST, post): `after_placement`, one cadre per after post


#: A recorded row's key: its `Row`, then its positions.
RowKey = tuple[Row, *tuple[object, ...]]
