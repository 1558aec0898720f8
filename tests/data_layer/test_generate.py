"""Generated scenarios: the same per seed, loadable by the contract's loader, feasible, and realistic."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.loading import load_scenario
from planner.checker import check_plan
from planner.cli.app import app
from planner.data.generate import TABLE_ABOVE, generate, write_scenario
from planner.eligibility.table import Eligibility
from planner.solving import SolveOptions, solve


def test_a_seed_gives_the_same_files_byte_for_byte(tmp_path: Path) -> None:
    first = write_scenario(generate(TABLE_ABOVE + 20, 60, seed=7), tmp_path / "a")
    second = write_scenario(generate(TABLE_ABOVE + 20, 60, seed=7), tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    table = first.with_name(first.stem + ".cadres.csv")
    assert table.read_bytes() == second.with_name(table.name).read_bytes()
    assert generate(40, 12, seed=1) != generate(40, 12, seed=2)


def test_large_scenarios_load_with_a_cadre_table(tmp_path: Path) -> None:
    path = write_scenario(generate(TABLE_ABOVE + 20, 60, seed=3), tmp_path)
    scenario = load_scenario(path)
    assert len(scenario.cadres) == TABLE_ABOVE + 20 and len(scenario.slots) == 60
    assert (tmp_path / f"{scenario.name}.cadres.csv").is_file()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_city_sized_scenario_is_feasible_and_its_plan_checks(tmp_path: Path, seed: int) -> None:
    scenario = load_scenario(write_scenario(generate(150, 40, seed), tmp_path))
    plan = solve(scenario, SolveOptions(time_limit=30))
    assert plan.status == "OPTIMAL"
    assert check_plan(scenario, plan) == []


def test_the_generated_scenario_has_what_real_plans_have(tmp_path: Path) -> None:
    """Several unit kinds and levels, key posts, every mandatory category, chains, windows, decisions."""
    scenario = load_scenario(write_scenario(generate(400, 100, seed=1), tmp_path))
    elig = Eligibility(scenario)
    categories = set().union(*(f.categories for f in elig.facts))
    assert categories >= {"planning", "no_district_experience", "term_limit", "local_key_post", "must_rotate"}
    assert {u.kind for u in scenario.units} == {"district", "department", "party_committee"}
    assert any(t.non_local for t in scenario.titles.values())
    assert any(s.vacated_by for s in scenario.slots) and any(s.open_from or s.fill_by for s in scenario.slots)
    assert scenario.pins and scenario.forbids and scenario.scores
    scored = {(s.cadre, s.slot) for s in scenario.scores}
    assert len(scored) < 0.1 * len(elig.pairs), "the committee rates few posts per cadre (sparse fit)"


def test_the_cli_writes_a_scenario(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["generate", "--cadres", "30", "--slots", "10", "--seed", "4", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert load_scenario(tmp_path / "gen-30x10-s4.yaml").name == "gen-30x10-s4"


def test_generated_names_fit_the_gender() -> None:
    """ "Thị" is a woman's middle name: no generated man carries it, and women do."""
    cadres = generate(300, 60, seed=4)["cadres"]
    assert not [c["id"] for c in cadres if c["gender"] == "male" and c["name"].split()[1] == "Thị"]
    assert any(c["gender"] == "female" and c["name"].split()[1] == "Thị" for c in cadres)


def test_edition3_data_is_added_on_request_and_loads(tmp_path: Path) -> None:
    """`--edition3` adds ranks, standards, dated qualifications (as CODE@DATE in a table), experience,
    relatives, discipline and a pool; the edition-2 part of the scenario is the same without it."""
    plain, extended = (
        generate(TABLE_ABOVE + 20, 60, seed=3),
        generate(TABLE_ABOVE + 20, 60, seed=3, edition3=True),
    )
    assert "pool" not in plain and "qualifications" not in plain["cadres"][0]
    assert [c["current"] for c in plain["cadres"]] == [c["current"] for c in extended["cadres"]]
    assert plain["slots"] == extended["slots"] and plain["scores"] == extended["scores"]
    scenario = load_scenario(write_scenario(extended, tmp_path))
    assert scenario.name.endswith("-e3") and (tmp_path / f"{scenario.name}.cadres.csv").is_file()
    assert all(t.rank is not None for t in scenario.titles.values()) and scenario.rules.max_rank_step == 1
    dated = [q for c in scenario.cadres for q in c.qualifications if q.held_from is not None]
    assert dated and all(scenario.period.start < q.held_from < scenario.period.end for q in dated)
    assert len(scenario.relations) >= 5 and any(c.disciplined_until for c in scenario.cadres)
    assert [p.id for p in scenario.pool] == ["bi_thu_huyen", "giam_doc_so"]
    assert any(c.experience for c in scenario.cadres)
    small = load_scenario(write_scenario(generate(30, 10, seed=4, edition3=True), tmp_path / "small"))
    assert len(small.relations) == 2 and sum(c.disciplined_until is not None for c in small.cadres) == 1


def test_the_cli_adds_edition3_data(tmp_path: Path) -> None:
    args = ["generate", "--cadres", "30", "--slots", "10", "--seed", "4", "--edition3", "-o", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert load_scenario(tmp_path / "gen-30x10-s4-e3.yaml").pool
