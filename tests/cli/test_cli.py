"""The command line as a user runs it (CONTRACT §4): `python -m planner ...` in a fresh process.

Running the real process, not typer's test runner, also covers the entry point, exit codes as the shell
sees them, what reaches stdout and stderr, and that no Python traceback ever leaks out.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.paths import ROOT
from tests.support.processes import run_planner

EXAMPLE = ROOT / "tests" / "files" / "contract-example.yaml"
CAN_THO = ROOT / "scenarios" / "can-tho-2022-2025.yaml"

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT = 0, 1, 2


def planner(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m planner ARGS` and return the finished process; never lets a traceback pass."""
    return run_planner(*args, cwd=cwd)


def one_line(text: str) -> str:
    """Whitespace collapsed, so that assertions survive the console wrapping long lines."""
    return " ".join(text.split())


def write_plan(path: Path, rows: list[dict[str, Any]]) -> Path:
    """A hand-made plan file: `assignments` of cadre, slot and start only (CONTRACT §3)."""
    path.write_text(json.dumps({"assignments": rows}), encoding="utf-8")
    return path


def check_json(plan_file: Path) -> tuple[int, dict[str, Any]]:
    done = planner("check", EXAMPLE, plan_file, "--json")
    return done.returncode, json.loads(done.stdout)


