"""A re-plan after an event that makes the old plan break `bench_strength` names it as the reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.plan import Assignment, Plan
from planner import load_events, replan_as_of
from planner.solving import SolveOptions
from tests.rules.test_bench_strength import tempted
from tests.support.builders import scenario_of


def test_a_raised_min_ready_moves_a_cadre_and_names_bench_strength(tmp_path: Path) -> None:
    scenario = scenario_of(tempted(None))
    old = Plan(
        scenario="tiny", assignments=[Assignment(cadre="C01", slot="dep2.giam_doc", start="2023-01-01")]
    )
    events_file = tmp_path / "events.yaml"
    events_file.write_text(
        '- {date: 2023-01-01, set: {"pool[pct].min_ready": 2}, ref: QĐ 9}\n', encoding="utf-8"
    )
    result = replan_as_of(
        scenario,
        old,
        date(2023, 1, 1),
        load_events(events_file),
        options=SolveOptions(time_limit=10, workers=1),
    )
    new = result.plan
    assert [(a.cadre, a.slot, a.start) for a in new.assignments if a.cadre == "C01"] == [
        ("C01", "d1.pho_bi_thu", "2023-01-01")
    ]
    (change,) = [c for c in new.replan.changes if c.cadre == "C01"]
    assert [(r.rule, [e.ref for e in r.events]) for r in change.reasons] == [("bench_strength", ["QĐ 9"])]
    assert new.bench is not None and new.bench[0].ready == ["C01", "C03"]
