"""`kinship` (Reg. 114-QĐ/TW; CONTRACT §6.2, §6.6): no assignment makes a cadre hold a post in a unit where
a relative holds a post at an overlapping time.

Holdings are half open, [from, to). A cadre holds its current unit from the period start until its start
if the plan rotates it (else until the period end), and its slot's unit from its start until the period
end; each holding ends early at the retirement date. Two current holdings never break the rule (the plan
did not make them), so a violation always involves a slot holding, which meets either the relative's
current holding or the relative's slot holding in the same unit. Two readings follow, for relatives X and
Y and `end(c)` = min(period end, retirement of c):

* X joins Y's current unit at start t: the holdings overlap iff t < end(X), t < end(Y) and Y is not
  rotated by t (Y's current holding runs to Y's start). So X may join there at such a t only if Y starts
  on or before t (a swap on the same day is allowed: [from, to) meets, it does not overlap).
* X and Y both join one unit, at tX and tY: both holdings run to their end, so they overlap iff
  max(tX, tY) < min(end(X), end(Y)): at most one of them joins the unit before that day.

The planning model reads each related cadre's start through indicators, one per (pair, start): the
pair's variable is the sum of its indicators and each indicator implies its slot's start variable. Since a
slot has one cadre and one start, an indicator is true exactly when its cadre starts in its slot then;
since a cadre has one slot, each cadre's indicators sum to 0 or 1. Over them the two readings are linear
rows, exact for integer plans: "X in Y's unit by t (at starts that overlap)" <= "Y started by t" for each
start t at which X could join, and "X in the unit early" + "Y in the unit early" <= 1. Nothing is added
without `relations`, and only the related cadres' pairs get indicators, so the reference scenarios'
models (no relations; later two or three pairs) stay as they were or grow by a few hundred literals.

The rule is not monotone (placing Y can lift a violation of X). The reduction drops pairs by the
aggregated LP, which relaxes this rule (a bound without a constraint is looser, never wrong), and keeps
every pair of a related cadre, so that a relative who must leave a unit first keeps its ways out (a kept
model without them was infeasible on the 2025-2030 reference with three binding relations, and the full
model was then solved). The pricing of dropped pairs against the kept model's LP
(`planner.formulation.pricing`) also stands on its own: a dropped pair of a related cadre would bring its
start indicators, which join this rule's rows (`Row.KINSHIP`, `Row.STARTED`), and it gains the least of
their reduced costs, as a vacancy chain's opener does. So no pair kinship needs is proved out unsoundly.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.rule_ids import RuleId
from planner.rules.base import GuardedView, GuardKey, ModelView, PlanRule
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row

#: How a relation's `kind` reads; another code is shown as written.
KIND_WORDS: dict[str, tuple[str, str]] = {
    "spouse": ("vợ chồng", "spouses"),
    "parent": ("cha mẹ và con", "parent and child"),
    "child": ("cha mẹ và con", "parent and child"),
    "sibling": ("anh chị em ruột", "siblings"),
    "in_law": ("có quan hệ thông gia", "in-laws"),
}


def kind_words(kind: str) -> tuple[str, str]:
    return KIND_WORDS.get(kind, (kind, kind))


def day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def holding_end(index: ScenarioIndex, cadre: int) -> date:
    """Where every holding of the cadre ends at the latest (excluded): the period end or its retirement."""
    return min(index.scenario.period.end, index.facts[cadre].retirement)


def relatives(index: ScenarioIndex) -> dict[int, list[tuple[int, str]]]:
    """Per cadre position, its relatives' positions with the relation's kind."""
    found: dict[int, list[tuple[int, str]]] = {}
    for relation in index.scenario.relations:
        a, b = (index.cadre_index[cadre] for cadre in relation.cadres)
        found.setdefault(a, []).append((b, relation.kind))
        found.setdefault(b, []).append((a, relation.kind))
    return found


def _pairs_of_relations(index: ScenarioIndex) -> Iterator[tuple[int, int]]:
    for relation in index.scenario.relations:
        a, b = (index.cadre_index[cadre] for cadre in relation.cadres)
        yield a, b


def _current_unit(index: ScenarioIndex, cadre: int) -> str | None:
    current = index.cadres[cadre].current
    return None if current is None else current.unit


class _Indicators:
    """Start indicators of the related cadres' pairs, made on first use (see the module docstring)."""

    def __init__(self, context: ModelView) -> None:
        self.context = context
        self._of_pair: dict[int, list[tuple[int, Any]]] = {}
        self._started_by: dict[int, list[Any]] = {}

    def of_cadre(self, cadre: int, unit: str | None = None) -> list[tuple[int, Any]]:
        """(start, indicator) of the cadre's pairs (in `unit` only, when given)."""
        variables, slots = self.context.variables, self.context.index.slots
        found = []
        for k in variables.pairs_by_cadre.get(cadre, ()):
            if unit is None or slots[variables.pairs[k].slot].unit == unit:
                found += self._pair(k)
        return found

    def units_of(self, cadre: int) -> set[str]:
        variables, slots = self.context.variables, self.context.index.slots
        return {slots[variables.pairs[k].slot].unit for k in variables.pairs_by_cadre.get(cadre, ())}

    def started_by(self, cadre: int) -> list[Any]:
        """Per start index t, a literal true iff the cadre starts (anywhere) on or before t."""
        if cadre not in self._started_by:
            model, total = self.context.model, self.context.total
            at: list[list[Any]] = [[] for _ in self.context.index.starts]
            for start, indicator in self.of_cadre(cadre):
                at[start].append(indicator)
            chain: list[Any] = []
            for start, now in enumerate(at):
                started = model.new_bool_var("")
                key = (Row.STARTED, cadre, start)
                self.context.rows[key] = model.add(
                    started == total([chain[-1], *now] if chain else now)
                ).index
                chain.append(started)
            self._started_by[cadre] = chain
        return self._started_by[cadre]

    def _pair(self, k: int) -> list[tuple[int, Any]]:
        if k not in self._of_pair:
            variables, model = self.context.variables, self.context.model
            pair = variables.pairs[k]
            made = []
            for start in range(pair.lo, pair.hi + 1):
                indicator = model.new_bool_var("")
                model.add_implication(indicator, variables.start_vars[pair.slot][start])
                made.append((start, indicator))
            model.add(self.context.total(indicator for _, indicator in made) == variables.pair_vars[k])
            self._of_pair[k] = made
        return self._of_pair[k]


