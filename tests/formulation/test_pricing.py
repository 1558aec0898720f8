"""Pricing the dropped pairs against the kept model's LP (`planner.formulation.pricing`) never bounds a plan
below what it reaches.

A bound too low would prove a pair out of the optimum wrongly, so on random scenarios with a first kept set
made small (so that many pairs are dropped and priced) every sampled dropped pair's priced bound is
compared with the best plan that uses it (CP-SAT on the full model with that pair chosen), and the solve
that uses the prices must keep the optimum of the plain model.
"""

from __future__ import annotations

import numpy as np
import pytest
from ortools.sat.python import cp_model

from models.scenario import Scenario
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation import pricing, reduction
from planner.formulation.build import build_model
from planner.rules.rows import Row
from planner.solving import SolveOptions, solve
from tests.support.random_scenarios import LARGER, random_scenario


def test_every_rule_with_model_rows_is_priced() -> None:
    """A new rule that adds rows to the model must be priced (or the pricing would miss its rows)."""
    assert pricing.rules_with_rows() <= pricing.PRICED


def test_every_recorded_row_is_keyed_by_its_kind(contract_example: Scenario) -> None:
    """The rules and the model's structure record rows under `Row` keys, the ones the pricing reads (a
    bare string would be a row the pricing never finds)."""
    eligibility = Eligibility(contract_example)
    ctx = build_model(eligibility, Scoring(eligibility))
    kinds = {key[0] for key in ctx.rows}
    assert all(isinstance(kind, Row) for kind in kinds), kinds
    assert {Row.LINK, Row.CADRE, Row.SLOT, Row.QUOTA_MIN} <= kinds


def _best_with(scenario: Scenario, cadre: int, slot: int) -> float | None:
    """The best objective (scaled) of a plan of the full model that uses the pair; None if there is none."""
    eligibility = Eligibility(scenario)
    ctx = build_model(eligibility, Scoring(eligibility))
    k = next(k for k, pair in enumerate(ctx.variables.pairs) if (pair.cadre, pair.slot) == (cadre, slot))
    ctx.model.add(ctx.variables.pair_vars[k] == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 20
    status = solver.solve(ctx.model)
    if status == cp_model.INFEASIBLE:
        return None
    assert status == cp_model.OPTIMAL
    return solver.objective_value


def _priced(scenario: Scenario) -> reduction.Reduction | None:
    """The reduction of the scenario with a small first kept set, its dropped pairs priced."""
    eligibility = Eligibility(scenario)
    scoring = Scoring(eligibility)
    prepared = reduction.prepare(eligibility, scoring, reduce=True)
    if prepared is None or prepared.keep.all():
        return None
    ctx = prepared.build(prepared.hint)
    prepared.price(ctx)
    return prepared if prepared.priced is not None else None


@pytest.mark.parametrize("seed", range(1, 40, 2))
def test_a_priced_bound_is_never_below_a_plan_using_the_pair(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reduction, "MODEL_LP_MIN_PAIRS", 0)
    monkeypatch.setattr(reduction, "KEEP_PER_SLOT", 1)
    scenario = Scenario.model_validate(random_scenario(seed, LARGER))
    priced = _priced(scenario)
    if priced is None:
        return
    table = priced.relaxation.table
    dropped = np.nonzero(~priced.keep)[0]
    rng = np.random.default_rng(seed)
    for k in rng.choice(dropped, size=min(6, len(dropped)), replace=False).tolist():
        best = _best_with(scenario, int(table.cadre[k]), int(table.slot[k]))
        if best is not None:
            assert priced.priced[k] >= best - 1e-6


@pytest.mark.parametrize("seed", range(0, 60, 2))
def test_solving_with_priced_pairs_keeps_the_optimum(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reduction, "MODEL_LP_MIN_PAIRS", 0)
    monkeypatch.setattr(reduction, "KEEP_PER_SLOT", 1)
    scenario = Scenario.model_validate(random_scenario(seed, LARGER))
    priced = solve(scenario, SolveOptions(time_limit=30, workers=1, hint=False))
    plain = solve(scenario, SolveOptions(time_limit=30, workers=1, hint=False, reduce=False))
    assert priced.status == plain.status
    if plain.status == "OPTIMAL":
        assert priced.objective == plain.objective == priced.best_bound
        assert not check_plan(scenario, priced)
