"""Each rotation's end and what follows it in the report (issue 26 item 5; CONTRACT §6.5): the plan table
shows the end (computed from the scenario) and the `after`, the section "rotations by end date" lists
them by end in the page and the workbook, and the timeline draws the end and what follows. Afters by hand
in `tests/support/after_data.py`."""

from __future__ import annotations

from datetime import date

import openpyxl

from planner.analysis.afters import AfterState, plan_afters
from planner.report import write_report
from planner.report.content import compare_content, report_content
from planner.report.excel import AFTERS_SHEET, compare_workbook, write_workbook_atomically
from planner.report.html import compare_html, report_html
from planner.report.tables import AFTER, END
from planner.wording.afters import AFTER_HEADERS
from tests.report.test_bench_report import section
from tests.support.after_data import after_plan, after_scenario
from tests.support.bench_data import bench_plan, bench_scenario

#: The section's rows by hand: cadre, slot, start, end, required, after post, unit, title, from, home.
BY_END = [
    ["C03", "ninh_kieu.pho_chu_tich", "2023-01-01", "2026-01-01", "có / yes"],
    ["C06", "phong_dien.pho_bi_thu", "2023-01-01", "2026-01-01", "có / yes"],
    ["C02", "ninh_kieu.bi_thu", "2023-04-01", "2026-04-01", "có / yes"],
    ["C05", "o_mon.bi_thu", "2023-04-01", "2026-04-01", "có / yes"],
    ["C01", "phong_dien.chu_tich", "2023-07-01", "2026-07-01", "không / no"],
]
AFTER_CELLS = {
    "C03": ["so_noi_vu.pgd@2026", "so_noi_vu", "pho_giam_doc", "2026-02-01", "có / yes"],
    "C06": ["so_tai_chinh.pgd@2026", "so_tai_chinh", "pho_giam_doc", "2026-01-01", "có / yes"],
    "C02": ["", "", "", "2026-04-01", "không / no"],
    "C05": ["o_mon.chu_tich@2026", "o_mon", "chu_tich", "2026-04-01", "không / no"],
    "C01": ["", "", "", "", ""],
}


def test_the_section_lists_rotations_by_end_with_their_after():
    page = report_html(report_content(after_scenario(), after_plan(), "PA-1", redact=False))
    header, *rows = section(page, "ket-thuc").rows
    assert header == list(AFTER_HEADERS.values())
    assert [row[:5] for row in rows] == BY_END
    assert {row[0]: row[6:] for row in rows} == AFTER_CELLS
    after = {row[0]: row[5] for row in rows}
    assert after["C02"] == "ở lại vị trí luân chuyển / stays at the rotated post"
    assert after["C03"] == (
        "nhận vị trí so_noi_vu.pgd@2026 (so_noi_vu, pho_giam_doc) từ 01/02/2026 · về đơn vị cũ / takes post "
        "so_noi_vu.pgd@2026 (so_noi_vu, pho_giam_doc) from 01/02/2026 · back home"
    )
    assert after["C01"] == "không cần (kết thúc sau mốc) / not needed (ends after the horizon)"
    assert 'href="#ket-thuc"' in page


def test_the_plan_table_shows_the_end_and_the_after():
    table = report_content(after_scenario(), after_plan(), "PA-1", redact=True).plan_table
    assert list(table[END]) == [
        date(2026, 1, 1),
        date(2026, 1, 1),
        date(2026, 4, 1),
        date(2026, 4, 1),
        date(2026, 7, 1),
    ]
    assert table[AFTER][2] == "ở lại vị trí luân chuyển / stays at the rotated post"


def test_the_end_is_the_scenarios_not_the_files():
    """A plan file's own `end` is information only: the table shows start + rotation_months."""
    plan = after_plan()
    lying = plan.with_changes(assignments=[a.with_changes(end="2030-01-01") for a in plan.assignments])
    table = report_content(after_scenario(), lying, "PA-1", redact=True).plan_table
    assert table[END][0] == date(2026, 1, 1)
    longer = after_scenario().model_copy(
        update={"rules": after_scenario().rules.model_copy(update={"rotation_months": 48})}
    )
    assert plan_afters(longer, plan)[0].end == date(2027, 1, 1)


