"""The bench in reports and comparisons (issue 25, item 6; CONTRACT §6.5): a table per pool title
(planned, ready without the plan, ready with it, min_ready) and a figure of readiness by ready-by date in
the HTML page and the workbook; `compare` shows each plan's bench side by side. Read without a browser: the
page's HTML is parsed, the workbook opened. Counts by hand in `tests/support/bench_data.py`."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import yaml

from planner import plan_json
from planner.report import write_comparison, write_report
from planner.report.content import compare_content, report_content
from planner.report.excel import BENCH_SHEET
from planner.report.html import compare_html, report_html
from planner.wording import BENCH_HEADERS
from tests.support.bench_data import MARKED_POOL_NAME, bench_data, bench_plan, bench_scenario
from tests.support.builders import plan_of
from tests.support.paths import ROOT
from tests.support.report_data import tiny, tiny_plan

#: Each pool title's row as the report prints it: planned, ready without the plan, ready with it,
#: min_ready (blank: none), minimum met, made ready by the plan.
EXPECTED = {
    "pho_chu_tich_thanh_pho": ["2026-01-01", "1", "0", "1", "1", "đạt / met", "C01"],
    "pho_giam_doc_so": ["2024-06-01", "1", "0", "0", "", "không đặt mức / no minimum", "—"],
    "uy_vien_ban_thuong_vu": ["2025-12-31", "1", "1", "1", "", "không đặt mức / no minimum", "—"],
    "giam_doc_so": ["2025-06-01", "2", "0", "1", "2", "thiếu 1 / short by 1", "C06"],
    "chu_tich_ubnd_quan_huyen": [
        "không hạn / no deadline",
        "1",
        "0",
        "0",
        "",
        "không đặt mức / no minimum",
        "—",
    ],
}
#: A second plan: C10 made ready for giam_doc_so, C01 placed too late for its pool title.
OTHER_ROWS = (("C10", "phong_dien.pho_bi_thu", "2023-01-01"), ("C01", "o_mon.bi_thu", "2024-04-01"))


class Tables(HTMLParser):
    """The text of every table cell inside one section, row by row, entities read."""

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section, self.inside, self.rows, self.cell = section, False, [], None
        self.headers: list[str] = []
        self.figures: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.inside = attrs.get("id") == self.section
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""
        elif self.inside and tag == "div" and (attrs.get("id") or "").startswith("fig-"):
            self.figures.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "section":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def section(page: str, anchor: str = "nguon-quy-hoach") -> Tables:
    parser = Tables(anchor)
    parser.feed(page)
    return parser


def test_the_report_page_shows_the_bench_table_and_figure():
    content = report_content(bench_scenario(), bench_plan(), "PA-1", redact=False)
    page = report_html(content)
    found = section(page)
    header, *rows = found.rows
    assert header == list(BENCH_HEADERS.values())
    assert {row[1]: row[2:] for row in rows} == EXPECTED
    assert rows[0][0] == MARKED_POOL_NAME  # read back as written ...
    assert "Phó Chủ tịch &lt;b&gt;UBND&lt;/b&gt; thành phố" in page  # ... because it was escaped
    assert "<b>UBND</b>" not in page
    assert found.figures == ["fig-bench"]
    assert 'href="#nguon-quy-hoach"' in page


def test_the_figure_draws_readiness_by_ready_by_date_each_series_named():
    figure = report_content(bench_scenario(), bench_plan(), "PA-1", redact=False).bench_figure
    bars = {trace.name: list(trace.y) for trace in figure.data if trace.type == "bar"}
    # ordered by ready-by date, the title without one last
    assert [x.split("<br>")[1] for x in figure.data[0].x] == [
        "pho_giam_doc_so",
        "giam_doc_so",
        "uy_vien_ban_thuong_vu",
        "pho_chu_tich_thanh_pho",
        "chu_tich_ubnd_quan_huyen",
    ]
    assert figure.data[0].x[0].startswith("01/06/2024")
    assert bars == {
        "Quy hoạch / Planned": [1, 2, 1, 1, 1],
        "Sẵn sàng khi không luân chuyển / Ready without the plan": [0, 0, 1, 0, 0],
        "Sẵn sàng với phương án / Ready with the plan": [0, 1, 1, 1, 0],
    }
    (minimum,) = [trace for trace in figure.data if trace.type == "scatter"]
    assert minimum.name == "Tối thiểu cần / min_ready" and list(minimum.y) == [2, 1]
    assert figure.layout.yaxis.title.text == "Số cán bộ / Cadres"
    assert "Phó Chủ tịch &lt;b&gt;UBND&lt;/b&gt; thành phố" in list(figure.data[0].customdata)


def test_a_plan_files_own_bench_is_not_what_the_report_shows(tmp_path):
    """The bench is recomputed from the scenario and the placements: a plan file whose `bench` claims
    giam_doc_so full changes nothing on the page."""
    claimed = json.loads(plan_json(bench_plan()))
    claimed["bench"] = [
        {"pool": "giam_doc_so", "min_ready": 2, "ready": ["C06", "C10"], "ready_without_plan": ["C06", "C10"]}
    ]
    scenario = tmp_path / "s.yaml"
    scenario.write_text(yaml.safe_dump(bench_data(), allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "claimed.json"
    plan.write_text(json.dumps(claimed), encoding="utf-8")
    out = tmp_path / "r.html"
    result = subprocess.run(
        [sys.executable, "-m", "planner", "report", scenario, plan, "-o", out],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = {row[1]: row[2:] for row in section(out.read_text("utf-8")).rows[1:]}
    assert rows == EXPECTED


def test_the_workbook_has_a_bench_sheet_with_numbers_and_dates(tmp_path):
    out = tmp_path / "r.xlsx"
    write_report(bench_scenario(), bench_plan(), "PA-1", out, redact=False)
    workbook = openpyxl.load_workbook(out)
    assert BENCH_SHEET in workbook.sheetnames
    header, *rows = list(workbook[BENCH_SHEET].iter_rows(values_only=True))
    assert list(header) == list(BENCH_HEADERS.values())
    by_pool = {row[1]: row for row in rows}
    assert by_pool["giam_doc_so"][2].date().isoformat() == "2025-06-01"
    assert by_pool["giam_doc_so"][3:7] == (2, 0, 1, 2)  # numbers stay numbers
    assert by_pool["chu_tich_ubnd_quan_huyen"][2] == "không hạn / no deadline"
    assert by_pool["pho_chu_tich_thanh_pho"][0] == MARKED_POOL_NAME


def test_compare_shows_each_plans_bench_side_by_side(tmp_path):
    plans = {"PA-1": bench_plan(), "PA-2": plan_of(*OTHER_ROWS)}
    content = compare_content(bench_scenario(), plans, redact=False)
    page = compare_html(content)
    header, *rows = section(page).rows
    ready = [h for h in header if h.endswith("ready with the plan")]
    assert ready == [f"{name} — sẵn sàng với phương án / ready with the plan" for name in plans]
    table = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    assert table["giam_doc_so"]["PA-1 — sẵn sàng với phương án / ready with the plan"] == "1"
    assert table["giam_doc_so"]["PA-2 — sẵn sàng với phương án / ready with the plan"] == "1"
    assert table["pho_chu_tich_thanh_pho"]["PA-1 — đạt mức tối thiểu / minimum met"] == "đạt / met"
    assert table["pho_chu_tich_thanh_pho"]["PA-2 — đạt mức tối thiểu / minimum met"] == "thiếu 1 / short by 1"
    assert table["uy_vien_ban_thuong_vu"][BENCH_HEADERS["without"]] == "1"
    out = tmp_path / "c.xlsx"
    write_comparison(bench_scenario(), plans, out, redact=False)
    sheet_header, *sheet_rows = openpyxl.load_workbook(out)[BENCH_SHEET].iter_rows(values_only=True)
    assert list(sheet_header) == header
    by_pool = {row[1]: dict(zip(header, row, strict=True)) for row in sheet_rows}
    assert by_pool["giam_doc_so"]["PA-2 — sẵn sàng với phương án / ready with the plan"] == 1
    assert by_pool["giam_doc_so"][BENCH_HEADERS["min_ready"]] == 2
    assert by_pool["chu_tich_ubnd_quan_huyen"][BENCH_HEADERS["ready_by"]] == "không hạn / no deadline"


def test_an_infeasible_plan_or_a_plan_without_a_pool_has_no_bench(tmp_path):
    no_pool = report_html(report_content(tiny(), tiny_plan(), "PA-1", redact=False))
    assert 'id="nguon-quy-hoach"' not in no_pool and "fig-bench" not in no_pool
    out = tmp_path / "r.xlsx"
    write_report(tiny(), tiny_plan(), "PA-1", out, redact=False)
    assert BENCH_SHEET not in openpyxl.load_workbook(out).sheetnames
    from models.plan import Plan

    infeasible = Plan.model_validate({"status": "INFEASIBLE", "assignments": []})
    content = report_content(bench_scenario(), infeasible, "PA-0", redact=False)
    assert content.bench == [] and content.bench_figure is None
    assert 'id="nguon-quy-hoach"' not in report_html(content)


def test_the_cli_report_writes_the_bench(tmp_path: Path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(yaml.safe_dump(bench_data(), allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "a.json"
    plan.write_text(plan_json(bench_plan()), encoding="utf-8")
    out = tmp_path / "a.html"
    result = subprocess.run(
        [sys.executable, "-m", "planner", "report", scenario, plan, "-o", out],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert {row[1]: row[2:] for row in section(out.read_text("utf-8")).rows[1:]} == EXPECTED
