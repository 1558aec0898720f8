"""An interrupted re-plan (issue 21 item 7): it stops within seconds, and what it says it wrote is what it
wrote. A re-plan stopped before it found a plan has no verdict ("no solution found before the
interrupt", UNKNOWN, nothing written), even when a level of the change budget had been proved
INFEASIBLE: that proves only that more changes are needed, not that no plan exists.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planner import SolveHooks, SolveOptions, StopRequest, replan_as_of
from planner.cli.app import app
from planner.replan import Event
from tests.cli.test_cli import EXIT_OK, planner
from tests.support.builders import cadre, plan_of, scenario_of, slot, tiny_scenario
from tests.support.paths import ROOT

EXIT_INTERRUPTED = 130


class StopAfterFirstSearch(StopRequest):
    """A stop that comes right after the first search ended: between two levels of the change budget."""

    def run(self, solver, model, callback=None) -> int:
        status = super().run(solver, model, callback)
        self.request()
        return status


def _quota_cut() -> tuple[dict, list[tuple[str, str, str]], list[Event]]:
    """Three placements to come, then the quota cut to one: keeping them all (the first level of the
    change budget) is INFEASIBLE, dropping two is feasible."""
    data = tiny_scenario(
        slots=[slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu"), slot("dep2.pho_giam_doc")],
        cadres=[cadre("C01"), cadre("C02"), cadre("C03")],
        titles=tiny_scenario()["titles"],
    )
    old = [
        ("C01", "d1.pho_bi_thu", "2023-07-01"),
        ("C02", "d2.pho_bi_thu", "2023-07-01"),
        ("C03", "dep2.pho_giam_doc", "2023-10-01"),
    ]
    events = [Event(date=date(2023, 3, 1), set={"rules.quota": {"min": 0, "max": 1}}, ref="QĐ 1")]
    return data, old, events


def test_a_stop_between_levels_is_no_verdict_not_infeasible() -> None:
    data, old, events = _quota_cut()
    scenario = scenario_of(data)
    unstopped = replan_as_of(
        scenario, plan_of(*old), date(2023, 4, 1), events, options=SolveOptions(workers=1)
    )
    assert unstopped.plan.status == "OPTIMAL" and len(unstopped.plan.assignments) == 1
    stop = StopAfterFirstSearch()
    result = replan_as_of(
        scenario,
        plan_of(*old),
        date(2023, 4, 1),
        events,
        options=SolveOptions(workers=1),
        hooks=SolveHooks(stop=stop),
    )
    plan = result.plan
    assert plan.interrupted and plan.status == "UNKNOWN", plan.status
    assert plan.assignments == [] and plan.conflicts == [] and plan.repairs == []


def test_the_command_writes_nothing_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`planner replan` stopped between levels: exit 130, no file, and the console says there was no
    solution before the interrupt (it used to write an INFEASIBLE plan while saying nothing was written)."""
    data, old, _ = _quota_cut()
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from_plan = tmp_path / "old.json"
    rows = [{"cadre": c, "slot": s, "start": start} for c, s, start in old]
    from_plan.write_text(json.dumps({"assignments": rows}), encoding="utf-8")
    events_file = tmp_path / "events.yaml"
    events_file.write_text('- {date: 2023-03-01, set: {"rules.quota": {min: 0, max: 1}}, ref: QĐ 1}\n')
    out = tmp_path / "new.json"
    monkeypatch.setattr("planner.StopRequest", StopAfterFirstSearch)  # the command imports it when run
    args = ["replan", str(scenario), "--from", str(from_plan), "--as-of", "2023-04-01"]
    done = CliRunner().invoke(app, [*args, "--events", str(events_file), "-o", str(out), "--workers", "1"])
    assert done.exit_code == EXIT_INTERRUPTED, done.output
    assert not out.exists()
    text = " ".join(done.output.split())
    assert "no solution found before the interrupt, nothing written" in text
    assert "INFEASIBLE" not in text and "restores feasibility" not in text


# --- a large re-plan, signalled: it ends within seconds -----------------------------------------------

#: Seconds a stopped re-plan may take to end: CP-SAT stops at once; the rest is printing and exiting.
STOP_SECONDS = 8.0


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The generated province (2,000 cadres, 600 posts, seed 3) whose re-plan takes minutes to build and
    search, a plan of it (hand-made: every cadre's first eligible post does not matter, an empty plan
    is a plan being carried out too) and an event cutting the quota."""
    folder = tmp_path_factory.mktemp("large")
    done = planner("generate", "--cadres", "2000", "--slots", "600", "--seed", "3", "-o", folder)
    assert done.returncode == EXIT_OK, done.stderr
    old = folder / "old.json"
    old.write_text(json.dumps({"assignments": []}), encoding="utf-8")
    events = folder / "events.yaml"
    events.write_text('- {date: 2026-12-01, set: {"rules.quota": {min: 60, max: 120}}, ref: QĐ 9}\n')
    return folder / "gen-2000x600-s3.yaml", old, events


@pytest.mark.slow
def test_sigterm_ends_a_large_replan_within_seconds(large: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """Signalled while it loads and builds (before any search: no plan can exist yet), the command ends
    at once, exit 130, nothing written; it used to build on for tens of seconds, then search."""
    scenario, old, events = large
    out = tmp_path / "new.json"
    command = [sys.executable, "-m", "planner", "replan", str(scenario), "--from", str(old)]
    command += ["--as-of", "2027-01-01", "--events", str(events), "-o", str(out)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(6.0)  # past the imports (their own handler ends the command at once), into the build
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    stdout, stderr = process.communicate(timeout=300)
    took = time.monotonic() - signalled
    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert took < STOP_SECONDS, f"{took:.1f} s after SIGTERM"
    assert "Traceback" not in stdout + stderr
    assert "nothing written" in " ".join(stderr.split())
    assert not out.exists()


class StopInConflictSearch(StopRequest):
    """A stop that comes once the diagnosis looks for conflicts (its searches assume rule literals)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen_conflict_search = False

    def run(self, solver, model, callback=None) -> int:
        if model.proto.assumptions:
            self.seen_conflict_search = True
            self.request()
        return super().run(solver, model, callback)


def test_the_diagnosis_of_an_infeasible_replan_obeys_a_stop() -> None:
    """No plan keeps the history (a term-limited cadre falls ill), so the re-plan is diagnosed; stopped
    in the conflict search, which used to run its own solves to their end (minutes on a province), it
    ends at once with no verdict."""
    from tests.support.builders import term_limited_native

    data = tiny_scenario(
        slots=[slot("d1.bi_thu"), slot("d2.pho_bi_thu")],
        cadres=[term_limited_native("C01", home="d2"), cadre("C02")],
        rules={"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}},
    )
    old = plan_of(("C02", "d2.pho_bi_thu", "2023-01-01"), ("C01", "d1.bi_thu", "2023-07-01"))
    events = [Event(date=date(2023, 3, 1), set={"cadres[C01].health_ok": False}, ref="GCN 1")]
    stop = StopInConflictSearch()
    result = replan_as_of(
        scenario_of(data),
        old,
        date(2023, 4, 1),
        events,
        options=SolveOptions(workers=1),
        hooks=SolveHooks(stop=stop),
    )
    assert stop.seen_conflict_search
    assert result.plan.interrupted and result.plan.status == "UNKNOWN" and result.plan.conflicts == []
