"""A starting plan for CP-SAT: the LP relaxation's matching, repaired for the plan-wide rules.

Why: CP-SAT proves optimality fast once it holds a near-optimal plan, and a near-optimal plan is what
the relaxation's matching nearly is. Its integral part (x >= 1/2: at most one pair per cadre and slot)
gets start dates greedily, earliest deadline first: the earliest admissible start with room under the
pace cap, after the cadre who vacates a chained slot, within the youth cap, never beside a relative in one
unit (`kinship`: the LP knows nothing of it, and a hint that breaks it leaves CP-SAT to search for a plan
the LP's bound already reaches), with an `after` where its rotation ends by the horizon (`after_placement`:
a post of its home unit not yet taken, else staying, else another free post; a start with none is not
hinted, so the hint keeps the after stage). Pinned pairs come first, at their pinned start, each after
its chained slot's opener. Pairs that do not fit are
dropped, and the plan is topped up (mandatory cadres, the quota, then any pair that adds value) from the
pairs with the best reduced costs. The hint need not be feasible (CP-SAT repairs or ignores it);
`planner.formulation.reduction` never trusts its objective.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from models.dates import quarter_of
from models.rule_ids import RuleId
from planner.eligibility.arrays import PairTable
from planner.eligibility.table import Eligibility
from planner.formulation import relaxation
from planner.rules.after_placement import free_option
from planner.rules.afterwards import needs_after
from planner.rules.kinship import Kinship, relatives
from planner.rules.youth_heads import counts_against_cap

#: The rules the repaired hint keeps, besides the eligibility table it is drawn from: those the LP encodes
#: but pins and the ready counts (it need not be feasible: CP-SAT repairs or ignores it, and the reduction
#: never trusts it).
ENCODES: frozenset[RuleId] = relaxation.ENCODES - {RuleId.PIN, RuleId.BENCH_STRENGTH}
#: The rule's own reading of holdings: a placement it `blocks` beside a relative is not hinted.
_KINSHIP = Kinship()
#: Pairs, best reduced cost first, that the top-up considers.
TOP_UP_CANDIDATES = 100_000


def repaired_hint(
    eligibility: Eligibility, table: PairTable, lp_shares: dict[int, float], rc: np.ndarray, worth: np.ndarray
) -> dict[int, int]:
    """Pair index -> start index of a plan built from the LP's matching (see module docstring)."""
    rules = eligibility.scenario.rules
    opener_of = {
        slot: eligibility.cadre_index[post.vacated_by]
        for slot, post in enumerate(eligibility.slots)
        if post.vacated_by
    }
    state = _State(eligibility, rules.max_starts_per_quarter, rules.youth.max_heads)
    state.pinned = _pinned_starts(eligibility, table)
    # Earliest deadline first: pairs with the fewest late starts take their quarters first.
    chosen = sorted(
        (k for k, share in lp_shares.items() if share >= 0.5),
        key=lambda k: (int(table.hi[k]), -lp_shares[k], k),
    )
    # Pinned pairs before all: every plan holds them, so a hint without one is no plan at all (the
    # 2025-2030 reference's pin, in a chained slot, lost its opener's early start to the pace cap and
    # left the hint infeasible). A chained slot's opener goes first, no later than the pinned start.
    opener_pairs: dict[int, list[int]] = {}
    for k in chosen:
        opener_pairs.setdefault(int(table.cadre[k]), []).append(k)
    for k in sorted(state.pinned):
        opener = opener_of.get(int(table.slot[k]))
        if opener is not None and opener not in state.cadre_used:
            latest = state.pinned[k]
            for j in opener_pairs.get(opener, []):
                if state.place(table, j, opener_of, latest=latest):
                    break
        state.place(table, k, opener_of)
    quota_max = rules.quota.max if rules.quota.max is not None else len(eligibility.slots)
    for _ in range(2):  # a second pass places chained slots whose opener was placed later in the first
        for k in chosen:
            if len(state.start) < quota_max:
                state.place(table, k, opener_of)
    # Top up: the mandatory cadres left out, the quota minimum, then any pair that adds value, in
    # the order of the LP's reduced costs (the LP's own estimate of what a pair costs the plan).
    by_rc = np.argpartition(-rc, min(len(rc) - 1, TOP_UP_CANDIDATES))[:TOP_UP_CANDIDATES]
    by_rc = by_rc[np.argsort(-rc[by_rc], kind="stable")]
    missing = {
        cadre
        for cadre, facts in enumerate(eligibility.facts)
        if facts.mandatory and cadre not in state.cadre_used
    }
    for wanted in (lambda k: int(table.cadre[k]) in missing, lambda k: len(state.start) < rules.quota.min,
                   lambda k: worth[k] > 0):  # fmt: skip
        for k in by_rc.tolist():
            if len(state.start) >= quota_max:
                break
            if wanted(k):
                state.place(table, k, opener_of)
    return state.start


