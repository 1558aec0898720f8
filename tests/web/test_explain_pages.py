"""The why pages in the reader's words (issue 23, item 2): a cadre's and a post's reasons grouped one line
per rule as `planner explain` groups them, posts by title and unit and cadres by name and id, long lists
paged and a long group's members a click away, and the "why not the better post" worked out as a
background job with progress, its answer kept per plan and cadre."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from models import AddForbid
from planner import SolveOptions, explain_cadre, explain_slot
from planner.analysis import excluded_groups, forced_alternatives
from planner.web import create_app, explain_pages
from planner.web.explain_pages import paged
from planner.workspace import Workspace
from tests.web.conftest import SOLVE, infeasible_what_if, log_in, make_served

#: Seconds a why-not job of the example may take (a spawned process, a few solves of 5 s at most).
WAIT = 180


def text_of(page: str) -> str:
    """The page's words, tags dropped and entities read."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def table_rows(page: str, table_id: str) -> list[str]:
    body = re.search(rf'<table id="{table_id}">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert body, table_id
    return re.findall(r"<tr[^>]*>.*?</tr>", body[1], re.S)


@pytest.fixture
def names(sqlite_url):
    """The example's cadre names and post words (title · unit), by id."""
    workspace = Workspace.open(sqlite_url)
    scenario = workspace.plan(1).scenario
    workspace.dispose()
    return {c.id: c.name for c in scenario.cadres}, post_words(scenario), scenario


def post_words(scenario) -> dict[str, str]:
    """Each post of the example as the pages name it: title · unit (no two alike there)."""
    units = {u.id: u.name for u in scenario.units}
    return {s.id: f"{scenario.titles[s.title].name} · {units[s.unit]}" for s in scenario.slots}


# the cadre page -------------------------------------------------------------------------------------------


def test_a_cadre_page_says_each_reason_once_with_the_posts_it_excludes(client, names):
    """C07 is in no candidate category: that rule excludes every post (and locality one of them too). The
    page said it once a post (the same long sentence on every row); now one row a set of rules, as the
    console groups them, with the count and the posts by title and unit."""
    cadres, posts, scenario = names
    log_in(client, "tuan")
    page = client.get("/plans/1/cadres/C07").text
    rows = table_rows(page, "excluded-table")
    groups = excluded_groups(explain_cadre(scenario, "C07").verdicts, lambda v: v.slot)
    assert [g.rules for g in groups] == [("candidate",), ("candidate", "non_locality")]
    assert len(rows) == len(groups)
    assert text_of(page).count("[candidate]") == len(groups) < len(scenario.slots)
    assert f">{len(scenario.slots) - 1}<" in rows[0]
    for group, row in zip(groups, rows, strict=True):
        for slot in group.members:
            assert html.escape(posts[slot]) in row, slot
    assert f"{cadres['C07']} (C07)" in text_of(page)


def test_a_cadre_page_names_posts_and_groups_alike_eligible_posts(client, names):
    _, posts, scenario = names
    log_in(client, "tuan")
    page = client.get("/plans/1/cadres/C01").text
    words = text_of(page)
    explanation = explain_cadre(scenario, "C01")
    eligible = [v for v in explanation.verdicts if v.eligible]
    rows = table_rows(page, "eligible-table")
    assert len(rows) < len(eligible)  # the four posts scoring 0 alike share one row
    assert sum(html.escape(posts[v.slot]) in row for row in rows for v in eligible) == len(eligible)
    # the plan-wide rules every eligible post bears are said once, above the table, not on every row
    assert words.count("[pace]") == 1 and words.count("[quota]") == 1
    placed = re.search(r'<li id="placed">(.*?)</li>', page, re.S)[1]
    assert html.escape(posts["phong_dien.chu_tich"]) in placed and "01/07/2023" in placed
    # dates as dd/mm/yyyy, rules by their words in the by-start table
    assert "2023-07-01" not in words


def test_a_post_page_groups_its_shortlist_and_names_cadres(client, names):
    cadres, posts, scenario = names
    log_in(client, "tuan")
    page = client.get("/plans/1/slots/phong_dien.chu_tich").text
    words = text_of(page)
    explanation = explain_slot(scenario, "phong_dien.chu_tich")
    eligible = [v.cadre for v in explanation.verdicts if v.eligible]
    rows = table_rows(page, "eligible-table")
    assert len(rows) == len(eligible) - 1  # C06 and C10, alike, on one row
    assert any(cadres["C06"] in row and cadres["C10"] in row for row in rows)
    assert words.count("[pace]") == 1
    excluded = table_rows(page, "excluded-table")
    assert len(excluded) == len(excluded_groups(explanation.verdicts, lambda v: v.cadre, first_only=True))
    assert posts["phong_dien.chu_tich"] in words
    for cadre in (v.cadre for v in explanation.verdicts):
        assert f"{cadres[cadre]} ({cadre})" in words, cadre


def test_a_what_if_plan_is_explained_under_its_what_ifs(client, sqlite_url, names):
    """A what-if forbidding C01's post: on that plan, C01's page names the forbid as the reason the post
    is closed (the base scenario alone would call it eligible, and the best)."""
    _, posts, _ = names
    workspace = Workspace.open(sqlite_url)
    forbid = AddForbid(cadre="C01", slot="phong_dien.chu_tich")
    (record,) = workspace.solve("minh", SolveOptions(**SOLVE), what_if=[forbid], from_plan=1)
    workspace.dispose()
    log_in(client, "tuan")
    page = client.get(f"/plans/{record.id}/cadres/C01").text
    forbidden = next(row for row in table_rows(page, "excluded-table") if "[forbid]" in row)
    assert html.escape(posts["phong_dien.chu_tich"]) in forbidden
    assert html.escape(posts["phong_dien.chu_tich"]) not in "".join(table_rows(page, "eligible-table"))
    assert "[forbid]" not in client.get("/plans/1/cadres/C01").text


def test_long_lists_are_paged_and_long_groups_folded(client, monkeypatch):
    monkeypatch.setattr(explain_pages, "PAGE_ROWS", 2)
    monkeypatch.setattr(explain_pages, "MEMBERS_SHOWN", 1)
    log_in(client, "tuan")
    first = client.get("/plans/1/slots/phong_dien.chu_tich").text
    assert len(table_rows(first, "eligible-table")) == 2
    assert 'href="?page=2#shortlist"' in first and "Trang / Page 1/2" in text_of(first)
    last = client.get("/plans/1/slots/phong_dien.chu_tich?page=2").text
    assert len(table_rows(last, "eligible-table")) == 2  # 4 groups in all
    assert client.get("/plans/1/slots/phong_dien.chu_tich?page=9").text == last  # past the end: the last
    assert client.get("/plans/1/slots/phong_dien.chu_tich?page=0").status_code == 422
    # C07's one group of every post: the first shown, the rest behind "and N more"
    folded = client.get("/plans/1/cadres/C07").text
    assert re.search(r"<summary>và \d+ vị trí khác / and \d+ more posts</summary>", folded)


def test_paging_splits_rows_without_losing_one():
    rows = list(range(53))
    pages = [paged(rows, n) for n in range(1, 4)]
    assert [p.rows for p in pages] == [rows[:25], rows[25:50], rows[50:]]
    assert {p.count for p in pages} == {3} and paged(rows, 7).number == 3 and paged([], 1).count == 1


# why not the better post ------------------------------------------------------------------------------------


@pytest.fixture
def on_either_database(db_url):
    """The served example on SQLite and on PostgreSQL: the why-not's child process opens it by URL."""
    app = create_app(make_served(db_url), secret="why-not-secret", solve_options=SolveOptions(**SOLVE))
    with TestClient(app) as client:
        yield app, client


@pytest.mark.slow
def test_why_not_the_better_post_runs_in_the_background_and_is_kept(on_either_database):
    """C05 is placed where it scores 7; the post scoring more is forced by a re-solve in a child process,
    and the page shows what the plan gives up, the command line's answer."""
    app, client = on_either_database
    csrf = log_in(client, "tuan")  # a viewer may ask: it only reads and solves, writing nothing
    page = client.get("/plans/1/cadres/C05").text
    assert 'id="why-not-start"' in page and "(1 lần giải, chạy nền)" in page
    assert client.get("/api/plans/1/cadres/C05/why-not").json()["state"] == "none"
    answer = client.post("/plans/1/cadres/C05/why-not", data={"csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/plans/1/cadres/C05#why-not"
    job = app.state.web.why_not.get(1, "C05")
    running = client.get("/plans/1/cadres/C05").text
    if not job.finished:
        assert 'id="why-not-progress"' in running
    progress = client.get("/api/plans/1/cadres/C05/why-not").json()
    assert progress["state"] in ("queued", "running", "done") and "/" in progress["line"]
    # asked again while it runs: the same job, no second one
    client.post("/plans/1/cadres/C05/why-not", data={"csrf": csrf}, follow_redirects=False)
    assert app.state.web.why_not.get(1, "C05") is job
    assert app.state.web.why_not.wait(job, WAIT), job
    assert job.state == "done", job.message
    stored = app.state.web.workspace.plan(1)
    base, scenario = stored.plan, stored.scenario
    posts = post_words(scenario)
    expected = forced_alternatives(scenario, "C05", base, SolveOptions(**SOLVE))
    assert job.forced == expected and [f.slot for f in expected] == ["phong_dien.chu_tich"]
    done = client.get("/plans/1/cadres/C05").text
    rows = table_rows(done, "why-not-table")
    assert len(rows) == 1 and html.escape(posts["phong_dien.chu_tich"]) in rows[0]
    assert f">{expected[0].objective_lost:g}<" in rows[0]
    assert 'id="why-not-start"' not in done
    line = client.get("/api/plans/1/cadres/C05/why-not").json()["line"]
    assert line.startswith("đã xong") and "1/1" in line


def test_a_cadre_with_no_better_post_is_told_at_once(app, client):
    """C01 is placed at its best post, C07 has none: said on the page, with no job to run."""
    log_in(client, "tuan")
    for cadre, words in (
        ("C01", "no eligible post scores higher"),
        ("C07", "the cadre has no eligible post"),
    ):
        page = client.get(f"/plans/1/cadres/{cadre}").text
        assert 'id="why-not-none"' in page and words in page, cadre
        assert 'id="why-not-start"' not in page
        assert app.state.web.why_not.get(1, cadre) is None


def test_why_not_is_not_offered_without_an_objective(app, client, sqlite_url):
    plan_id = infeasible_what_if(sqlite_url)
    csrf = log_in(client, "tuan")
    page = client.get(f"/plans/{plan_id}/cadres/C01").text
    assert "không có giá trị mục tiêu" in page and 'id="why-not-start"' not in page
    answer = client.post(f"/plans/{plan_id}/cadres/C01/why-not", data={"csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 422
    assert app.state.web.why_not.get(plan_id, "C01") is None


def test_why_not_of_an_unknown_cadre_is_404(client):
    csrf = log_in(client, "tuan")
    assert client.post("/plans/1/cadres/C99/why-not", data={"csrf": csrf}).status_code == 404
    assert client.get("/api/plans/1/cadres/C99/why-not").status_code == 404


def test_a_re_plan_is_explained_but_offers_no_why_not(app, client, sqlite_url):
    """A re-plan holds its past fixed, which a plain re-solve would not keep: its pages explain, the
    why-not says where to ask instead."""
    workspace = Workspace.open(sqlite_url)
    record, _ = workspace.replan("minh", 1, "2024-01-01", SolveOptions(**SOLVE))
    workspace.dispose()
    assert record is not None
    csrf = log_in(client, "tuan")
    page = client.get(f"/plans/{record.id}/cadres/C05").text
    assert "a re-plan holds its past fixed" in page and 'id="why-not-start"' not in page
    assert client.get(f"/plans/{record.id}/slots/phong_dien.chu_tich").status_code == 200
    answer = client.post(f"/plans/{record.id}/cadres/C05/why-not", data={"csrf": csrf})
    assert answer.status_code == 422
    assert app.state.web.why_not.get(record.id, "C05") is None
