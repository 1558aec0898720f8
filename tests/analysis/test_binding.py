"""`bind_plan` and `rescored_plan`: a plan read against the scenario it is given (issue 10 items 4, 5)."""

from __future__ import annotations

import pytest

from models import AddWaiver
from models.plan import VariantRecord
from planner import InputError, SolveOptions, scenario_hash, solve
from planner.analysis import bind_plan, recorded_overrides, rescored_plan
from tests.support.builders import plan_of, scenario_of, tiny_scenario
from tests.support.report_data import tiny, tiny_data, tiny_plan


def test_another_scenarios_plan_is_refused_naming_both() -> None:
    plan = tiny_plan().model_copy(update={"scenario": "elsewhere"})
    with pytest.raises(InputError) as error:
        bind_plan(tiny(), plan, "p.json")
    [problem] = error.value.problems
    assert (problem.file, problem.path, problem.value) == ("p.json", "scenario", "elsewhere")
    assert "'elsewhere'" in problem.message and "'tiny'" in problem.message


def test_scenario_changed_is_none_without_a_hash_and_compares_the_content_otherwise() -> None:
    scenario = tiny()
    assert bind_plan(scenario, tiny_plan(), "p").scenario_changed is None
    same = tiny_plan().model_copy(update={"scenario": "tiny", "scenario_hash": scenario_hash(scenario)})
    assert bind_plan(scenario, same, "p").scenario_changed is False
    assert bind_plan(scenario_of(tiny_data() | {"title": "other"}), same, "p").scenario_changed is True


def test_solve_records_the_content_hash_unless_given_one() -> None:
    scenario = scenario_of(tiny_scenario())
    options = SolveOptions(time_limit=5, workers=1)
    assert solve(scenario, options).scenario_hash == scenario_hash(scenario)
    assert solve(scenario, options, scenario_hash="given").scenario_hash == "given"


def test_overrides_are_listed_and_applied_only_as_recorded() -> None:
    variant = VariantRecord(name="quota-3", overrides={"rules.quota.max": 3})
    plan = tiny_plan().model_copy(
        update={"variant": variant, "what_if": [AddWaiver(cadre="C01", rule="min_duration")]}
    )
    texts = [o.text for o in recorded_overrides(plan)]
    assert texts == [
        "biến thể / variant quota-3: rules.quota.max=3",
        "giả định / what-if: miễn trừ quy định min_duration cho C01 / waive min_duration for C01",
    ]
    plain = bind_plan(tiny(), plan, "p")
    assert plain.judged is plain.written and plain.applied == () and len(plain.recorded) == 2
    recorded = bind_plan(tiny(), plan, "p", as_recorded=True)
    assert recorded.judged.rules.quota.max == 3 and recorded.applied == recorded.recorded


def test_an_override_that_does_not_apply_is_bad_input_even_when_not_applied() -> None:
    plan = tiny_plan().model_copy(update={"variant": VariantRecord(overrides={"rules.quota.maxx": 3})})
    for as_recorded in (False, True):
        with pytest.raises(InputError, match=r"variant\.overrides\.rules\.quota\.maxx"):
            bind_plan(tiny(), plan, "p", as_recorded=as_recorded)


def test_rescored_plan_takes_every_number_from_the_scenario_given() -> None:
    """Explicit scores only: C01 in d1.bi_thu is worth 7, C02 in d1.pho_bi_thu 3, the others 0."""
    stale = plan_of(
        ("C01", "d1.bi_thu", "2023-01-01"),
        ("C02", "d1.pho_bi_thu", "2023-01-01"),
        ("C09", "d1.bi_thu", "2023-01-01"),
    )
    stale = stale.model_copy(
        update={
            "objective": 99,
            "best_bound": 120,
            "assignments": [a.model_copy(update={"score": 50}) for a in stale.assignments],
        }
    )
    fresh = rescored_plan(tiny(), stale)
    assert [a.score for a in fresh.assignments] == [7, 3, None]  # C09 is unknown: the checker says so
    assert fresh.objective == 10 and fresh.best_bound is None
    assert fresh.assignments[0].explanation is not None and fresh.assignments[2].explanation is None
