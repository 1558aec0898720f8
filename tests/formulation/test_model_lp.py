"""The LP read from a built CP-SAT model (`planner.formulation.model_lp`) bounds every plan of it.

The bound goes into the model's objective domain and decides when a hint is an optimum, so a bound above
the optimum (in CP-SAT's minimised terms) would cut optimal plans away: on random scenarios it is checked
against CP-SAT's proven optimum of the same model, with the LP's own multipliers and with arbitrary ones,
and on a toy model of every constraint kind it reads against the LP value worked out by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
from ortools.sat.python import cp_model

from models.scenario import Scenario
from planner.checker import check_plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation import model_lp, reduction
from planner.formulation.build import build_model
from planner.solving import SolveOptions, solve
from tests.support.random_scenarios import LARGER, random_scenario


def _optimum_inner(model: cp_model.CpModel) -> int | None:
    """CP-SAT's proven optimum of the inner (minimised) objective; None when it has no plan."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 30
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return None
    assert status == cp_model.OPTIMAL
    objective = model.proto.objective
    values = solver.response_proto.solution
    return sum(c * values[v] for v, c in zip(objective.vars, objective.coeffs, strict=True))


def _model(seed: int) -> cp_model.CpModel:
    scenario = Scenario.model_validate(random_scenario(seed, LARGER) if seed % 2 else random_scenario(seed))
    eligibility = Eligibility(scenario)
    return build_model(eligibility, Scoring(eligibility)).model


@pytest.mark.parametrize("seed", range(40))
def test_the_bound_holds_for_the_optimum_and_an_integral_optimum_is_one(seed: int) -> None:
    model = _model(seed)
    lp = model_lp.solve_lp(model)
    optimum = _optimum_inner(model)
    if optimum is None or lp is None:
        return
    assert lp.inner_bound <= optimum
    if lp.reaches_bound(model):
        fixed = model.clone()
        for index, value in enumerate(lp.integral.tolist()):
            fixed.add(fixed.get_int_var_from_proto_index(index) == int(value))
        # An integral LP optimum reaching the bound is an optimum whenever it is a plan at all.
        assert _optimum_inner(fixed) in (None, optimum)
    bounded = model.clone()
    model_lp.bound_objective(bounded, lp.inner_bound)
    assert _optimum_inner(bounded) == optimum


@pytest.mark.parametrize("seed", range(10))
def test_any_multipliers_give_a_bound_below_the_lp_optimum(seed: int) -> None:
    rng = np.random.default_rng(seed)
    model = _model(seed)
    if not len(model.proto.objective.vars):  # nothing to bound (`solve_lp` returns None there too)
        return
    form = model_lp.LpForm.of(model)
    solved = form.solve()
    if solved is None:
        return
    x, y = solved
    value = float(form.cost @ x)
    assert form.bound(y) == pytest.approx(value, abs=1e-6)
    for _ in range(20):
        assert form.bound(y + rng.normal(0, 3, len(y))) <= value + 1e-6


def test_every_constraint_kind_is_read() -> None:
    """max a + b + c + d + e: a or not b; a => (b and c); at most one of (b, d); exactly one of (c, e);
    d + e <= 1 when a (enforced linear: left out); b + c + d <= 2.

    The LP value is 3 (a = c = 1, then b or d takes 1, e = 0 by exactly-one): a bound of 3, and the
    integral optimum a = b = c = 1 reaches it."""
    model = cp_model.CpModel()
    a, b, c, d, e = (model.new_bool_var(name) for name in "abcde")
    model.add_bool_or([a, ~b])
    model.add_bool_and([b, c]).only_enforce_if(a)
    model.add_at_most_one([b, d])
    model.add_exactly_one([c, e])
    model.add(d + e <= 1).only_enforce_if(a)
    model.add(b + c + d <= 2)
    model.maximize(a + b + c + d + e)
    lp = model_lp.solve_lp(model)
    assert lp is not None
    assert lp.inner_bound == -3  # CP-SAT stores the maximisation as the minimisation of -(a + ... + e)
    assert _optimum_inner(model) == -3
    model_lp.bound_objective(model, lp.inner_bound)
    assert list(model.proto.objective.domain) == [-3, 5]
    assert _optimum_inner(model) == -3


def test_a_model_without_objective_has_no_lp() -> None:
    model = cp_model.CpModel()
    model.new_bool_var("a")
    assert model_lp.solve_lp(model) is None


@pytest.mark.parametrize("seed", range(0, 60, 2))
def test_solving_with_the_kept_models_lp_keeps_the_optimum(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept model's LP bound in the objective domain and its integral optimum as the hint (which
    small models skip, `MODEL_LP_MIN_PAIRS`) change no optimum."""
    monkeypatch.setattr(reduction, "MODEL_LP_MIN_PAIRS", 0)
    scenario = Scenario.model_validate(random_scenario(seed, LARGER) if seed % 4 else random_scenario(seed))
    with_lp = solve(scenario, SolveOptions(time_limit=30, workers=1))
    plain = solve(scenario, SolveOptions(time_limit=30, workers=1, hint=False, reduce=False))
    assert with_lp.status == plain.status
    if plain.status == "OPTIMAL":
        assert with_lp.objective == plain.objective == with_lp.best_bound
        assert not check_plan(scenario, with_lp)
