"""Rule `bench_strength`, the readiness score and the plan's `bench` (CONTRACT §6.3), end to end: the model
keeps the rule where breaking it would pay, the LP reduction stays exact, the checker judges and
recomputes independently, the diagnosis names the rule and offers a lower `min_ready`."""

from __future__ import annotations

from typing import Any

import pytest

from models.changes import MinReady
from models.errors import InputError
from models.plan import Plan
from models.recorded_changes import apply_recorded_changes
from planner import check_plan, solve_or_diagnose
from planner.checker import check_plan as violations_of
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.explaining import explain_cadre
from planner.solving import SolveOptions, solve
from tests.rules.test_readiness import pool_scenario
from tests.support.builders import plan_of, scenario_of, slot, tiny_scenario
from tests.support.random_scenarios import random_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)


def tempted(min_ready: int | None, objective: dict[str, Any] | None = None) -> dict[str, Any]:
    """C01 scores 20 in `dep2.giam_doc` (gives no district experience) and 5 in `d1.pho_bi_thu` (gives
    it); C03 is ready without a plan; C02 is not planned for `pct`. With `min_ready: 2` the rule binds:
    C01 must take the district post by 2023-01-01 (ready_by 2025-01-01, 24 months)."""
    data = pool_scenario(min_ready=min_ready)
    data["cadres"][1] = data["cadres"][1] | {"planning": ["giam_doc_so"]}
    data["slots"] = [*data["slots"], slot("dep2.giam_doc")]
    data["scores"] = [
        {"cadre": "C01", "slot": "dep2.giam_doc", "score": 20},
        {"cadre": "C01", "slot": "d1.pho_bi_thu", "score": 5},
    ]
    data["objective"] = objective or {"explicit_scores_only": True}
    return data


def placed(plan: Plan, cadre: str) -> tuple[str, str | None] | None:
    return next(((a.slot, a.start) for a in plan.assignments if a.cadre == cadre), None)


def test_without_min_ready_the_tempting_post_wins() -> None:
    plan = solve(scenario_of(tempted(None)), OPTIONS)
    assert plan.status == "OPTIMAL" and plan.objective == 20
    assert placed(plan, "C01") == ("dep2.giam_doc", "2023-01-01")
    assert plan.bench is not None and plan.bench[0].ready == ["C03"]


@pytest.mark.parametrize("reduce", [True, False])
def test_the_model_keeps_bench_strength_with_and_without_the_lp_reduction(reduce: bool) -> None:
    scenario = scenario_of(tempted(2))
    plan = solve(scenario, SolveOptions(time_limit=10, workers=1, seed=0, reduce=reduce, hint=reduce))
    assert plan.status == "OPTIMAL" and plan.objective == 5 and plan.best_bound == 5
    assert placed(plan, "C01") == ("d1.pho_bi_thu", "2023-01-01")
    assert violations_of(scenario, plan) == []
    assert plan.bench is not None
    assert plan.bench[0].model_dump() == {
        "pool": "pct",
        "min_ready": 2,
        "ready": ["C01", "C03"],
        "ready_without_plan": ["C03"],
    }


def test_the_readiness_score_is_its_own_score_part() -> None:
    objective = {
        "explicit_scores_only": False,
        "weights": {
            "priority": 0,
            "development": 0,
            "allowance_cost": 0,
            "earlier_start": 0,
            "readiness": 16,
        },
    }
    scenario = scenario_of(tempted(None, objective))
    plan = solve(scenario, OPTIONS)
    # 5 + 16 in the district post beats 20 in the department.
    assert plan.status == "OPTIMAL" and plan.objective == 21
    (assignment,) = [a for a in plan.assignments if a.cadre == "C01"]
    assert assignment.slot == "d1.pho_bi_thu" and assignment.score == 21
    assert assignment.explanation is not None and assignment.explanation.components == {
        "explicit": 5,
        "readiness": 16,
    }


def test_explicit_scores_only_has_no_readiness_score() -> None:
    scoring = Scoring(Eligibility(scenario_of(tempted(None))))
    assert scoring.readiness_weight == 0
    assert scoring.components(0, 1, 0).get("readiness") is None


