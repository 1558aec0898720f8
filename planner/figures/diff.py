"""Which cadre goes where in each plan, side by side, with the differences marked."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from models.plan import Plan
from planner.figures.naming import markup_safe

NOT_PLACED = "—"
CADRE = "Cán bộ / Cadre"
STATUS = "Khác biệt / Difference"
SAME = "giống nhau / same"
START_DIFFERS = "khác thời điểm / start differs"
POST_DIFFERS = "khác vị trí / post differs"
_ORDER = {POST_DIFFERS: 0, START_DIFFERS: 1, SAME: 2}
_FILL = {SAME: "#ffffff", START_DIFFERS: "#fff3c4", POST_DIFFERS: "#fbd3cf"}


def plan_diff_table(plans: Mapping[str, Plan], labels: Mapping[str, str]) -> pd.DataFrame:
    """A row per cadre placed in any plan (indexed by cadre id): the cadre, `slot (start)` in each plan
    (a column per plan name, whatever the name), and how they differ.

    Rows whose post differs come first, then those whose start differs, then the shared placements.
    """
    placed = {name: {a.cadre: (a.slot, a.start) for a in plan.assignments} for name, plan in plans.items()}
    cadres = sorted({cadre for by_cadre in placed.values() for cadre in by_cadre})
    rows = []
    for cadre in cadres:
        where = [by_cadre.get(cadre) for by_cadre in placed.values()]
        if len({w[0] if w else None for w in where}) > 1:
            status = POST_DIFFERS
        elif len(set(where)) > 1:
            status = START_DIFFERS
        else:
            status = SAME
        cells = [f"{w[0]} ({w[1] or '?'})" if w else NOT_PLACED for w in where]
        rows.append((_ORDER[status], cadre, [labels.get(cadre, cadre), *cells, status]))
    rows.sort(key=lambda row: row[:2])
    index = pd.Index([cadre for _, cadre, _ in rows], name="Mã cán bộ / Cadre id")
    return pd.DataFrame([cells for *_, cells in rows], index=index, columns=[CADRE, *placed, STATUS])


def diff_figure(table: pd.DataFrame) -> go.Figure:
    """The diff table drawn as a table, rows coloured by difference (red: post, yellow: start only)."""
    fills = [_FILL[status] for status in table[STATUS]]
    columns = list(table.columns)
    figure = go.Figure(
        go.Table(
            header={
                "values": [f"<b>{markup_safe(c)}</b>" for c in columns],
                "fill_color": "#e8eef7",
                "align": "left",
            },
            cells={
                "values": [[markup_safe(v) for v in table[c]] for c in columns],
                "fill_color": [fills] * len(columns),
                "align": "left",
                "height": 24,
            },
        )
    )
    figure.update_layout(
        title_text="So sánh các phương án theo cán bộ / Plans side by side, by cadre "
        "(đỏ: khác vị trí / red: post differs; vàng: khác thời điểm / yellow: start differs)",
        height=min(1400, 120 + 26 * (len(table) + 1)),
        margin={"t": 60, "l": 10, "r": 10, "b": 10},
    )
    return figure
