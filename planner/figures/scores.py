"""The score matrix: the suitability of every eligible cadre x slot pair, with the chosen cells marked."""

from __future__ import annotations

import math
from collections.abc import Mapping

import plotly.graph_objects as go

from models.plan import Plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.figures.naming import markup_safe
from planner.figures.placements import slot_names


def score_matrix(eligibility: Eligibility, plan: Plan, labels: Mapping[str, str]) -> go.Figure:
    """Heatmap of `Scoring` pair values (explicit score plus the pair's computed components, start not
    included) for the pairs no rule excludes; blank cells are excluded pairs. Rows are the cadres with at
    least one eligible pair or a placement in the plan; crosses mark the plan's placements."""
    scoring = Scoring(eligibility)
    values: dict[tuple[int, int], float] = {
        (p.cadre, p.slot): scoring.pair_value(p.cadre, p.slot) / scoring.scale for p in eligibility.pairs
    }
    chosen = [
        (eligibility.cadre_index[a.cadre], eligibility.slot_index[a.slot])
        for a in plan.assignments
        if a.cadre in eligibility.cadre_index and a.slot in eligibility.slot_index
    ]
    rows = sorted({ci for ci, _ in values} | {ci for ci, _ in chosen})
    columns = range(len(eligibility.slots))
    row_labels = [
        markup_safe(labels.get(eligibility.cadres[ci].id, eligibility.cadres[ci].id)) for ci in rows
    ]
    column_labels = [markup_safe(s.id) for s in eligibility.slots]
    names = slot_names(eligibility.scenario)
    z = [[values.get((ci, si), math.nan) for si in columns] for ci in rows]
    hover = [
        [
            f"{row_label}<br>{markup_safe(names[eligibility.slots[si].id])}<br>"
            + (f"điểm / score {values[ci, si]:g}" if (ci, si) in values else "bị loại / excluded")
            for si in columns
        ]
        for ci, row_label in zip(rows, row_labels, strict=True)
    ]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=column_labels,
            y=row_labels,
            hovertext=hover,
            hoverinfo="text",
            colorscale="Blues",
            colorbar={"title": {"text": "Điểm / Score"}},
            name="Điểm phù hợp / Suitability",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[column_labels[si] for _, si in chosen],
            y=[row_labels[rows.index(ci)] for ci, _ in chosen],
            mode="markers",
            marker={"symbol": "x", "size": 10, "color": "#d62728", "line": {"width": 1}},
            name="Được chọn / Chosen",
            hoverinfo="skip",
        )
    )
    figure.update_layout(
        title_text="Ma trận điểm phù hợp cán bộ x vị trí (× = được chọn) / "
        "Score matrix, cadres x slots (× = chosen)",
        height=max(400, 16 * len(rows) + 220),
        xaxis={"tickangle": -60, "type": "category"},
        yaxis={"autorange": "reversed", "type": "category"},
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
        margin={"t": 80, "l": 20, "r": 20, "b": 160},
    )
    return figure
