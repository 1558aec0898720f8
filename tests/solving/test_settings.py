"""Settings are settings (issue 22 item 5): `SolveOptions` are frozen, picklable values; the caller's
progress and stop hooks are passed apart (`SolveHooks`); a solve and a re-plan record the same things
about how they were searched; a plan is changed only into a new, validated plan."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from datetime import date

import pytest
from pydantic import ValidationError

from models.plan import Assignment, Plan, SolverRecord
from planner import Progress, SolveHooks, SolveOptions, StopRequest, replan_as_of, solve, solve_or_diagnose
from planner.hooks import StepProgress
from planner.replan import Event
from tests.infeasibility.test_diagnosis import _too_many_must_rotate
from tests.support.builders import cadre, plan_of, scenario_of, slot, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)


# --- SolveOptions: plain values ------------------------------------------------------------------------


def test_solve_options_round_trip_through_pickle() -> None:
    options = SolveOptions(
        time_limit=12.5, wall_clock_limit=40.0, workers=3, seed=7, hint=False, reduce=False
    )
    again = pickle.loads(pickle.dumps(options))
    assert again == options and again.wall_clock_cap == 40.0


def test_solve_options_are_frozen() -> None:
    options = SolveOptions()
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.time_limit = 1.0  # type: ignore[misc]


def test_solve_options_hold_no_hook() -> None:
    names = {f.name for f in dataclasses.fields(SolveOptions)}
    assert names == {"time_limit", "wall_clock_limit", "workers", "seed", "hint", "reduce"}
    with pytest.raises(TypeError):
        SolveOptions(stop=StopRequest())  # type: ignore[call-arg]


# --- the hooks, passed apart ---------------------------------------------------------------------------


def test_progress_is_reported_through_the_hooks(contract_example) -> None:
    seen: list[Progress] = []
    plan = solve(contract_example, OPTIONS, hooks=SolveHooks(on_progress=seen.append))
    assert plan.status == "OPTIMAL"
    assert seen and all(isinstance(p, Progress) for p in seen)
    assert seen[-1].objective == plan.objective


def test_diagnosis_steps_are_reported_through_the_hooks() -> None:
    steps: list[StepProgress] = []
    plan = solve_or_diagnose(
        scenario_of(_too_many_must_rotate()), OPTIONS, hooks=SolveHooks(on_step=steps.append)
    )
    assert plan.status == "INFEASIBLE" and plan.conflicts
    assert steps and all(s.step_vi and s.step_en for s in steps)


def test_quiet_hooks_keep_the_stop_and_drop_the_progress() -> None:
    stop = StopRequest()
    hooks = SolveHooks(on_progress=print, on_step=print, stop=stop)
    assert hooks.quiet() == SolveHooks(stop=stop)
    assert not hooks.stopped
    stop.request()
    assert hooks.stopped and hooks.quiet().stopped


def test_the_hooks_load_without_the_solver() -> None:
    """The command line holds its stop request before it loads CP-SAT (seconds of imports)."""
    code = "import sys, planner.hooks, planner.stopping; sys.exit('ortools' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- one solver record for a solve and a re-plan -------------------------------------------------------


def _recorded(record: SolverRecord) -> set[str]:
    return {name for name, value in record.model_dump().items() if value is not None}


def test_a_solve_and_a_replan_record_the_same_fields() -> None:
    """The re-plan's record used to lack the wall-clock cap, the deterministic time spent, the limit
    reached and whether the plan can be reproduced."""
    data = tiny_scenario(
        slots=[slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu")], cadres=[cadre("C01"), cadre("C02")]
    )
    scenario = scenario_of(data)
    solved = solve(scenario, SolveOptions(time_limit=10, workers=1, hint=False, reduce=False))
    old = plan_of(("C01", "d1.pho_bi_thu", "2023-07-01"), ("C02", "d2.pho_bi_thu", "2023-07-01"))
    events = [Event(date=date(2023, 3, 1), set={"cadres[C02].health_ok": False}, ref="GCN 1")]
    replanned = replan_as_of(scenario, old, date(2023, 4, 1), events, options=OPTIONS).plan
    assert solved.solver is not None and replanned.solver is not None
    assert _recorded(replanned.solver) == _recorded(solved.solver)
    for record in (solved.solver, replanned.solver):
        assert record.wall_clock_cap_seconds == OPTIONS.wall_clock_cap
        assert record.deterministic_seconds is not None and record.reproducible is True


# --- a plan changed only into a validated plan ---------------------------------------------------------


def test_a_misspelt_field_raises_instead_of_becoming_an_extra_field() -> None:
    plan = Plan(status="OPTIMAL", objective=3)
    with pytest.raises(TypeError, match="objectve"):
        plan.with_changes(objectve=4)
    with pytest.raises(TypeError, match="wall_second"):
        SolverRecord(
            version="9", seed=0, workers=1, time_limit_seconds=1, wall_seconds=1, build_seconds=0
        ).with_changes(wall_second=2)


def test_a_wrongly_typed_value_raises() -> None:
    plan = Plan(status="OPTIMAL", objective=3)
    with pytest.raises(ValidationError):
        plan.with_changes(interrupted="yes")
    with pytest.raises(ValidationError):
        plan.with_changes(status="DONE")
    with pytest.raises(ValidationError):
        plan.with_changes(assignments=[{"slot": "s"}])


def test_with_changes_keeps_the_rest_and_another_tools_fields() -> None:
    assignment = Assignment(cadre="C01", slot="s", start="2023-01-01", note="kept")
    plan = Plan.model_validate({"status": "FEASIBLE", "assignments": [assignment], "tool": "other"})
    changed = plan.with_changes(interrupted=True, objective=5)
    assert changed.interrupted and changed.objective == 5 and changed.status == "FEASIBLE"
    assert changed.assignments == [assignment] and changed.model_extra == {"tool": "other"}
    assert plan.objective is None and not plan.interrupted  # the original is unchanged
    assert assignment.with_changes(history=True).model_extra == {"note": "kept"}