@pytest.mark.parametrize("seed", range(40))
def test_the_lp_bound_of_a_pair_covers_its_readiness_at_every_start(seed: int) -> None:
    """The relaxation adds `readiness_bounds` to each pair: never less than the score at any start."""
    eligibility = Eligibility(scenario_of(random_scenario(seed)))
    scoring = Scoring(eligibility)
    table = eligibility.pair_table
    bounds = scoring.readiness_bounds(table.cadre, table.slot, table.lo)
    for k in range(len(table)):
        cadre, slot = int(table.cadre[k]), int(table.slot[k])
        for start in range(int(table.lo[k]), int(table.hi[k]) + 1):
            assert scoring.readiness_value(cadre, slot, start) <= bounds[k]


def test_an_infeasible_min_ready_is_named_alone_and_repaired_by_lowering_it() -> None:
    plan = solve_or_diagnose(scenario_of(tempted(3)), OPTIONS)
    assert plan.status == "INFEASIBLE"
    assert [c.rules for c in plan.conflicts] == [["bench_strength"]]
    assert "pct" in plan.conflicts[0].message and "30/06/2025" not in plan.conflicts[0].message
    assert "01/01/2025" in plan.conflicts[0].message
    assert [r.change for r in plan.repairs] == [MinReady(pool="pct", value=2)]


def test_the_checker_judges_bench_strength_itself() -> None:
    scenario = scenario_of(tempted(2))
    late = plan_of(("C01", "d1.pho_bi_thu", "2023-04-01"))
    (violation,) = violations_of(scenario, late)
    assert (violation.rule, violation.cadre, violation.slot) == ("bench_strength", None, None)
    assert violation.message == (
        "pct: 1 cán bộ quy hoạch sẵn sàng trước 01/01/2025 (C03), cần ít nhất 2 / "
        "pct: 1 planned cadre ready by 01/01/2025 (C03), at least 2 needed"
    )
    assert violations_of(scenario, plan_of(("C01", "d1.pho_bi_thu", "2023-01-01"))) == []


def test_check_recomputes_the_bench_and_never_trusts_a_written_one() -> None:
    scenario = scenario_of(tempted(2))
    plan = solve(scenario, OPTIONS)
    result = check_plan(scenario, plan)
    assert result.valid and not result.bench_differs
    assert result.to_dict()["bench"] == [
        {"pool": "pct", "min_ready": 2, "ready": ["C01", "C03"], "ready_without_plan": ["C03"]}
    ]
    lying = plan.with_changes(bench=[{"pool": "pct", "min_ready": 2, "ready": ["C01", "C02", "C03"]}])
    assert check_plan(scenario, lying).bench_differs
    assert check_plan(scenario, lying).to_dict()["bench"] == result.to_dict()["bench"]
    assert not check_plan(scenario, plan.with_changes(bench=None)).bench_differs


def test_an_edition_2_plan_has_no_bench_and_checks_as_before() -> None:
    scenario = scenario_of(tiny_scenario())
    plan = solve(scenario, OPTIONS)
    assert "bench" not in plan.model_dump(mode="json")
    assert all("bench_strength" not in a.explanation.rules_checked for a in plan.assignments if a.explanation)
    assert check_plan(scenario, plan).to_dict() == {"valid": True, "violations": []}


def test_min_ready_change_applies_and_refuses_an_unknown_pool() -> None:
    scenario = scenario_of(tempted(3))
    lowered = MinReady(pool="pct", value=1).apply(scenario)
    assert lowered.pool[0].min_ready == 1 and scenario.pool[0].min_ready == 3
    assert (
        MinReady(pool="pct", value=1).text
        == "hạ số người sẵn sàng tối thiểu cho pct xuống 1 / lower min_ready of pct to 1"
    )
    with pytest.raises(InputError, match="pool"):
        apply_recorded_changes(scenario, [MinReady(pool="nope", value=1)], "plan.json")


def test_explain_shows_readiness_as_its_own_part_at_the_start_that_counts() -> None:
    objective = {"explicit_scores_only": False, "weights": {"earlier_start": 0, "readiness": 16}}
    scenario = scenario_of(tempted(None, objective))
    verdicts = {v.slot: v for v in explain_cadre(scenario, "C01").verdicts}
    assert verdicts["d1.pho_bi_thu"].score_parts.get("readiness") == 16  # at its first start, 2023-01-01
    assert "readiness" not in verdicts["dep2.giam_doc"].score_parts
    late = plan_of(("C01", "d1.pho_bi_thu", "2023-04-01"))
    later = {v.slot: v for v in explain_cadre(scenario, "C01", late).verdicts}
    assert "readiness" not in later["d1.pho_bi_thu"].score_parts  # too late for 01/01/2025
