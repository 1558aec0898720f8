"""Ties said plainly: plans found with the same objective are named as equally good, with the
placements that differ between them, in the comparison and on the web's plan page; a plan with a gap, or
the best of another search with another objective, is not counted."""

from __future__ import annotations

import pytest
import yaml

from models.plan import AlternativeRecord
from planner.analysis import equally_good, solve_alternatives
from planner.report.content import compare_content, report_content
from planner.report.html import compare_html, report_html
from planner.solving import SolveOptions
from planner.wording import TIE_PLACEMENTS_SHOWN, tie_line
from planner.workspace import Workspace
from tests.support.builders import scenario_of, tiny_scenario
from tests.web.conftest import PASSWORD, SOLVE, USERS, log_in

OPTIONS = SolveOptions(time_limit=10, workers=1, seed=0)


@pytest.fixture(scope="module")
def tiny():
    """Two like cadres and posts that score alike: three plans with the same objective."""
    scenario = scenario_of(tiny_scenario())
    return scenario, solve_alternatives(scenario, 3, 1, OPTIONS)


def test_alternatives_with_the_best_objective_are_one_tie(tiny):
    _, plans = tiny
    assert len({p.objective for p in plans}) == 1 and [p.alternative.gap for p in plans] == [0, 0, 0]
    (tie,) = equally_good({f"PA{i}": p for i, p in enumerate(plans, start=1)})
    assert tie.names == ("PA1", "PA2", "PA3")
    every = [{(a.cadre, a.slot) for a in p.assignments} for p in plans]
    assert set(tie.differing) == set.union(*every) - set.intersection(*every) != set()


def test_a_gap_or_another_search_s_objective_breaks_the_tie(tiny):
    _, plans = tiny
    worse = plans[2].with_changes(alternative=AlternativeRecord(rank=3, gap=1, min_diff=1), objective=21)
    (tie,) = equally_good({"PA1": plans[0], "PA2": plans[1], "PA3": worse})
    assert tie.names == ("PA1", "PA2")
    other_run = plans[1].with_changes(objective=plans[1].objective + 1)  # a best of its own, gap 0
    assert equally_good({"PA1": plans[0], "B1": other_run}) == []
    assert equally_good({"PA1": plans[0]}) == []


def test_the_tie_line_counts_and_names_the_differing_placements():
    line = tie_line(3, [("C01", "d1.bi_thu"), ("C02", "d2.pho_bi_thu")])
    assert line.startswith("Một trong ít nhất 3 phương án tốt như nhau")
    assert "one of at least 3 equally good plans" in line
    assert line.endswith("these placements differ between them: C01 → d1.bi_thu, C02 → d2.pho_bi_thu")
    many = tie_line(2, [(f"C{i:02}", "s.t") for i in range(TIE_PLACEMENTS_SHOWN + 3)])
    assert many.endswith("(và 3 bố trí khác / and 3 more)")
    assert "chỉ khác ngày bắt đầu / they differ only in start dates" in tie_line(2, [])


def test_the_comparison_says_which_plans_are_equally_good(tiny):
    scenario, plans = tiny
    page = compare_html(compare_content(scenario, {"PA1": plans[0], "PA2": plans[1]}, redact=True))
    assert 'class="note tie"' in page
    assert "PA1, PA2: Một trong ít nhất 2 phương án tốt như nhau" in page
    assert "C01 → d1.bi_thu" in page or "C01 → d1.pho_bi_thu" in page


@pytest.mark.slow
def test_the_plan_page_says_its_plan_is_one_of_several_equally_good(tmp_path, client_factory):
    client = client_factory(tmp_path)
    log_in(client, "tuan")
    page = client.get("/plans/2").text
    assert 'id="tie"' in page
    assert "Một trong ít nhất 3 phương án tốt như nhau" in page
    assert "(cùng với / with plan:1, plan:3)" in page


@pytest.fixture
def client_factory():
    """A web client on a workspace holding the tiny scenario solved with 3 alternatives (plans 1-3)."""
    from fastapi.testclient import TestClient

    from planner.web import create_app

    opened = []

    def make(folder):
        path = folder / "tiny.yaml"
        path.write_text(yaml.safe_dump(tiny_scenario(), allow_unicode=True), encoding="utf-8")
        url = f"sqlite:///{folder / 'workspace.db'}"
        workspace, _ = Workspace.init(url, admin="lan")
        try:
            workspace.add_user("lan", "tuan", USERS["tuan"])
            workspace.set_password("lan", "tuan", PASSWORD)
            workspace.import_scenario("lan", path)
            workspace.solve("lan", SolveOptions(**SOLVE), alternatives=3)
        finally:
            workspace.dispose()
        client = TestClient(create_app(url, secret="test-secret", solve_options=SolveOptions(**SOLVE)))
        opened.append(client.__enter__())
        return opened[-1]

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def test_a_report_says_what_an_alternative_s_own_record_proves(tiny):
    scenario, plans = tiny
    third = report_html(report_content(scenario, plans[2], "PA3", redact=True))
    assert "Một trong ít nhất 3 phương án tốt như nhau" in third and "one of at least 3 equally good" in third
    best = report_html(report_content(scenario, plans[0], "PA1", redact=True))
    assert "tốt như nhau" not in best  # the best plan's record alone proves no tie
    worse = plans[1].with_changes(alternative=AlternativeRecord(rank=2, gap=1, min_diff=1))
    assert "tốt như nhau" not in report_html(report_content(scenario, worse, "PA2", redact=True))
