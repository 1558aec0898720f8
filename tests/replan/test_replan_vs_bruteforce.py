"""`replan_as_of` against brute force on small random scenarios (tests/support/random_scenarios.py).

Each case: a random scenario that has a plan, that plan (the one being carried out), an as-of date inside the period and one
random fact change (a cadre falls ill or must rotate, a slot closes earlier, the quota moves). The
re-plan must find a plan exactly when the brute force does, with the brute force's fewest changes and,
among those, its best objective (or its best objective minus the change cost); it must keep the history
as it was, count its changes as the brute force counts them, and pass the independent checker with the
same as-of date. With no plan, it must say INFEASIBLE and name conflicts.
"""

from __future__ import annotations

import functools
import random
from datetime import date

import pytest

from models.errors import InputError
from models.overrides import apply_overrides
from models.plan import Plan
from planner import SolveOptions, check_plan, replan_as_of, solve
from tests.replan.bruteforce import BruteReplan, changes_between
from tests.support.builders import scenario_of
from tests.support.random_scenarios import SMALL, random_scenario

OPTIONS = SolveOptions(time_limit=20, workers=1, seed=0)
CASES = 40
TOLERANCE = 1e-6


@functools.cache
def _solved_seeds() -> tuple[int, ...]:
    """Seeds of random scenarios with a plan: the plan is the one being carried out."""
    found = []
    for seed in range(400):
        if len(found) == CASES:
            break
        if solve(scenario_of(random_scenario(seed, SMALL)), OPTIONS).status == "OPTIMAL":
            found.append(seed)
    return tuple(found)


def _case(case: int):
    seed = _solved_seeds()[case]
    rng = random.Random(seed)
    scenario = scenario_of(random_scenario(seed, SMALL))
    old = solve(scenario, OPTIONS)
    starts = BruteReplan(scenario, old, scenario.period.start).starts
    as_of = date.fromisoformat(rng.choice(starts[1:] or starts))
    future = [a.cadre for a in old.assignments if (a.start or "") >= as_of.isoformat()]
    cadre = rng.choice(future) if future and rng.random() < 0.6 else rng.choice(scenario.cadres).id
    slot = rng.choice(scenario.slots).id
    event = rng.choice(
        [
            {f"cadres[{cadre}].health_ok": False},
            {f"cadres[{cadre}].health_ok": False},
            {f"cadres[{cadre}].must_rotate": True},
            {f"slots[{slot}].fill_by": rng.choice(starts)},
            {"rules.quota.min": rng.randint(0, 3)},
            {},
        ]
    )
    try:
        changed = apply_overrides(scenario, event)
    except InputError:  # e.g. a fill-by before the slot opens: no such event
        changed = scenario
    return changed, old.model_copy(update={"scenario_hash": None}), as_of


def _placements(plan: Plan) -> list[tuple[str, str, str]]:
    return [(a.cadre, a.slot, a.start or "") for a in plan.assignments]


@pytest.mark.parametrize("change_cost", [None, 0.5, 4])
@pytest.mark.parametrize("case", range(CASES))
def test_replan_matches_brute_force(case: int, change_cost: float | None) -> None:
    scenario, old, as_of = _case(case)
    brute = BruteReplan(scenario, old, as_of)
    best = brute.best(change_cost)
    result = replan_as_of(scenario, old, as_of, change_cost=change_cost, options=OPTIONS)
    new = result.plan
    why = f"case {case}, as of {as_of}: brute {best}, got {new.status} {new.objective} {_placements(new)}"
    if best is None:
        assert new.status == "INFEASIBLE", why
        assert new.assignments == [] and new.conflicts, why
        return
    assert new.status == "OPTIMAL", why
    placed = _placements(new)
    changes = changes_between(_placements(old), placed, as_of)
    assert new.replan is not None and len(new.replan.changes) == changes, why
    if change_cost is None:
        assert changes == best.changes, why
        assert abs(new.objective - best.objective) <= TOLERANCE, why
    else:
        got = new.objective - change_cost * changes
        assert abs(got - (best.objective - change_cost * best.changes)) <= TOLERANCE, why
    assert abs(brute.objective(tuple(placed)) - new.objective) <= TOLERANCE, why
    history = [a for a in new.assignments if a.history]
    assert sorted(_placements(new)[i] for i, a in enumerate(new.assignments) if a.history) == sorted(
        brute.history
    ), why
    assert all(a.start < as_of.isoformat() for a in history), why
    assert all(a.start >= as_of.isoformat() for a in new.assignments if not a.history), why
    assert check_plan(scenario, new, as_of).valid, why


def test_cases_are_not_degenerate() -> None:
    """The cases include history, changes forced by the event, and infeasible re-plans."""
    kinds = set()
    for case in range(CASES):
        scenario, old, as_of = _case(case)
        brute = BruteReplan(scenario, old, as_of)
        best = brute.best()
        kinds.add("history" if brute.history else "no history")
        kinds.add("infeasible" if best is None else ("changes" if best.changes else "no change"))
        if best is not None and best.changes and brute.history:
            kinds.add("changes after history")
    assert {"history", "changes", "no change", "infeasible", "changes after history"} <= kinds, kinds
