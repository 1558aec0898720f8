"""A solve cut short by its limit is reproducible (CONTRACT §5: same scenario, seed and workers, same plan),
however loaded the machine: the limit is CP-SAT's deterministic time, not the clock's. The wall-clock cap
behind it is a safety net, and a plan it cut says it may not be reproduced."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.loading import load_scenario
from models.plan import Plan
from models.scenario import Scenario
from planner.data.generate import generate, write_scenario
from planner.solving import WALL_CLOCK_FACTOR, WALL_CLOCK_MARGIN, SolveOptions, solve


def _spin(until: float) -> None:
    while time.monotonic() < until:
        pass


@contextmanager
def _busy_machine(seconds: float = 60.0) -> Iterator[None]:
    """Every core busy with another process while the block runs: the clock runs, the search crawls."""
    until = time.monotonic() + seconds
    spinners = [
        multiprocessing.Process(target=_spin, args=(until,)) for _ in range(multiprocessing.cpu_count())
    ]
    for spinner in spinners:
        spinner.start()
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.terminate()
            spinner.join()


def _generated(tmp_path: Path, cadres: int, slots: int, seed: int) -> Scenario:
    return load_scenario(write_scenario(generate(cadres, slots, seed), tmp_path))


def _placements(plan: Plan) -> list[tuple[str, str, str | None]]:
    return [(a.cadre, a.slot, a.start) for a in plan.assignments]


@pytest.mark.parametrize(
    ("size", "options"),
    [
        # The default path: LP reduction and hint, one worker on the kept model.
        ((300, 100, 1), SolveOptions(time_limit=0.13, workers=1)),
        # Two interleaved workers on the full model.
        ((120, 30, 2), SolveOptions(time_limit=0.4, workers=2, hint=False, reduce=False)),
    ],
    ids=["reduced-one-worker", "full-two-workers"],
)
def test_a_solve_stopped_by_its_limit_gives_the_same_plan_on_a_busy_machine(
    tmp_path: Path, size: tuple[int, int, int], options: SolveOptions
) -> None:
    scenario = _generated(tmp_path, *size)
    quiet = solve(scenario, options)
    with _busy_machine():
        busy = solve(scenario, options)
    assert quiet.status == "FEASIBLE", "the limit must cut the search for this test to mean anything"
    assert quiet.solver.limit_reached == "deterministic" and quiet.solver.reproducible
    assert (busy.status, busy.objective, _placements(busy)) == (
        quiet.status,
        quiet.objective,
        _placements(quiet),
    )
    assert busy.solver.deterministic_seconds == quiet.solver.deterministic_seconds


def test_a_finished_search_reaches_no_limit(tmp_path: Path) -> None:
    plan = solve(_generated(tmp_path, 60, 16, 0), SolveOptions(time_limit=30, workers=1))
    assert plan.status == "OPTIMAL"
    assert plan.solver.limit_reached is None and plan.solver.reproducible
    assert plan.solver.wall_clock_cap_seconds == WALL_CLOCK_FACTOR * 30 + WALL_CLOCK_MARGIN


def test_a_plan_the_wall_clock_cap_cut_says_it_may_not_be_reproduced(tmp_path: Path) -> None:
    scenario = _generated(tmp_path, 120, 30, 2)
    options = SolveOptions(time_limit=1000, wall_clock_limit=0.3, workers=2, hint=False, reduce=False)
    plan = solve(scenario, options)
    assert plan.status in ("FEASIBLE", "UNKNOWN")
    assert plan.solver.limit_reached == "wall_clock"
    assert plan.solver.reproducible is False
    assert plan.solver.wall_clock_cap_seconds == 0.3
