"""The plan schema: built once and frozen, every record declares its fields, and plan files written by
hand, by other tools or by earlier versions still load."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from models import AddPin, AddWaiver, QuotaBound, Repair, SolverRecord
from planner import Plan, plan_json

SOLVER = {
    "version": "9.12",
    "seed": 0,
    "workers": 1,
    "time_limit_seconds": 10.0,
    "wall_seconds": 0.5,
    "build_seconds": 0.1,
}


def test_a_plan_is_frozen() -> None:
    plan = Plan.model_validate(
        {"assignments": [{"cadre": "C01", "slot": "d1.bi_thu", "start": "2023-01-01"}]}
    )
    with pytest.raises(ValidationError):
        plan.objective = 3  # type: ignore[misc]
    with pytest.raises(ValidationError):
        plan.assignments[0].slot = "d2.bi_thu"  # type: ignore[misc]
    changed = plan.model_copy(update={"objective": 3})
    assert (plan.objective, changed.objective) == (None, 3)


def test_solver_record_declares_every_field_and_refuses_others() -> None:
    lp = {"cp_sat_workers": 1, "pairs_total": 9, "pairs_kept": 4, "lp_bound": 7.0, "hint_objective": 7.0}
    record = SolverRecord.model_validate(SOLVER | {"hint": True, "reduce": True, "proved_by_lp": True} | lp)
    assert record.pairs_kept == 4 and record.proved_by_lp
    with pytest.raises(ValidationError, match="undeclared"):
        SolverRecord.model_validate(SOLVER | {"undeclared": 1})


def test_a_hand_made_plan_keeps_the_fields_it_brings() -> None:
    """CONTRACT §3: cadre, slot and start alone are a plan; fields another tool adds are kept."""
    data = {
        "made_by": "spreadsheet",
        "assignments": [{"cadre": "C01", "slot": "s", "start": 2023, "note": "x"}],
    }
    plan = Plan.model_validate(data)
    assert plan.assignments[0].start == "2023"
    written = json.loads(plan_json(plan))
    assert written["made_by"] == "spreadsheet"
    assert written["assignments"][0]["note"] == "x"


def test_changes_round_trip_through_a_plan_file() -> None:
    """What-ifs and repairs are typed changes in memory and the same records as ever on disk."""
    what_if = [
        AddPin(cadre="C05", slot="cai_rang.bi_thu"),
        AddWaiver(cadre="C04", rule="remaining_service", by="giả định / what-if"),
    ]
    repair = Repair(
        change=QuotaBound(bound="max", value=3),
        message="nâng hạn mức tối đa lên 3 người / raise the quota maximum to 3",
        message_en="raise the quota maximum to 3",
        status="OPTIMAL",
        objective=12,
        rotations=3,
    )
    plan = Plan(status="INFEASIBLE", what_if=what_if, repairs=[repair])
    written = json.loads(plan_json(plan))
    assert written["what_if"] == [
        {
            "cadre": "C05",
            "slot": "cai_rang.bi_thu",
            "kind": "add_pin",
            "text": "giả định C05 nhận cai_rang.bi_thu / suppose C05 takes cai_rang.bi_thu",
        },
        {
            "cadre": "C04",
            "rule": "remaining_service",
            "by": "giả định / what-if",
            "kind": "add_waiver",
            "text": "miễn trừ quy định remaining_service cho C04 / waive remaining_service for C04",
        },
    ]
    assert written["repairs"][0]["change"] == {
        "bound": "max",
        "value": 3,
        "kind": "quota",
        "text": "nâng hạn mức tối đa lên 3 người / raise the quota maximum to 3",
    }
    again = Plan.model_validate_json(plan_json(plan))
    assert again == plan
    assert isinstance(again.what_if[0], AddPin) and isinstance(again.repairs[0].change, QuotaBound)


def test_a_plan_written_before_loads_its_changes_typed() -> None:
    """An earlier plan file: a dated pin with its text, a fill-by repair."""
    old = {
        "status": "OPTIMAL",
        "what_if": [
            {"cadre": "C01", "slot": "s", "start": "2023-04-01", "kind": "add_pin", "text": "old words"}
        ],
        "repairs": [
            {
                "change": {"slot": "s", "fill_by": "2024-01-01", "kind": "fill_by", "text": "…"},
                "message": "m",
                "message_en": "m",
                "status": "OPTIMAL",
            }
        ],
    }
    plan = Plan.model_validate(old)
    assert plan.what_if == [AddPin(cadre="C01", slot="s", start="2023-04-01")]
    assert plan.repairs[0].change.kind == "fill_by"
    assert json.loads(plan_json(plan))["what_if"][0]["text"].endswith("suppose C01 takes s from 2023-04-01")
    with pytest.raises(ValidationError):
        Plan.model_validate({"what_if": [{"kind": "no_such_change"}]})


def test_interrupted_is_written_only_when_true_and_must_be_a_boolean() -> None:
    """A plan of a whole solve reads as plans always have; a stopped one says so (issue 10 item 6)."""
    assert "interrupted" not in json.loads(plan_json(Plan()))
    assert json.loads(plan_json(Plan(interrupted=True)))["interrupted"] is True
    assert Plan.model_validate({"interrupted": True}).interrupted
    with pytest.raises(ValidationError, match="interrupted"):
        Plan.model_validate({"interrupted": "yes"})


@pytest.mark.parametrize("value", [5, 1.5, True, ["abc"], {"sha256": "abc"}])
def test_a_scenario_hash_that_is_not_text_is_refused(value: object) -> None:
    with pytest.raises(ValidationError, match="scenario_hash"):
        Plan.model_validate({"scenario_hash": value})


def test_a_solver_record_says_which_limit_stopped_it_and_older_files_still_load() -> None:
    older = SolverRecord.model_validate(SOLVER)
    assert older.limit_reached is None and older.reproducible is None and older.wall_clock_cap_seconds is None
    capped = SolverRecord.model_validate(
        SOLVER
        | {"wall_clock_cap_seconds": 40.0, "deterministic_seconds": 7.5, "limit_reached": "wall_clock"}
        | {"reproducible": False}
    )
    assert SolverRecord.model_validate_json(capped.model_dump_json()) == capped
    assert json.loads(capped.model_dump_json())["limit_reached"] == "wall_clock"
    with pytest.raises(ValidationError, match="limit_reached"):
        SolverRecord.model_validate(SOLVER | {"limit_reached": "time"})
