"""`run_plan_set`: the `planner solve` workflow as a library call, and its checker gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models import AddPin
from planner import (
    CheckResult,
    InputError,
    Plan,
    PlanRejected,
    SolveOptions,
    Violation,
    check_plan,
    load_scenario,
    run_plan_set,
)
from planner.analysis import plan_set
from planner.cli.app import app
from tests.support.paths import EXAMPLE

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)
PIN = AddPin(cadre="C05", slot="o_mon.bi_thu")


def test_a_plan_set_is_solved_recorded_and_checked(tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLE)
    plans = run_plan_set(
        scenario, tmp_path / "plan.json", OPTIONS, what_if=[PIN], alternatives=2, scenario_hash="h"
    )
    assert [f.path.name for f in plans.files] == ["plan.json", "plan.alt2.json"]
    for file in plans.files:
        assert file.plan.what_if == [PIN] and file.plan.scenario_hash == "h"
        assert ("C05", "o_mon.bi_thu") in {(a.cadre, a.slot) for a in file.plan.assignments}
        assert check_plan(file.scenario, file.plan).valid
        assert Plan.model_validate_json(plans.contents[file.path]) == file.plan
    assert plans.what_if == (PIN,)
    assert plans.what_if_diff is not None and plans.what_if_diff.status_after == "OPTIMAL"
    assert not any(tmp_path.iterdir()), "run_plan_set writes nothing itself"


def test_an_unknown_variant_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such variant"):
        run_plan_set(load_scenario(EXAMPLE), tmp_path / "plan.json", OPTIONS, variants=["nope"])


def _rejecting(scenario, plan) -> CheckResult:
    return CheckResult((Violation("quota", None, None, "invented for the test"),))


def test_a_plan_the_checker_rejects_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_set, "check_plan", _rejecting)
    with pytest.raises(PlanRejected) as raised:
        run_plan_set(load_scenario(EXAMPLE), tmp_path / "plan.json", OPTIONS)
    assert raised.value.file.path == tmp_path / "plan.json"
    assert [v.message for v in raised.value.violations] == ["invented for the test"]


def test_a_plan_the_checker_rejects_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`planner solve` exits 4 (internal error) and leaves no file when the checker rejects a plan."""
    monkeypatch.setattr(plan_set, "check_plan", _rejecting)
    out = tmp_path / "plan.json"
    result = CliRunner().invoke(app, ["solve", str(EXAMPLE), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 4, result.output
    assert "invented for the test" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_cli_writes_what_run_plan_set_returns(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = CliRunner().invoke(
        app, ["solve", str(EXAMPLE), "-o", str(out), "--workers", "1", "--pin", "C05=o_mon.bi_thu"]
    )
    assert result.exit_code == 0, result.output
    expected = run_plan_set(load_scenario(EXAMPLE), out, OPTIONS, what_if=[PIN]).best.plan
    written = Plan.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert written.model_dump(exclude={"solver", "scenario_hash"}) == expected.model_dump(
        exclude={"solver", "scenario_hash"}
    )


def test_a_set_with_one_unwritable_file_leaves_no_file(tmp_path: Path) -> None:
    """`solve --alternatives 3` with `plan.alt3.json` unwritable (a directory stands there): exit 2, and
    neither `plan.json` nor `plan.alt2.json` is left; a plan that stood there before is kept."""
    (tmp_path / "plan.json").write_text("an older plan", encoding="utf-8")
    (tmp_path / "plan.alt3.json").mkdir()
    args = ["solve", str(EXAMPLE), "-o", str(tmp_path / "plan.json"), "--alternatives", "3", "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.alt3.json", "plan.json"]
    assert (tmp_path / "plan.json").read_text(encoding="utf-8") == "an older plan"
