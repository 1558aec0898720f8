"""When each rotation runs: from its start to its `end`, what follows it, the cadre's retirement, and the
quarterly pace of starts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from models.dates import add_months, period_starts, quarter_of
from models.plan import Plan
from models.scenario import Scenario
from planner.analysis.afters import AfterState, after_row_text, plan_afters, shows_afters
from planner.figures.naming import markup_safe
from planner.figures.placements import placements
from planner.wording import both, date_text
from planner.wording.afters import AFTER_TRACE


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
    """The span trace (start to `end` = start + `rules.rotation_months`), the retirement trace and the right
    end of the time axis."""
    months = scenario.rules.rotation_length
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
        name=f"Thời gian luân chuyển {months} tháng, đến ngày kết thúc / {months}-month rotation, to its end",
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


def _afters(scenario: Scenario, plan: Plan, labels: Mapping[str, str]) -> go.Scatter:
    """What follows each rotation: a marker at the day the placement after it begins (the end, staying;
    the post's start, moving), a thin line from the end to it when the post opens later, and the words
    of `after_line` on hover; a missing or unreadable `after` is marked at the end in red."""
    xs: list[object] = []
    ys: list[object] = []
    hover: list[object] = []
    texts: list[str] = []
    symbols: list[str] = []
    colors: list[str] = []
    for row in plan_afters(scenario, plan):
        if row.state is AfterState.NOT_NEEDED:
            continue
        label = markup_safe(labels.get(row.cadre, row.cadre))
        begins = row.expected_start if row.expected_start is not None else row.end
        words = markup_safe(after_row_text(row))
        if begins > row.end:
            xs += [row.end.isoformat(), begins.isoformat(), None]
            ys += [label, label, None]
            hover += [words, words, None]
            texts += ["", "", ""]
            symbols += ["line-ew", "line-ew", "line-ew"]
            colors += ["#2ca02c"] * 3
        good = row.state in (AfterState.STAY, AfterState.POST)
        xs.append(begins.isoformat())
        ys.append(label)
        hover.append(words)
        texts.append(
            markup_safe(row.post.id)
            if row.post
            else ("ở lại / stays" if row.state is AfterState.STAY else "?")
        )
        symbols.append("star" if row.state is AfterState.STAY else "circle" if good else "x")
        colors.append("#2ca02c" if good else "#d62728")
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers+text",
        line={"width": 2, "dash": "dot", "color": "#2ca02c"},
        marker={"symbol": symbols, "size": 10, "color": colors},
        text=texts,
        textposition="middle right",
        name=both(AFTER_TRACE),
        hovertext=hover,
        hoverinfo="text",
    )


def rotation_timeline(
    scenario: Scenario, plan: Plan, labels: Mapping[str, str], retirements: bool = True
) -> go.Figure:
    """Top: each rotation from its start to its end (`rules.rotation_months`), what follows it where the
    scenario has `after_rotation` or the plan gives an `after` (with the horizon as a line), and the
    cadre's retirement date (left out with `retirements=False`: a redacted report, since it tells the birth
    date).
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
    if shows_afters(scenario, plan):
        figure.add_trace(_afters(scenario, plan, labels), row=1, col=1)
        if scenario.after_rotation is not None:
            figure.add_vline(
                x=scenario.after_rotation.horizon.isoformat(),
                line_dash="dash",
                line_color="#2ca02c",
                row=1,
                col=1,
            )
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
