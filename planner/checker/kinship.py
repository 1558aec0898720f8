"""The checker's `kinship` (Reg. 114-QĐ/TW; CONTRACT §6.2, §6.6), read from the contract alone.

Within the period each cadre holds posts in units, each holding half open, [from, to): its `current.unit`
from the period start to its earliest start in the plan (the period end when it has none), and the unit of
each assigned slot from that start to the period end; every holding ends early at the retirement date. Two
related cadres break the rule where two of their holdings in one unit overlap, unless both are current
holdings (the plan did not make those). A violation is reported once for each assignment whose holding is
involved, so that each placement names the rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from planner.checker.context import CheckContext, Placement, Violation, day_text

#: How a relation's `kind` reads (the contract's examples); another code is shown as written.
_KINDS: dict[str, tuple[str, str]] = {
    "spouse": ("vợ chồng", "spouses"),
    "parent": ("cha mẹ và con", "parent and child"),
    "child": ("cha mẹ và con", "parent and child"),
    "sibling": ("anh chị em ruột", "siblings"),
    "in_law": ("có quan hệ thông gia", "in-laws"),
}


@dataclass(frozen=True)
class _Holding:
    cadre: str
    unit: str
    held_from: date
    held_to: date
    #: The assignment that makes it; None for the current post.
    placement: Placement | None


def _holdings(ctx: CheckContext, cadre_id: str, placements: list[Placement]) -> list[_Holding]:
    scenario = ctx.scenario
    cadre = next(c for c in scenario.cadres if c.id == cadre_id)
    end = min(scenario.period.end, ctx.facts[cadre_id].retirement)
    found = []
    if cadre.current is not None:
        leaves = min((p.start for p in placements), default=end)
        found.append(_Holding(cadre_id, cadre.current.unit, scenario.period.start, min(leaves, end), None))
    found += [_Holding(cadre_id, p.unit.id, p.start, end, p) for p in placements]
    return found


def _overlap(first: _Holding, second: _Holding) -> bool:
    return first.unit == second.unit and max(first.held_from, second.held_from) < min(
        first.held_to, second.held_to
    )


def _words(made: _Holding, other: _Holding, kind: str) -> tuple[str, str]:
    """How one assignment's holding meets the relative's: "C07 và C31 là vợ chồng / spouses: C31 would
    join o_mon (o_mon.bi_thu) on 01/07/2023 while C07 holds a post there until 01/04/2024"."""
    assert made.placement is not None
    kind_vi, kind_en = _KINDS.get(kind, (kind, kind))
    who, relative, unit = made.cadre, other.cadre, made.unit
    slot, start = made.placement.slot.id, day_text(made.held_from)
    if other.placement is None:
        held_vi = f"{relative} giữ chức vụ hiện tại ở đó đến {day_text(other.held_to)}"
        held_en = f"{relative} holds a post there until {day_text(other.held_to)}"
    else:
        held_vi = (
            f"{relative} giữ vị trí {other.placement.slot.id} ở đó từ {day_text(other.held_from)} "
            f"đến {day_text(other.held_to)}"
        )
        held_en = (
            f"{relative} holds {other.placement.slot.id} there from {day_text(other.held_from)} "
            f"until {day_text(other.held_to)}"
        )
    return (
        f"{relative} và {who} là {kind_vi}: {who} đến {unit} ({slot}) từ {start} khi {held_vi}",
        f"{relative} and {who} are {kind_en}: {who} would join {unit} ({slot}) on {start} while {held_en}",
    )


def check_kinship(ctx: CheckContext) -> Iterator[Violation]:
    """No assignment makes a cadre hold a post in a unit where a relative holds one at an overlapping
    time; each assignment whose holding is involved is named (history included: a plan-wide rule)."""
    by_cadre: dict[str, list[Placement]] = defaultdict(list)
    for placement in ctx.placements:
        by_cadre[placement.cadre.id].append(placement)
    known = {c.id for c in ctx.scenario.cadres}
    for relation in ctx.scenario.relations:
        first, second = relation.cadres
        if first not in known or second not in known:
            continue
        mine = _holdings(ctx, first, by_cadre.get(first, []))
        theirs = _holdings(ctx, second, by_cadre.get(second, []))
        for a in mine:
            for b in theirs:
                if (a.placement is None and b.placement is None) or not _overlap(a, b):
                    continue
                for made, other in ((a, b), (b, a)):
                    if made.placement is not None:
                        vi, en = _words(made, other, relation.kind)
                        yield Violation(
                            rule="kinship",
                            cadre=made.cadre,
                            slot=made.placement.slot.id,
                            message=f"{vi} / {en}",
                        )
