"""The checker's own reading of the planning pool (CONTRACT §6.3, §6.6): who is ready, the plan's bench,
and rule `bench_strength`.

Written from the contract alone, sharing nothing with the solver side's readiness code, so that a
mistake there shows up here as a violation or a bench that differs. Readiness is judged code by code:
each code a pool title requires is in the cadre's `experience`, or given by the title of a slot the plan
assigns it, starting at least `rules.experience_months` months before the title's `ready_by` (no
`ready_by`: no deadline). Every placement counts, history included: the bench is the whole plan's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from models.dates import add_months
from models.plan import Plan
from models.scenario import Cadre, PoolTitle, Scenario
from planner.checker.context import CheckContext, Placement, Violation, day_text


def _gained(scenario: Scenario, placements: Iterable[Placement], pool: PoolTitle) -> set[str]:
    """The experience codes the placements give in time for `pool`."""
    months = scenario.rules.experience_months
    return {
        code
        for p in placements
        if pool.ready_by is None or add_months(p.start, months) <= pool.ready_by
        for code in p.title.gives
    }


def _planned(scenario: Scenario, pool: PoolTitle) -> list[Cadre]:
    """The cadres planned for `pool` (its id among their `planning`), in the scenario's order."""
    return [cadre for cadre in scenario.cadres if pool.id in cadre.planning]


def bench_lines(scenario: Scenario, placements: Iterable[Placement]) -> list[dict[str, object]]:
    """One line per pool title, in the scenario's order: `{pool, min_ready, ready, ready_without_plan}`
    (CONTRACT §6.3), ids in the scenario's cadre order."""
    by_cadre: dict[str, list[Placement]] = {}
    for p in placements:
        by_cadre.setdefault(p.cadre.id, []).append(p)
    lines: list[dict[str, object]] = []
    for pool in scenario.pool:
        ready, without = [], []
        for cadre in _planned(scenario, pool):
            missing = set(pool.requires_experience) - set(cadre.experience)
            if not missing:
                without.append(cadre.id)
            if missing <= _gained(scenario, by_cadre.get(cadre.id, ()), pool):
                ready.append(cadre.id)
        lines.append(
            {"pool": pool.id, "min_ready": pool.min_ready, "ready": ready, "ready_without_plan": without}
        )
    return lines


def check_bench_strength(ctx: CheckContext) -> Iterator[Violation]:
    """A pool title with `min_ready` N has fewer than N planned cadres ready (one violation per title)."""
    pools = {pool.id: pool for pool in ctx.scenario.pool}
    for line in bench_lines(ctx.scenario, ctx.placements):
        pool = pools[str(line["pool"])]
        ready = list(line["ready"])  # type: ignore[call-overload]  # a list of ids, built above
        if pool.min_ready is None or len(ready) >= pool.min_ready:
            continue
        ids = ", ".join(ready) or "không ai / none"
        by_vi = f" trước {day_text(pool.ready_by)}" if pool.ready_by else ""
        by_en = f" by {day_text(pool.ready_by)}" if pool.ready_by else ""
        noun = "cadre" if len(ready) == 1 else "cadres"
        message = (
            f"{pool.id}: {len(ready)} cán bộ quy hoạch sẵn sàng{by_vi} ({ids}), cần ít nhất {pool.min_ready} / "
            f"{pool.id}: {len(ready)} planned {noun} ready{by_en} ({ids}), at least {pool.min_ready} needed"
        )
        yield Violation(rule="bench_strength", cadre=None, slot=None, message=message)


def _comparable(lines: Iterable[dict[str, object]]) -> dict[str, tuple[object, list[str], list[str]]]:
    return {
        str(line["pool"]): (
            line.get("min_ready"),
            sorted(line.get("ready") or []),  # type: ignore[call-overload]
            sorted(line.get("ready_without_plan") or []),  # type: ignore[call-overload]
        )
        for line in lines
    }


def bench_differs(plan: Plan, recomputed: list[dict[str, object]]) -> bool:
    """Whether the plan records a `bench` other than the one recomputed (a plan without one: no)."""
    if plan.bench is None:
        return False
    written = [line.model_dump() for line in plan.bench]
    return _comparable(written) != _comparable(recomputed)
