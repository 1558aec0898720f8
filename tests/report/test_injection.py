"""Reports cannot be hijacked: every text from outside (names, ids, titles, unit names, plan file names,
what-if notes, conflict and repair messages) reaches the workbook as inert text and the page as escaped
text, whatever it holds (`tests.report.hostile`)."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
import yaml

from planner import plan_json
from planner.report import write_comparison, write_report
from planner.report.content import compare_content, report_content
from planner.report.excel import cell_text
from planner.report.html import compare_html, report_html
from tests.report.hostile import FILE_NAMES, FORMULAS, hostile, hostile_data, hostile_plans
from tests.support.paths import ROOT

#: What a spreadsheet reads as the start of a formula, after any leading space.
FORMULA_STARTS = tuple("=+-@\t\r\n＝＋－＠")


def _cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    workbook = openpyxl.load_workbook(path)
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _live(cell: openpyxl.cell.cell.Cell) -> bool:
    """A formula, or a text a spreadsheet would turn into one when edited or saved as CSV."""
    value = cell.value
    return cell.data_type == "f" or (
        isinstance(value, str) and value.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS)
    )


def _workbooks(tmp_path: Path) -> dict[str, Path]:
    scenario, plans = hostile(), hostile_plans()
    books = {"compare": tmp_path / "compare.xlsx"}
    write_comparison(scenario, plans, books["compare"], redact=False)
    for i, (name, plan) in enumerate(plans.items()):
        books[f"report {i}"] = tmp_path / f"report{i}.xlsx"
        write_report(scenario, plan, name, books[f"report {i}"], redact=False)
    return books


def test_no_cell_of_any_workbook_is_or_becomes_a_formula(tmp_path):
    for label, path in _workbooks(tmp_path).items():
        cells = _cells(path)
        live = [(c.parent.title, c.coordinate, c.value) for c in cells if _live(c)]
        assert live == [], label
        texts = "\n".join(str(c.value) for c in cells)
        assert "'=HYPERLINK(" in texts, label  # the payloads are there, neutralised, not dropped


def test_the_comparison_neutralises_every_payload_where_it_appears(tmp_path):
    path = _workbooks(tmp_path)["compare"]
    texts = {str(c.value) for c in _cells(path)}
    headers = {str(c.value) for c in _cells(path) if c.row == 1}
    # plan file names are column headers of the key figures and the differences
    assert "'" + FILE_NAMES[0] in headers and "'+1" in headers
    for payload in ("@SUM(A1)", "+C02", "-C03", "+3 Phó Giám đốc sở"):
        assert any(text.startswith("'" + payload) for text in texts), payload


def test_text_that_looks_like_an_error_or_a_number_stays_text(tmp_path):
    assert cell_text("#N/A") == "#N/A" and cell_text("007") == "007"
    assert [cell_text(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]
    assert cell_text("Nguyễn Văn An") == "Nguyễn Văn An" and cell_text("a-b=c") == "a-b=c"
    assert len(cell_text("x" * 40_000)) == 32_767


def test_objectives_scores_bounds_gaps_and_counts_are_numbers(tmp_path):
    books = _workbooks(tmp_path)
    compare = openpyxl.load_workbook(books["compare"])
    summary = compare["Tóm tắt - Summary"]
    headers = [c.value for c in summary[1]]
    for header in ("Giá trị mục tiêu / Objective", "Kém phương án tốt nhất / Gap to best"):
        column = headers.index(header) + 1
        values = [summary.cell(row, column).value for row in range(2, summary.max_row + 1)]
        assert all(isinstance(v, int | float) for v in values[:3]) and values[3] is None, header
    key_figures = compare["Chỉ số - Key figures"]
    assert all(
        isinstance(c.value, int | float) for row in key_figures.iter_rows(min_row=2, min_col=2) for c in row
    )
    report = openpyxl.load_workbook(books["report 0"])
    items = {row[0].value: row[1].value for row in report["Tóm tắt - Summary"].iter_rows(min_row=2)}
    assert items["Giá trị mục tiêu / Objective"] == 12 and items["Cận trên / Best bound"] == 14
    assert items["Số lượt luân chuyển / Rotations"] == 4
    plan_sheet = report["Phương án - Plan"]
    score = [c.value for c in plan_sheet[1]].index("Điểm / Score")
    assert all(row[score].value is None or isinstance(row[score].value, int | float)
               for row in plan_sheet.iter_rows(min_row=2))  # fmt: skip
    repairs = openpyxl.load_workbook(books["report 3"])["Khắc phục - Repairs"]
    assert [c.value for c in repairs[2]][2:] == [11, 3]


def test_the_cli_comparison_of_plan_files_named_as_formulas_holds_no_formula(tmp_path):
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(yaml.safe_dump(hostile_data(), allow_unicode=True), encoding="utf-8")
    files = []
    for name, plan in zip(FILE_NAMES, hostile_plans().values(), strict=True):
        files.append(tmp_path / f"{name}.json")
        files[-1].write_text(plan_json(plan), encoding="utf-8")
    output = tmp_path / "compare.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "planner", "compare", scenario, *files, "-o", output],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cells = _cells(output)
    assert [c.coordinate for c in cells if _live(c)] == []
    assert any(c.value == "'" + FILE_NAMES[0] for c in cells)


# --- HTML ------------------------------------------------------------------------------------------
#: The tags our pages are made of; a payload would add another (img) or a script of its own.
OUR_TAGS = {"html", "head", "meta", "title", "style", "script", "body", "h1", "h2", "h3", "p", "nav", "a",
            "section", "table", "thead", "tbody", "tr", "th", "td", "div"}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def contents():
    scenario, plans = hostile(), hostile_plans()
    reports = [report_content(scenario, plan, name, redact=False) for name, plan in plans.items()]
    return compare_content(scenario, plans, redact=False), reports


@pytest.fixture(scope="module")
def pages(contents) -> dict[str, str]:
    compare, reports = contents
    return {"compare": compare_html(compare)} | {r.plan_name: report_html(r) for r in reports}


def test_no_payload_becomes_a_tag_an_attribute_or_a_script(pages):
    for name, page in pages.items():
        parsed = _Tags()
        parsed.feed(page)
        assert set(parsed.tags) <= OUR_TAGS, name
        assert parsed.handlers == [], name
        figures = page.count('<div class="figure">')
        assert parsed.tags.count("script") == (1 + figures if figures else 0), name
        assert "<img" not in page and "<script>alert" not in page and "<script>C05" not in page, name
        # no figure's text holds raw markup (plotly's JSON writes `<` as \u003c)
        assert all("\\u003cimg" not in s and "\\u003cscript" not in s for s in parsed.scripts[1:]), name


def test_every_payload_is_shown_escaped_as_written(pages):
    compare = pages["compare"]
    for shown in (
        "&lt;script&gt;alert(1)&lt;/script&gt; Lê Thị Hồng",  # a cadre name
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",  # a unit id, a variant description, a plan name
        "-2 &lt;script&gt;alert(1)",  # a plan file name, in the overview and a heading
        "=1+1 Bí thư &lt;script&gt;alert(1)&lt;/script&gt;",  # a title name
        "giả định &lt;script&gt;C05&lt;/script&gt; nhận =d1.bi_thu",  # a what-if note
        "<td>@SUM(A1) &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td><td>11</td>",  # a repair message
    ):
        assert shown in compare, shown
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in compare  # the scenario title


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_figure_labels_and_hover_texts_are_escaped(contents):
    """plotly reads a subset of HTML in labels and hover boxes: a payload must arrive there escaped."""
    compare, reports = contents
    figures = [compare.kpi_figure, compare.diff]
    figures += [f for r in [*compare.plans, *reports] for f in (r.timeline, r.flows, r.score_matrix) if f]
    assert len(figures) > 2 + 3 * 2
    texts = [s for figure in figures for s in _strings(figure.to_plotly_json()["data"])]
    assert not [s for s in texts if "<script" in s or "<img" in s or "<b>Một" in s]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt; Lê Thị Hồng" in s for s in texts)
    assert any("&lt;img src=x onerror=alert(2)&gt;" in s for s in texts)  # a unit name, in the flows
