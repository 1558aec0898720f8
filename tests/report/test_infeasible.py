"""Plan files shown for what they are: an infeasible one leads with "Không khả thi / Infeasible", its
conflicts and repairs, takes no part in a comparison's statistics and draws no empty chart; each plan's
assumptions (variant overrides, what-if pins, forbids and waivers) are shown beside it; every word is
Vietnamese first."""

from __future__ import annotations

import re

import openpyxl
import pytest

from models.changes import AddForbid, AddPin, AddWaiver, QuotaBound
from models.plan import Conflict, Plan, Repair, VariantRecord
from planner import SolveOptions, solve_or_diagnose
from planner.report import write_comparison, write_report
from planner.report.agreement import SHARE
from planner.report.content import compare_content, report_content
from planner.report.html import compare_html, report_html
from tests.support.builders import cadre, scenario_of, tiny_scenario
from tests.support.report_data import moved_plan, tiny, tiny_plan

OPTIONS = SolveOptions(time_limit=10, workers=1)
GAP = "Kém phương án tốt nhất / Gap to best"


def _infeasible(**update: object) -> Plan:
    conflict = Conflict(rules=["quota", "mandatory_rotation"], message="hạn mức 1 người / quota of 1",
                        cadres=["C01", "C02"])  # fmt: skip
    repair = Repair(change=QuotaBound(bound="max", value=2), message="nâng hạn mức / raise the quota",
                    message_en="raise the quota", status="OPTIMAL", objective=10, rotations=2)  # fmt: skip
    return Plan(status="INFEASIBLE", conflicts=[conflict], repairs=[repair]).model_copy(update=update)


@pytest.fixture(scope="module")
def solved_infeasible():
    """A real infeasible scenario (two must-rotate cadres, a quota of one) and its diagnosed plan."""
    data = tiny_scenario(
        rules={"quota": {"min": 0, "max": 1}, "youth": {"age_below": 40, "max_heads": 0}},
        cadres=[cadre("C01", must_rotate=True), cadre("C02", must_rotate=True)],
    )
    scenario = scenario_of(data)
    plan = solve_or_diagnose(scenario, OPTIONS)
    assert plan.status == "INFEASIBLE" and plan.conflicts and plan.repairs
    return scenario, plan


# --- comparison statistics --------------------------------------------------------------------------
def test_compare_counts_robust_placements_over_feasible_plans_only():
    plans = {"A": tiny_plan(), "B": tiny_plan(), "X": _infeasible(), "D": moved_plan()}
    content = compare_content(tiny(), plans, redact=False)
    shares = dict(zip(content.agreement["Mã cán bộ / Cadre id"] + " " + content.agreement["Vị trí đến / Destination"],
                      zip(content.agreement["Loại / Kind"], content.agreement[SHARE], strict=True), strict=True))  # fmt: skip
    assert shares["C01 Bí thư quận ủy — Quận Một"] == ("ổn định / robust", "3/3")
    assert all(share.endswith("/3") for _, share in shares.values())
    assert "counted over 3 feasible plans" in content.counted_note and ": X." in content.counted_note
    assert list(content.kpis.columns) == ["A", "B", "D"]
    assert "X" not in content.diff_table.columns
    overview = content.overview.set_index("Phương án / Plan")
    assert list(overview[GAP].fillna(-1)) == [0, 0, -1, 3]
    assert overview.loc["X", "Trạng thái / Status"] == "Không khả thi / Infeasible"
    assert overview.loc["X", "Kiểm tra độc lập / Independent check"].startswith("Không khả thi / Infeasible")
    page = compare_html(content)
    robust = page[page.index('id="on-dinh"') : page.index('id="khac-biet"')]
    assert "<td>3/3</td>" in robust and "/4<" not in robust
    assert len(re.findall(r'<div id="fig-[a-z0-9-]+"', page)) == 2 + 3 * 2  # none for X


def test_compare_of_infeasible_files_only_has_no_statistics_and_no_chart(tmp_path):
    content = compare_content(tiny(), {"X": _infeasible(), "Y": Plan(status="UNKNOWN")}, redact=False)
    assert content.kpi_figure is None and content.diff is None and content.agreement.empty
    page = compare_html(content)
    assert 'class="figure"' not in page and "counted over 0 feasible plans" in page
    write_comparison(tiny(), {"X": _infeasible(), "Y": Plan(status="UNKNOWN")}, tmp_path / "c.xlsx", False)
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert book["PA1 - X"]["A2"].value == "Không khả thi / Infeasible"
    assert book["PA2 - Y"]["B2"].value.startswith("Chưa có lời giải / Unknown")


