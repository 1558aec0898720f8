"""Which placements several plans share (robust) and which they dispute (contested).

Pure data for the CLI summary, the figures and the reports: no printing, no file writing. A placement
is a (cadre, slot) pair, as in `planner.analysis.alternatives`; starts are kept beside it, per plan, since a
placement every plan makes may still start at different dates.

"Moves" of a plan against the first (the reference, usually the best plan) count cadres: each cadre
that the two plans place differently — in different slots, or in a slot in one plan and in none in the
other — is one move.

Only plans are compared. A plan file whose status is INFEASIBLE (or UNKNOWN: the solver found nothing)
holds no plan, only the reason why (its conflicts and repairs): it is listed in `excluded` and takes no
part in any count. Counting it as a plan that places nobody would call contested ("3/4") a placement
every plan makes. Robust therefore means "made by every feasible plan", and `plan_count` is their number,
the denominator a reader is shown; the reference for moves is the first feasible plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.plan import Plan

#: A (cadre id, slot id) pair.
Placement = tuple[str, str]

#: The statuses of a plan file that holds a plan; INFEASIBLE and UNKNOWN hold none.
PLAN_STATUSES = ("OPTIMAL", "FEASIBLE")


def has_plan(plan: Plan) -> bool:
    """True for a plan file that holds a plan (OPTIMAL or FEASIBLE), False for INFEASIBLE and UNKNOWN."""
    return plan.status in PLAN_STATUSES


@dataclass(frozen=True)
class PlacementShare:
    """One placement and the plans that make it."""

    cadre: str
    slot: str
    in_plans: tuple[int, ...]  # indices of the plans that make it, ascending
    starts: tuple[str | None, ...]  # its start in each plan, None where the plan lacks it or is excluded
    plan_count: int  # the feasible plans compared: the denominator of `count`

    @property
    def count(self) -> int:
        return len(self.in_plans)

    @property
    def robust(self) -> bool:
        """Made by every feasible plan compared."""
        return self.count == self.plan_count


@dataclass(frozen=True)
class CadreShare:
    """Where one cadre goes across the plans: placed in `placed_in` of `plan_count` plans."""

    cadre: str
    slots: tuple[str | None, ...]  # the cadre's slot in each plan, None where not placed or excluded
    plan_count: int  # the feasible plans compared

    @property
    def placed_in(self) -> int:
        return sum(slot is not None for slot in self.slots)

    @property
    def distinct_slots(self) -> tuple[str, ...]:
        return tuple(sorted({slot for slot in self.slots if slot is not None}))


@dataclass(frozen=True)
class PlanDelta:
    """One plan against the first: the placements it adds and drops, and the cadres it moves."""

    index: int
    label: str
    added: tuple[Placement, ...]
    dropped: tuple[Placement, ...]
    moved_cadres: tuple[str, ...]

    @property
    def moves(self) -> int:
        return len(self.moved_cadres)


@dataclass(frozen=True)
class PlacementComparison:
    labels: tuple[str, ...]  # every plan file given, excluded ones included
    placements: tuple[PlacementShare, ...]  # robust first, then by how many plans share them
    cadres: tuple[CadreShare, ...]  # every cadre placed in some plan, by id
    deltas: tuple[PlanDelta, ...]  # one per feasible plan; the first has no moves
    #: Indices of the plan files that hold no plan (INFEASIBLE, UNKNOWN), left out of every count.
    excluded: tuple[int, ...] = ()

    @property
    def plan_count(self) -> int:
        """The feasible plans compared: the denominator of every share."""
        return len(self.labels) - len(self.excluded)

    @property
    def excluded_labels(self) -> tuple[str, ...]:
        return tuple(self.labels[i] for i in self.excluded)

    @property
    def robust(self) -> tuple[PlacementShare, ...]:
        return tuple(p for p in self.placements if p.robust)

    @property
    def contested(self) -> tuple[PlacementShare, ...]:
        return tuple(p for p in self.placements if not p.robust)


def compare_placements(plans: Sequence[Plan], labels: Sequence[str] | None = None) -> PlacementComparison:
    """Compare `plans` placement by placement; `labels` name them (default "1", "2", ...).

    Plan files without a plan (`has_plan` false) keep their index and label but are `excluded`: no
    placement, share, cadre or delta counts them (see the module docstring)."""
    if labels is not None and len(labels) != len(plans):
        raise ValueError(f"{len(labels)} labels for {len(plans)} plans")
    names = tuple(labels) if labels is not None else tuple(str(i) for i in range(1, len(plans) + 1))
    excluded = tuple(i for i, plan in enumerate(plans) if not has_plan(plan))
    compared = [i for i in range(len(plans)) if i not in excluded]
    starts: list[dict[Placement, str | None]] = [
        {} if i in excluded else {(a.cadre, a.slot): a.start for a in plan.assignments}
        for i, plan in enumerate(plans)
    ]
    slot_of = [{cadre: slot for cadre, slot in found} for found in starts]
    every = sorted(set().union(*starts)) if plans else []
    count = len(compared)
    shares = [
        PlacementShare(
            cadre,
            slot,
            tuple(i for i, found in enumerate(starts) if (cadre, slot) in found),
            tuple(found.get((cadre, slot)) for found in starts),
            count,
        )
        for cadre, slot in every
    ]
    shares.sort(key=lambda share: (-share.count, share.cadre, share.slot))
    cadre_ids = sorted({cadre for cadre, _ in every})
    cadres = tuple(CadreShare(c, tuple(found.get(c) for found in slot_of), count) for c in cadre_ids)
    first = compared[0] if compared else None
    deltas = tuple(
        _delta(i, names[i], starts[first], starts[i], slot_of[first], slot_of[i])
        for i in compared
        if first is not None
    )
    return PlacementComparison(names, tuple(shares), cadres, deltas, excluded)


def _delta(
    index: int,
    label: str,
    first: dict[Placement, str | None],
    this: dict[Placement, str | None],
    first_slots: dict[str, str],
    these_slots: dict[str, str],
) -> PlanDelta:
    moved = sorted(
        c for c in first_slots.keys() | these_slots.keys() if first_slots.get(c) != these_slots.get(c)
    )
    return PlanDelta(
        index,
        label,
        tuple(sorted(this.keys() - first.keys())),
        tuple(sorted(first.keys() - this.keys())),
        tuple(moved),
    )
