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
    rows = sorted({cadre_pos for cadre_pos, _ in values} | {cadre_pos for cadre_pos, _ in chosen})
    columns = range(len(eligibility.slots))
    row_labels = [
        markup_safe(labels.get(eligibility.cadres[cadre_pos].id, eligibility.cadres[cadre_pos].id))
        for cadre_pos in rows
    ]
    column_labels = [markup_safe(s.id) for s in eligibility.slots]
    names = slot_names(eligibility.scenario)
    z = [[values.get((cadre_pos, slot_pos), math.nan) for slot_pos in columns] for cadre_pos in rows]
    hover = [
        [
            f"{row_label}<br>{markup_safe(names[eligibility.slots[slot_pos].id])}<br>"
            + (
                f"điểm / score {values[cadre_pos, slot_pos]:g}"
                if (cadre_pos, slot_pos) in values
                else "bị loại / excluded"
            )
            for slot_pos in columns
        ]
        for cadre_pos, row_label in zip(rows, row_labels, strict=True)
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
            x=[column_labels[slot_pos] for _, slot_pos in chosen],
            y=[row_labels[rows.index(cadre_pos)] for cadre_pos, _ in chosen],
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
        # every row and column labelled: plotly's own ticks label every other one once they are dense
        xaxis={"tickangle": -60, "type": "category", "tickmode": "linear", "dtick": 1},
        yaxis={"autorange": "reversed", "type": "category", "tickmode": "linear", "dtick": 1},
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
        margin={"t": 80, "l": 20, "r": 20, "b": 160},
    )
    return figure
