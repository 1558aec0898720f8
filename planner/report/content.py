"""Everything a report shows, computed once from the scenario and the plans, for HTML and Excel alike.

Both writers print the same `ReportContent` / `CompareContent`, so the page and the workbook agree; both
run the independent checker on every plan and show its verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from models.plan import Plan
from models.scenario import Scenario
from planner.checker import Violation, check_plan
from planner.eligibility.table import Eligibility
from planner.figures import (
    cadre_labels,
    diff_figure,
    flow_sankey,
    kpi_figure,
    plan_diff_table,
    plan_kpis,
    rotation_timeline,
    score_matrix,
)
from planner.figures.kpis import KPI_LABELS
from planner.figures.naming import cadre_names
from planner.report.agreement import AGREEMENT_NOTE, agreement_table
from planner.report.tables import (
    STATUS_LABELS,
    conflict_table,
    plan_table,
    repair_table,
    summary_table,
    variant_text,
    verdict_text,
    violation_table,
)


@dataclass(frozen=True)
class ReportContent:
    title: str
    plan_name: str
    plan: Plan
    summary: pd.DataFrame
    kpis: pd.DataFrame
    violations: list[Violation]
    verdict: str
    violation_table: pd.DataFrame
    plan_table: pd.DataFrame
    #: An infeasible plan's conflicts and repairs (empty tables otherwise).
    conflicts: pd.DataFrame
    repairs: pd.DataFrame
    timeline: go.Figure
    flows: go.Figure
    score_matrix: go.Figure | None  # left out of comparisons and workbooks


@dataclass(frozen=True)
class CompareContent:
    title: str
    overview: pd.DataFrame
    kpis: pd.DataFrame
    kpi_figure: go.Figure
    agreement: pd.DataFrame
    agreement_note: str
    diff_table: pd.DataFrame
    diff: go.Figure
    plans: list[ReportContent]


def report_content(
    scenario: Scenario, plan: Plan, plan_name: str, redact: bool, with_score_matrix: bool = True
) -> ReportContent:
    """The review content of one plan; `redact` shows ids and initials instead of names."""
    labels = cadre_labels(scenario, redact)
    violations = check_plan(scenario, plan)
    matrix = score_matrix(Eligibility(scenario), plan, labels) if with_score_matrix else None
    return ReportContent(
        title=scenario.title or scenario.name,
        plan_name=plan_name,
        plan=plan,
        summary=summary_table(scenario, plan, violations),
        kpis=plan_kpis(scenario, {plan_name: plan}),
        violations=violations,
        verdict=verdict_text(violations),
        violation_table=violation_table(violations),
        plan_table=plan_table(scenario, plan, cadre_names(scenario, redact)),
        conflicts=conflict_table(plan),
        repairs=repair_table(plan),
        timeline=rotation_timeline(scenario, plan, labels),
        flows=flow_sankey(scenario, plan, labels),
        score_matrix=matrix,
    )


def _overview(reports: list[ReportContent], kpis: pd.DataFrame) -> pd.DataFrame:
    """One row per plan: status, objective, gap to the best plan, rotations, and the checker's verdict."""
    objectives = kpis.loc[KPI_LABELS["objective"]]
    best = max(float(v) for v in objectives)
    rows = [
        {
            "Phương án / Plan": r.plan_name,
            "Biến thể quy định / Rule variant": variant_text(r.plan),
            "Hạng / Rank": r.plan.alternative.rank if r.plan.alternative else None,
            "Trạng thái / Status": STATUS_LABELS[r.plan.status],
            "Giá trị mục tiêu / Objective": float(objectives[r.plan_name]),
            "Kém phương án tốt nhất / Gap to best": best - float(objectives[r.plan_name]),
            "Số lượt / Rotations": len(r.plan.assignments),
            "Kiểm tra độc lập / Independent check": r.verdict,
        }
        for r in reports
    ]
    return pd.DataFrame(rows)


def compare_content(
    scenario: Scenario,
    plans: Mapping[str, Plan],
    redact: bool,
    plan_scenarios: Mapping[str, Scenario] | None = None,
) -> CompareContent:
    """The comparison of two or more plans, keyed by the names the reader sees.

    `plan_scenarios` gives, by plan name, the rules a plan was made under (a variant's overrides, a
    what-if); each plan is checked and measured under its own, names and posts come from `scenario`.
    """
    under = {name: (plan_scenarios or {}).get(name, scenario) for name in plans}
    labels = cadre_labels(scenario, redact)
    reports = [
        report_content(under[name], plan, name, redact, with_score_matrix=False)
        for name, plan in plans.items()
    ]
    kpis = pd.concat([plan_kpis(under[name], {name: plan}) for name, plan in plans.items()], axis=1)
    diff = plan_diff_table(plans, labels)
    return CompareContent(
        title=scenario.title or scenario.name,
        overview=_overview(reports, kpis),
        kpis=kpis,
        kpi_figure=kpi_figure(kpis),
        agreement=agreement_table(scenario, plans, cadre_names(scenario, redact)),
        agreement_note=AGREEMENT_NOTE,
        diff_table=diff,
        diff=diff_figure(diff),
        plans=reports,
    )
