"""What-if diffs: a changed scenario without a plan is shown as having none, not as a plan moving nobody."""

from __future__ import annotations

from models import AddForbid, AddPin, apply_changes
from planner import SolveOptions, load_scenario, solve, solve_or_diagnose
from planner.analysis import diff_plans
from tests.support.paths import EXAMPLE

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)


def test_a_what_if_without_a_plan_moves_nobody_and_leaves_nobody_unplaced() -> None:
    scenario = load_scenario(EXAMPLE)
    base = solve(scenario, OPTIONS)
    # C08 may not move at all (health): pinning it leaves no plan.
    pinned = apply_changes(scenario, [AddPin(cadre="C08", slot="o_mon.bi_thu")])
    changed = solve_or_diagnose(pinned, OPTIONS)
    assert changed.status == "INFEASIBLE" and changed.conflicts
    diff = diff_plans(scenario, base, changed)
    assert not diff.has_plan
    assert diff.moves == [] and diff.mandatory_unplaced == [] and diff.objective_delta is None


def test_a_what_if_with_a_plan_lists_its_moves() -> None:
    scenario = load_scenario(EXAMPLE)
    base = solve(scenario, OPTIONS)
    moved = next(a for a in base.assignments)
    forbidden = apply_changes(scenario, [AddForbid(cadre=moved.cadre, slot=moved.slot)])
    diff = diff_plans(scenario, base, solve(forbidden, OPTIONS))
    assert diff.has_plan
    assert moved.cadre in {move.cadre for move in diff.moves}
