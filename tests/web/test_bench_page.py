"""The bench in the review app (issue 25, item 6; CONTRACT §6.5): the plan page shows the planning pool's
bench per pool title and the figure of readiness by ready-by date; a cadre's page names, for each pool
title it is planned for, the missing experience and the latest start; a post's page whom it would make
ready. The workspace holds the contract's example with a pool (`tests/support/bench_data.py`); the numbers
are recomputed from the stored scenario and plan, whatever plan the solve found."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from fastapi.testclient import TestClient

from planner import SolveOptions, explain_cadre
from planner.analysis import plan_bench
from planner.web import create_app
from planner.workspace import Workspace
from tests.support.bench_data import MARKED_POOL_NAME, bench_data
from tests.web.conftest import SOLVE, log_in, make_served


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def served(tmp_path):
    scenario = tmp_path / "bench.yaml"
    scenario.write_text(yaml.safe_dump(bench_data(), allow_unicode=True), encoding="utf-8")
    url = make_served(f"sqlite:///{tmp_path / 'workspace.db'}", scenario)
    workspace = Workspace.open(url)
    stored = workspace.plan(1)
    workspace.dispose()
    app = create_app(url, secret="test-secret", solve_options=SolveOptions(**SOLVE))
    with TestClient(app) as client:
        log_in(client, "tuan")
        yield client, stored


def test_the_plan_page_shows_the_bench_per_pool_title(served):
    client, stored = served
    page = client.get("/plans/1").text
    section = re.search(r'<section id="bench">(.*?)</section>', page, re.S)
    assert section, "no bench section"
    rows = {
        pool: re.findall(r"<td[^>]*>(.*?)</td>", row)
        for pool, row in re.findall(r'<tr id="bench-([^"]+)">(.*?)</tr>', section[1], re.S)
    }
    expected = plan_bench(stored.scenario, stored.plan)
    assert list(rows) == [r.pool for r in expected]
    for r in expected:
        cells = [html.unescape(c) for c in rows[r.pool]]
        planned, without, ready = (int(c) for c in cells[3:6])
        assert (planned, without, ready) == (len(r.planned), len(r.ready_without_plan), len(r.ready)), r.pool
        assert cells[6] == ("" if r.min_ready is None else str(r.min_ready))
    # the name with markup is shown as written, escaped; dates as dd/mm/yyyy; every count has its header
    assert html.escape(MARKED_POOL_NAME, quote=False) in section[1] and "<b>UBND</b>" not in page
    assert "01/01/2026" in rows["pho_chu_tich_thanh_pho"][2]
    words = text_of(section[1])
    for header in ("Số cán bộ quy hoạch / Planned cadres", "Sẵn sàng với phương án / Ready with the plan"):
        assert header in words
    assert 'id="plot-bench"' in page and "Mức sẵn sàng theo hạn sẵn sàng / Readiness by ready-by date" in page


def test_the_plan_page_of_a_scenario_without_a_pool_has_no_bench(client):
    log_in(client, "tuan")
    page = client.get("/plans/1").text
    assert 'id="bench"' not in page and 'id="plot-bench"' not in page


def test_a_cadre_page_names_the_missing_experience_and_the_latest_start(served):
    client, stored = served
    page = client.get("/plans/1/cadres/C01").text
    item = re.search(r'<li id="pool-pho_chu_tich_thanh_pho">(.*?)</li>', page, re.S)
    assert item
    words = text_of(item[1])
    assert MARKED_POOL_NAME in words
    assert "thiếu kinh nghiệm / lacks truong_cap_huyen" in words
    assert "must start by 01/01/2024" in words
    (need,) = explain_cadre(stored.scenario, "C01", stored.plan).pools
    verdict = "made ready in time" if need.placement_makes_ready else "not placed by the plan"
    assert verdict in words or "does not make it ready in time" in words
    assert "2024-01-01" not in words


def test_a_post_page_says_whom_it_would_make_ready(served):
    client, _ = served
    page = client.get("/plans/1/slots/phong_dien.pho_bi_thu").text
    table = re.search(r'<table id="makes-ready-table">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert table
    rows = [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table[1], re.S)]
    assert len(rows) == 3  # C06 and C10 for giam_doc_so, C03 (too late) for pho_giam_doc_so
    assert any(
        "(C10)" in row and "giam_doc_so" in row and "would be made ready in time" in row for row in rows
    )
    assert any("(C03)" in row and "too late" in row for row in rows)
