"""`planner replan` and `planner check --as-of` end to end, as a user runs them (CONTRACT §4, §5), on the
worked example of the README: the Can Tho 2022-2025 plan carried out one start a quarter, three events in
2023, re-planned as of 2024-01-01."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.cli.test_cli import CAN_THO, EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, planner
from tests.support.builders import cadre, slot, term_limited_native, tiny_scenario
from tests.support.paths import ROOT

#: Every test here runs re-plans of the reference scenario through the command line: 5 s to 2 min each.
pytestmark = pytest.mark.slow

EVENTS = ROOT / "scenarios" / "can-tho-2022-2025.events.yaml"


@pytest.fixture(scope="module")
def carried_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan being carried out: the reference scenario solved one start a quarter."""
    plan = tmp_path_factory.mktemp("replan") / "can-tho.plan.json"
    done = planner("solve", CAN_THO, "-o", plan, "--set", "rules.max_starts_per_quarter=1")
    assert done.returncode == EXIT_OK, done.stderr
    return plan


@pytest.fixture(scope="module")
def replanned(carried_out: Path) -> Path:
    new = carried_out.with_name("can-tho.replan.json")
    done = planner(
        "replan", CAN_THO, "--from", carried_out, "--as-of", "2024-01-01", "--events", EVENTS, "-o", new
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert "Thay đổi / Changes: 3" in done.stdout
    return new


def test_worked_example(carried_out: Path, replanned: Path) -> None:
    """History kept and marked; the three events force exactly the three changes, each with its rule and
    event; the record names the as-of date, the old plan's scenario hash and the events."""
    old, new = json.loads(carried_out.read_text()), json.loads(replanned.read_text())
    history = [(a["cadre"], a["slot"], a["start"]) for a in old["assignments"] if a["start"] < "2024-01-01"]
    kept = [(a["cadre"], a["slot"], a["start"]) for a in new["assignments"] if a.get("history")]
    assert kept == history and len(kept) == 5
    assert all(a["start"] >= "2024-01-01" for a in new["assignments"] if not a.get("history"))
    record = new["replan"]
    assert record["as_of"] == "2024-01-01"
    assert record["from_scenario_hash"] == old["scenario_hash"]
    assert [e["date"] for e in record["events"]] == ["2023-09-15", "2023-11-01", "2023-12-20"]
    reasons = {
        c["cadre"]: {r["rule"]: r["events"][0]["ref"] for r in c["reasons"]} for c in record["changes"]
    }
    assert reasons["C098"] == {"timing": "QĐ 915-QĐ/TU (giả định)"}
    assert reasons["C056"] == {"discipline": "QĐ 1102-QĐ/UBKTTU (giả định)"}
    assert reasons["C057"] == {"timing": "NQ 2012-NQ/TU (giả định)"}
    moved = {c["cadre"]: c["after"] for c in record["changes"]}
    assert moved["C056"] == {"slot": "phong_dien.chu_tich", "start": "2024-10-01"}
    assert moved["C098"] is not None and moved["C057"] is not None


def test_check_as_of_and_as_recorded(replanned: Path) -> None:
    """Under the events (--as-recorded) the history breaks rules of a single placement (C061's health is a
    fact now, his start was not): valid only with --as-of, which exempts exactly the history."""
    done = planner("check", CAN_THO, replanned, "--as-recorded", "--as-of", "2024-01-01", "--json")
    assert done.returncode == EXIT_OK, done.stdout
    assert json.loads(done.stdout)["valid"] is True
    done = planner("check", CAN_THO, replanned, "--as-of", "2024-01-01")
    assert done.returncode == EXIT_OK, done.stdout


def test_history_marks_exempt_nothing(tmp_path: Path) -> None:
    """A start off the grid marked `history` is a timing violation without --as-of; with it, the date
    alone makes it history, and the rules over the whole plan (quota) still count it."""
    plan = {
        "assignments": [
            {"cadre": "C029", "slot": "vinh_thanh.pho_bi_thu", "start": "2022-11-01", "history": True},
        ]
    }
    file = tmp_path / "marked.json"
    file.write_text(json.dumps(plan))
    done = planner("check", CAN_THO, file, "--json")
    violations = {v["rule"] for v in json.loads(done.stdout)["violations"]}
    assert {"timing", "quota"} <= violations and done.returncode == EXIT_VIOLATIONS
    done = planner("check", CAN_THO, file, "--json", "--as-of", "2024-01-01")
    violations = {v["rule"] for v in json.loads(done.stdout)["violations"]}
    assert "timing" not in violations and "quota" in violations


def _bad(tmp_path: Path, *args: str | Path) -> str:
    out = tmp_path / "new.json"
    done = planner("replan", CAN_THO, *args, "-o", out)
    assert done.returncode == EXIT_BAD_INPUT, done.stdout + done.stderr
    assert not out.exists()
    return done.stderr


def test_bad_input_writes_nothing(carried_out: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text(
        '- {date: 2023-09-01, set: {"cadres[C999].health_ok": false}}\n'
        '- {date: 2023-02-30, set: {"rules.quota.max": 7}}\n'
        '- {date: 2023-10-01, set: {"slots[o_mon.chu_tich].fill_byy": 2023-12-31}}\n'
    )
    told = _bad(tmp_path, "--from", carried_out, "--as-of", "2024-01-01", "--events", events)
    assert "[1].date" in told and "2023-02-30" in told
    told = " ".join(told.split())
    events.write_text(
        '- {date: 2023-09-01, set: {"cadres[C999].health_ok": false}}\n'
        '- {date: 2023-10-01, set: {"slots[o_mon.chu_tich].fill_byy": 2023-12-31}}\n'
    )
    told = " ".join(
        _bad(tmp_path, "--from", carried_out, "--as-of", "2024-01-01", "--events", events).split()
    )
    assert "[0].set.cadres[C999].health_ok" in told and "'C999'" in told
    assert "[1].set.slots[o_mon.chu_tich].fill_byy" in told
    told = " ".join(_bad(tmp_path, "--from", carried_out, "--as-of", "2024-02-01").split())
    assert "--as-of" in told and "2024-02-01" in told
    assert "--as-of" in " ".join(_bad(tmp_path, "--from", carried_out, "--as-of", "soon").split())


@pytest.mark.parametrize("overwritten", ["plan", "events", "scenario"])
def test_an_output_that_is_an_input_is_refused(carried_out: Path, tmp_path: Path, overwritten: str) -> None:
    """`-o` naming the plan being carried out, the events or the scenario: exit 2, every file untouched."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text(CAN_THO.read_text(encoding="utf-8"), encoding="utf-8")
    plan, events = tmp_path / "p.json", tmp_path / "e.yaml"
    plan.write_text(carried_out.read_text(encoding="utf-8"), encoding="utf-8")
    events.write_text(EVENTS.read_text(encoding="utf-8"), encoding="utf-8")
    before = {path: path.read_bytes() for path in (scenario, plan, events)}
    output = {"plan": plan, "events": events, "scenario": scenario}[overwritten]
    done = planner(
        "replan", scenario, "--from", plan, "--as-of", "2024-01-01", "--events", events, "-o", output
    )
    assert done.returncode == EXIT_BAD_INPUT, done.stdout + done.stderr
    assert "an output is one of the inputs" in " ".join(done.stderr.split())
    assert {path: path.read_bytes() for path in before} == before
    assert sorted(tmp_path.iterdir()) == sorted(before)


def test_unknown_history_is_bad_input(carried_out: Path, tmp_path: Path) -> None:
    plan = json.loads(carried_out.read_text())
    plan["assignments"][0]["cadre"] = "C9999"
    plan["assignments"][1]["slot"] = "nowhere.bi_thu"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(plan))
    told = " ".join(_bad(tmp_path, "--from", broken, "--as-of", "2024-01-01").split())
    assert "assignments[0].cadre" in told and "'C9999'" in told
    assert "assignments[1].slot" in told and "'nowhere.bi_thu'" in told


def test_another_scenarios_plan_is_bad_input(carried_out: Path, tmp_path: Path) -> None:
    plan = json.loads(carried_out.read_text())
    plan["scenario"] = "another"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(plan))
    assert "another" in _bad(tmp_path, "--from", other, "--as-of", "2024-01-01")


def test_check_as_of_off_the_grid_is_bad_input(replanned: Path) -> None:
    done = planner("check", CAN_THO, replanned, "--as-of", "2024-01-15")
    assert done.returncode == EXIT_BAD_INPUT and "2024-01-15" in done.stderr


def test_no_plan_keeps_the_history(tmp_path: Path) -> None:
    """A term-limited cadre still to be rotated falls ill: no plan rotates him, exit 1 with the conflict
    (health and mandatory rotation) and the plan file written, INFEASIBLE."""
    scenario = tmp_path / "tiny.yaml"
    data = tiny_scenario(
        slots=[slot("d1.bi_thu"), slot("d2.pho_bi_thu")],
        cadres=[term_limited_native("C01", home="d2"), cadre("C02")],
        rules={"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}},
    )
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True))
    old = tmp_path / "old.json"
    old.write_text(
        json.dumps(
            {
                "assignments": [
                    {"cadre": "C02", "slot": "d2.pho_bi_thu", "start": "2023-01-01"},
                    {"cadre": "C01", "slot": "d1.bi_thu", "start": "2023-07-01"},
                ]
            }
        )
    )
    events = tmp_path / "ill.yaml"
    events.write_text('- {date: 2023-03-01, set: {"cadres[C01].health_ok": false}, ref: GCN 1}\n')
    out = tmp_path / "new.json"
    done = planner("replan", scenario, "--from", old, "--as-of", "2023-04-01", "--events", events, "-o", out)
    assert done.returncode == EXIT_VIOLATIONS, done.stdout + done.stderr
    new = json.loads(out.read_text())
    assert new["status"] == "INFEASIBLE" and new["assignments"] == []
    rules = {rule for conflict in new["conflicts"] for rule in conflict["rules"]}
    assert {"health", "mandatory_rotation"} <= rules, new["conflicts"]
    assert "Mâu thuẫn 1 / Conflict 1" in done.stdout


def test_change_cost(carried_out: Path, tmp_path: Path) -> None:
    """With no event, no change by default; a low change cost buys a better objective with changes."""
    out = tmp_path / "new.json"
    done = planner("replan", CAN_THO, "--from", carried_out, "--as-of", "2024-01-01", "-o", out)
    assert done.returncode == EXIT_OK
    same = json.loads(out.read_text())
    assert same["replan"]["changes"] == []
    done = planner(
        "replan", CAN_THO, "--from", carried_out, "--as-of", "2024-01-01", "--change-cost", "0.5", "-o", out
    )
    assert done.returncode == EXIT_OK
    cheap = json.loads(out.read_text())
    changes = len(cheap["replan"]["changes"])
    assert changes > 0 and cheap["objective"] - 0.5 * changes > same["objective"]
