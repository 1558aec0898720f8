"""What a plan does for the planning pool's bench (CONTRACT §6.3, §6.5), as data for the views.

`explain --cadre` and `--slot`, the reports, `compare` and the review app's plan page read these records.
Each is computed here from the scenario and the plan's assignments through `planner.rules.readiness` (the
one solver-side home of the readiness facts), never from a plan file's own `bench`: a file may be
hand-made, stale or wrong, and the views show what the scenario says the placements do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.plan import Plan
from models.scenario import Scenario
from planner.rules.readiness import PoolNeed, Readiness, bench_of


def _day(text: str | None) -> date | None:
    """A plan's start as a date; None for a start a hand-made plan left out or did not write as a date
    (the checker reports it; the bench counts no readiness from it)."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def plan_placements(scenario: Scenario, plan: Plan | None) -> dict[str, tuple[str, date]]:
    """`{cadre: (its slot's title, start)}` for each assignment naming a known cadre and slot and a
    start that is a date: the placements `bench_of` reads."""
    titles = {s.id: s.title for s in scenario.slots}
    cadres = {c.id for c in scenario.cadres}
    placed: dict[str, tuple[str, date]] = {}
    for a in plan.assignments if plan is not None else ():
        start = _day(a.start)
        if a.cadre in cadres and a.slot in titles and start is not None:
            placed.setdefault(a.cadre, (titles[a.slot], start))
    return placed


@dataclass(frozen=True)
class BenchRow:
    """One pool title's bench under a plan: planned cadres, those ready with no rotation at all, those
    ready with the plan, and the minimum the scenario asks (ids in the scenario's cadre order)."""

    pool: str
    name: str
    ready_by: date | None
    min_ready: int | None
    planned: tuple[str, ...]
    ready_without_plan: tuple[str, ...]
    ready: tuple[str, ...]

    @property
    def made_ready(self) -> tuple[str, ...]:
        """The cadres the plan's rotations make ready (ready with it, not without it)."""
        return tuple(c for c in self.ready if c not in self.ready_without_plan)

    @property
    def short_by(self) -> int:
        """How many more ready cadres `min_ready` asks for (0 when met or when there is no minimum)."""
        return max(0, (self.min_ready or 0) - len(self.ready))


def plan_bench(scenario: Scenario, plan: Plan | None) -> list[BenchRow]:
    """The bench of `plan` (None: no rotation at all), one row per pool title in the scenario's order;
    empty for a scenario without a pool."""
    readiness = Readiness(scenario)
    lines = bench_of(readiness, plan_placements(scenario, plan))
    return [
        BenchRow(
            pool=line.pool,
            name=readiness.pools[line.pool].name,
            ready_by=readiness.pools[line.pool].ready_by,
            min_ready=line.min_ready,
            planned=tuple(need.cadre for need in readiness.needs[line.pool]),
            ready_without_plan=line.ready_without_plan,
            ready=line.ready,
        )
        for line in lines
    ]


@dataclass(frozen=True)
class PoolReadiness:
    """A cadre and one pool title it is planned for: what experience it lacks, the last start from which a
    post that gives it still makes the cadre ready by the title's `ready_by`, and what the plan does."""

    pool: str
    name: str
    ready_by: date | None
    #: The experience codes the cadre lacks, in the pool title's order (empty: ready without the plan).
    missing: tuple[str, ...]
    #: `ready_by` - `rules.experience_months`: None when the cadre is ready already or there is no deadline.
    latest_start: date | None
    #: The last start date of the period on or before `latest_start` (None: none is early enough, or no
    #: deadline); with no deadline every start is in time.
    last_period_start: date | None
    #: Eligible posts whose title gives every missing code, from a first start in time.
    posts_in_time: tuple[str, ...]
    #: The plan's placement of the cadre (slot, start) and whether it makes the cadre ready for this title.
    placed: tuple[str, str] | None
    placement_makes_ready: bool
    #: The day the placement gives the missing experience (start + `rules.experience_months`), when its
    #: title gives every missing code, on time or not; else None.
    ready_on: date | None = None

    @property
    def ready_without_plan(self) -> bool:
        return not self.missing

    @property
    def ready(self) -> bool:
        return self.ready_without_plan or self.placement_makes_ready


