"""A plan's own records at the edge (issue 11): `what_if` entries naming an unknown cadre, slot or unit, a
rule that cannot be waived, a negative or oversized count, a date past the calendar, are bad input naming
the plan file, `what_if[i].<field>` and the value (today: `StopIteration`, or pydantic's raw text).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from models.changes import (
    AddForbid,
    AddPin,
    AddWaiver,
    DropForbid,
    DropPin,
    FillByLater,
    PaceCap,
    QuotaBound,
    YouthCap,
)
from models.errors import InputError
from models.loading import load_plan
from models.recorded_changes import apply_recorded_changes
from planner.analysis import plan_scenario

FILE = "plan.json"

BAD_CHANGES = [
    (AddPin(cadre="C99", slot="o_mon.bi_thu"), "cadre", "'C99'"),
    (AddPin(cadre="C01", slot="nowhere.bi_thu"), "slot", "'nowhere.bi_thu'"),
    (AddPin(cadre="C01", slot="o_mon.bi_thu", start=date(2023, 2, 1)), "start", "2023-02-01"),
    (AddPin(cadre="C01", slot="o_mon.bi_thu", start=date(9999, 10, 1)), "start", "9999-10-01"),
    (AddForbid(cadre="C99", slot="o_mon.bi_thu"), "cadre", "'C99'"),
    (AddForbid(cadre="C01", unit="atlantis"), "unit", "'atlantis'"),
    (AddWaiver(cadre="C99", rule="remaining_service"), "cadre", "'C99'"),
    (AddWaiver(cadre="C01", rule="health"), "rule", "'health'"),
    (AddWaiver(cadre="C01", rule="remaining_service", by="Ban\x1b[2J"), "by", None),
    (DropPin(cadre="C99", slot="o_mon.bi_thu"), "cadre", "'C99'"),
    (DropForbid(cadre="C06", unit="atlantis"), "unit", "'atlantis'"),
    (QuotaBound(bound="min", value=-3), "value", "-3"),
    (QuotaBound(bound="max", value=2**70), "value", str(2**70)),
    (QuotaBound(bound="min", value=9), "value", "9"),  # above the max of 5
    (PaceCap(value=-1), "value", "-1"),
    (YouthCap(value=2**63), "value", str(2**63)),
    (FillByLater(slot="nowhere", fill_by=date(2025, 1, 1)), "slot", "'nowhere'"),
    (FillByLater(slot="phong_dien.chu_tich", fill_by=date(2023, 1, 1)), "fill_by", "2023-01-01"),
    (FillByLater(slot="o_mon.bi_thu", fill_by=date(9999, 12, 31)), "fill_by", "9999-12-31"),
]


@pytest.mark.parametrize(
    ("change", "field", "value"), BAD_CHANGES, ids=[f"{c.kind}-{f}" for c, f, _ in BAD_CHANGES]
)
def test_a_recorded_change_that_does_not_apply_names_its_field(
    contract_example, change, field, value
) -> None:
    with pytest.raises(InputError) as raised:
        apply_recorded_changes(
            contract_example, [AddPin(cadre="C03", slot="o_mon.pho_chu_tich"), change], FILE
        )
    [line] = [str(problem) for problem in raised.value.problems]
    assert line.startswith(f"{FILE}: what_if[1].{field}: ")
    assert " / " in line
    if value is not None:
        assert line.endswith(f"(giá trị / value: {value})")


def test_changes_that_clash_with_each_other(contract_example) -> None:
    """Each fits the scenario alone; together the quota min passes the max set before it."""
    with pytest.raises(InputError) as raised:
        apply_recorded_changes(
            contract_example, [QuotaBound(bound="max", value=3), QuotaBound(bound="min", value=4)], FILE
        )
    assert f"{FILE}: what_if[1]: " in str(raised.value)


def test_a_pin_that_makes_the_scenario_invalid_is_told_as_the_record(contract_example) -> None:
    """Two recorded pins on one slot: the scenario they give would be refused by the loader."""
    changes = [AddPin(cadre="C01", slot="o_mon.bi_thu"), AddPin(cadre="C03", slot="o_mon.bi_thu")]
    with pytest.raises(InputError) as raised:
        apply_recorded_changes(contract_example, changes, FILE)
    assert f"{FILE}: what_if: " in str(raised.value) and "pins[" in str(raised.value)


def test_good_changes_apply_as_before(contract_example) -> None:
    changes = [
        AddPin(cadre="C01", slot="o_mon.bi_thu", start=date(2023, 4, 1)),
        AddWaiver(cadre="C03", rule="youth_heads", by="giả định / what-if"),
        QuotaBound(bound="max", value=6),
    ]
    changed = apply_recorded_changes(contract_example, changes, FILE)
    assert changed.rules.quota.max == 6
    assert any(pin.cadre == "C01" for pin in changed.pins)


def _plan_with(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps({"scenario": "example-mini", "assignments": [], "what_if": records}), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        ({"kind": "add_waiver", "cadre": "C99", "rule": "remaining_service"}, "cadre", "'C99'"),
        ({"kind": "add_waiver", "cadre": "C01", "rule": "health"}, "rule", "'health'"),
        ({"kind": "quota", "bound": "min", "value": -1}, "value", "-1"),
        ({"kind": "add_pin", "cadre": "C01", "slot": "nope"}, "slot", "'nope'"),
    ],
)
def test_plan_scenario_refuses_a_plan_file_with_a_bad_record(
    tmp_path: Path, contract_example, record: dict, field: str, value: str
) -> None:
    """Through the public API that `check --as-recorded`, `explain --plan` and the reports use."""
    path = _plan_with(tmp_path, [record])
    plan = load_plan(path)
    with pytest.raises(InputError) as raised:
        plan_scenario(contract_example, plan, str(path))
    assert f"{path}: what_if[0].{field}: " in str(raised.value) and f"(giá trị / value: {value})" in str(
        raised.value
    )
