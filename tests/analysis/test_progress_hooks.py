"""What a long interactive run tells its caller (issue 24, item 5): which plan of a plan set is being
sought, which why-not re-solve is running, and the bound only when it says something beside the
objective. The console's lines built on these are tested in tests/cli/test_progress_lines.py."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from models import AddPin
from models.loading import load_scenario
from planner.analysis.plan_set import run_plan_set
from planner.explaining import explain_plan
from planner.hooks import PlanStart, Progress, SolveHooks, StepProgress
from planner.infeasibility import solve_or_diagnose
from planner.solving import SolveOptions, solve
from tests.support.paths import EXAMPLE, REFERENCE

OPTIONS = SolveOptions(time_limit=20, workers=1, seed=0)


def test_each_plan_of_a_set_is_announced_as_plan_k_of_n(tmp_path: Path) -> None:
    heard: list[PlanStart] = []
    plans = run_plan_set(
        load_scenario(REFERENCE),
        tmp_path / "plan.json",
        OPTIONS,
        variants=["quota-7"],
        hooks=SolveHooks(on_plan=heard.append),
    )
    assert [(p.number, p.total, p.variant, p.rank) for p in heard] == [
        (1, 2, None, 1),
        (2, 2, "quota-7", 1),
    ]
    assert len(plans.files) == 2
    assert heard[0].elapsed <= heard[1].elapsed


def test_alternatives_are_announced_by_rank(tmp_path: Path) -> None:
    heard: list[PlanStart] = []
    plans = run_plan_set(
        load_scenario(EXAMPLE),
        tmp_path / "plan.json",
        OPTIONS,
        alternatives=2,
        hooks=SolveHooks(on_plan=heard.append),
    )
    assert len(plans.files) == 2, "the example has a second plan"
    assert [(p.number, p.total, p.variant, p.rank) for p in heard] == [(1, 2, None, 1), (2, 2, None, 2)]


def test_a_single_plan_is_not_announced(tmp_path: Path) -> None:
    heard: list[PlanStart] = []
    run_plan_set(
        load_scenario(EXAMPLE), tmp_path / "plan.json", OPTIONS, hooks=SolveHooks(on_plan=heard.append)
    )
    assert heard == []


def test_announcing_plans_changes_no_plan(tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLE)
    quiet = run_plan_set(scenario, tmp_path / "a.json", OPTIONS, alternatives=3)
    told = run_plan_set(
        scenario, tmp_path / "b.json", OPTIONS, alternatives=3, hooks=SolveHooks(on_plan=lambda _: None)
    )
    assert [f.plan.assignments for f in quiet.files] == [f.plan.assignments for f in told.files]
    assert [f.plan.objective for f in quiet.files] == [f.plan.objective for f in told.files]


def test_each_why_not_re_solve_is_announced() -> None:
    scenario = load_scenario(REFERENCE)
    base = solve(scenario, OPTIONS)
    steps: list[StepProgress] = []
    explained = explain_plan(
        scenario, base, cadre="C087", options=OPTIONS, hooks=SolveHooks(on_step=steps.append)
    )
    assert explained.why_not is not None
    forced = explained.why_not.forced
    assert forced, "C087 has better-scoring posts on the reference"
    assert [s.step_en for s in steps] == [
        f"forcing post {k}/{len(forced)} ({f.slot})" for k, f in enumerate(forced, start=1)
    ]
    assert all("buộc vào vị trí" in s.step_vi for s in steps)


def test_the_base_solve_of_an_explanation_is_announced() -> None:
    steps: list[StepProgress] = []
    explain_plan(
        load_scenario(EXAMPLE), None, cadre="C01", options=OPTIONS, hooks=SolveHooks(on_step=steps.append)
    )
    assert steps and steps[0].step_en == "solving the base plan"


@pytest.mark.parametrize(
    ("objective", "bound", "shown"),
    [
        (371, 383, 383),  # the reduced model's bound: a few points above the plan
        (376, 2288, None),  # an alternative's unreduced model early on: six times the plan
        (385, 385, 385),
        (math.nan, 2288, None),  # no plan yet
        (385, math.inf, None),
        (-100, -60, -60),  # a negative objective: the gap is measured against its size
        (-100, 10, None),
    ],
)
def test_the_bound_is_shown_only_when_comparable(objective: float, bound: float, shown: float | None) -> None:
    assert Progress(objective, bound, 1.5).comparable_bound == shown


def test_a_diagnosis_says_it_is_building_its_model_before_its_first_search() -> None:
    steps: list[StepProgress] = []
    pinned = AddPin(cadre="C087", slot="thoi_lai.bi_thu").apply(load_scenario(REFERENCE))
    plan = solve_or_diagnose(pinned, OPTIONS, hooks=SolveHooks(on_step=steps.append))
    assert plan.status == "INFEASIBLE"
    assert [s.step_en for s in steps[:2]] == [
        "building the diagnosis model",
        "looking for a conflicting set of rules",
    ]