class _State:
    def __init__(self, eligibility: Eligibility, pace: int | None, youth_cap: int | None) -> None:
        self.eligibility, self.pace, self.youth_cap = eligibility, pace, youth_cap
        self.quarter = [quarter_of(d) for d in eligibility.starts]
        self.per_quarter: dict[tuple[int, int], int] = {}
        self.young_heads = 0
        self.cadre_used: dict[int, int] = {}
        self.slot_used: set[int] = set()
        self.start: dict[int, int] = {}
        self.relatives = relatives(eligibility)
        #: Each placed cadre's slot id and start day, as `Kinship.blocks` reads a plan.
        self.placed: dict[str, tuple[str, date]] = {}
        #: The `after_rotation` posts the placed rotations take (positions).
        self.posts_taken: set[int] = set()
        #: Pinned pairs (table index) and their pinned start index, if the pin gives one.
        self.pinned: dict[int, int | None] = {}

    def place(self, table: PairTable, k: int, opener_of: dict[int, int], latest: int | None = None) -> bool:
        """Place pair k at its first start that keeps the rules the hint keeps (at its pinned start, if
        pinned; no later than `latest`, if given); False when none does."""
        cadre, slot = int(table.cadre[k]), int(table.slot[k])
        if cadre in self.cadre_used or slot in self.slot_used:
            return False
        lo, hi = int(table.lo[k]), int(table.hi[k])
        pinned_start = self.pinned.get(k)
        if pinned_start is not None:
            lo = hi = pinned_start
        if latest is not None:
            hi = min(hi, latest)
        if slot in opener_of:
            opener = opener_of[slot]
            if opener not in self.cadre_used:
                return False
            lo = max(lo, self.cadre_used[opener])
        for start in range(lo, hi + 1):
            if cadre in self.relatives and _KINSHIP.blocks(
                self.eligibility, cadre, slot, start, start, self.placed
            ):
                continue
            quarter = self.quarter[start]
            if self.pace is not None and self.per_quarter.get(quarter, 0) >= self.pace:
                continue
            counts = self.youth_cap is not None and counts_against_cap(self.eligibility, cadre, slot, start)
            if counts and self.youth_cap is not None and self.young_heads >= self.youth_cap:
                continue
            after = self._after(cadre, slot, start)
            if after is False:
                continue
            if isinstance(after, int) and not isinstance(after, bool):
                self.posts_taken.add(after)
            self.young_heads += counts
            self.per_quarter[quarter] = self.per_quarter.get(quarter, 0) + 1
            self.cadre_used[cadre], self.start[k] = start, start
            self.slot_used.add(slot)
            self.placed[self.eligibility.cadres[cadre].id] = (
                self.eligibility.slots[slot].id,
                self.eligibility.starts[start],
            )
            return True
        return False

    def _after(self, cadre: int, slot: int, start: int) -> int | bool | None:
        """The post position the rotation takes after it (None: staying, or no `after` needed); False
        when it needs one and none is free."""
        if not needs_after(self.eligibility, self.eligibility.starts[start]):
            return None
        return free_option(self.eligibility, cadre, slot, start, self.posts_taken)


def _pinned_starts(eligibility: Eligibility, table: PairTable) -> dict[int, int | None]:
    """Pinned pairs (table index) -> the pin's start index (None: any start of the window); a pin whose
    pair is not eligible, or whose start is outside its window, has none (then there is no plan)."""
    keys = table.cadre.astype(np.int64) * len(eligibility.slots) + table.slot
    found: dict[int, int | None] = {}
    for pin in eligibility.scenario.pins:
        key = eligibility.cadre_index[pin.cadre] * len(eligibility.slots) + eligibility.slot_index[pin.slot]
        at = int(np.searchsorted(keys, key))
        if at >= len(keys) or keys[at] != key:
            continue
        if pin.start is None:
            found[at] = None
        elif (
            pin.start in eligibility.starts
            and table.lo[at] <= eligibility.starts.index(pin.start) <= table.hi[at]
        ):
            found[at] = eligibility.starts.index(pin.start)
    return found
