"""A sweep gives each job the plan a sequential solve gives it, in processes and on Dask."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.loading import load_plan, load_scenario
from models.scenario import Scenario
from planner.analysis.sweep import ClashingPlanNames, SweepJob, plan_file_names, solve_many
from planner.cli.app import app
from planner.data.generate import generate, write_scenario
from planner.solving import SolveOptions, solve

OPTIONS = SolveOptions(time_limit=30, workers=1)


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("sweep")
    return [write_scenario(generate(60 + 10 * seed, 16, seed), folder) for seed in range(3)]


def _essence(plan) -> tuple:
    return plan.status, plan.objective, [(a.cadre, a.slot, a.start, a.score) for a in plan.assignments]


def _sequential(paths: list[Path]) -> list[tuple]:
    return [_essence(solve(load_scenario(p), OPTIONS)) for p in paths]


def test_processes_give_the_sequential_plans_in_order(scenarios: list[Path]) -> None:
    loaded = [load_scenario(p) for p in scenarios]
    plans = solve_many(loaded, OPTIONS, max_workers=2)
    assert [_essence(p) for p in plans] == _sequential(scenarios)


def test_a_job_may_carry_its_own_options(scenarios: list[Path]) -> None:
    scenario: Scenario = load_scenario(scenarios[0])
    own = SolveOptions(time_limit=30, workers=1, seed=5)
    (plan,) = solve_many([SweepJob(scenario, "hash", own)], OPTIONS, max_workers=1)
    assert plan.solver.seed == 5 and plan.scenario_hash == "hash"


@pytest.mark.slow
def test_dask_gives_the_same_plans(scenarios: list[Path]) -> None:
    pytest.importorskip("distributed")
    loaded = [load_scenario(p) for p in scenarios]
    plans = solve_many(loaded, OPTIONS, backend="dask", max_workers=2)
    assert [_essence(p) for p in plans] == _sequential(scenarios)


def test_an_unknown_backend_is_refused(scenarios: list[Path]) -> None:
    with pytest.raises(ValueError, match="unknown backend"):
        solve_many([load_scenario(scenarios[0])], OPTIONS, backend="ray")  # type: ignore[arg-type]


def test_the_cli_writes_one_plan_per_scenario(scenarios: list[Path], tmp_path: Path) -> None:
    args = ["sweep", *map(str, scenarios), "-o", str(tmp_path), "--jobs", "2", "--time-limit", "30"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for path in scenarios:
        assert load_plan(tmp_path / f"{path.stem}.plan.json").status == "OPTIMAL"


def test_the_cli_reports_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["sweep", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_plan_names_tell_apart_scenarios_that_share_a_file_name(tmp_path: Path) -> None:
    paths = [tmp_path / "a" / "s.yaml", tmp_path / "b" / "s.yaml", tmp_path / "c" / "t.yaml"]
    assert plan_file_names(paths) == ["a-s.plan.json", "b-s.plan.json", "t.plan.json"]
    deeper = [tmp_path / "x" / "a" / "s.yaml", tmp_path / "y" / "a" / "s.yaml", tmp_path / "a" / "t.yaml"]
    assert plan_file_names(deeper) == ["x-a-s.plan.json", "y-a-s.plan.json", "t.plan.json"]


def test_the_same_scenario_twice_has_no_name_of_its_own(tmp_path: Path) -> None:
    with pytest.raises(ClashingPlanNames) as raised:
        plan_file_names([tmp_path / "a" / "s.yaml", tmp_path / "a" / ".." / "a" / "s.yaml"])
    assert len(raised.value.paths) == 2


def test_the_cli_writes_every_plan_of_scenarios_sharing_a_file_name(
    scenarios: list[Path], tmp_path: Path
) -> None:
    copies = []
    for folder, source in zip(("a", "b"), scenarios[:2], strict=True):
        (tmp_path / folder).mkdir()
        copies.append(tmp_path / folder / "s.yaml")
        copies[-1].write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["sweep", *map(str, copies), "-o", str(out), "--time-limit", "30"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a-s.plan.json", "b-s.plan.json"]
    for folder, copy in zip(("a", "b"), copies, strict=True):
        assert load_plan(out / f"{folder}-s.plan.json").scenario == load_scenario(copy).name
        assert f"{out / f'{folder}-s.plan.json'} ← {copy}" in result.output, "which plan holds which scenario"


def test_the_cli_refuses_a_scenario_given_twice(scenarios: list[Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["sweep", str(scenarios[0]), str(scenarios[0]), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "o").exists()


def test_the_cli_writes_no_plan_when_one_cannot_be_written(scenarios: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / f"{scenarios[1].stem}.plan.json").mkdir(parents=True)
    args = ["sweep", *map(str, scenarios), "-o", str(out), "--time-limit", "30"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert [p.name for p in out.iterdir()] == [f"{scenarios[1].stem}.plan.json"], "only the directory stays"
    assert f"{scenarios[1].stem}.plan.json" in result.output