def test_what_is_wrong_with_an_after_is_said():
    afters = {
        "C03": {"post": "nowhere@2026", "start": "2026-01-01"},
        "C06": {"post": "so_tai_chinh.pgd@2026", "start": "2025-12-01"},
        "C02": {"stay": False},
    }
    rows = {r.cadre: r for r in plan_afters(after_scenario(), after_plan(afters))}
    assert [rows[c].state for c in ("C03", "C06", "C02", "C05")] == [
        AfterState.UNKNOWN_POST,
        AfterState.POST,
        AfterState.UNREADABLE,
        AfterState.MISSING,
    ]
    table = report_content(after_scenario(), after_plan(afters), "PA-1", redact=True).afters
    after = dict(zip(table[AFTER_HEADERS["cadre"]], table[AFTER_HEADERS["after"]], strict=True))
    assert after["C03"].endswith("an after post id the scenario does not have: nowhere@2026")
    assert "the start written, 2025-12-01, is not the computed 01/01/2026" in after["C06"]
    assert after["C02"] == "không đúng dạng stay hoặc post / neither the stay nor the post form"
    assert (
        after["C05"] == "CHƯA CÓ — bắt buộc, kết thúc trước mốc / MISSING — required, it ends by the horizon"
    )


def test_an_edition_2_report_has_the_end_and_no_after():
    content = report_content(bench_scenario(), bench_plan(), "PA-1", redact=False)
    assert END in content.plan_table and AFTER not in content.plan_table
    assert content.afters.empty and 'id="ket-thuc"' not in report_html(content)
    names = [trace.name for trace in content.timeline.data]
    assert not any("sau luân chuyển" in name for name in names)


def test_the_workbook_has_the_rotations_by_end_sheet(tmp_path):
    out = tmp_path / "r.xlsx"
    write_report(after_scenario(), after_plan(), "PA-1", out, redact=False)
    sheet = openpyxl.load_workbook(out)[AFTERS_SHEET]
    header, *rows = list(sheet.values)
    assert list(header) == list(AFTER_HEADERS.values())
    assert [row[0] for row in rows] == ["C03", "C06", "C02", "C05", "C01"]
    assert rows[0][3].date() == date(2026, 1, 1)  # a real date in Excel


def test_the_timeline_draws_the_end_and_what_follows():
    figure = report_content(after_scenario(), after_plan(), "PA-1", redact=True).timeline
    spans = figure.data[0]
    assert list(spans.x[:3]) == ["2023-01-01", "2026-01-01", None]
    (afters,) = [t for t in figure.data if t.name.startswith("Bố trí sau luân chuyển")]
    # C03 waits for its post from its end (2026-01-01) to 2026-02-01: a line, then the marker
    assert list(afters.x[:4]) == ["2026-01-01", "2026-02-01", None, "2026-02-01"]
    assert list(afters.text[3:]) == [
        "so_noi_vu.pgd@2026",
        "so_tai_chinh.pgd@2026",
        "ở lại / stays",
        "o_mon.chu_tich@2026",
    ]
    horizon = [s for s in figure.layout.shapes if s.x0 == "2026-04-30"]
    assert len(horizon) == 1


def test_compare_shows_each_plans_afters_side_by_side(tmp_path):
    other = after_plan(
        {"C03": {"stay": True}, "C06": {"post": "so_tai_chinh.pgd@2026", "start": "2026-01-01"}}
    )
    content = compare_content(after_scenario(), {"PA-1": after_plan(), "PA-2": other}, redact=True)
    table = content.afters.set_index(AFTER_HEADERS["cadre"])
    assert list(table.index) == ["C03", "C06", "C02", "C05", "C01"]
    assert table.loc["C03", "PA-1 — sau luân chuyển / after"] == "so_noi_vu.pgd@2026 · 01/02/2026"
    assert (
        table.loc["C03", "PA-2 — sau luân chuyển / after"]
        == "ở lại vị trí luân chuyển / stays at the rotated post"
    )
    assert table.loc["C05", "PA-2 — sau luân chuyển / after"] == (
        "CHƯA CÓ — bắt buộc, kết thúc trước mốc / MISSING — required, it ends by the horizon"
    )
    assert table.loc["C01", "PA-1 — kết thúc / end"] == date(2026, 7, 1)
    page = compare_html(content)
    header, *rows = section(page, "ket-thuc").rows
    assert header[0] == AFTER_HEADERS["cadre"] and len(rows) == 5
    out = tmp_path / "c.xlsx"
    write_workbook_atomically(out, compare_workbook(content))
    assert [row[0] for row in list(openpyxl.load_workbook(out)[AFTERS_SHEET].values)[1:]] == list(table.index)
    plain = compare_content(bench_scenario(), {"PA-1": bench_plan(), "PA-2": bench_plan()}, redact=True)
    assert plain.afters.empty and 'id="ket-thuc"' not in compare_html(plain)
