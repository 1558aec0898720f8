"""What a rotation prepares (CONTRACT §6.3): which planned cadres are ready for which pool title.

A cadre planned for pool title P (P's id in its `planning`) is ready for P when every experience code P
requires is in its `experience`, or is given by the title of its assigned slot with start +
`rules.experience_months` <= P's `ready_by` (no `ready_by`: no deadline). Readiness is judged code by
code (§6.6), whether or not the rotation lasts that long; the current title's `gives` count only through
`experience`.

The solver side reads these facts from here: the readiness score (`planner.eligibility.scoring`), rule
`bench_strength` and the plan's `bench`. The checker derives the same facts on its own
(`planner.checker`), so a mistake here cannot hide in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.dates import add_months
from models.plan import Assignment, BenchRecord
from models.scenario import Cadre, PoolTitle, Scenario


@dataclass(frozen=True)
class PoolNeed:
    """One planned cadre's need for one pool title: the experience codes it still lacks."""

    cadre: str
    pool: str
    missing: frozenset[str]

    @property
    def ready_without_plan(self) -> bool:
        return not self.missing


class Readiness:
    """The pool of one scenario: who is planned for which pool title, and what makes each one ready."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.pools: dict[str, PoolTitle] = {pool.id: pool for pool in scenario.pool}
        #: Each pool title's planned cadres' needs, in the scenario's cadre order.
        self.needs: dict[str, list[PoolNeed]] = {pool: [] for pool in self.pools}
        #: Each cadre's needs, one per pool title it is planned for.
        self.needs_of: dict[str, list[PoolNeed]] = {}
        for cadre in scenario.cadres:
            for pool_id in dict.fromkeys(cadre.planning):
                pool = self.pools.get(pool_id)
                if pool is None:
                    continue
                need = PoolNeed(
                    cadre.id, pool.id, frozenset(pool.requires_experience) - set(cadre.experience)
                )
                self.needs[pool.id].append(need)
                self.needs_of.setdefault(cadre.id, []).append(need)

    def ready_on(self, start: date) -> date:
        """The day a rotation starting on `start` gives its title's experience."""
        return add_months(start, self.scenario.rules.experience_months)

    def makes_ready(self, need: PoolNeed, title: str, start: date) -> bool:
        """Whether holding `title` from `start` makes the cadre ready for the pool title it lacks.

        False for a cadre already ready: the placement adds nothing to it."""
        if need.ready_without_plan or not need.missing <= set(self.scenario.titles[title].gives):
            return False
        ready_by = self.pools[need.pool].ready_by
        return ready_by is None or self.ready_on(start) <= ready_by

    def last_ready_start(self, need: PoolNeed, title: str, starts: Sequence[date]) -> int | None:
        """The last of `starts` (an index) from which a post of `title` makes the cadre ready, None when
        none does. Readiness only gets harder as the start moves later (start + `experience_months` <=
        `ready_by`), so the starts that make it ready are exactly those up to this one: what lets the
        model read "ready" as "chosen, and the slot starts by then"."""
        last = None
        for position, day in enumerate(starts):
            if self.makes_ready(need, title, day):
                last = position
        return last

    def pools_made_ready(self, cadre: Cadre, title: str, start: date) -> list[str]:
        """The pool titles a placement of `cadre` in a post of `title` from `start` makes it ready for."""
        return [n.pool for n in self.needs_of.get(cadre.id, ()) if self.makes_ready(n, title, start)]

    def latest_start(self, need: PoolNeed) -> date | None:
        """The last start from which a post giving the missing experience makes the cadre ready in time
        (`ready_by` - `experience_months`), None when the pool title has no deadline."""
        ready_by = self.pools[need.pool].ready_by
        return None if ready_by is None else add_months(ready_by, -self.scenario.rules.experience_months)


@dataclass(frozen=True)
class BenchLine:
    """One pool title's line of a plan's `bench` (CONTRACT §6.3), ids in the scenario's cadre order."""

    pool: str
    min_ready: int | None
    ready: tuple[str, ...]
    ready_without_plan: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "pool": self.pool,
            "min_ready": self.min_ready,
            "ready": list(self.ready),
            "ready_without_plan": list(self.ready_without_plan),
        }


def bench_of(readiness: Readiness, placements: dict[str, tuple[str, date]]) -> list[BenchLine]:
    """The bench of a plan whose placements are `{cadre id: (slot title, start)}`, one line per pool
    title in the scenario's order."""
    lines = []
    for pool_id, pool in readiness.pools.items():
        ready, without = [], []
        for need in readiness.needs[pool_id]:
            placed = placements.get(need.cadre)
            if need.ready_without_plan:
                without.append(need.cadre)
                ready.append(need.cadre)
            elif placed is not None and readiness.makes_ready(need, *placed):
                ready.append(need.cadre)
        lines.append(BenchLine(pool_id, pool.min_ready, tuple(ready), tuple(without)))
    return lines


def plan_bench(readiness: Readiness, assignments: Sequence[Assignment]) -> list[BenchRecord] | None:
    """The `bench` a plan with these assignments records (CONTRACT §6.3); None when the scenario has no
    pool (an edition-2 plan has none). Assignments of unknown cadres or slots take no part."""
    scenario = readiness.scenario
    if not scenario.pool:
        return None
    titles = {slot.id: slot.title for slot in scenario.slots}
    placements = {
        a.cadre: (titles[a.slot], date.fromisoformat(a.start))
        for a in assignments
        if a.slot in titles and a.start is not None
    }
    return [BenchRecord(**line.to_dict()) for line in bench_of(readiness, placements)]
