"""When each rotation runs: its minimum span, the cadre's retirement, and the quarterly pace of starts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from models.dates import add_months, period_starts, quarter_of
from models.plan import Plan
from models.scenario import Scenario
from planner.figures.naming import markup_safe
from planner.figures.placements import placements
from planner.wording import date_text


def quarter_start(d: date) -> date:
    year, quarter = quarter_of(d)
    return date(year, 3 * (quarter - 1) + 1, 1)


def starts_per_quarter(scenario: Scenario, plan: Plan) -> dict[date, int]:
    """Starts counted by calendar quarter (keyed by its first day), every quarter of the period listed."""
    period = scenario.period
    quarters = {quarter_start(d): 0 for d in period_starts(period.start, period.end, period.granularity)}
    rows = placements(scenario, plan, {})
    counted = Counter(quarter_start(d) for d in rows["start"] if d is not None)
    return dict(sorted((quarters | counted).items()))


#: How far past the last span end the time axis reaches; later retirements are drawn at its edge.
AXIS_MARGIN_MONTHS = 24


def _spans(scenario: Scenario, plan: Plan, labels: Mapping[str, str]) -> tuple[go.Scatter, go.Scatter, date]:
    """The span trace, the retirement trace and the right end of the time axis."""
    months = scenario.rules.min_duration_months
    rows = placements(scenario, plan, labels)
    rows = rows[rows["resolved"]].sort_values("start", kind="stable")
    ends = [add_months(start, months) for start in rows["start"]]
    axis_end = add_months(max([*ends, scenario.period.end]), AXIS_MARGIN_MONTHS)
    xs: list[object] = []
    ys: list[object] = []
    hover: list[object] = []
    for row, start, end in zip(rows.itertuples(), rows["start"], ends, strict=True):
        text = (
            f"{markup_safe(row.label)}<br>{markup_safe(row.slot_name)}<br>"
            f"{date_text(start)} → {date_text(end)} ({months} tháng / months)"
        )
        xs += [start.isoformat(), end.isoformat(), None]
        ys += [markup_safe(row.label)] * 2 + [None]
        hover += [text, text, None]
    spans = go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"width": 12},
        name=f"Thời gian luân chuyển tối thiểu {months} tháng / {months}-month span",
        hovertext=hover,
        hoverinfo="text",
    )
    retirements = list(rows["retirement"])
    retirement = go.Scatter(
        x=[min(d, axis_end).isoformat() for d in retirements],
        y=[markup_safe(label) for label in rows["label"]],
        mode="markers+text",
        marker={
            "symbol": ["diamond" if d <= axis_end else "triangle-right" for d in retirements],
            "size": 11,
            "color": "#d62728",
        },
        text=[date_text(d) for d in retirements],
        textposition="middle left",
        name="Ngày nghỉ hưu (▶: sau mốc cuối trục) / Retirement date (▶: beyond the axis)",
        hovertext=[
            f"{markup_safe(label)}: nghỉ hưu / retires {date_text(d)}"
            for label, d in zip(rows["label"], retirements, strict=True)
        ],
        hoverinfo="text",
    )
    return spans, retirement, axis_end


def rotation_timeline(
    scenario: Scenario, plan: Plan, labels: Mapping[str, str], retirements: bool = True
) -> go.Figure:
    """Top: each rotation's minimum span (`rules.min_duration_months`) and the cadre's retirement date
    (left out with `retirements=False`: a redacted report, since it tells the birth date).
    Bottom: starts per quarter against `rules.max_starts_per_quarter` (the pace rule)."""
    spans, retirement, axis_end = _spans(scenario, plan, labels)
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.75, 0.25],
        vertical_spacing=0.1,
        subplot_titles=(
            "Lịch luân chuyển / Rotation timeline",
            "Số lượt bắt đầu mỗi quý / Starts per quarter",
        ),
    )
    figure.add_trace(spans, row=1, col=1)
    if retirements:
        figure.add_trace(retirement, row=1, col=1)
    pace = starts_per_quarter(scenario, plan)
    quarters = [d.isoformat() for d in pace]
    figure.add_trace(
        go.Bar(x=quarters, y=list(pace.values()), name="Lượt bắt đầu / Starts", marker_color="#1f77b4"),
        row=2,
        col=1,
    )
    cap = scenario.rules.max_starts_per_quarter
    if cap is not None:
        figure.add_trace(
            go.Scatter(
                x=quarters,
                y=[cap] * len(quarters),
                mode="lines",
                line={"dash": "dash", "color": "#d62728"},
                name=f"Tối đa mỗi quý / Max per quarter ({cap})",
            ),
            row=2,
            col=1,
        )
    figure.add_vline(x=scenario.period.end.isoformat(), line_dash="dot", line_color="grey", row=1, col=1)
    figure.update_yaxes(autorange="reversed", row=1, col=1)
    first = quarter_start(scenario.period.start)
    figure.update_xaxes(
        type="date", range=[add_months(first, -3).isoformat(), add_months(axis_end, 1).isoformat()]
    )
    figure.update_layout(
        height=max(420, 26 * len(set(spans.y) - {None}) + 260),
        legend={"orientation": "h", "y": -0.08},
        margin={"t": 60, "l": 20, "r": 20, "b": 40},
    )
    return figure
