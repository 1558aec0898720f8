"""The plan fields of a re-plan stay backwards compatible: an older plan file loads, and a plan with none
of them is written as plans always were."""

from __future__ import annotations

import json

from models.plan import Assignment, Plan, plan_json


def test_older_plan_loads_and_writes_as_before() -> None:
    older = {
        "scenario": "x",
        "status": "OPTIMAL",
        "assignments": [{"cadre": "C01", "slot": "s", "start": "2023-01-01"}],
    }
    plan = Plan.model_validate(older)
    assert plan.replan is None and not plan.assignments[0].history
    written = json.loads(plan_json(plan))
    assert "replan" not in written and "history" not in written["assignments"][0]


def test_history_mark_round_trips() -> None:
    plan = Plan(assignments=[Assignment(cadre="C01", slot="s", start="2023-01-01", history=True)])
    again = Plan.model_validate(json.loads(plan_json(plan)))
    assert again.assignments[0].history is True
