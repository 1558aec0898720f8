"""Re-planning with placements after the rotation (CONTRACT §4, §6.4): an `after` that started before the
as-of date is history, kept as it is whatever the facts now say; every other `after` is chosen afresh,
is not a change, and `replan.after_changes` lists each cadre whose `after` changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.plan import AfterMove, Plan
from planner.replan import replan_as_of
from planner.solving import SolveOptions
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)


def scenario(open_a: str = "2023-10-01", **after: Any) -> dict[str, Any]:
    """C01 must rotate into `d1.pho_bi_thu` on 2023-01-01 (12-month rotations: it ends 2024-01-01);
    `p_a` in its home unit and `p_b` elsewhere are projected posts."""
    return tiny_scenario(
        rules=tiny_scenario()["rules"] | {"min_duration_months": 12, "rotation_months": 12},
        slots=[slot("d1.pho_bi_thu", fill_by="2023-01-01")],
        cadres=[cadre("C01", must_rotate=True)],
        after_rotation={
            "horizon": "2025-06-30",
            "posts": [
                {"id": "p_a", "unit": "dep", "title": "pho_giam_doc", "open_from": open_a},
                {"id": "p_b", "unit": "dep2", "title": "pho_giam_doc", "open_from": "2024-01-01"},
            ],
        }
        | after,
    )


def old_plan() -> Plan:
    row = {
        "cadre": "C01",
        "slot": "d1.pho_bi_thu",
        "start": "2023-01-01",
        "after": {"post": "p_a", "start": "2024-01-01"},
    }
    return Plan.model_validate({"scenario": "tiny", "status": "OPTIMAL", "assignments": [row]})


def test_an_after_started_before_the_as_of_date_is_kept_whatever_the_facts_say() -> None:
    """As of 2024-04-01 the post `p_a` (taken from 2024-01-01) is history even though the facts now move
    its opening out of the window."""
    now = scenario_of(scenario(open_a="2025-06-01"))
    new = replan_as_of(now, old_plan(), date(2024, 4, 1), options=OPTIONS).plan
    (mine,) = new.assignments
    assert mine.history and mine.after == {"post": "p_a", "start": "2024-01-01"}
    assert mine.end == "2024-01-01"
    assert new.replan is not None and new.replan.after_changes == [] and new.replan.changes == []


def test_a_later_after_is_chosen_afresh_and_listed_but_not_a_change() -> None:
    """As of 2023-10-01 the rotation is history but its `after` (from 2024-01-01) is not: `p_a` now opens
    too late, so the re-plan takes `p_b`; the placement itself did not change."""
    now = scenario_of(scenario(open_a="2025-06-01"))
    new = replan_as_of(now, old_plan(), date(2023, 10, 1), options=OPTIONS).plan
    assert new.status == "OPTIMAL"
    (mine,) = new.assignments
    assert mine.history and mine.after == {"post": "p_b", "start": "2024-01-01"}
    assert new.replan is not None and new.replan.changes == []
    (moved,) = new.replan.after_changes or []
    assert moved.cadre == "C01"
    assert moved.before == AfterMove(post="p_a", start="2024-01-01")
    assert moved.after == AfterMove(post="p_b", start="2024-01-01")


def test_a_kept_after_closes_its_post_to_the_other_rotations() -> None:
    """The facts now open `p_a` on 2026-06-01: outside C01's window (its rotation ended 2024-01-01, a
    24-month window), inside that of C02, who must rotate from 2024-04-01 (ends 2025-04-01). C01 keeps
    `p_a` (taken from 2024-01-01, before the as-of date), so C02 takes `p_b`; were C01's `after` chosen
    afresh, C01 would need `p_b` and C02 would take `p_a`."""
    data = scenario(open_a="2026-06-01", window_months=24)
    data["slots"] = [*data["slots"], slot("d2.pho_bi_thu", open_from="2024-04-01", fill_by="2024-04-01")]
    data["cadres"] = [*data["cadres"], cadre("C02", must_rotate=True)]
    new = replan_as_of(scenario_of(data), old_plan(), date(2024, 4, 1), options=OPTIONS).plan
    assert new.status == "OPTIMAL"
    assert [(a.cadre, a.after) for a in new.assignments] == [
        ("C01", {"post": "p_a", "start": "2024-01-01"}),
        ("C02", {"post": "p_b", "start": "2025-04-01"}),
    ]
    assert new.replan is not None and [c.cadre for c in new.replan.after_changes or []] == ["C02"]


def test_without_after_rotation_no_after_changes_are_written() -> None:
    data = scenario()
    del data["after_rotation"]
    new = replan_as_of(scenario_of(data), old_plan(), date(2024, 4, 1), options=OPTIONS).plan
    assert new.replan is not None and new.replan.after_changes is None
