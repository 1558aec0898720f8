"""Everything a report shows, computed once from the scenario and the plans, for HTML and Excel alike.

Both writers print the same `ReportContent` / `CompareContent`, so the page and the workbook agree; both
run the independent checker on every plan and show its verdict, naming the rules it was reached under.

Each plan is first read against the scenario given (`planner.decide.binding`):

- a plan made for another scenario is refused (`InputError`);
- a plan made before the scenario changed (its `scenario_hash` differs) is shown with a warning, and its
  scores, objective and explanations are recomputed from the scenario given (its bound, which only a
  solve could give again, is left out): the page never shows the plan's stale numbers;
- a plan that records overrides (a variant, `--set`, what-ifs) is shown as it was made, under them (its
  figures, key figures and scores), and checked twice, each verdict naming its rules: against the
  scenario as written (what `planner check` says) and under the overrides (`check --as-recorded`). The
  page says so at the top. A plan without overrides is checked once, against the scenario as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from models.plan import Plan
from models.scenario import Scenario
from planner.checker import Violation, check_plan
from planner.decide.binding import (
    AS_RECORDED,
    AS_WRITTEN,
    BoundPlan,
    bind_plan,
    rescored_plan,
)
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
    WHEN_MADE,
    conflict_table,
    plan_table,
    repair_table,
    summary_table,
    variant_text,
    verdict_text,
    violation_table,
)

RESCORED = (
    "Điểm, giá trị mục tiêu và giải thích được tính lại theo kịch bản hiện tại; trạng thái là của lúc lập "
    "phương án, cận trên không còn giá trị / Scores, the objective and the explanations are recomputed from "
    "the scenario given; the status is the one the plan was made with, and its bound no longer holds"
)
UNDER_OVERRIDES = (
    "{plan} ghi nhận ghi đè quy định: {overrides}. Biểu đồ, chỉ số và điểm tính theo các ghi đè đó; kết "
    "quả kiểm tra nêu cả theo kịch bản như đã viết lẫn theo các ghi đè / {plan} records rule overrides: "
    "{overrides}. Its figures, key figures and scores are under them; the check is given both against the "
    "scenario as written and under them"
)


@dataclass(frozen=True)
class Judgement:
    """The independent checker's verdict on a plan under one set of rules, which it names."""

    #: The rules, in words (`binding.AS_WRITTEN`, or `AS_RECORDED` with the overrides).
    under: str
    violations: list[Violation]
    #: The verdict with the rules it was reached under: never a bare "valid".
    verdict: str
    table: pd.DataFrame

    @property
    def valid(self) -> bool:
        return not self.violations


def judgement(under: str, violations: list[Violation]) -> Judgement:
    return Judgement(under, violations, f"{verdict_text(violations)} — {under}", violation_table(violations))


@dataclass(frozen=True)
class ReportContent:
    title: str
    plan_name: str
    #: The plan as shown: rescored from the scenario given when that changed since the plan was made.
    plan: Plan
    #: What the reader must know before reading on (scenario changed, rules overridden), first on the page.
    warnings: list[str]
    #: Against the scenario as written first, then under the plan's overrides when it records any.
    checks: list[Judgement]
    scenario_changed: bool | None
    summary: pd.DataFrame
    kpis: pd.DataFrame
    plan_table: pd.DataFrame
    #: An infeasible plan's conflicts and repairs (empty tables otherwise).
    conflicts: pd.DataFrame
    repairs: pd.DataFrame
    timeline: go.Figure
    flows: go.Figure
    score_matrix: go.Figure | None  # left out of comparisons and workbooks

    @property
    def valid(self) -> bool:
        """Valid under every set of rules it was checked under."""
        return all(check.valid for check in self.checks)


@dataclass(frozen=True)
class CompareContent:
    title: str
    warnings: list[str]
    overview: pd.DataFrame
    kpis: pd.DataFrame
    kpi_figure: go.Figure
    agreement: pd.DataFrame
    agreement_note: str
    diff_table: pd.DataFrame
    diff: go.Figure
    plans: list[ReportContent]


def report_warnings(bound: BoundPlan, plan_name: str) -> list[str]:
    """The warnings a page shows first for one plan (none for a plan of this scenario's rules)."""
    warnings = []
    if bound.scenario_changed:
        warnings.append(f"{bound.changed_warning(plan_name)}. {RESCORED}.")
    if bound.recorded:
        overrides = "; ".join(o.text for o in bound.recorded)
        warnings.append(UNDER_OVERRIDES.format(plan=plan_name, overrides=overrides) + ".")
    return warnings


