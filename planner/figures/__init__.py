"""Plotly figures of plans: pure functions, data in and `plotly.graph_objects.Figure` out (STYLE.md 5).

Writing files and choosing formats belongs to `planner.report` and the CLI. Every text shown comes from
`cadre_labels` (names, or ids only when redacted) and is escaped for plotly's HTML-like labels.
"""

from planner.figures.bench import bench_figure
from planner.figures.diff import diff_figure, plan_diff_table
from planner.figures.flows import flow_sankey
from planner.figures.kpis import KPI_LABELS, kpi_figure, plan_kpis
from planner.figures.naming import cadre_labels
from planner.figures.placements import placements
from planner.figures.scores import score_matrix
from planner.figures.timeline import rotation_timeline, starts_per_quarter

__all__ = [
    "KPI_LABELS",
    "bench_figure",
    "cadre_labels",
    "diff_figure",
    "flow_sankey",
    "kpi_figure",
    "placements",
    "plan_diff_table",
    "plan_kpis",
    "rotation_timeline",
    "score_matrix",
    "starts_per_quarter",
]
