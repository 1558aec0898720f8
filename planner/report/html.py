"""Self-contained HTML pages: `planner report` (one plan for review) and `planner compare` (plans side by
side). plotly.js is embedded once, inline, so a page opens offline (and left out of a page with no
figure, such as the report of an infeasible plan file).

Every text reaches the page through `html.escape` here (tables, headings, notes, the navigation, the
title), whoever wrote it: names, ids, titles, unit names, plan file names, what-if notes and messages
may all hold markup. Figures carry their texts in plotly's JSON, which escapes `<`, `>` and `/` so that
no text closes the script; their labels and hover boxes are escaped for plotly's own HTML-like markup
by the figures (`planner.figures.naming.markup_safe`)."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from planner.analysis.ties import equally_good
from planner.report.content import CompareContent, ReportContent
from planner.report.standing import REPAIR_NOTE
from planner.report.tables import COMMENTS, cell_text
from planner.wording import BENCH_NOTE, BENCH_TITLE, both, ranked_tie_line, tie_line
from planner.wording.afters import AFTERS_NOTE, AFTERS_TITLE

_STYLE = """
body{font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0 auto;max-width:1280px;padding:1.5rem;
color:#1d2733;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #c8d3e3;padding-bottom:.2rem;margin-top:2.2rem}
.sub{color:#52606d;margin-top:0}.note{color:#52606d;font-size:.92rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem;width:100%}
th,td{border:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#e8eef7}tr:nth-child(even) td{background:#f8fafc}
.ok{color:#17663a;font-weight:600}.bad{color:#b42318;font-weight:600}
.warn{background:#fff4e5;border:2px solid #b54708;color:#7a2e0e;padding:.5rem .8rem;margin:.8rem 0;font-weight:600}
.lead{font-size:1.15rem;padding:.5rem .8rem;margin:.8rem 0;border:2px solid currentColor}
nav a{margin-right:1rem}.figure{margin:1rem 0}
"""
#: On paper: A4 portrait inside 15 mm margins (180 mm of width), no navigation or plotly toolbar, each
#: section from its own page but those of page 1 (`.together`: the verdict and the key figures; the first
#: section always is).
_PRINT_STYLE = """
@page{size:A4;margin:15mm}
@media print{
body{max-width:none;padding:0;font-size:10pt}nav,.modebar-container,.how{display:none!important}
h1{font-size:15pt;margin-top:0}h2{font-size:12pt;margin-top:.8rem}th,td{padding:.1rem .3rem}
section:not(.together){break-before:page}h2,h3{break-after:avoid}tr{break-inside:avoid}
table{font-size:8pt}td,th{overflow-wrap:anywhere}.figure{margin:.4rem 0}
th,td,.warn{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""
#: The printable width of an A4 portrait page inside 15 mm margins, in CSS pixels (180 mm at 96 px an
#: inch): the width every figure is redrawn at for print.
PRINT_WIDTH_PX = 680
#: Redraws each figure at the printable width when the page is printed (or shown as printed), and back
#: at the window's width after: a plotly figure is drawn in pixels, so CSS alone would cut it. It rides
#: in plotly.js's script (a page's scripts are plotly.js and one per figure).
_PRINT_SCRIPT = f"""(function () {{
  function fit(printing) {{
    document.querySelectorAll(".js-plotly-plot").forEach(function (figure) {{
      Plotly.relayout(figure, printing ? {{width: {PRINT_WIDTH_PX}, autosize: false}} : {{width: null, autosize: true}});
    }});
  }}
  window.matchMedia("print").addEventListener("change", function (media) {{ fit(media.matches); }});
  window.addEventListener("beforeprint", function () {{ fit(true); }});
  window.addEventListener("afterprint", function () {{ fit(window.matchMedia("print").matches); }});
}})();
"""
_HOW_TO_READ = (
    "Cách đọc / How to read: mục Tóm tắt nêu trạng thái và kết quả kiểm tra độc lập; bảng Phương án liệt kê "
    "từng lượt luân chuyển; các biểu đồ cho phép rê chuột để xem chi tiết. / The summary gives the status and "
    "the independent check; the plan table lists each rotation; hover over the figures for details."
)


NOBODY = "Phương án không bố trí cán bộ nào / the plan places nobody"


def html_table(table: pd.DataFrame, index: bool = False) -> str:
    """A DataFrame as an HTML table with every header and cell escaped."""
    frame = table.reset_index() if index else table
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figure(figure: go.Figure, div_id: str) -> str:
    """A figure's div and script, without plotly.js (embedded once in the head); fixed ids keep pages
    reproducible."""
    div = figure.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False}
    )
    return f'<div class="figure">{div}</div>'


def _section(anchor: str, title: str, *parts: str, together: bool = False) -> str:
    """A section; `together`: printed on the page before it (no page break), as page 1's are."""
    css = ' class="together"' if together else ""
    return f'<section id="{anchor}"{css}><h2>{html.escape(title)}</h2>{"".join(parts)}</section>'


def _note(text: str, css: str = "") -> str:
    return f'<p class="note{css}">{html.escape(text)}</p>'


def _warnings(warnings: list[str]) -> str:
    """What the reader must know first (the scenario changed, the rules were overridden), above all else."""
    return "".join(f'<p class="warn" role="alert">{html.escape(w)}</p>' for w in warnings)


def _page(
    title: str,
    subtitle: str,
    sections: Iterable[tuple[str, str, str]],
    warnings: list[str] | None = None,
    lead: str = "",
    first_page: int = 1,
) -> str:
    """The whole page; `sections` are (anchor, heading, body html); `lead` (html: what the plan file is)
    and `warnings` come before everything; the first `first_page` sections share the first printed page.
    plotly.js is embedded only when a section holds a figure."""
    sections = list(sections)
    nav = "".join(f'<a href="#{a}">{html.escape(t)}</a>' for a, t, _ in sections)
    body = "".join(_section(a, t, b, together=i < first_page) for i, (a, t, b) in enumerate(sections))
    drawn = 'class="figure"' in body
    plotly = f'<script type="text/javascript">{get_plotlyjs()}\n{_PRINT_SCRIPT}</script>\n' if drawn else ""
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}{_PRINT_STYLE}</style>\n{plotly}</head>\n<body>\n"
        f'<h1>{html.escape(title)}</h1>\n<p class="sub">{html.escape(subtitle)}</p>\n'
        f"{lead}{_warnings(warnings or [])}{_note(_HOW_TO_READ, ' how')}<nav>{nav}</nav>\n{body}\n</body>\n</html>\n"
    )


def _verdict(text: str, valid: bool, css: str = "") -> str:
    return f'<p class="{"ok" if valid else "bad"}{css}">{html.escape(text)}</p>'


def _lead(content: ReportContent) -> str:
    """What the plan file is, first: its status and verdict, or "Không khả thi / Infeasible"."""
    return _verdict(content.headline, content.valid, " lead")


def _checks(content: ReportContent) -> str:
    """Each verdict (naming the rules it was reached under), with its violations."""
    return "".join(
        _verdict(check.verdict, check.valid) + (html_table(check.table) if check.violations else "")
        for check in content.checks
    )


def _conflicts_and_repairs(content: ReportContent) -> str:
    """Why there is no plan (the conflicts), and what single change would give one (the repairs)."""
    if content.conflicts.empty and content.repairs.empty:
        return _note(
            "Tệp phương án không ghi nhận mâu thuẫn hay cách khắc phục nào; chạy lại `planner solve` để chẩn "
            "đoán / the plan file records no conflict or repair; run `planner solve` again to diagnose"
        )
    conflicts = html_table(content.conflicts) if not content.conflicts.empty else ""
    repairs = _note(REPAIR_NOTE) + html_table(content.repairs) if not content.repairs.empty else ""
    return conflicts + repairs


def _assumptions(content: ReportContent) -> str:
    return html_table(content.assumptions.drop(columns=[content.assumptions.columns[0]]))


def _no_plan_sections(content: ReportContent) -> list[tuple[str, str, str]]:
    """A plan file without a plan: why, what would fix it and what it assumed; nothing to chart."""
    sections = [
        ("mau-thuan", "Mâu thuẫn và cách khắc phục / Conflicts and repairs", _conflicts_and_repairs(content))
    ]
    if content.has_assumptions:
        sections.append(("gia-dinh", "Giả định / Assumptions", _assumptions(content)))
    sections.append(("tom-tat", "Tóm tắt / Summary", html_table(content.summary)))
    return sections


def report_html(content: ReportContent) -> str:
    """The review page of one plan, or of a plan file that holds none (its conflicts and repairs)."""
    subtitle = f"Phương án luân chuyển để xem xét / Rotation plan for review — {content.plan_name}"
    if not content.has_plan:
        return _page(content.title, subtitle, _no_plan_sections(content), content.warnings, _lead(content))
    record = content.plan.alternative
    tie = (
        _note(ranked_tie_line(record.rank), " tie") if record and record.gap == 0 and record.rank > 1 else ""
    )
    sections = [
        (
            "tom-tat",
            "Tóm tắt / Summary",
            tie + html_table(content.summary) + html_table(content.kpis, index=True),
        ),
        ("kiem-tra", "Kiểm tra độc lập / Independent check", _checks(content)),
    ]
    if content.has_assumptions:
        sections.append(("gia-dinh", "Giả định / Assumptions", _assumptions(content)))
    plan = (
        html_table(content.plan_table.drop(columns=[COMMENTS])) if content.plan.assignments else _note(NOBODY)
    )
    sections.append(("phuong-an", "Phương án / Plan", plan))
    if not content.conflicts.empty:
        sections.append(
            (
                "mau-thuan",
                "Mâu thuẫn và cách khắc phục / Conflicts and repairs",
                _conflicts_and_repairs(content),
            )
        )
    if not content.afters.empty:
        sections.append(("ket-thuc", both(AFTERS_TITLE), _note(AFTERS_NOTE) + html_table(content.afters)))
    if not content.bench_table.empty:
        sections.append(("nguon-quy-hoach", both(BENCH_TITLE), _bench(content)))
    if content.timeline is not None and content.flows is not None:
        sections += [
            ("lich", "Lịch trình / Timeline", _figure(content.timeline, "fig-timeline")),
            ("luong", "Luồng luân chuyển / Flows", _figure(content.flows, "fig-flows")),
        ]
    if content.score_matrix is not None:
        sections.append(("diem", "Ma trận điểm / Score matrix", _figure(content.score_matrix, "fig-scores")))
    return _page(content.title, subtitle, sections, content.warnings, _lead(content), first_page=1)


def _bench(content: ReportContent) -> str:
    """The bench per pool title, then readiness by ready-by date."""
    figure = _figure(content.bench_figure, "fig-bench") if content.bench_figure is not None else ""
    return _note(BENCH_NOTE) + html_table(content.bench_table) + figure


def _plan_section(plan: ReportContent, number: int) -> str:
    """One plan of a comparison: what it is, what it assumed, then its check, table and figures; or,
    for a plan file without a plan, its conflicts and repairs."""
    body = _lead(plan) + "<h3>Giả định / Assumptions</h3>" + _assumptions(plan)
    if not plan.has_plan:
        return (
            body
            + "<h3>Mâu thuẫn và cách khắc phục / Conflicts and repairs</h3>"
            + _conflicts_and_repairs(plan)
        )
    body += _checks(plan)
    if plan.timeline is None or plan.flows is None:
        return body + _note(NOBODY)
    return (
        body
        + html_table(plan.plan_table.drop(columns=[COMMENTS]))
        + _figure(plan.timeline, f"fig-timeline-{number}")
        + _figure(plan.flows, f"fig-flows-{number}")
    )


def _ties(content: CompareContent) -> str:
    """Which of the plans compared are equally good (the same objective, found by one solve), and the
    placements that differ between them: a choice the objective leaves to the reader."""
    ties = equally_good({plan.plan_name: plan.plan for plan in content.plans})
    return "".join(
        _note(f"{', '.join(tie.names)}: {tie_line(len(tie.names), tie.differing)}", " tie") for tie in ties
    )


def compare_html(content: CompareContent) -> str:
    """The comparison page: each plan's standing and assumptions, key figures side by side, robust and
    contested placements and the diff (feasible plans only), then each plan."""
    kpis = html_table(content.kpis, index=True) if content.feasible else ""
    if content.same_kpis_note:
        kpis += _note(content.same_kpis_note)
    if content.kpi_figure is not None:
        kpis += _figure(content.kpi_figure, "fig-kpis")
    diff = _figure(content.diff, "fig-diff") if content.diff is not None else ""
    counted = _note(content.counted_note)
    sections = [
        (
            "tom-tat",
            "Tóm tắt các phương án / Plans at a glance",
            html_table(content.overview) + _ties(content),
        ),
        (
            "gia-dinh",
            "Giả định của từng phương án / Each plan's assumptions",
            html_table(content.assumptions),
        ),
        ("chi-so", "Chỉ số chính / Key figures", counted + kpis),
        (
            "on-dinh",
            "Bố trí ổn định và còn tranh luận / Robust and contested placements",
            _note(content.agreement_note) + counted + html_table(content.agreement),
        ),
        ("khac-biet", "So sánh theo cán bộ / Differences by cadre", counted + diff),
    ]
    if not content.bench.empty:
        bench = _note(BENCH_NOTE) + counted + html_table(content.bench)
        sections.insert(3, ("nguon-quy-hoach", both(BENCH_TITLE), bench))
    if not content.afters.empty:
        afters = _note(AFTERS_NOTE) + counted + html_table(content.afters)
        sections.insert(len(sections) - 1, ("ket-thuc", both(AFTERS_TITLE), afters))
    for i, plan in enumerate(content.plans, start=1):
        sections.append((f"pa-{i}", f"Phương án / Plan: {plan.plan_name}", _plan_section(plan, i)))
    subtitle = "So sánh phương án luân chuyển / Comparison of rotation plans"
    return _page(content.title, subtitle, sections, content.warnings, first_page=3)