@dataclass(frozen=True)
class Block:
    """A relative's holding that a placement of the cadre in `unit` would overlap (for explanations):
    `free_from`, the first start index of the pair's window from which it no longer does (None: none)."""

    relative: str
    kind: str
    unit: str
    current: bool
    until: date | None
    free_from: int | None


class Kinship(PlanRule):
    id = RuleId.KINSHIP
    clause = "Reg. 114-QĐ/TW"
    vi = "không bố trí cán bộ vào đơn vị nơi người thân giữ chức vụ cùng thời gian"
    en = "no cadre is placed in a unit where a relative holds a post at the same time"

    # --- words ---------------------------------------------------------------------------------------
    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """Each instance (C, slot): "C07 và C31 là vợ chồng / spouses: C31 would join o_mon (slot) while
        C07 holds a post there until dd/mm/yyyy"."""
        related = relatives(index)
        vi_parts, en_parts = [], []
        for _, cadre_id, slot_id in instances:
            if cadre_id is None or slot_id is None:
                continue
            holder = index.cadre_index[cadre_id]
            unit = index.slots[index.slot_index[slot_id]].unit
            until = day_text(holding_end(index, holder))
            serving = _current_unit(index, holder) == unit
            for relative, kind in related.get(holder, []):
                other = index.cadres[relative].id
                kind_vi, kind_en = kind_words(kind)
                if serving:
                    vi_parts.append(
                        f"{cadre_id} và {other} là {kind_vi}: {other} sẽ đến {unit} ({slot_id}) khi {cadre_id} "
                        f"còn giữ chức vụ ở đó (đến {until} nếu không được luân chuyển trước)"
                    )
                    en_parts.append(
                        f"{cadre_id} and {other} are {kind_en}: {other} would join {unit} ({slot_id}) while "
                        f"{cadre_id} holds a post there (until {until} unless rotated first)"
                    )
                else:
                    vi_parts.append(
                        f"{cadre_id} và {other} là {kind_vi}: {other} sẽ đến {unit} ({slot_id}) khi {cadre_id} "
                        f"cũng được bố trí ở đó (đến {until})"
                    )
                    en_parts.append(
                        f"{cadre_id} and {other} are {kind_en}: {other} would join {unit} ({slot_id}) while "
                        f"{cadre_id} would hold a post there too (until {until})"
                    )
        if not vi_parts:
            return super().phrase(index, instances)
        return "; ".join(vi_parts), "; ".join(en_parts)

    def block_words(self, block: Block) -> tuple[str, str]:
        """ "C01 (vợ chồng / spouses) holds its current post in d1 until 01/07/2023"."""
        kind_vi, kind_en = kind_words(block.kind)
        if block.current:
            held_vi, held_en = (
                f"giữ chức vụ hiện tại tại {block.unit}",
                f"holds its current post in {block.unit}",
            )
        else:
            held_vi, held_en = (
                f"được phương án bố trí tại {block.unit}",
                f"is placed in {block.unit} by the plan",
            )
        if block.until is None:
            until_vi, until_en = "cho đến khi được luân chuyển", "until it is rotated"
        else:
            until_vi, until_en = f"đến {day_text(block.until)}", f"until {day_text(block.until)}"
        return (
            f"{block.relative} ({kind_vi}) {held_vi} {until_vi}",
            f"{block.relative} ({kind_en}) {held_en} {until_en}",
        )

    # --- models --------------------------------------------------------------------------------------
    def add_to_model(self, context: ModelView) -> None:
        """The two readings of the module docstring, as rows over start indicators of related cadres."""
        index = context.index
        if not index.scenario.relations:
            return
        indicators = _Indicators(context)
        for a, b in _pairs_of_relations(index):
            for joiner, holder in ((a, b), (b, a)):
                _into_current_unit(context, indicators, joiner, holder)
            _both_join(context, indicators, a, b)

    def add_guarded(self, diagnosis: GuardedView) -> None:
        """Instance (C, slot): no relative of C joins the slot while C holds a post in its unit (C's
        current unit, or one C joins too). It names C and the slot, so that a subset model holds every
        start variable it reads: C's (all of them) and the slot's."""
        index = diagnosis.index
        if not index.scenario.relations:
            return
        n_starts, n_slots = len(index.starts), len(index.slots)
        related = relatives(index)
        for holder, others in related.items():
            holder_id = index.cadres[holder].id
            current = _current_unit(index, holder)
            started_by: list[Any] | None = None
            for slot, post in enumerate(index.slots):
                if not diagnosis.wants(self.id, holder_id, post.id):
                    continue
                for joiner, _ in others:
                    until = min(holding_end(index, joiner), holding_end(index, holder))
                    early = [t for t in range(n_starts) if index.starts[t] < until]
                    if not early:
                        continue
                    joins = diagnosis.start_of(joiner, slot)
                    if post.unit == current:  # reading 1: the holder must have left by then
                        if started_by is None:
                            started_by = _guarded_started_by(diagnosis, holder, n_starts, n_slots)
                        for t in early:
                            diagnosis.add(joins[t] <= started_by[t], self.id, holder_id, post.id)
                    # reading 2: no early start of the joiner here while the holder joins the unit early
                    joined = diagnosis.define(diagnosis.total(joins[t] for t in early), len(early))
                    for mine in index.slots_of_unit[post.unit]:
                        held = diagnosis.start_of(holder, mine)
                        for t in early:
                            diagnosis.add(
                                len(early) * held[t] + joined <= len(early), self.id, holder_id, post.id
                            )

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """A placement of a cadre with relatives: their holdings may meet it."""
        return cadre in relatives(index)

    # --- explanations --------------------------------------------------------------------------------
    def blocks(
        self,
        index: ScenarioIndex,
        cadre: int,
        slot: int,
        lo: int,
        hi: int,
        placed: Mapping[str, tuple[str, date]] | None = None,
    ) -> list[Block]:
        """The relatives' holdings a placement of `cadre` in `slot` would overlap, with the first start of
        [lo, hi] from which it no longer does. Without a plan (`placed` None) only the relatives' current
        holdings are known, and each runs until the relative rotates; with a plan (`placed`: cadre id ->
        (slot id, start) of every other placement) each holding's end is known."""
        unit = index.slots[slot].unit
        mine_end = holding_end(index, cadre)
        found = []
        for relative, kind in relatives(index).get(cadre, []):
            relative_id = index.cadres[relative].id
            their_end = holding_end(index, relative)
            placement = None if placed is None else placed.get(relative_id)
            holdings: list[tuple[bool, date, date | None]] = []  # (current, from, to; None: until rotated)
            if _current_unit(index, relative) == unit:
                leaves: date | None = None
                if placed is not None:
                    leaves = their_end if placement is None else min(placement[1], their_end)
                holdings.append((True, index.scenario.period.start, leaves))
            if placement is not None and index.slots[index.slot_index[placement[0]]].unit == unit:
                holdings.append((False, placement[1], their_end))
            for current, held_from, held_to in holdings:
                if held_from >= mine_end or (held_to is not None and held_from >= held_to):
                    continue  # an empty holding, or one that starts after the cadre's would end
                if held_to is None:
                    found.append(Block(relative_id, kind, unit, current, None, None))
                    continue
                bound = min(held_to, mine_end)
                free = next((t for t in range(lo, hi + 1) if index.starts[t] >= bound), None)
                if free != lo:  # otherwise the whole window starts after this holding
                    found.append(Block(relative_id, kind, unit, current, held_to, free))
        return found