@pytest.fixture(scope="module")
def example_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The contract example solved once by the CLI (single worker, seed 0), shared by the tests below."""
    out = tmp_path_factory.mktemp("example") / "example.plan.json"
    done = planner("solve", EXAMPLE, "-o", out, "--workers", "1", "--seed", "0")
    assert done.returncode == EXIT_OK, done.stderr
    return out


# --- validate, solve, check on the contract example --------------------------------------------------


def test_validate_example() -> None:
    done = planner("validate", EXAMPLE)
    assert done.returncode == EXIT_OK, done.stderr
    assert "example-mini" in done.stdout


def test_solve_example_writes_a_complete_plan(example_plan: Path) -> None:
    """The plan file holds what CONTRACT §3 and the README promise: status, proven objective, full
    assignments, the solver record and the scenario hash."""
    plan = json.loads(example_plan.read_text(encoding="utf-8"))
    assert plan["scenario"] == "example-mini"
    assert plan["status"] == "OPTIMAL"
    assert plan["objective"] == plan["best_bound"]
    assert plan["conflicts"] == []
    assert 3 <= len(plan["assignments"]) <= 5  # rules.quota of the example
    for row in plan["assignments"]:
        assert {"cadre", "slot", "start", "score", "waivers"} <= row.keys()
        assert re.fullmatch(r"\d{4}-\d{2}-01", row["start"])
        assert isinstance(row["waivers"], list)
    assert sum(row["score"] for row in plan["assignments"]) == plan["objective"]
    solver = plan["solver"]
    assert solver["seed"] == 0
    assert solver["workers"] == 1
    assert solver["version"]
    assert re.fullmatch(r"[0-9a-f]{64}", plan["scenario_hash"])


def test_solve_example_keeps_the_mandatory_and_excluded_cadres_right(example_plan: Path) -> None:
    """C02 (native key post) and C05 (term limit) must move, as heads; C08 (health) never moves."""
    rows = {row["cadre"]: row for row in json.loads(example_plan.read_text(encoding="utf-8"))["assignments"]}
    assert {"C02", "C05"} <= rows.keys()
    assert "C08" not in rows


def test_check_solved_plan(example_plan: Path) -> None:
    done = planner("check", EXAMPLE, example_plan)
    assert done.returncode == EXIT_OK, done.stdout + done.stderr


#: What `check --json` says of a plan of the scenario given, with no overrides recorded.
CLEAN = {"scenario_changed": False, "as_recorded": False, "recorded_overrides": [], "applied_overrides": []}


def test_check_json_of_solved_plan(example_plan: Path) -> None:
    code, report = check_json(example_plan)
    assert code == EXIT_OK
    assert report == {"valid": True, "violations": [], **CLEAN}


# --- check on hand-made plans ------------------------------------------------------------------------


def test_check_hand_made_plan_with_violations(tmp_path: Path) -> None:
    """C08 is not in good health, C09 is not available before 2024, and the plan leaves the mandatory
    cadres C02 and C05 unrotated and falls short of the quota: exit 1, each violation listed."""
    plan_file = write_plan(
        tmp_path / "hand.json",
        [
            {"cadre": "C08", "slot": "o_mon.pho_chu_tich", "start": "2023-01-01"},
            {"cadre": "C09", "slot": "ninh_kieu.bi_thu", "start": "2023-01-01"},
        ],
    )
    done = planner("check", EXAMPLE, plan_file)
    assert done.returncode == EXIT_VIOLATIONS
    assert "health" in done.stdout

    code, report = check_json(plan_file)
    assert code == EXIT_VIOLATIONS
    assert report["valid"] is False
    for violation in report["violations"]:
        assert set(violation) == {"rule", "cadre", "slot", "message"}
        assert violation["message"]
    found = {(v["rule"], v["cadre"], v["slot"]) for v in report["violations"]}
    assert ("health", "C08", "o_mon.pho_chu_tich") in found
    assert ("timing", "C09", "ninh_kieu.bi_thu") in found
    assert ("mandatory_rotation", "C02", None) in found
    assert ("mandatory_rotation", "C05", None) in found
    assert ("quota", None, None) in found


@pytest.mark.parametrize(
    "row",
    [
        {"cadre": "C99", "slot": "o_mon.bi_thu", "start": "2023-01-01"},
        {"cadre": "C05", "slot": "nowhere.bi_thu", "start": "2023-01-01"},
        {"cadre": "C05", "slot": "o_mon.bi_thu", "start": "2023-13-01"},
    ],
    ids=["unknown-cadre", "unknown-slot", "bad-start"],
)
def test_check_unknown_reference_is_a_violation_not_bad_input(tmp_path: Path, row: dict[str, str]) -> None:
    """A plan naming what the scenario lacks breaks `unknown_reference` (exit 1), it is not bad input."""
    plan_file = write_plan(tmp_path / "plan.json", [row])
    code, report = check_json(plan_file)
    assert code == EXIT_VIOLATIONS
    assert report["valid"] is False
    unknown = [v for v in report["violations"] if v["rule"] == "unknown_reference"]
    assert [(v["cadre"], v["slot"]) for v in unknown] == [(row["cadre"], row["slot"])]


def test_check_bad_json_is_bad_input(tmp_path: Path) -> None:
    plan_file = tmp_path / "broken.json"
    plan_file.write_text('{"assignments": [', encoding="utf-8")
    done = planner("check", EXAMPLE, plan_file)
    assert done.returncode == EXIT_BAD_INPUT
    assert "broken.json" in done.stderr


# --- solve: infeasible and bad input -----------------------------------------------------------------


def example_data() -> dict[str, Any]:
    """The contract example as a dict, to be bent and written out as a new scenario."""
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def write_scenario(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_solve_infeasible_writes_plan_with_conflicts(tmp_path: Path) -> None:
    """Two rotations at most, but three cadres must move (C02, C05 and a `must_rotate` C10): exit 1, and
    the plan file is still written, INFEASIBLE, with the conflict named."""
    data = example_data()
    data["rules"]["quota"] = {"min": 0, "max": 2}
    for cadre in data["cadres"]:
        if cadre["id"] == "C10":
            cadre["must_rotate"] = True
    scenario = write_scenario(tmp_path / "infeasible.yaml", data)
    out = tmp_path / "infeasible.plan.json"
    done = planner("solve", scenario.name, "-o", out.name, "--workers", "1", cwd=tmp_path)
    assert done.returncode == EXIT_VIOLATIONS, done.stdout + done.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["status"] == "INFEASIBLE"
    assert plan["assignments"] == []
    assert plan["conflicts"]
    assert set(plan["conflicts"][0]["rules"]) == {"quota", "mandatory_rotation"}
    assert "Không thể" in plan["conflicts"][0]["message"]
    assert "cannot" in plan["conflicts"][0]["message"]


def bend_unknown_unit(data: dict[str, Any]) -> tuple[str, str]:
    data["slots"][1]["unit"] = "o_monn"
    return "slots[1].unit", "o_monn"


def bend_quota(data: dict[str, Any]) -> tuple[str, str]:
    data["rules"]["quota"] = {"min": 6, "max": 5}
    return "rules.quota", "6"


def bend_date(data: dict[str, Any]) -> tuple[str, str]:
    data["period"]["start"] = "2022-13-01"
    return "period.start", "2022-13-01"


def bend_birth_date(data: dict[str, Any]) -> tuple[str, str]:
    """A personal field: the message names the field and what is wrong, never the value itself."""
    data["cadres"][2]["birth_date"] = "1986-13-09"
    return "cadres[2].birth_date", "a text of 10 characters"


def bend_pin_start(data: dict[str, Any]) -> tuple[str, str]:
    data["pins"] = [{"cadre": "C05", "slot": "o_mon.bi_thu", "start": "2023-02-01"}]
    return "pins[0].start", "2023-02-01"


@pytest.mark.parametrize("bend", [bend_unknown_unit, bend_quota, bend_date, bend_birth_date, bend_pin_start])
def test_solve_bad_input(tmp_path: Path, bend: Callable[[dict[str, Any]], tuple[str, str]]) -> None:
    """Bad input: exit 2, a message naming the file, the field path and the bad value, no traceback, and
    no plan file left behind."""
    data = example_data()
    path, value = bend(data)
    scenario = write_scenario(tmp_path / "bad.yaml", data)
    out = tmp_path / "bad.plan.json"
    done = planner("solve", scenario.name, "-o", out.name, cwd=tmp_path)
    assert done.returncode == EXIT_BAD_INPUT, done.stdout + done.stderr
    message = one_line(done.stderr)
    assert "bad.yaml" in message
    assert path in message
    assert value in message
    assert not out.exists()

    validated = planner("validate", scenario.name, cwd=tmp_path)
    assert validated.returncode == EXIT_BAD_INPUT
    assert path in one_line(validated.stderr)


def test_solve_missing_scenario_is_bad_input(tmp_path: Path) -> None:
    done = planner("solve", "nowhere.yaml", "-o", "out.json", cwd=tmp_path)
    assert done.returncode == EXIT_BAD_INPUT
    assert "nowhere.yaml" in done.stderr
    assert not (tmp_path / "out.json").exists()


def test_solve_without_a_solution_in_time(tmp_path: Path) -> None:
    """A time limit too short to find any plan gives exit 3 and an UNKNOWN plan; on a machine fast
    enough to find one anyway, exit 0 with a FEASIBLE or OPTIMAL plan (the mapping is what is tested)."""
    out = tmp_path / "rushed.plan.json"
    done = planner("solve", CAN_THO, "-o", out, "--time-limit", "0.01", "--workers", "1")
    plan = json.loads(out.read_text(encoding="utf-8"))
    expected_exit = {"UNKNOWN": 3, "FEASIBLE": EXIT_OK, "OPTIMAL": EXIT_OK}
    assert done.returncode == expected_exit[plan["status"]], done.stderr
    if plan["status"] == "UNKNOWN":
        assert plan["assignments"] == []


# --- explain -----------------------------------------------------------------------------------------


def test_explain_cadre() -> None:
    done = planner("explain", EXAMPLE, "--cadre", "C05")
    assert done.returncode == EXIT_OK, done.stderr
    assert "C05" in done.stdout


def test_explain_slot() -> None:
    done = planner("explain", EXAMPLE, "--slot", "o_mon.bi_thu")
    assert done.returncode == EXIT_OK, done.stderr
    assert "o_mon.bi_thu" in done.stdout


def test_explain_with_plan(example_plan: Path) -> None:
    done = planner("explain", EXAMPLE, "--cadre", "C05", "--plan", example_plan)
    assert done.returncode == EXIT_OK, done.stderr


@pytest.mark.parametrize("option", [("--cadre", "C77"), ("--slot", "nowhere.bi_thu")])
def test_explain_unknown_id_is_bad_input(option: tuple[str, str]) -> None:
    done = planner("explain", EXAMPLE, *option)
    assert done.returncode == EXIT_BAD_INPUT
    assert option[1] in done.stderr


# --- reproducibility and the reference scenario ------------------------------------------------------


def assignments_of(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["assignments"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_same_seed_and_workers_give_the_same_plan(tmp_path: Path, workers: str) -> None:
    """CONTRACT §4: the same scenario, seed and `--workers` give the same plan."""
    outs = [tmp_path / f"run{i}.json" for i in (1, 2)]
    for out in outs:
        done = planner("solve", EXAMPLE, "-o", out, "--workers", workers, "--seed", "7")
        assert done.returncode == EXIT_OK, done.stderr
    assert assignments_of(outs[0]) == assignments_of(outs[1])


@pytest.fixture(scope="module")
def can_tho_plans(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The reference scenario solved twice with the default two workers and seed 0."""
    folder = tmp_path_factory.mktemp("can-tho")
    outs = [folder / f"can-tho-{i}.plan.json" for i in (1, 2)]
    for out in outs:
        done = planner("solve", CAN_THO, "-o", out, "--seed", "0", "--workers", "2")
        assert done.returncode == EXIT_OK, done.stdout + done.stderr
    return outs


@pytest.mark.slow
def test_reference_scenario_solves_to_optimality_and_checks(can_tho_plans: list[Path]) -> None:
    plan = json.loads(can_tho_plans[0].read_text(encoding="utf-8"))
    assert plan["status"] == "OPTIMAL"
    assert plan["objective"] == plan["best_bound"]
    assert 6 <= len(plan["assignments"]) <= 8  # rules.quota of the reference scenario
    done = planner("check", CAN_THO, can_tho_plans[0], "--json")
    assert done.returncode == EXIT_OK, done.stdout
    checked = json.loads(done.stdout)
    # The reference has a pool (edition 3): `check` recomputes the bench and finds the plan's the same.
    assert checked.pop("bench") == plan["bench"] and checked.pop("bench_differs") is False
    assert checked == {"valid": True, "violations": [], **CLEAN}


def test_reference_scenario_is_reproducible(can_tho_plans: list[Path]) -> None:
    assert assignments_of(can_tho_plans[0]) == assignments_of(can_tho_plans[1])
