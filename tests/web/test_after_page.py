"""The way back in the review app (issue 26 item 5; CONTRACT §6.4, §6.5): the plan page shows each
rotation's end and its `after` beside the placement and a section of the rotations by end date; a cadre's
page says what its placement may lead to, each projected post open or closed and why; a post's page its
`may_stay`. The workspace holds `tests/support/after_data.py`'s scenario, solved; since the solver of this
branch writes no `after`, the stored plan is given afters chosen from `after_options` (staying where
allowed, else the first open post), as a plan file could give them. Read with the test client, and the
plan page once in headless Chromium."""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy
import yaml
from fastapi.testclient import TestClient

from planner import SolveOptions, plan_json
from planner.analysis import after_row_text, by_end, plan_afters
from planner.web import create_app
from planner.workspace import Workspace
from tests.support.after_data import after_data, chosen_afters
from tests.support.browser import headless_chromium
from tests.web.conftest import PASSWORD, SOLVE, log_in, make_served, serve
from tests.web.test_bench_page import text_of
from tests.web.test_browser_walk import Walk


def give_afters(url: str, plan_id: int = 1, stay_first: bool = True) -> None:
    """The stored plan with afters chosen by `chosen_afters`, written over its content."""
    workspace = Workspace.open(url)
    stored = workspace.plan(plan_id)
    workspace.dispose()
    content = plan_json(chosen_afters(stored.scenario, stored.plan, stay_first))
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sqlalchemy.text("UPDATE plans SET content = :c WHERE id = :i"), {"c": content, "i": plan_id}
        )
    engine.dispose()


@pytest.fixture
def served_url(tmp_path) -> str:
    scenario = tmp_path / "after.yaml"
    scenario.write_text(yaml.safe_dump(after_data(), allow_unicode=True), encoding="utf-8")
    url = make_served(f"sqlite:///{tmp_path / 'workspace.db'}", scenario)
    workspace = Workspace.open(url)
    workspace.solve("minh", SolveOptions(**SOLVE))  # plan 2, to compare
    workspace.dispose()
    give_afters(url)
    give_afters(url, 2, stay_first=False)
    return url


@pytest.fixture
def served(served_url):
    workspace = Workspace.open(served_url)
    stored = workspace.plan(1)
    workspace.dispose()
    app = create_app(served_url, secret="test-secret", solve_options=SolveOptions(**SOLVE))
    with TestClient(app) as client:
        log_in(client, "tuan")
        yield client, stored


def test_the_plan_page_shows_each_rotations_end_and_after(served):
    client, stored = served
    page = client.get("/plans/1").text
    rows = plan_afters(stored.scenario, stored.plan)
    assert any(r.state in ("stay", "post") for r in rows), "the test can fail: some after is given"
    for r in rows:
        cell = re.search(rf'<td class="after" id="after-of-{r.cadre}">(.*?)</td>', page, re.S)
        assert cell, r.cadre
        assert html.unescape(cell[1]) == after_row_text(r)
    section = re.search(r'<section id="afters">(.*?)</section>', page, re.S)
    assert section, "no rotations-by-end section"
    assert re.findall(r'<tr id="after-([^"]+)">', section[1]) == [r.cadre for r in by_end(rows)]
    words = text_of(section[1])
    assert "Luân chuyển theo ngày kết thúc / Rotations by end date" in words
    first = by_end(rows)[0]
    assert first.end.strftime("%d/%m/%Y") in words


def test_a_plan_page_without_the_way_back_has_no_after(client):
    log_in(client, "tuan")
    page = client.get("/plans/1").text
    assert 'id="afters"' not in page and "Sau luân chuyển / After</th>" not in page


def test_the_cadre_and_post_pages_say_what_may_follow(served):
    client, stored = served
    placed = plan_afters(stored.scenario, stored.plan)[0]
    page = client.get(f"/plans/1/cadres/{placed.cadre}").text
    assert 'id="after"' in page
    words = text_of(page)
    assert f"kết thúc / ends {placed.end.strftime('%d/%m/%Y')}" in words
    assert "mốc / horizon 30/04/2026" in words
    assert "ninh_kieu.pbt@2027 (ninh_kieu, pho_bi_thu): đóng / closed" in words
    slot = client.get("/plans/1/slots/ninh_kieu.bi_thu").text
    assert 'id="may-stay"' in slot
    assert 'id="may-stay"' not in client.get("/plans/1/slots/o_mon.bi_thu").text


def test_the_comparison_shows_afters_side_by_side(served):
    client, _ = served
    page = client.get("/diff?a=plan:1&b=plan:2").text
    lines = re.findall(r'<li class="diff-afters">(.*?)</li>', page, re.S)
    assert lines, "no after differences: the two plans' afters differ by construction"
    assert all("sau luân chuyển / after" in html.unescape(line) for line in lines)
    table = re.search(r'<table id="side-by-side">(.*?)</table>', page, re.S)
    assert table and " → " in html.unescape(table[1])


@pytest.fixture
def browser(tmp_path):
    yield from headless_chromium(tmp_path / "chromium-profile")


@pytest.mark.slow
def test_the_plan_page_shows_the_afters_in_the_browser(served_url, browser, tmp_path):
    with serve(served_url, tmp_path / "server.log") as server:
        walk = Walk(browser, server.base)
        walk.open("/login", "login")
        walk.find("name").send_keys("hoa")
        walk.find("password").send_keys(PASSWORD)
        walk.click_and_load(walk.find("login"), "log in")
        walk.open("/plans/1", "plan page", figures=True)
        section = walk.find("afters")
        assert section.is_displayed()
        assert "Rotations by end date" in section.text
        browser.save_screenshot(str(tmp_path / "afters.png"))
        assert walk.severe == []