@dataclass(frozen=True)
class PostReadiness:
    """A planned cadre whom a post's title gives every experience it lacks for a pool title: whether a
    placement here from its first admissible start makes it ready in time."""

    cadre: str
    pool: str
    missing: tuple[str, ...]
    latest_start: date | None
    #: The pair's first admissible start (None: the rules exclude the pair).
    first_start: date | None
    #: Whether the plan places this cadre here, and whether that placement, at the plan's start, makes
    #: it ready for this pool title.
    placed_here: bool
    placement_makes_ready: bool

    @property
    def eligible(self) -> bool:
        return self.first_start is not None

    @property
    def in_time(self) -> bool:
        """Eligible, from a first start no later than the latest start that still makes it ready."""
        return self.first_start is not None and (
            self.latest_start is None or self.first_start <= self.latest_start
        )


def _missing(readiness: Readiness, need: PoolNeed) -> tuple[str, ...]:
    return tuple(code for code in readiness.pools[need.pool].requires_experience if code in need.missing)


def _gives_all(scenario: Scenario, title: str, need: PoolNeed) -> bool:
    return need.missing <= set(scenario.titles[title].gives)


def cadre_readiness(
    scenario: Scenario,
    cadre_id: str,
    starts: list[date],
    first_starts: dict[str, date],
    placed: tuple[str, str] | None,
) -> list[PoolReadiness]:
    """Each pool title `cadre_id` is planned for (scenario order): its missing experience, the latest start
    that still makes it ready, the eligible posts that would (`first_starts`: each eligible slot's first
    admissible start for this cadre; `starts`: the period's start dates) and what `placed` does."""
    readiness = Readiness(scenario)
    titles = {s.id: s.title for s in scenario.slots}
    cadre = next(c for c in scenario.cadres if c.id == cadre_id)
    start = _day(placed[1]) if placed else None
    placed_title = titles.get(placed[0]) if placed else None
    rows = []
    for need in readiness.needs_of.get(cadre_id, []):
        pool = readiness.pools[need.pool]
        latest = None if need.ready_without_plan else readiness.latest_start(need)
        in_time = [
            slot
            for slot, first in first_starts.items()
            if not need.ready_without_plan
            and _gives_all(scenario, titles[slot], need)
            and (latest is None or first <= latest)
        ]
        makes_ready = (
            placed_title is not None
            and start is not None
            and need.pool in readiness.pools_made_ready(cadre, placed_title, start)
        )
        rows.append(
            PoolReadiness(
                pool=pool.id,
                name=pool.name,
                ready_by=pool.ready_by,
                missing=_missing(readiness, need),
                latest_start=latest,
                last_period_start=max((s for s in starts if s <= latest), default=None) if latest else None,
                posts_in_time=tuple(in_time),
                placed=placed,
                placement_makes_ready=makes_ready,
                ready_on=(
                    readiness.ready_on(start)
                    if placed_title is not None
                    and start is not None
                    and not need.ready_without_plan
                    and _gives_all(scenario, placed_title, need)
                    else None
                ),
            )
        )
    return rows


def post_readiness(
    scenario: Scenario, slot_id: str, first_starts: dict[str, date], placed: tuple[str, str] | None
) -> list[PostReadiness]:
    """The planned cadres not yet ready for a pool title whose every missing code the post's title gives
    (`first_starts`: each eligible cadre's first admissible start in this post; `placed`: the plan's
    (cadre, start) here), those a placement would make ready in time first."""
    readiness = Readiness(scenario)
    title = next(s.title for s in scenario.slots if s.id == slot_id)
    start = _day(placed[1]) if placed else None

    def made_ready(need: PoolNeed) -> bool:
        return (
            placed is not None
            and placed[0] == need.cadre
            and start is not None
            and (readiness.makes_ready(need, title, start))
        )

    rows = [
        PostReadiness(
            cadre=need.cadre,
            pool=need.pool,
            missing=_missing(readiness, need),
            latest_start=readiness.latest_start(need),
            first_start=first_starts.get(need.cadre),
            placed_here=placed is not None and placed[0] == need.cadre,
            placement_makes_ready=made_ready(need),
        )
        for needs in readiness.needs.values()
        for need in needs
        if not need.ready_without_plan and _gives_all(scenario, title, need)
    ]
    return sorted(rows, key=lambda r: (not r.in_time, not r.eligible))