def report_content(
    scenario: Scenario, plan: Plan, plan_name: str, redact: bool, with_score_matrix: bool = True
) -> ReportContent:
    """The review content of one plan read against `scenario` as written (see the module docstring);
    `redact` shows ids and initials instead of names. Raises `InputError` for another scenario's plan or
    a recorded override that does not apply."""
    bound = bind_plan(scenario, plan, plan_name, as_recorded=True)
    under = bound.judged
    shown = rescored_plan(under, plan) if bound.scenario_changed else plan
    checks = [judgement(AS_WRITTEN, check_plan(scenario, shown))]
    if bound.recorded:
        checks.append(
            judgement(f"{AS_RECORDED}: {'; '.join(o.text for o in bound.recorded)}", check_plan(under, shown))
        )
    labels = cadre_labels(under, redact)
    matrix = score_matrix(Eligibility(under), shown, labels) if with_score_matrix else None
    return ReportContent(
        title=scenario.title or scenario.name,
        plan_name=plan_name,
        plan=shown,
        warnings=report_warnings(bound, plan_name),
        checks=checks,
        scenario_changed=bound.scenario_changed,
        summary=summary_table(under, shown, [c.verdict for c in checks], bool(bound.scenario_changed)),
        kpis=plan_kpis(under, {plan_name: shown}),
        plan_table=plan_table(under, shown, cadre_names(under, redact)),
        conflicts=conflict_table(shown),
        repairs=repair_table(shown),
        timeline=rotation_timeline(under, shown, labels),
        flows=flow_sankey(under, shown, labels),
        score_matrix=matrix,
    )


def _overview(reports: list[ReportContent], kpis: pd.DataFrame) -> pd.DataFrame:
    """One row per plan: status, objective, gap to the best plan, rotations, and the checker's verdicts;
    a column for the verdict under the plans' overrides, and one for a changed scenario, where any has."""
    objectives = kpis.loc[KPI_LABELS["objective"]]
    best = max(float(v) for v in objectives)
    overridden = any(len(r.checks) > 1 for r in reports)
    changed = any(r.scenario_changed for r in reports)
    rows = []
    for r in reports:
        row = {
            "Phương án / Plan": r.plan_name,
            "Biến thể quy định / Rule variant": variant_text(r.plan),
            "Hạng / Rank": r.plan.alternative.rank if r.plan.alternative else None,
            "Trạng thái / Status": STATUS_LABELS[r.plan.status] + (WHEN_MADE if r.scenario_changed else ""),
            "Giá trị mục tiêu / Objective": float(objectives[r.plan_name]),
            "Kém phương án tốt nhất / Gap to best": best - float(objectives[r.plan_name]),
            "Số lượt / Rotations": len(r.plan.assignments),
            "Kiểm tra độc lập / Independent check": r.checks[0].verdict,
        }
        if overridden:
            row["Kiểm tra theo ghi đè / Check under the plan's overrides"] = (
                r.checks[1].verdict if len(r.checks) > 1 else ""
            )
        if changed:
            row["Kịch bản đã thay đổi / Scenario changed"] = "có / yes" if r.scenario_changed else ""
        rows.append(row)
    return pd.DataFrame(rows)


def compare_content(scenario: Scenario, plans: Mapping[str, Plan], redact: bool) -> CompareContent:
    """The comparison of two or more plans, keyed by the names the reader sees.

    Each plan is read against `scenario` as `report_content` reads it: shown and measured under the rules
    it records, checked against the scenario as written too, rescored when the scenario changed since it
    was made. Names and posts come from `scenario`.
    """
    labels = cadre_labels(scenario, redact)
    reports = [
        report_content(scenario, plan, name, redact, with_score_matrix=False) for name, plan in plans.items()
    ]
    shown = {r.plan_name: r.plan for r in reports}
    kpis = pd.concat([r.kpis for r in reports], axis=1)
    diff = plan_diff_table(shown, labels)
    return CompareContent(
        title=scenario.title or scenario.name,
        warnings=[warning for r in reports for warning in r.warnings],
        overview=_overview(reports, kpis),
        kpis=kpis,
        kpi_figure=kpi_figure(kpis),
        agreement=agreement_table(scenario, shown, cadre_names(scenario, redact)),
        agreement_note=AGREEMENT_NOTE,
        diff_table=diff,
        diff=diff_figure(diff),
        plans=reports,
    )
