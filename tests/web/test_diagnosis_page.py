"""An infeasible plan's page says what the diagnosis proved, in words and labelled numbers (issue 21,
item 1): no raw `[]` for a conflict's rules, each search's state, and "objective 385 → None" is gone
from the differences (a missing objective reads "none (no plan)")."""

from __future__ import annotations

import html
import re

from planner import AddPin, SolveOptions, explain_cadre
from planner.workspace import Workspace
from tests.web.conftest import SOLVE, log_in


def _infeasible_child(sqlite_url: str) -> int:
    """A what-if of plan 1 pinning its first cadre where a rule excludes the cadre: INFEASIBLE."""
    workspace = Workspace.open(sqlite_url)
    try:
        stored = workspace.plan(1)
        cadre = stored.plan.assignments[0].cadre
        excluded = next(v for v in explain_cadre(stored.scenario, cadre).verdicts if not v.eligible)
        (infeasible,) = workspace.solve(
            "minh", SolveOptions(**SOLVE), what_if=[AddPin(cadre=cadre, slot=excluded.slot)], from_plan=1
        )
    finally:
        workspace.dispose()
    assert infeasible.status == "INFEASIBLE"
    return infeasible.id


def test_an_infeasible_plan_page_words_its_diagnosis(app, client, sqlite_url):
    plan_id = _infeasible_child(sqlite_url)
    log_in(client, "minh")
    page = html.unescape(client.get(f"/plans/{plan_id}").text)
    assert 'id="diagnosis"' in page
    assert "Tập mâu thuẫn / Conflict: đã tìm được tập quy định mâu thuẫn tối thiểu" in page
    assert "Cách khắc phục / Repairs: tìm được" in page
    assert "[]" not in page
    rules = re.search(r"quy định / rules: ([a-z_, ]+)", page)
    assert rules is not None and "pin" in rules[1].strip().split(", ")
    assert "mục tiêu / objective" in page  # each repair's objective is labelled


def test_the_differences_of_an_infeasible_what_if_say_there_is_no_plan(app, client, sqlite_url):
    plan_id = _infeasible_child(sqlite_url)
    log_in(client, "minh")
    page = html.unescape(client.get(f"/plans/{plan_id}?since=1").text)
    assert "none (no plan)" in page and "→ None" not in page
