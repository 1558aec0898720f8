"""A shortlist (`rules.only_scored_pairs`) is solved over its listed pairs alone, and exactly.

The sparse path: the table is built from the listed cells (`planner.eligibility.arrays`), the LP's
first columns are chosen by a sort of the pairs (`reduction._first_columns_sparse`), never on a dense
cadre x slot array. Each test compares it with a path that does not use it: the same pairs allowed by
forbidding every other pair, the plain model, or scipy's matching.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from bench import assignp
from models.scenario import Scenario
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation import reduction
from planner.formulation.relaxation import Relaxation
from planner.solving import SolveOptions, solve
from tests.support.random_scenarios import LARGER, random_scenario

EXACT = SolveOptions(time_limit=30, workers=1)
PLAIN = SolveOptions(time_limit=30, workers=1, hint=False, reduce=False)


def _sparse_instance(seed: int, n: int, density: float) -> np.ndarray:
    """(i, j, c) rows of a random n x n assignment instance with a perfect matching (the diagonal)."""
    rng = np.random.default_rng(seed)
    allowed = rng.random((n, n)) < density
    allowed[np.arange(n), rng.permutation(n)] = True
    i, j = np.nonzero(allowed)
    return np.column_stack([i, j, rng.integers(1, 100, len(i))])


def _forbidding_the_rest(data: dict, n: int, triples: np.ndarray) -> dict:
    """The same instance without the shortlist: every unlisted pair forbidden one by one."""
    allowed = {(int(i), int(j)) for i, j, _ in triples}
    forbids = [
        {"cadre": f"C{i + 1}", "slot": f"S{j + 1}"}
        for i in range(n)
        for j in range(n)
        if (i, j) not in allowed
    ]
    return {**data, "rules": {**data["rules"], "only_scored_pairs": False}, "forbids": forbids}


@pytest.mark.parametrize("seed", range(8))
def test_a_shortlisted_assignment_is_solved_exactly_through_the_sparse_path(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 14 + seed
    triples = _sparse_instance(seed, n, density=0.2)
    data = assignp.scenario(f"sparse{seed}", n, triples)
    cost = np.full((n, n), 10**6)
    cost[triples[:, 0], triples[:, 1]] = triples[:, 2]
    rows, cols = linear_sum_assignment(cost)
    optimum = int(cost[rows, cols].sum())
    # Column generation (and its sparse first columns) even on a table this small.
    monkeypatch.setattr(reduction, "SPARSE_ALL_COLUMNS_BELOW", 0)
    monkeypatch.setattr(reduction, "ALL_COLUMNS_BELOW", 0)
    shortlisted = Scenario.model_validate(data)
    elig = Eligibility(shortlisted)
    assert len(elig.pair_table) == len(triples)
    fast = solve(shortlisted, EXACT)
    assert fast.status == "OPTIMAL"
    assert assignp.cost_of(fast.objective, n, triples) == optimum
    forbidden = solve(Scenario.model_validate(_forbidding_the_rest(data, n, triples)), EXACT)
    plain = solve(shortlisted, PLAIN)
    assert forbidden.objective == plain.objective == fast.objective
    assert forbidden.best_bound == fast.best_bound
    listed = {(f"C{i + 1}", f"S{j + 1}") for i, j, _ in triples}
    assert {(a.cadre, a.slot) for a in fast.assignments} <= listed


@pytest.mark.parametrize("seed", range(0, 120, 3))
def test_random_shortlists_keep_the_optimum_with_generated_columns(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random scenarios (every rule) under a shortlist: the LP by column generation from the sparse
    first columns, the reduction and the hint give the plain model's optimum."""
    data = random_scenario(seed, LARGER)
    data["rules"] = {**data.get("rules", {}), "only_scored_pairs": True}
    scenario = Scenario.model_validate(data)
    monkeypatch.setattr(reduction, "SPARSE_ALL_COLUMNS_BELOW", 0)
    monkeypatch.setattr(reduction, "ALL_COLUMNS_BELOW", 0)
    fast, plain = solve(scenario, EXACT), solve(scenario, PLAIN)
    assert fast.status == plain.status
    if plain.status == "OPTIMAL":
        assert fast.objective == plain.objective
        assert fast.best_bound == plain.best_bound


def _best_per_group(group: np.ndarray, worth: np.ndarray, per: int) -> set[int]:
    chosen: set[int] = set()
    for g in np.unique(group):
        members = [k for k in range(len(group)) if group[k] == g]
        chosen |= set(sorted(members, key=lambda k: (-worth[k], k))[:per])
    return chosen


@pytest.mark.parametrize("seed", range(6))
def test_sparse_first_columns_are_the_best_of_each_cadre_and_slot(seed: int) -> None:
    n = 20 + 5 * seed
    triples = _sparse_instance(seed, n, density=0.15)
    elig = Eligibility(Scenario.model_validate(assignp.scenario("s", n, triples)))
    scoring, table = Scoring(elig), elig.pair_table
    relaxation = Relaxation(elig, scoring, table, scoring.pair_values(table.cadre, table.slot))
    worth = relaxation.values + relaxation.first_start_value
    expected = _best_per_group(table.cadre, worth, reduction.FIRST_COLUMNS_PER_CADRE) | _best_per_group(
        table.slot, worth, reduction.FIRST_COLUMNS_PER_SLOT
    )
    assert set(reduction._first_columns_sparse(relaxation).tolist()) == expected
    assert len(table) < reduction.SPARSE_SHARE * n * n  # so `_first_columns` takes the sparse path
    assert set(reduction._first_columns(relaxation).tolist()) == expected
