"""The reference scenarios carry the edition-3 data that scenarios/README.md describes (issue 25 item 7):
ranks for every title, standards with courses that end during the period, relatives, one cadre under
discipline, and a pool of key city titles whose `min_ready` binds. Their generators write them exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import load_scenario
from planner.rules.readiness import Readiness
from tests.support.generators import run_generator
from tests.support.paths import ROOT

SCENARIOS = ("can-tho-2022-2025", "can-tho-2025-2030")


@pytest.fixture(scope="module", params=SCENARIOS)
def scenario(request):
    return load_scenario(ROOT / "scenarios" / f"{request.param}.yaml")


def test_every_title_has_a_rank_and_the_heads_have_standards(scenario) -> None:
    assert all(title.rank is not None for title in scenario.titles.values())
    heads = [title for title in scenario.titles.values() if title.level == "head"]
    assert heads and all("llct_cao_cap" in title.requires for title in heads)
    assert scenario.rules.max_rank_step == 1


def test_some_cadres_finish_a_course_during_the_period(scenario) -> None:
    period = scenario.period
    dated = [
        q
        for cadre in scenario.cadres
        for q in cadre.qualifications
        if q.held_from is not None and period.start < q.held_from < period.end
    ]
    assert len(dated) >= 10


def test_relatives_and_one_cadre_under_discipline(scenario) -> None:
    assert 2 <= len(scenario.relations) <= 3
    disciplined = [c for c in scenario.cadres if c.disciplined_until is not None]
    assert len(disciplined) == 1
    assert scenario.period.start < disciplined[0].disciplined_until < scenario.period.end


def test_the_pool_has_a_min_ready_that_binds(scenario) -> None:
    """Fewer planned cadres are ready without a plan than `min_ready` asks, and enough are planned."""
    assert 4 <= len(scenario.pool) <= 6
    readiness = Readiness(scenario)
    binding = []
    for pool in scenario.pool:
        needs = readiness.needs[pool.id]
        ready = sum(need.ready_without_plan for need in needs)
        if pool.min_ready is not None and ready < pool.min_ready <= len(needs):
            binding.append(pool.id)
    assert binding
    assert all(pool.ready_by is not None for pool in scenario.pool)


def test_the_2022_reference_is_its_generators_output(tmp_path: Path) -> None:
    run_generator("make_can_tho.py", tmp_path)
    name = "can-tho-2022-2025.yaml"
    assert (tmp_path / name).read_bytes() == (ROOT / "scenarios" / name).read_bytes()
