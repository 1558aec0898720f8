"""The diagnosis' shortcuts (issue 24, item 5) change how much it searches, not what it finds.

Three of them: the start variables made without a `Domain` each (`_new_bools`), the subset models' pools of free pairs read `counts_against_cap` through its factors, once
per cadre and start (`planner.infeasibility.model._pools`), and a core search without one member of the
first conflict is preceded by a short search for a plan, whose plan may also settle later members
(`ConflictSearch.others`). On the 2022-2025 reference's health what-if the diagnosis spent 3.1
deterministic seconds (three whole-model searches with a second of probing each); now about one.
"""

from __future__ import annotations

import random

import pytest
from ortools.sat.python import cp_model

from models.loading import load_scenario
from models.overrides import apply_overrides
from planner.checker import check_plan
from planner.eligibility.table import Eligibility
from planner.infeasibility import budget as budget_module
from planner.infeasibility import solve_or_diagnose
from planner.infeasibility.model import _new_bools, _pools
from planner.rules.youth_heads import counts_against_cap
from planner.solving import SolveOptions
from tests.support.builders import edition2_part
from tests.support.paths import ROOT

REFERENCE = ROOT / "scenarios" / "can-tho-2022-2025.yaml"


@pytest.mark.parametrize("seed", [0, 1])
def test_pools_follow_counts_against_cap_pair_by_pair(seed: int) -> None:
    """Each free pair sits, at each start, in the pool of its own class, in the order of the free pairs;
    the classes come in the order they first appear, as they did when asked triple by triple."""
    eligibility = Eligibility(load_scenario(REFERENCE))
    rng = random.Random(seed)
    every = [(c, s) for c in range(len(eligibility.cadres)) for s in range(len(eligibility.slots))]
    free = [pair for pair in every if rng.random() < 0.8]
    expected: dict[tuple[int, bool], list[tuple[int, int]]] = {}
    for cadre, slot in free:
        for start in range(len(eligibility.starts)):
            counts = counts_against_cap(eligibility, cadre, slot, start)
            expected.setdefault((start, counts), []).append((cadre, slot))
    pools = _pools(cp_model.CpModel(), eligibility, free)
    assert list(pools) == list(expected)
    assert {key: pairs for key, (_, pairs) in pools.items()} == expected
    assert any(key[1] for key in pools)  # young heads are among them: both classes are exercised


def test_start_variables_made_at_once_are_new_bool_vars() -> None:
    plain, quick = cp_model.CpModel(), cp_model.CpModel()
    made = [plain.new_bool_var("") for _ in range(5)]
    assert [v.index for v in _new_bools(quick, 5)] == [v.index for v in made]
    assert str(quick.proto) == str(plain.proto)


def test_health_what_if_on_the_reference_spends_a_third_of_the_search() -> None:
    """Same conflict, same verdict on other conflicts, a third of the deterministic time."""
    scenario = apply_overrides(edition2_part(load_scenario(REFERENCE)), {"cadres[C056].health_ok": False})
    spent: list[float] = []
    book = budget_module.DiagnosisBudget._book

    def counting(self, amount: float) -> None:
        spent.append(amount)
        book(self, amount)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budget_module.DiagnosisBudget, "_book", counting)
        plan = solve_or_diagnose(scenario, SolveOptions(time_limit=60, workers=2, seed=0))
    assert plan.status == "INFEASIBLE"
    [conflict] = plan.conflicts
    assert [(i.rule, i.cadre) for i in conflict.instances] == [
        ("health", "C056"),
        ("mandatory_rotation", "C056"),
    ]
    assert conflict.irreducible and conflict.confirmed_by_checker
    assert plan.diagnosis is not None and plan.diagnosis.other_conflicts.state == "none_exists"
    assert sum(spent) < 1.5, spent


def test_quota_what_if_on_the_reference_keeps_its_verdicts_and_real_repairs() -> None:
    """The quota what-if: its other conflicts settled (by the repairs' plans and a short search), and
    each repair offered really gives a plan the checker accepts."""
    scenario = apply_overrides(edition2_part(load_scenario(REFERENCE)), {"rules.quota": {"min": 4, "max": 5}})
    options = SolveOptions(time_limit=60, workers=2, seed=0)
    plan = solve_or_diagnose(scenario, options)
    assert plan.status == "INFEASIBLE" and plan.diagnosis is not None
    assert [c.irreducible for c in plan.conflicts] == [True]
    assert plan.diagnosis.other_conflicts.state == "none_exists"
    assert [r.message_en for r in plan.repairs] == [
        "raise the quota maximum to 6",
        "drop the pin of C029 to vinh_thanh.pho_bi_thu",
    ]
    for repair in plan.repairs:
        changed = repair.change.apply(scenario)
        again = solve_or_diagnose(changed, options)
        assert again.status == "OPTIMAL" and check_plan(changed, again) == []
