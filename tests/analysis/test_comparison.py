"""Robust and contested placements count plans only: a plan file without a plan is no vote."""

from __future__ import annotations

import pytest

from models.plan import Plan
from planner.analysis.comparison import compare_placements, has_plan
from tests.support.builders import plan_of

ROWS = (("C01", "a", "2023-01-01"), ("C02", "b", "2023-01-01"))


@pytest.mark.parametrize("status", ["INFEASIBLE", "UNKNOWN"])
def test_a_plan_file_without_a_plan_takes_no_part_in_the_counts(status):
    """Three feasible plans make C01 -> a: robust, 3/3, not "contested 3/4" for the infeasible file."""
    empty = Plan(status=status)
    plans = [plan_of(*ROWS), plan_of(*ROWS), empty, plan_of(ROWS[0])]
    comparison = compare_placements(plans, ["A", "B", "X", "C"])
    assert comparison.plan_count == 3 and comparison.excluded == (2,) and comparison.excluded_labels == ("X",)
    shares = {(p.cadre, p.slot): (p.robust, p.count, p.plan_count, p.in_plans) for p in comparison.placements}
    assert shares == {("C01", "a"): (True, 3, 3, (0, 1, 3)), ("C02", "b"): (False, 2, 3, (0, 1))}
    assert [p.cadre for p in comparison.robust] == ["C01"]
    assert {c.cadre: (c.placed_in, c.plan_count) for c in comparison.cadres} == {"C01": (3, 3), "C02": (2, 3)}
    assert [d.label for d in comparison.deltas] == ["A", "B", "C"]  # no moves for a file without a plan


def test_the_reference_for_moves_is_the_first_feasible_plan():
    comparison = compare_placements([Plan(status="INFEASIBLE"), plan_of(*ROWS), plan_of(ROWS[0])])
    assert {d.label: d.moves for d in comparison.deltas} == {"2": 0, "3": 1}


def test_an_infeasible_file_even_with_assignments_holds_no_plan():
    """A plan file's status says what it is: INFEASIBLE assignments are not a plan to count."""
    stray = plan_of(("C09", "z", "2023-01-01")).model_copy(update={"status": "INFEASIBLE"})
    assert not has_plan(stray) and has_plan(plan_of(*ROWS)) and has_plan(Plan())
    comparison = compare_placements([plan_of(*ROWS), stray])
    assert [(p.cadre, p.robust) for p in comparison.placements] == [("C01", True), ("C02", True)]


def test_only_plan_files_without_plans_give_empty_counts():
    comparison = compare_placements([Plan(status="INFEASIBLE"), Plan(status="UNKNOWN")])
    assert comparison.plan_count == 0 and comparison.placements == () and comparison.deltas == ()