def _into_current_unit(context: ModelView, indicators: _Indicators, joiner: int, holder: int) -> None:
    """Reading 1: the joiner in the holder's current unit at an overlapping start t needs the holder
    started by t. One row per start the joiner could take there, cumulative over the earlier ones."""
    index = context.index
    unit = _current_unit(index, holder)
    if unit is None:
        return
    until = min(holding_end(index, joiner), holding_end(index, holder))
    joins = [(t, var) for t, var in indicators.of_cadre(joiner, unit) if index.starts[t] < until]
    if not joins:
        return
    started_by = indicators.started_by(holder)
    for start in sorted({t for t, _ in joins}):
        by_then = [var for t, var in joins if t <= start]
        key = (Row.KINSHIP, joiner, holder, unit, start)
        context.rows[key] = context.model.add(context.total(by_then) <= started_by[start]).index


def _both_join(context: ModelView, indicators: _Indicators, a: int, b: int) -> None:
    """Reading 2: of two relatives, at most one joins a unit before the earlier end of their holdings."""
    index = context.index
    until = min(holding_end(index, a), holding_end(index, b))
    for unit in sorted(indicators.units_of(a) & indicators.units_of(b)):
        early = [
            var for cadre in (a, b) for t, var in indicators.of_cadre(cadre, unit) if index.starts[t] < until
        ]
        if early:
            context.rows[Row.KINSHIP, a, b, unit] = context.model.add(context.total(early) <= 1).index


def _guarded_started_by(diagnosis: GuardedView, cadre: int, n_starts: int, n_slots: int) -> list[Any]:
    """Per start index t, how many starts the cadre has on or before t (one integer each, never guarded)."""
    found: list[Any] = []
    for start in range(n_starts):
        now = [diagnosis.start_of(cadre, slot)[start] for slot in range(n_slots)]
        found.append(
            diagnosis.define(diagnosis.total([found[-1], *now] if found else now), (start + 1) * n_slots)
        )
    return found
