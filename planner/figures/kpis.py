"""Key figures of a plan (KPIs), as a table first and a figure drawn from that table.

The table is what reports print and notebooks inspect; the figure only draws it, so the two never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from models.plan import Plan
from models.scenario import Scenario
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.figures.naming import markup_safe
from planner.figures.placements import placements
from planner.rules.categories import cadre_facts
from planner.wording import KPI_WORDS, both

#: Each key figure's label, as the table's index and the figure's axis show it.
KPI_LABELS: dict[str, str] = {key: both(words) for key, words in KPI_WORDS.items()}

PLAN_COLOURS = qualitative.Plotly


def computed_objective(scoring: Scoring, plan: Plan) -> float:
    """The plan's total score by `planner.eligibility.scoring`, for plans that do not carry their objective."""
    eligibility = scoring.eligibility
    start_index = {d.isoformat(): t for t, d in enumerate(eligibility.starts)}
    total = 0.0
    for a in plan.assignments:
        cadre_pos, slot_pos, t = (
            eligibility.cadre_index.get(a.cadre),
            eligibility.slot_index.get(a.slot),
            start_index.get(a.start or ""),
        )
        if cadre_pos is not None and slot_pos is not None and t is not None:
            total += scoring.assignment_score(cadre_pos, slot_pos, t)
    return total


def _kpis_of(scenario: Scenario, plan: Plan, scoring: Scoring) -> dict[str, float]:
    rows = placements(scenario, plan, {})

    def count(mask: pd.Series) -> int:
        return int(mask.fillna(False).astype(bool).sum())

    level = rows["level"]
    return {
        "objective": plan.objective if plan.objective is not None else computed_objective(scoring, plan),
        "rotations": len(rows),
        "heads": count(level == "head"),
        "deputies": count(level == "deputy"),
        "young_deputies": count(rows["young"].fillna(False).astype(bool) & (level == "deputy")),
        "women": count(rows["gender"] == "female"),
        "non_local_key_posts": count(
            rows["non_local"].fillna(False).astype(bool) & ~rows["local_to_unit"].fillna(True).astype(bool)
        ),
        "priority_posts": count(rows["priority"].fillna(0) > 0),
        "mandatory_rotated": count(rows["mandatory"]),
        "allowance_cost": count((rows["current_level"] == "head") & (level == "deputy")),
    }


def mandatory_total(scenario: Scenario) -> int:
    """How many cadres the rules oblige to rotate: the yardstick for `mandatory_rotated`."""
    return sum(cadre_facts(scenario, c).mandatory for c in scenario.cadres)


def plan_kpis(scenario: Scenario, plans: Mapping[str, Plan]) -> pd.DataFrame:
    """KPIs (rows, labelled by `KPI_LABELS`) of each plan (columns, by the given names)."""
    scoring = Scoring(Eligibility(scenario))
    columns = {name: _kpis_of(scenario, plan, scoring) for name, plan in plans.items()}
    table = pd.DataFrame(columns, index=list(KPI_LABELS))
    table.index = pd.Index([KPI_LABELS[key] for key in table.index], name="Chỉ số / Indicator")
    return table


def differing_kpis(table: pd.DataFrame) -> pd.DataFrame:
    """The key figures (rows) on which the plans (columns) do not all agree."""
    return table[table.nunique(axis=1) > 1]


def kpi_figure(table: pd.DataFrame) -> go.Figure | None:
    """One small bar chart per KPI on which the plans differ, a bar per plan: plans compare at a glance,
    each KPI on its own scale. A KPI every plan shares is left out (its panel of equal bars, or of no bars
    for a zero, told nothing the table does not); None when the plans share them all."""
    table = differing_kpis(table)
    if table.empty:
        return None
    columns = 2 if len(table.index) > 1 else 1
    rows = math.ceil(len(table.index) / columns)
    titles = [markup_safe(label) for label in table.index]
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=titles, vertical_spacing=0.07)
    plan_names = [markup_safe(name) for name in table.columns]
    colours = [PLAN_COLOURS[i % len(PLAN_COLOURS)] for i in range(len(plan_names))]
    for i, label in enumerate(table.index):
        values = [float(v) for v in table.loc[label]]
        figure.add_trace(
            go.Bar(
                x=plan_names,
                y=values,
                text=[f"{v:g}" for v in values],
                textposition="auto",
                marker_color=colours,
                name=markup_safe(label),
                showlegend=False,
                hovertemplate="%{x}: %{y}<extra></extra>",
            ),
            row=i // columns + 1,
            col=i % columns + 1,
        )
    figure.update_annotations(font_size=12)
    figure.update_yaxes(rangemode="tozero")
    figure.update_layout(
        title_text="Chỉ số chính theo phương án / Key figures per plan",
        height=230 * rows + 60,
        margin={"t": 80, "l": 40, "r": 20, "b": 30},
    )
    return figure
