"""The console never leaves a long run silent (issue 24, item 5): each plan of a set is named as it
starts (plan k of n, best or alternative, base or variant), the progress lines carry the bound only
when it is comparable to the objective, each why-not re-solve is named, and in a log every step of a
diagnosis of a new kind is printed, so that the step that then runs long is named."""

from __future__ import annotations

import pytest

from planner.cli.app import _progress_printer, _step_printer
from planner.hooks import Progress, StepProgress
from tests.cli.test_cli import CAN_THO, one_line, planner


def test_a_plan_set_names_each_plan_as_it_starts(tmp_path) -> None:
    done = planner("solve", CAN_THO, "-o", tmp_path / "plan.json", "--variant", "quota-7")
    assert done.returncode == 0, done.stderr
    said = one_line(done.stderr)
    assert "… phương án / plan 1/2: tốt nhất / best, kịch bản gốc / base scenario" in said
    assert "… phương án / plan 2/2: tốt nhất / best, biến thể / variant quota-7" in said


def test_a_single_plan_names_no_plan(tmp_path) -> None:
    done = planner("solve", CAN_THO, "-o", tmp_path / "plan.json")
    assert done.returncode == 0, done.stderr
    assert "phương án / plan 1/" not in done.stderr


def test_explain_names_each_why_not_re_solve(tmp_path) -> None:
    plan = tmp_path / "plan.json"
    assert planner("solve", CAN_THO, "-o", plan).returncode == 0
    done = planner("explain", CAN_THO, "--plan", plan, "--cadre", "C087")
    assert done.returncode == 0, done.stderr
    assert "… vì sao không / why not: buộc vào vị trí 1/5" in one_line(done.stderr)


@pytest.mark.parametrize(
    ("objective", "bound", "expected", "absent"),
    [
        (371.0, 383.0, "… tốt nhất / best 371 · cận / bound 383 · 1.5 s", None),
        (376.0, 2288.0, "… tốt nhất / best 376 · 1.5 s", "2288"),
    ],
)
def test_the_bound_is_printed_only_beside_a_comparable_objective(
    capsys, objective: float, bound: float, expected: str, absent: str | None
) -> None:
    _progress_printer()(Progress(objective, bound, 1.5))
    said = capsys.readouterr().err
    assert expected in said
    if absent is not None:
        assert absent not in said


def test_a_progress_line_names_the_plan_it_is_about(capsys) -> None:
    _progress_printer(["phương án / plan 2/6"])(Progress(371.0, 383.0, 1.5))
    assert "… phương án / plan 2/6 · tốt nhất / best 371 · cận / bound 383 · 1.5 s" in capsys.readouterr().err


def test_in_a_log_a_new_kind_of_diagnosis_step_is_always_printed(capsys) -> None:
    show = _step_printer()
    show(StepProgress("thu hẹp 1/7", "narrowing the conflict 1/7", 0.1))
    show(StepProgress("thu hẹp 2/7", "narrowing the conflict 2/7", 0.2))  # same kind, within a second
    show(StepProgress("tìm mâu thuẫn khác 1/2", "looking for other conflicts 1/2", 0.3))
    said = capsys.readouterr().err
    assert "narrowing the conflict 1/7" in said
    assert "narrowing the conflict 2/7" not in said
    assert "… chẩn đoán / diagnosis: tìm mâu thuẫn khác 1/2 / looking for other conflicts 1/2 · 0.3 s" in said
