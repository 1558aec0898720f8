"""The suitability score of a rotation: explicit scores plus computed components.

Computed components (each weight is set in the scenario under `objective.weights`):

| component | value | why (Plan clause) |
| --- | --- | --- |
| `explicit` | the `scores` entry for the pair, 0 if none | the committee's own judgement |
| `priority` | `weights.priority` x the slot's `priority` (0..3) | strengthen places short of cadres (I.1) |
| `development` | `weights.development` when a cadre without district experience goes to a district (or commune) | training at the grassroots (II.1.1(b)) |
| `allowance_cost` | `-weights.allowance_cost` when a current head goes to a deputy post | the higher allowance is preserved at a cost (II.5) |
| `earlier_start` | `weights.earlier_start` x whole quarters from the start to the period's last start | prepare the next congress early (I.1) |
| `readiness` | `weights.readiness` x the pool titles the placement makes its cadre ready for, at that start (CONTRACT §6.3) | train the planning pool for the next congress and councils (I.1) |
| `after_home` | `weights.after_home` when the rotation's `after` is a post in the cadre's current unit (CONTRACT §6.4) | the sending body takes the cadre back (Reg. 65-QĐ/TW Art. 6) |

With `objective.explicit_scores_only: true` only `explicit` counts. The first four depend on the pair
only and `earlier_start` on the start only, which keeps them linear in the model's pair and slot-start
variables. `readiness` depends on both, but only through "the slot starts by the last start that makes
the cadre ready" (`readiness_deadlines`): the model reads it through one literal per pair and deadline
(`planner.formulation.constraints.ModelContext.ready_literal`). `after_home` depends on the `after` the
plan chooses, a decision of its own (`planner.rules.after_placement`): the model prices its literals.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

import numpy as np

from models.dates import month_index
from models.scenario import LOCAL_UNIT_KINDS
from planner.eligibility.table import Eligibility
from planner.rules.after_placement import last_after_start
from planner.rules.afterwards import is_home, post_refusal, rotation_end

#: Integer scale used inside CP-SAT when explicit scores have fractions (two decimals kept).
FRACTION_SCALE = 100


class Scoring:
    """Score components for the pairs and starts of one eligibility table."""

    def __init__(self, eligibility: Eligibility) -> None:
        self.eligibility = eligibility
        scenario = eligibility.scenario
        self.weights = scenario.objective.weights
        self.explicit_only = scenario.objective.explicit_scores_only
        self.explicit = {(s.cadre, s.slot): s.score for s in scenario.scores}
        self._unit_kind = {u.id: u.kind for u in scenario.units}

    @cached_property
    def scale(self) -> int:
        """1 when every explicit score is whole, else `FRACTION_SCALE`."""
        values = np.fromiter(self.explicit.values(), dtype=np.float64, count=len(self.explicit))
        # `float(v).is_integer()` of every value, at once: finite and its own floor.
        whole = bool(np.isfinite(values).all() and (values == np.floor(values)).all())
        return 1 if whole else FRACTION_SCALE

    @property
    def prices_starts(self) -> bool:
        """True when the objective itself prefers some start dates over others."""
        return not self.explicit_only and self.weights.earlier_start > 0

    def pair_components(self, cadre_pos: int, slot_pos: int) -> dict[str, float]:
        eligibility = self.eligibility
        cadre, slot = eligibility.cadres[cadre_pos], eligibility.slots[slot_pos]
        parts = {"explicit": self.explicit.get((cadre.id, slot.id), 0)}
        if self.explicit_only:
            return parts
        titles = eligibility.scenario.titles
        to_district = self._unit_kind[slot.unit] in LOCAL_UNIT_KINDS
        head_to_deputy = (
            cadre.current is not None
            and titles[cadre.current.title].level == "head"
            and titles[slot.title].level == "deputy"
        )
        parts["priority"] = self.weights.priority * slot.priority
        parts["development"] = (
            self.weights.development if (to_district and not cadre.district_experience) else 0
        )
        parts["allowance_cost"] = -self.weights.allowance_cost if head_to_deputy else 0
        return parts

    def start_components(self, t: int) -> dict[str, float]:
        if self.explicit_only:
            return {}
        starts = self.eligibility.starts
        quarters_left = (month_index(starts[-1]) - month_index(starts[t])) // 3
        return {"earlier_start": self.weights.earlier_start * quarters_left}

    def pair_value(self, cadre_pos: int, slot_pos: int) -> int:
        """The pair part of the objective, scaled to an integer for CP-SAT."""
        return round(sum(self.pair_components(cadre_pos, slot_pos).values()) * self.scale)

    def pair_values(self, cadres: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """`pair_value` of many pairs at once (int64), the same float operations in the same order."""
        eligibility = self.eligibility
        explicit = self._explicit_of(cadres, slots)
        if self.explicit_only:
            return np.round(explicit * self.scale).astype(np.int64)
        titles = eligibility.scenario.titles
        priority = np.array([self.weights.priority * s.priority for s in eligibility.slots], dtype=np.float64)
        to_district = np.array(
            [self._unit_kind[s.unit] in LOCAL_UNIT_KINDS for s in eligibility.slots], dtype=bool
        )
        deputy = np.array([titles[s.title].level == "deputy" for s in eligibility.slots], dtype=bool)
        inexperienced = np.array([not c.district_experience for c in eligibility.cadres], dtype=bool)
        head_now = np.array(
            [c.current is not None and titles[c.current.title].level == "head" for c in eligibility.cadres],
            dtype=bool,
        )
        development = np.where(to_district[slots] & inexperienced[cadres], self.weights.development, 0)
        allowance = np.where(head_now[cadres] & deputy[slots], -self.weights.allowance_cost, 0)
        total = ((explicit + priority[slots]) + development.astype(np.float64)) + allowance.astype(np.float64)
        return np.round(total * self.scale).astype(np.int64)

    @cached_property
    def _explicit_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """The explicit scores by sorted pair key (cadre position x slots + slot position): keys, values.
        Made once: `pair_values` is asked for the LP's table and again for the model's kept pairs."""
        eligibility = self.eligibility
        n_slots = max(1, len(eligibility.slots))
        cadre_index, slot_index = eligibility.cadre_index, eligibility.slot_index
        keys = np.array([cadre_index[c] * n_slots + slot_index[s] for c, s in self.explicit], dtype=np.int64)
        values = np.fromiter(self.explicit.values(), dtype=np.float64, count=len(self.explicit))
        order = np.argsort(keys)
        return keys[order], values[order]

    def _explicit_of(self, cadres: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """Explicit scores of the pairs (0 where none), looked up by sorted pair keys."""
        n_slots = max(1, len(self.eligibility.slots))
        keys, values = self._explicit_keys
        wanted = cadres.astype(np.int64) * n_slots + slots
        found = np.zeros(len(wanted), dtype=np.float64)
        if len(keys):
            at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            hit = keys[at] == wanted
            found[hit] = values[at[hit]]
        return found

    @property
    def readiness_weight(self) -> int:
        """What each pool title a placement makes its cadre ready for scores (0 with explicit scores only)."""
        return 0 if self.explicit_only else self.weights.readiness

    def readiness_component(self, cadre_pos: int, slot_pos: int, t: int) -> float:
        """`readiness`: the weight per pool title the placement makes its cadre ready for at start `t`."""
        weight = self.readiness_weight
        if not weight:
            return 0
        eligibility = self.eligibility
        made_ready = eligibility.readiness.pools_made_ready(
            eligibility.cadres[cadre_pos], eligibility.slots[slot_pos].title, eligibility.starts[t]
        )
        return weight * len(made_ready)

    def readiness_deadlines(self, cadre_pos: int, slot_pos: int) -> dict[int, int]:
        """Per start index: the scaled readiness a placement of the pair adds when its slot starts by
        then (the last start that makes the cadre ready for some pool title), summed over the titles
        with that last start. Empty when the pair makes its cadre ready for nothing."""
        weight = self.readiness_weight
        key = (cadre_pos, self.eligibility.slots[slot_pos].title)
        if not weight or not self.eligibility.readiness.needs_of.get(self.eligibility.cadres[cadre_pos].id):
            return {}
        if key not in self._deadlines:
            eligibility, value = self.eligibility, weight * self.scale
            found: Counter[int] = Counter()
            for need in eligibility.readiness.needs_of[eligibility.cadres[cadre_pos].id]:
                last = eligibility.readiness.last_ready_start(need, key[1], eligibility.starts)
                if last is not None:
                    found[last] += value
            self._deadlines[key] = dict(sorted(found.items()))
        return self._deadlines[key]

    def readiness_bounds(self, cadres: np.ndarray, slots: np.ndarray, first: np.ndarray) -> np.ndarray:
        """Per pair (int64, scaled): the most readiness it can add, at its first admissible start
        `first` (a later start makes a cadre ready for no more titles). What the LP relaxation adds to a
        pair's value, so that its bound holds for plans the readiness score counts in."""
        bounds = np.zeros(len(cadres), dtype=np.int64)
        if not self.readiness_weight:
            return bounds
        readiness = self.eligibility.readiness
        pending = [
            position
            for position, cadre in enumerate(self.eligibility.cadres)
            if any(not need.ready_without_plan for need in readiness.needs_of.get(cadre.id, ()))
        ]
        for k in np.nonzero(np.isin(cadres, pending))[0].tolist():
            deadlines = self.readiness_deadlines(int(cadres[k]), int(slots[k]))
            bounds[k] = sum(value for last, value in deadlines.items() if last >= first[k])
        return bounds

    @property
    def after_home_weight(self) -> int:
        """What an `after` post in the cadre's current unit scores (0 with explicit scores only)."""
        return 0 if self.explicit_only else self.weights.after_home

    @property
    def after_home_value(self) -> int:
        """`after_home` scaled to an integer for CP-SAT."""
        return round(self.after_home_weight * self.scale)

    def after_home_bounds(
        self, cadres: np.ndarray, slots: np.ndarray, lo: np.ndarray, hi: np.ndarray
    ) -> np.ndarray:
        """Per pair (int64, scaled): the most `after_home` it can get, at any start of lo..hi: the
        weight when some post of its cadre's current unit is open to it after one of those starts. What
        the LP relaxation adds to a pair's value, so that its bound holds for plans with `after`s."""
        bounds = np.zeros(len(cadres), dtype=np.int64)
        after = self.eligibility.scenario.after_rotation
        if not self.after_home_value or after is None:
            return bounds
        eligibility = self.eligibility
        home_units = {post.unit for post in after.posts}
        with_home = [
            position
            for position, cadre in enumerate(eligibility.cadres)
            if cadre.current is not None and cadre.current.unit in home_units
        ]
        last = last_after_start(eligibility)
        open_at: dict[int, set[int]] = {}
        for position in with_home:
            home = [post for post in after.posts if is_home(eligibility, position, post)]
            open_at[position] = {
                start
                for start in range(last + 1)
                if any(
                    post_refusal(
                        eligibility, position, post, rotation_end(eligibility, eligibility.starts[start])
                    )
                    is None
                    for post in home
                )
            }
        for k in np.nonzero(np.isin(cadres, with_home))[0].tolist():
            starts = open_at[int(cadres[k])]
            if any(int(lo[k]) <= start <= int(hi[k]) for start in starts):
                bounds[k] = self.after_home_value
        return bounds

    @cached_property
    def _deadlines(self) -> dict[tuple[int, str], dict[int, int]]:
        return {}

    def components(self, cadre_pos: int, slot_pos: int, t: int) -> dict[str, float]:
        """Every score part of the placement (cadre, slot, start): the plan's and `explain`'s parts."""
        parts = {**self.pair_components(cadre_pos, slot_pos), **self.start_components(t)}
        if self.readiness_weight:
            parts["readiness"] = self.readiness_component(cadre_pos, slot_pos, t)
        return parts

    def start_value(self, t: int) -> int:
        """The start part of the objective, scaled to an integer for CP-SAT."""
        return round(sum(self.start_components(t).values()) * self.scale)

    def readiness_value(self, cadre_pos: int, slot_pos: int, t: int) -> int:
        """The readiness part of the objective, scaled to an integer for CP-SAT."""
        return round(self.readiness_component(cadre_pos, slot_pos, t) * self.scale)

    def assignment_value(self, cadre_pos: int, slot_pos: int, t: int) -> int:
        """The placement's whole part of the objective, scaled to an integer for CP-SAT."""
        return (
            self.pair_value(cadre_pos, slot_pos)
            + self.start_value(t)
            + self.readiness_value(cadre_pos, slot_pos, t)
        )

    def assignment_score(self, cadre_pos: int, slot_pos: int, t: int) -> float:
        return self.assignment_value(cadre_pos, slot_pos, t) / self.scale