# --- the report of an infeasible plan ---------------------------------------------------------------
def test_report_of_an_infeasible_plan_leads_with_it_and_draws_no_chart(solved_infeasible, tmp_path):
    scenario, plan = solved_infeasible
    content = report_content(scenario, plan, "infeasible", redact=False)
    assert content.headline.startswith(
        "Không khả thi / Infeasible — không có phương án nào thỏa mọi quy định"
    )
    assert content.checks == [] and content.timeline is None and content.score_matrix is None
    page = report_html(content)
    body = page[page.index("<body>") :]
    lead = re.search(r'<p class="bad lead">([^<]*)</p>', body)
    assert lead and lead.group(1).startswith("Không khả thi / Infeasible")
    assert body.index("bad lead") < body.index("<nav>") < body.index("Mâu thuẫn và cách khắc phục")
    assert "Không hợp lệ" not in page and "Invalid" not in page and 'class="figure"' not in page
    assert "Plotly.newPlot" not in page and "Chỉ số / Indicator" not in page
    assert "nâng hạn mức tối đa lên 2 người / raise the quota maximum to 2" in page  # Vietnamese first
    assert "Không thể đồng thời thỏa mãn" in page
    write_report(scenario, plan, "infeasible", tmp_path / "r.xlsx", redact=False)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Không khả thi - Infeasible", "Tóm tắt - Summary", "Mâu thuẫn - Conflicts",
                               "Khắc phục - Repairs"]  # fmt: skip
    assert book.worksheets[0]["A2"].value.startswith("Không khả thi / Infeasible")
    texts = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [t for t in texts if "Invalid" in t or "Không hợp lệ" in t]
    items = {row[0].value for row in book["Tóm tắt - Summary"].iter_rows(min_row=2)}
    assert "Giá trị mục tiêu / Objective" not in items and "Số lượt luân chuyển / Rotations" not in items


def test_a_what_if_that_makes_the_scenario_infeasible_is_shown_as_infeasible(tmp_path):
    """Pinning C04 to its own unit leaves no plan: the comparison says so, with the pin, and lists nobody
    as "not rotated"."""
    pin = AddPin(cadre="C04", slot="dep.giam_doc")
    plan = solve_or_diagnose(pin.apply(tiny()), OPTIONS).model_copy(update={"what_if": [pin]})
    assert plan.status == "INFEASIBLE"
    plans = {"base": tiny_plan(), "pin-C04": plan}
    content = compare_content(tiny(), plans, redact=False)
    [shown] = [r for r in content.plans if r.plan_name == "pin-C04"]
    assert shown.headline.startswith("Không khả thi / Infeasible")
    assert "theo các giả định của phương án" in shown.headline
    assert list(content.diff_table.columns) == ["Cán bộ / Cadre", "base", "Khác biệt / Difference"]
    page = compare_html(content)
    section = page[page.index('id="pa-2"') :]
    assert "giả định C04 nhận dep.giam_doc / suppose C04 takes dep.giam_doc" in section
    assert "không luân chuyển" not in page and "Không hợp lệ" not in section
    write_comparison(tiny(), plans, tmp_path / "c.xlsx", redact=False)
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert [c.value for c in book["Khác biệt - Differences"][1]] == [
        "Mã cán bộ / Cadre id", "Cán bộ / Cadre", "base", "Khác biệt / Difference"
    ]  # fmt: skip
    sheet = book["PA2 - pin-C04"]
    assert sheet["A2"].value == "Không khả thi / Infeasible" and sheet["A3"].value.startswith("Mâu thuẫn")


def test_a_plan_that_places_nobody_draws_no_empty_chart():
    nobody = Plan(status="OPTIMAL", objective=0)
    page = report_html(report_content(tiny(), nobody, "nobody", redact=False))
    assert "fig-timeline" not in page and "fig-flows" not in page
    assert "Phương án không bố trí cán bộ nào / the plan places nobody" in page
    page = compare_html(compare_content(tiny(), {"A": tiny_plan(), "nobody": nobody}, redact=False))
    assert "fig-timeline-1" in page and "fig-timeline-2" not in page


