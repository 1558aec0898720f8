"""Where the rotated cadres come from and where they go: a Sankey of current unit -> destination unit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import plotly.graph_objects as go

from models.plan import Plan
from models.scenario import Scenario
from planner.figures.naming import KIND_LABELS, NO_CURRENT_POST, markup_safe
from planner.figures.placements import placements

Level = Literal["unit", "kind"]


def _link_text(cadres: list[str]) -> str:
    """A link's hover text: how many cadres, Vietnamese first, then their (escaped) labels."""
    count = len(cadres)
    return f"{count} cán bộ / {count} cadre{'' if count == 1 else 's'}<br>" + "<br>".join(cadres)


def flow_sankey(
    scenario: Scenario, plan: Plan, labels: Mapping[str, str], level: Level = "unit"
) -> go.Figure:
    """Flows of cadres from their current unit (left) to their destination (right).

    `level="kind"` groups units by kind (district, department, party committee), which reads better when a
    plan moves many cadres. Each link's hover box names the cadres on it, as `labels` shows them.
    """
    rows = placements(scenario, plan, labels)
    rows = rows[rows["unit"].notna() & rows["cadre"].isin([c.id for c in scenario.cadres])]
    if level == "kind":
        sources = [
            KIND_LABELS.get(k, NO_CURRENT_POST) if k else NO_CURRENT_POST for k in rows["current_kind"]
        ]
        targets = [KIND_LABELS[k] for k in rows["unit_kind"]]
    else:
        sources = [name or NO_CURRENT_POST for name in rows["current_unit_name"]]
        targets = list(rows["unit_name"])
    left = list(dict.fromkeys(sources))
    right = list(dict.fromkeys(targets))
    links: dict[tuple[int, int], list[str]] = {}
    for source, target, label in zip(sources, targets, rows["label"], strict=True):
        key = (left.index(source), len(left) + right.index(target))
        links.setdefault(key, []).append(markup_safe(label))
    node_labels = [markup_safe(name) for name in left + right]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": node_labels, "pad": 14, "thickness": 16},
            link={
                "source": [s for s, _ in links],
                "target": [t for _, t in links],
                "value": [len(cadres) for cadres in links.values()],
                "customdata": [_link_text(cadres) for cadres in links.values()],
                "hovertemplate": "%{source.label} → %{target.label}<br>%{customdata}<extra></extra>",
            },
        )
    )
    figure.update_layout(
        title_text="Luồng luân chuyển: đơn vị hiện tại (trái) → đơn vị đến (phải) / "
        "Flows: current unit (left) → destination (right)",
        height=max(360, 28 * max(len(left), len(right)) + 120),
        margin={"t": 70, "l": 20, "r": 20, "b": 20},
    )
    return figure
