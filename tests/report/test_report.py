"""Reports: the HTML page and the Excel workbook show the plan, escape every text, redact names on
request, carry the checker's verdict, and are written whole or not at all by `planner report/compare`."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from plotly.offline import get_plotlyjs

from models.plan import Plan, VariantRecord
from planner import SolveOptions, plan_json, solve_or_diagnose
from planner.report import plan_names, write_comparison, write_report
from planner.report.content import compare_content, report_content
from planner.report.html import compare_html, report_html
from tests.support.builders import cadre, scenario_of, tiny_scenario
from tests.support.paths import ROOT
from tests.support.report_data import NAMES, moved_plan, tiny, tiny_data, tiny_plan

PLAIN_NAMES = [" ".join(name.split()[-3:]) for name in NAMES.values()]


def _workbook_text(path: Path) -> str:
    workbook = openpyxl.load_workbook(path)
    return "\n".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value
    )


def test_html_is_self_contained_vietnamese_and_escapes_names():
    page = report_html(report_content(tiny(), tiny_plan(), "PA-1", redact=False))
    assert (
        page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    )
    assert get_plotlyjs() in page
    ours = page.replace(get_plotlyjs(), "")
    assert "<script src" not in ours and "cdn.plot.ly" not in ours
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt; Lê Thị Hồng" in page
    assert "<title>Kịch bản nhỏ &lt;b&gt;thử&lt;/b&gt; / Tiny test scenario</title>" in page
    assert "Phương án / Plan" in page and "Hợp lệ" in page
    assert len(re.findall(r'<div id="fig-[a-z-]+"', page)) == 3


def test_compare_page_shows_plans_side_by_side():
    plans = {"Tốt nhất": tiny_plan(), "Thay thế": moved_plan()}
    content = compare_content(tiny(), plans, redact=False)
    page = compare_html(content)
    assert list(content.kpis.columns) == ["Tốt nhất", "Thay thế"]
    assert list(content.overview["Kém phương án tốt nhất / Gap to best"]) == [0, 3]
    kinds = dict(
        zip(content.agreement["Mã cán bộ / Cadre id"], content.agreement["Loại / Kind"], strict=True)
    )
    assert kinds == {"C01": "ổn định / robust", "C03": "ổn định / robust", "C02": "còn tranh luận / contested",
                     "C04": "còn tranh luận / contested"}  # fmt: skip
    assert "one_cadre_per_slot" in page  # moved_plan puts C02 and C03 in one slot: the checker says so
    assert len(re.findall(r'<div id="fig-[a-z0-9-]+"', page)) == 2 + 2 * 2
    # the key figures both plans share are said once, in words, instead of charted as equal bars
    heads = "Đến vị trí cấp trưởng / To head posts 1"
    assert content.same_kpis_note.startswith("Như nhau ở mọi phương án (không vẽ) / the same in every plan")
    assert heads in content.same_kpis_note and "Rotations" not in content.same_kpis_note
    assert html.escape(content.same_kpis_note) in page


def test_a_comparison_of_plans_that_share_every_key_figure_draws_no_key_figure_chart():
    content = compare_content(tiny(), {"A": tiny_plan(), "B": tiny_plan()}, redact=False)
    assert content.kpi_figure is None and 'id="fig-kpis"' not in compare_html(content)
    assert content.same_kpis_note.startswith("Mọi chỉ số chính như nhau ở mọi phương án")


def test_report_shows_the_stored_explanation_when_present():
    plan = tiny_plan().model_dump()
    plan["assignments"][0]["explanation"] = {
        "categories": ["planning", "must_rotate"],
        "retirement_date": "2040-04-01",
        "years_left_at_start": 17.25,
        "components": {"explicit": 7},
        "rules_checked": ["health", "candidate"],
    }
    table = report_content(tiny(), Plan.model_validate(plan), "PA", False, with_score_matrix=False).plan_table
    explanation = table["Giải thích / Explanation"]
    assert explanation[0] == (
        "Diện / Category: trong quy hoạch / in the planning pool; Ban Thường vụ quyết định luân chuyển / "
        "rotation decided by the standing committee. Nghỉ hưu / Retires 01/04/2040 (còn 17,2 năm công tác / "
        "17.2 years left). Điểm / Score: đánh giá / explicit 7. Đã kiểm tra 2 quy định / 2 rules checked"
    )
    assert explanation[1] == ""


def test_report_carries_the_checkers_verdict_on_a_bad_plan():
    plan = Plan.model_validate({"assignments": [{"cadre": "C01", "slot": "nowhere", "start": "2023-01-01"}]})
    content = report_content(tiny(), plan, "PA", False)
    [check] = content.checks
    assert check.verdict.startswith("Không hợp lệ") and check.verdict.endswith(
        "against the scenario as written"
    )
    assert "unknown_reference" in set(check.table["Quy định / Rule"])
    assert "unknown_reference" in report_html(content)


def test_xlsx_has_a_sheet_per_section_dates_comments_and_frozen_headers(tmp_path):
    output = tmp_path / "report.xlsx"
    write_report(tiny(), tiny_plan(), "PA-1", output, redact=False)
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == [
        "Tóm tắt - Summary",
        "Chỉ số - Key figures",
        "Phương án - Plan",
        "Vi phạm - Check result",
    ]
    sheet = workbook["Phương án - Plan"]
    headers = [c.value for c in sheet[1]]
    start = headers.index("Bắt đầu / Start") + 1
    comments = headers.index("Ý kiến / Comments") + 1
    assert sheet.freeze_panes == "A2"
    assert [sheet.cell(r, start).value for r in range(2, 6)] == [
        datetime(2023, 1, 1), datetime(2023, 1, 1), datetime(2023, 4, 1), datetime(2023, 4, 1)
    ]  # fmt: skip
    assert all(sheet.cell(r, comments).value is None for r in range(2, 6))
    assert sheet.column_dimensions["A"].width >= 10
    formula_like = next(c for c in sheet["B"] if "=HYPERLINK" in str(c.value))
    assert formula_like.data_type == "s" and formula_like.value.startswith("'=HYPERLINK")


def test_compare_xlsx_has_a_sheet_per_plan(tmp_path):
    output = tmp_path / "compare.xlsx"
    write_comparison(tiny(), {"A": tiny_plan(), "B": moved_plan()}, output, redact=False)
    names = openpyxl.load_workbook(output).sheetnames
    assert names[:5] == [
        "Tóm tắt - Summary",
        "Giả định - Assumptions",
        "Chỉ số - Key figures",
        "Ổn định - Robust, contested",
        "Khác biệt - Differences",
    ]
    assert names[5:] == ["PA1 - A", "PA2 - B", "Vi phạm - Check result"]


def test_redacted_outputs_hold_no_name(tmp_path):
    plans = {"A": tiny_plan(), "B": moved_plan()}
    outputs = {}
    for redact in (False, True):
        for suffix in ("html", "xlsx"):
            report, compare = tmp_path / f"r{redact}.{suffix}", tmp_path / f"c{redact}.{suffix}"
            write_report(tiny(), tiny_plan(), "A", report, redact)
            write_comparison(tiny(), plans, compare, redact)
            for path in (report, compare):
                text = path.read_text("utf-8") if suffix == "html" else _workbook_text(path)
                outputs[redact, path.name] = json.loads(json.dumps(text))
    for (redact, _name), text in outputs.items():
        for name in PLAIN_NAMES:
            assert (name in text) != redact
        if redact:
            assert "Đ.V.K." not in text and "(ẩn / redacted)" in text, "no initials either (issue 21.6)"


def test_plan_names_are_file_names_made_unique():
    paths = [Path("a/best.plan.json"), Path("b/best.plan.json"), Path("best.plan.quota-7.json")]
    assert plan_names(paths) == ["best.plan", "best.plan (2)", "best.plan.quota-7"]


# --- the commands, as a user runs them -------------------------------------------------------------
@pytest.fixture
def files(tmp_path):
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(yaml.safe_dump(tiny_data(), allow_unicode=True), encoding="utf-8")
    (tmp_path / "a.json").write_text(plan_json(tiny_plan()), encoding="utf-8")
    (tmp_path / "b.json").write_text(plan_json(moved_plan()), encoding="utf-8")
    return tmp_path


def _planner(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_report_and_compare_write_html_and_xlsx(files):
    report = _planner("report", files / "tiny.yaml", files / "a.json", "-o", files / "a.html", "--redact")
    assert report.returncode == 0, report.stderr
    assert "Lê Thị Hồng" not in (files / "a.html").read_text("utf-8")
    compare = _planner(
        "compare", files / "tiny.yaml", files / "a.json", files / "b.json", "-o", files / "c.xlsx"
    )
    assert compare.returncode == 0, compare.stderr
    assert "PA2 - b" in openpyxl.load_workbook(files / "c.xlsx").sheetnames


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("report", "{d}/tiny.yaml", "{d}/missing.json", "-o", "{d}/out.html"), "missing.json"),
        (
            ("compare", "{d}/tiny.yaml", "{d}/a.json", "{d}/missing.json", "-o", "{d}/out.html"),
            "missing.json",
        ),
        (("compare", "{d}/tiny.yaml", "{d}/a.json", "-o", "{d}/out.html"), "hai"),
        (("report", "{d}/tiny.yaml", "{d}/a.json", "-o", "{d}/out.pdf"), ".xlsx"),
        (("report", "{d}/tiny.yaml", "{d}/a.json", "-o", "{d}/no/such/folder/out.xlsx"), "cannot write"),
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(files, command, expected):
    before = sorted(p.name for p in files.iterdir())
    result = _planner(*(part.format(d=files) for part in command))
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in files.iterdir()) == before


def test_a_variant_plan_is_checked_both_ways_each_verdict_naming_its_rules():
    """Under its own rules (quota 3) the four-rotation plan breaks `quota`; against the scenario as
    written it is valid: the report gives both, each saying which rules it was reached under."""
    plan = tiny_plan().model_copy(
        update={"variant": VariantRecord(name="quota-3", overrides={"rules.quota.max": 3})}
    )
    content = report_content(tiny(), plan, "PA", False, with_score_matrix=False)
    written, recorded = content.checks
    assert written.violations == [] and written.verdict.endswith("against the scenario as written")
    assert [v.rule for v in recorded.violations] == ["quota"]
    assert (
        "under the overrides the plan records: biến thể / variant quota-3: rules.quota.max=3"
        in recorded.verdict
    )
    assert "quota-3 (rules.quota.max=3)" in set(content.summary["Giá trị / Value"])
    assert content.warnings and "records rule overrides" in content.warnings[0]
    assert content.warnings[0].count("rules.quota.max=3") == 1  # said once, not in each language's half
    page = report_html(report_content(tiny(), plan, "PA", False))
    assert page.index('class="warn"') < page.index("<nav>")


def test_report_of_an_infeasible_plan_shows_its_conflicts_and_repairs(tmp_path: Path) -> None:
    """An INFEASIBLE plan has no assignments: the review still shows why, and what would fix it."""
    data = tiny_scenario(
        rules={"quota": {"min": 0, "max": 1}, "youth": {"age_below": 40, "max_heads": 0}},
        cadres=[cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)],
    )
    scenario = scenario_of(data)
    plan = solve_or_diagnose(scenario, SolveOptions(time_limit=10, workers=1))
    assert plan.status == "INFEASIBLE" and plan.repairs
    page = tmp_path / "infeasible.html"
    book = tmp_path / "infeasible.xlsx"
    write_report(scenario, plan, "infeasible", page, redact=False)
    write_report(scenario, plan, "infeasible", book, redact=False)
    text = page.read_text(encoding="utf-8")
    assert "Conflicts and repairs" in text and "raise the quota maximum to 2" in text
    sheets = openpyxl.load_workbook(book).sheetnames
    assert "Mâu thuẫn - Conflicts" in sheets and "Khắc phục - Repairs" in sheets