# --- assumptions -------------------------------------------------------------------------------------
def _assuming() -> dict[str, Plan]:
    variant = VariantRecord(
        name="quota-3", description="hạn mức 3 / a quota of 3", overrides={"rules.quota.max": 3}
    )
    changes = [
        AddPin(cadre="C02", slot="d1.pho_bi_thu"),
        AddForbid(cadre="C03", unit="d1"),
        AddWaiver(cadre="C04", rule="remaining_service", by="Ban Thường vụ", ref="QĐ 1"),
    ]
    return {
        "plain": tiny_plan(),
        "variant": tiny_plan().model_copy(update={"variant": variant}),
        "what-if": tiny_plan().model_copy(update={"what_if": changes}),
    }


EXPECTED = [
    ["plain", "", "không có: theo kịch bản như đã viết / none: the scenario as written", ""],
    ["variant", "biến thể quy định / rule variant", "biến thể / variant quota-3: rules.quota.max=3",
     "hạn mức 3 / a quota of 3"],
    ["what-if", "bố trí / pin", "giả định / what-if: giả định C02 nhận d1.pho_bi_thu / suppose C02 takes "
     "d1.pho_bi_thu", ""],
    ["what-if", "cấm / forbid", "giả định / what-if: giả định C03 không nhận d1 / suppose C03 does not go to d1",
     ""],
    ["what-if", "miễn trừ / waiver", "giả định / what-if: miễn trừ quy định remaining_service cho C04 / waive "
     "remaining_service for C04", ""],
]  # fmt: skip


def test_compare_shows_each_plans_assumptions_in_html_and_xlsx(tmp_path):
    content = compare_content(tiny(), _assuming(), redact=False)
    assert content.assumptions.values.tolist() == EXPECTED
    page = compare_html(content)
    section = page[page.index('id="gia-dinh"') : page.index('id="chi-so"')]
    assert "Giả định của từng phương án / Each plan&#x27;s assumptions" in section
    for row in EXPECTED:
        assert all(part.replace("'", "&#x27;") in section for part in row if part)
    for number, name in enumerate(_assuming(), start=1):
        plan_section = page[page.index(f'id="pa-{number}"') :].split("</section>")[0]
        assert "<h3>Giả định / Assumptions</h3>" in plan_section and name in plan_section
    write_comparison(tiny(), _assuming(), tmp_path / "c.xlsx", redact=False)
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["Giả định - Assumptions"]
    rows = [[c.value or "" for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == EXPECTED


def test_report_shows_the_plans_assumptions(tmp_path):
    plan = _assuming()["what-if"]
    page = report_html(report_content(tiny(), plan, "what-if", redact=False))
    assert 'id="gia-dinh"' in page and "cấm / forbid" in page and "miễn trừ / waiver" in page
    write_report(tiny(), plan, "what-if", tmp_path / "r.xlsx", redact=False)
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Giả định - Assumptions"]
    assert [c.value for c in sheet["B"][1:]] == ["bố trí / pin", "cấm / forbid", "miễn trừ / waiver"]


# --- Vietnamese first -------------------------------------------------------------------------------
def _vietnamese_first(text: str) -> bool:
    """`Vietnamese / English`: a Vietnamese part (one letter beyond ASCII at least) before the slash."""
    first, sep, english = text.partition(" / ")
    return bool(sep) and not first.isascii() and english.isascii()


def test_every_header_sheet_name_status_and_kpi_is_vietnamese_first(solved_infeasible, tmp_path):
    plans = _assuming() | {"X": _infeasible()}
    write_comparison(tiny(), plans, tmp_path / "c.xlsx", redact=False)
    write_report(tiny(), tiny_plan(), "plain", tmp_path / "r.xlsx", redact=False)
    write_report(*solved_infeasible, "infeasible", tmp_path / "i.xlsx", redact=False)
    for path in ("c.xlsx", "r.xlsx", "i.xlsx"):
        book = openpyxl.load_workbook(tmp_path / path)
        for sheet in book:
            if not sheet.title.startswith("PA"):
                vi, _, en = sheet.title.partition(" - ")
                assert not vi.isascii() and en.isascii(), sheet.title
            headers = [str(c.value) for c in sheet[1] if c.value not in (None, "#", *plans)]
            assert [h for h in headers if not _vietnamese_first(h)] == [], (path, sheet.title)
        summary = book["Tóm tắt - Summary"]
        labels = [str(c.value) for c in summary["A"][1:]] if path != "c.xlsx" else []
        assert [label for label in labels if not _vietnamese_first(re.sub(r" \d+$", "", label))] == []
    content = compare_content(tiny(), plans, redact=False)
    statuses = list(content.overview["Trạng thái / Status"])
    assert all(_vietnamese_first(s) for s in statuses) and all(
        _vietnamese_first(k) for k in content.kpis.index
    )
