"""Readiness by ready-by date: for each pool title, in the order of its `ready_by`, how many planned cadres
there are, how many are ready without the plan and with it, and the minimum the scenario asks.

Drawn from the same `BenchRow`s the bench table prints, so the figure and the table never disagree. Every
bar and marker carries its count as text and in its hover box, each series named in the legend.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from planner.analysis.bench_readiness import BenchRow
from planner.figures.naming import markup_safe
from planner.wording import BENCH_AXIS, BENCH_FIGURE_TITLE, BENCH_SERIES, READY_BY_AXIS, both, ready_by_text

_COLOURS = {"planned": "#c8d3e3", "without": "#8fb3d9", "ready": "#17663a", "min_ready": "#b42318"}


def bench_figure(rows: list[BenchRow]) -> go.Figure | None:
    """Grouped bars per pool title, ordered by ready-by date (no deadline last), with `min_ready` as a
    marker; None when the scenario has no pool."""
    if not rows:
        return None
    ordered = sorted(rows, key=lambda r: (r.ready_by is None, r.ready_by or date.max, r.pool))
    x = [f"{ready_by_text(r.ready_by)}<br>{markup_safe(r.pool)}" for r in ordered]
    names = [markup_safe(r.name) for r in ordered]
    counts = {
        "planned": [len(r.planned) for r in ordered],
        "without": [len(r.ready_without_plan) for r in ordered],
        "ready": [len(r.ready) for r in ordered],
    }
    figure = go.Figure()
    for key, values in counts.items():
        label = markup_safe(both(BENCH_SERIES[key]))
        figure.add_trace(
            go.Bar(
                x=x,
                y=values,
                name=label,
                marker_color=_COLOURS[key],
                text=values,
                textposition="outside",
                customdata=names,
                hovertemplate=f"%{{customdata}}<br>{label}: %{{y}}<extra></extra>",
            )
        )
    minimum = [(x[i], r.min_ready) for i, r in enumerate(ordered) if r.min_ready is not None]
    if minimum:
        label = markup_safe(both(BENCH_SERIES["min_ready"]))
        figure.add_trace(
            go.Scatter(
                x=[m[0] for m in minimum],
                y=[m[1] for m in minimum],
                name=label,
                mode="markers+text",
                marker={
                    "symbol": "line-ew-open",
                    "size": 36,
                    "color": _COLOURS["min_ready"],
                    "line": {"width": 3},
                },
                text=[f"≥ {m[1]}" for m in minimum],
                textposition="middle right",
                hovertemplate=f"{label}: %{{y}}<extra></extra>",
            )
        )
    figure.update_layout(
        title={"text": markup_safe(both(BENCH_FIGURE_TITLE))},
        barmode="group",
        xaxis={"title": {"text": markup_safe(both(READY_BY_AXIS))}, "type": "category"},
        yaxis={"title": {"text": markup_safe(both(BENCH_AXIS))}, "rangemode": "tozero", "dtick": 1},
        legend={"orientation": "h", "y": -0.25},
        margin={"t": 60},
    )
    return figure
