"""The after stage's encoding against enumeration (solver side, CONTRACT §6.4): on small random scenarios
with projected posts, the solver's optimum (with and without the LP reduction) is the best over every plan
the checker accepts of the rotations' objective plus the best valid `after`s for them, found by trying
every combination of each rotation's options (`afterwards.after_options`, which this test shares with the
model: the checker's own reading is lane `afterchk`'s brute force). What this holds is the model's part:
exactly one `after` where needed, none elsewhere, one cadre per post, the `after_home` score, the LP's
credit and the hint."""

from __future__ import annotations

import random
from datetime import date
from itertools import product
from typing import Any

import pytest

from models.dates import add_months
from models.plan import Plan
from models.scenario import Scenario
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.rules.afterwards import after_options, is_home, needs_after
from planner.solving import SolveOptions, solve
from tests.solving.test_solver_vs_bruteforce import BruteForce
from tests.support.builders import scenario_of
from tests.support.random_scenarios import SMALL, random_scenario


def with_posts(seed: int) -> dict[str, Any]:
    """A random scenario with 12-month rotations, a horizon inside the period, a few posts opening
    around the ends and some slots that may be kept."""
    data = random_scenario(seed, SMALL, edition3=False)
    draw = random.Random(1000 + seed)
    rules = data["rules"]
    rules["min_duration_months"] = min(rules.get("min_duration_months", 12), 12)
    rules["rotation_months"] = 12
    start = date.fromisoformat(data["period"]["start"])
    data["after_rotation"] = {
        "horizon": add_months(start, 12 + draw.choice([3, 6, 9])).isoformat(),
        "window_months": draw.choice([0, 3, 6]),
        "posts": [
            {
                "id": f"p{k}",
                "unit": draw.choice(data["units"])["id"],
                "title": draw.choice(sorted(data["titles"])),
                "open_from": add_months(start, 12 + draw.choice([0, 3, 6, 9])).isoformat(),
            }
            for k in range(draw.choice([1, 2, 3]))
        ],
    }
    for entry in data["slots"]:
        entry["may_stay"] = draw.random() < 0.2
    if draw.random() < 0.5:
        data["objective"] = {"weights": {"after_home": 7}}
    return data


def best_afters(index: Eligibility, scoring: Scoring, plan: tuple[tuple[str, str, int], ...]) -> float | None:
    """The most `after_home` any valid choice of afters gives these rotations; None when none is valid."""
    options = []
    for cadre_id, slot_id, start in plan:
        cadre, slot = index.cadre_index[cadre_id], index.slot_index[slot_id]
        if needs_after(index, index.starts[start]):
            options.append(
                [(cadre, option) for option in after_options(index, cadre, slot, index.starts[start])]
            )
    best = None
    for choice in product(*options):
        posts = [option.post.id for _, option in choice if option.post is not None]
        if len(posts) != len(set(posts)):
            continue
        home = sum(option.post is not None and is_home(index, cadre, option.post) for cadre, option in choice)
        value = home * scoring.after_home_weight
        best = value if best is None else max(best, value)
    return best


def optimum(scenario: Scenario) -> float | None:
    brute = BruteForce(scenario)
    index = Eligibility(scenario)
    scoring = Scoring(index)
    found = None
    for plan in brute.pruned_plans():
        if not brute.feasible(plan):
            continue
        extra = best_afters(index, scoring, plan)
        if extra is not None:
            value = brute.objective(plan) + extra
            found = value if found is None else max(found, value)
    return found


def afters_valid(scenario: Scenario, plan: Plan) -> bool:
    index = Eligibility(scenario)
    taken = []
    for a in plan.assignments:
        cadre, slot = index.cadre_index[a.cadre], index.slot_index[a.slot]
        start = date.fromisoformat(a.start or "")
        if not needs_after(index, start):
            if a.after is not None:
                return False
            continue
        allowed = [
            {"stay": True} if o.post is None else {"post": o.post.id, "start": o.start.isoformat()}
            for o in after_options(index, cadre, slot, start)
        ]
        if a.after not in allowed:
            return False
        taken += [a.after["post"]] if "post" in a.after else []
    return len(taken) == len(set(taken))


@pytest.mark.parametrize("seed", range(40))
def test_the_after_stage_is_exact(seed: int) -> None:
    scenario = scenario_of(with_posts(seed))
    best = optimum(scenario)
    for reduce in (True, False):
        plan = solve(scenario, SolveOptions(time_limit=20, workers=1, reduce=reduce, hint=reduce))
        if best is None:
            assert plan.status == "INFEASIBLE", (seed, reduce)
            continue
        assert plan.status == "OPTIMAL", (seed, reduce)
        assert plan.objective == pytest.approx(best), (seed, reduce)
        assert afters_valid(scenario, plan), (seed, reduce)
        assert sum(a.score or 0 for a in plan.assignments) == pytest.approx(best)
