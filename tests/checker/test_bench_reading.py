"""The checker's `bench_strength` and the plan's `bench` against a literal reading of CONTRACT §6.3 and
§6.6 on mutated plans.

The reading below walks the calendar itself: a placement gives its title's codes on the day that is
`experience_months` calendar months after its start (the day of the month kept, or the month's last day
where the month is shorter), and a planned cadre is ready for a pool title when each code it requires is
in the cadre's `experience` or given by one of its placements on or before `ready_by` (no `ready_by`: no
deadline). Plans are drawn around the pool of random scenarios (the planned cadres in posts that give its
codes, starting on a period start or a day next to the last start that is still in time), then mutated
one change at a time: a start a day earlier or later, another slot, a placement dropped, a second
placement added. For every plan the checker must name `bench_strength` for exactly the pool titles the
reading finds short, and recompute the bench the reading gives.
"""

from __future__ import annotations

import calendar
import random
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from models.dates import period_starts
from models.scenario import PoolTitle, Scenario
from planner.checker import check_plan as violations_of
from planner.checking import check_plan
from tests.support.builders import plan_of, scenario_of
from tests.support.random_scenarios import random_scenario

#: (cadre id, slot id, start)
Placed = tuple[str, str, date]


def _months_later(day: date, months: int) -> date:
    """The calendar day `months` months after `day`, the day of the month kept where the month has it."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _ready(scenario: Scenario, pool: PoolTitle, plan: list[Placed]) -> list[str]:
    titles = {slot.id: scenario.titles[slot.title] for slot in scenario.slots}
    months = scenario.rules.experience_months
    ready = []
    for cadre in scenario.cadres:
        if pool.id not in cadre.planning:
            continue
        gained = {
            code
            for cadre_id, slot_id, start in plan
            if cadre_id == cadre.id
            and (pool.ready_by is None or _months_later(start, months) <= pool.ready_by)
            for code in titles[slot_id].gives
        }
        if all(code in cadre.experience or code in gained for code in pool.requires_experience):
            ready.append(cadre.id)
    return ready


def _bench_by_reading(scenario: Scenario, plan: list[Placed]) -> list[dict[str, object]]:
    return [
        {
            "pool": pool.id,
            "min_ready": pool.min_ready,
            "ready": _ready(scenario, pool, plan),
            "ready_without_plan": _ready(scenario, pool, []),
        }
        for pool in scenario.pool
    ]


def _edge(scenario: Scenario, pool: PoolTitle) -> date | None:
    """The last start that still gives experience by `ready_by`."""
    if pool.ready_by is None:
        return None
    day = pool.ready_by
    while _months_later(day, scenario.rules.experience_months) > pool.ready_by:
        day -= timedelta(days=1)
    return day


def _base_plan(scenario: Scenario, rng: random.Random) -> list[Placed]:
    """Planned cadres first, each in a free slot (one whose title gives a code the pool needs, mostly),
    starting on a period start or next to the last start still in time; a few other cadres too."""
    pool = scenario.pool[0]
    period = scenario.period
    starts = period_starts(period.start, period.end, period.granularity)
    edge = _edge(scenario, pool)
    if edge is not None:
        starts += [edge - timedelta(days=1), edge, edge + timedelta(days=1)]
    giving = [
        s.id for s in scenario.slots if set(scenario.titles[s.title].gives) & set(pool.requires_experience)
    ]
    free = [s.id for s in scenario.slots]
    rng.shuffle(free)
    plan: list[Placed] = []
    for cadre in sorted(scenario.cadres, key=lambda c: pool.id not in c.planning):
        if not free or rng.random() < (0.2 if pool.id in cadre.planning else 0.6):
            continue
        wanted = [s for s in free if s in giving] if rng.random() < 0.7 else []
        slot = rng.choice(wanted or free)
        free.remove(slot)
        plan.append((cadre.id, slot, rng.choice(starts)))
    return plan


def _mutations(scenario: Scenario, plan: list[Placed], rng: random.Random) -> Iterator[list[Placed]]:
    yield plan
    slots = [s.id for s in scenario.slots]
    for k, (cadre, slot, start) in enumerate(plan):
        for days in (-1, 1):
            yield [*plan[:k], (cadre, slot, start + timedelta(days=days)), *plan[k + 1 :]]
        yield [*plan[:k], (cadre, rng.choice(slots), start), *plan[k + 1 :]]
        yield plan[:k] + plan[k + 1 :]
        yield [*plan, (cadre, rng.choice(slots), rng.choice([start for *_, start in plan]))]


def test_the_checker_reads_the_bench_as_the_contract_does() -> None:
    seen: Counter[str] = Counter()
    for seed in range(60):
        scenario = scenario_of(random_scenario(seed))
        if not scenario.pool:
            continue
        seen["scenarios with a pool"] += 1
        rng = random.Random(seed)
        for plan in _mutations(scenario, _base_plan(scenario, rng), rng):
            written = plan_of(*((c, s, start.isoformat()) for c, s, start in plan))
            expected = _bench_by_reading(scenario, plan)
            short = [
                line["pool"]
                for line in expected
                if line["min_ready"] is not None and len(line["ready"]) < line["min_ready"]  # type: ignore[arg-type]
            ]
            named = [v for v in violations_of(scenario, written) if v.rule == "bench_strength"]
            assert [v.message.split(":")[0] for v in named] == short, (seed, plan)
            assert all(v.cadre is None and v.slot is None for v in named)
            assert check_plan(scenario, written).to_dict()["bench"] == expected, (seed, plan)
            seen["short" if short else "enough"] += 1
            ready = sum(len(line["ready"]) - len(line["ready_without_plan"]) for line in expected)  # type: ignore[arg-type]
            seen["made ready by the plan" if ready else "none made ready"] += 1
    # The reading is not vacuous: both verdicts, and plans that make cadres ready, occur often.
    assert seen["scenarios with a pool"] >= 30, seen
    for outcome in ("short", "enough", "made ready by the plan", "none made ready"):
        assert seen[outcome] >= 30, seen
