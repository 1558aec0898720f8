"""Ties: plans known to be equally good. A reader shown one plan should know when others score the same,
and which placements are then a free choice rather than what the objective asks for.

Only what was found is counted: the alternatives of one solve (`AlternativeRecord`) whose gap to the best
is 0, under the same rules (the same variant, or none). "At least" stays in the words: other plans with
the same objective may exist that no search returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models.plan import Plan


@dataclass(frozen=True)
class Tie:
    #: The names of the equally good plans, in the order given.
    names: tuple[str, ...]
    #: The placements (cadre, slot) that some of them make and others do not, sorted.
    differing: tuple[tuple[str, str], ...]


def _is_best(plan: Plan) -> bool:
    return (
        plan.alternative is not None
        and plan.alternative.gap == 0
        and plan.status in ("OPTIMAL", "FEASIBLE")
        and plan.objective is not None
    )


def equally_good(plans: Mapping[str, Plan]) -> list[Tie]:
    """Each group of two or more plans with the same objective, found as alternatives of one solve under
    the same rules (gap 0), with the placements that differ between them."""
    groups: dict[tuple[str | None, float | None], list[str]] = {}
    for name, plan in plans.items():
        if _is_best(plan):  # the same objective too: best plans of two searches can differ if unproven
            key = (plan.variant.name if plan.variant else None, plan.objective)
            groups.setdefault(key, []).append(name)
    ties = []
    for names in groups.values():
        if len(names) < 2:
            continue
        placements = [{(a.cadre, a.slot) for a in plans[name].assignments} for name in names]
        everywhere = placements[0].intersection(*placements[1:])
        differing = placements[0].union(*placements[1:]) - everywhere
        ties.append(Tie(tuple(names), tuple(sorted(differing))))
    return ties
