"""Everything a report shows, computed once from the scenario and the plans, for HTML and Excel alike.

Both writers print the same `ReportContent` / `CompareContent`, so the page and the workbook agree; both
run the independent checker on every plan and show its verdict, naming the rules it was reached under.

Each plan is first read against the scenario given (`planner.analysis.binding`):

- a plan made for another scenario is refused (`InputError`);
- a plan made before the scenario changed (its `scenario_hash` differs) is shown with a warning, and its
  scores, objective and explanations are recomputed from the scenario given (its bound, which only a
  solve could give again, is left out): the page never shows the plan's stale numbers;
- a plan that records overrides (a variant, `--set`, what-ifs) is shown as it was made, under them (its
  figures, key figures and scores), and checked twice, each verdict naming its rules: against the
  scenario as written (what `planner check` says) and under the overrides (`check --as-recorded`). The
  page says so at the top. A plan without overrides is checked once, against the scenario as written.

A plan file that holds no plan (INFEASIBLE, UNKNOWN) is shown as `planner.report.standing` says: its
headline, conflicts, repairs and assumptions, with no checker verdict, key figures or charts; in a
comparison it takes no part in the statistics (key figures, gaps, robust and contested placements, the
differences by cadre), which count the feasible plans and say how many they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

import pandas as pd
import plotly.graph_objects as go

from models.plan import Plan
from models.scenario import Scenario
from planner.analysis.afters import shows_afters
from planner.analysis.bench_readiness import BenchRow, plan_bench
from planner.analysis.binding import AS_RECORDED, AS_WRITTEN, BoundPlan, bind_plan, rescored_plan
from planner.analysis.comparison import has_plan
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
from planner.figures.bench import bench_figure
from planner.figures.kpis import KPI_LABELS
from planner.figures.naming import cadre_names
from planner.report.agreement import AGREEMENT_NOTE, agreement_table, counted_note
from planner.report.bench import bench_table, compare_bench_table
from planner.report.standing import (
    assumptions_table,
    conflict_table,
    headline,
    infeasible_table,
    repair_table,
)
from planner.report.tables import (
    OBJECTIVE,
    PLAN,
    ROTATIONS,
    WHEN_MADE,
    afters_table,
    compare_afters_table,
    plan_table,
    summary_table,
    variant_text,
    violation_table,
)
from planner.wording import both, status_label, verdict_words, yes_no

RESCORED = (
    "Điểm, giá trị mục tiêu và giải thích được tính lại theo kịch bản hiện tại; trạng thái là của lúc lập "
    "phương án, cận trên không còn giá trị / Scores, the objective and the explanations are recomputed from "
    "the scenario given; the status is the one the plan was made with, and its bound no longer holds"
)
#: The overrides come once, after both halves: each is already said in both languages, and the plan's
#: name is too (a what-if plan's name says its what-if), so the two halves do not repeat them.
UNDER_OVERRIDES = (
    "{plan} — phương án ghi nhận ghi đè quy định; biểu đồ, chỉ số và điểm tính theo các ghi đè đó, kết quả "
    "kiểm tra nêu cả theo kịch bản như đã viết lẫn theo các ghi đè / the plan records rule overrides; its "
    "figures, key figures and scores are under them, and the check is given both against the scenario as "
    "written and under them: {overrides}"
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


def judgement(scenario: Scenario, under: str, violations: list[Violation], redact: bool = False) -> Judgement:
    """The verdict on a plan judged under `scenario`'s rules (`under` names them)."""
    table = violation_table(violations, scenario.rules, redact)
    return Judgement(under, violations, f"{both(verdict_words(len(violations)))} — {under}", table)


@dataclass(frozen=True)
class ReportContent:
    title: str
    plan_name: str
    #: The plan as shown: rescored from the scenario given when that changed since the plan was made.
    plan: Plan
    #: What the plan file is, said first: its status and verdict, or "Không khả thi / Infeasible".
    headline: str
    #: What the reader must know before reading on (scenario changed, rules overridden), first on the page.
    warnings: list[str]
    #: Against the scenario as written first, then under the plan's overrides when it records any; none
    #: for a plan file that holds no plan.
    checks: list[Judgement]
    scenario_changed: bool | None
    summary: pd.DataFrame
    #: The plan's variant overrides and what-if changes, a row each (one "none" row without any).
    assumptions: pd.DataFrame
    #: Empty for a plan file that holds no plan.
    kpis: pd.DataFrame
    plan_table: pd.DataFrame
    #: An infeasible plan's conflicts and repairs (empty tables otherwise), and the two as one table.
    conflicts: pd.DataFrame
    repairs: pd.DataFrame
    infeasible_table: pd.DataFrame
    #: None for a plan file that holds no plan, or a plan that places nobody: nothing to draw.
    timeline: go.Figure | None
    flows: go.Figure | None
    score_matrix: go.Figure | None  # left out of comparisons and workbooks
    #: The plan's bench per pool title, recomputed from the scenario (never the plan file's `bench`), its
    #: table and its figure by ready-by date; empty (None) without a pool or without a plan.
    bench: list[BenchRow] = field(default_factory=list)
    bench_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    bench_figure: go.Figure | None = None
    #: Every rotation by its end date with its `after` (CONTRACT §6.5); empty without a plan, or for a
    #: scenario without `after_rotation` whose plan gives no `after` (`shows_afters`).
    afters: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def has_plan(self) -> bool:
        """False for an INFEASIBLE or UNKNOWN plan file: it holds no plan, only why."""
        return has_plan(self.plan)

    @property
    def valid(self) -> bool:
        """A plan, valid under every set of rules it was checked under."""
        return self.has_plan and all(check.valid for check in self.checks)

    @property
    def has_assumptions(self) -> bool:
        return bool(self.plan.what_if) or self.plan.variant is not None


@dataclass(frozen=True)
class CompareContent:
    title: str
    warnings: list[str]
    overview: pd.DataFrame
    #: Each plan's assumptions, a row each.
    assumptions: pd.DataFrame
    #: Key figures of the feasible plans only (a column each).
    kpis: pd.DataFrame
    kpi_figure: go.Figure | None
    agreement: pd.DataFrame
    agreement_note: str
    #: Over how many feasible plans the statistics are counted, naming the plan files left out.
    counted_note: str
    #: The key figures every feasible plan shares, with their value (the figure leaves them out).
    same_kpis_note: str
    diff_table: pd.DataFrame
    diff: go.Figure | None
    plans: list[ReportContent]
    #: The feasible plans' benches side by side (empty without a pool or a feasible plan).
    bench: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Each rotated cadre's end and `after` in each feasible plan side by side (empty when no plan shows
    #: the way back).
    afters: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def feasible(self) -> list[ReportContent]:
        return [plan for plan in self.plans if plan.has_plan]


def same_kpis_note(kpis: pd.DataFrame) -> str:
    """`Như nhau ở mọi phương án ... / the same in every plan ...: Rotations 5; ...`: the key figures the
    figure leaves out because every plan has the same value; '' when none is shared."""
    same = kpis[kpis.nunique(axis=1) == 1]
    if same.empty:
        return ""
    shown = "; ".join(f"{label} {float(row.iloc[0]):g}" for label, row in same.iterrows())
    if len(same) == len(kpis):
        return (
            "Mọi chỉ số chính như nhau ở mọi phương án (không vẽ biểu đồ) / every key figure is the same "
            f"in every plan (no chart): {shown}"
        )
    return f"Như nhau ở mọi phương án (không vẽ) / the same in every plan (not charted): {shown}"


def report_warnings(bound: BoundPlan, plan_name: str) -> list[str]:
    """The warnings a page shows first for one plan (none for a plan of this scenario's rules)."""
    warnings = []
    if bound.scenario_changed:
        warnings.append(f"{bound.changed_warning(plan_name)}. {RESCORED}.")
    if bound.recorded:
        overrides = "; ".join(o.text for o in bound.recorded)
        warnings.append(UNDER_OVERRIDES.format(plan=plan_name, overrides=overrides) + ".")
    return warnings


def _checks(bound: BoundPlan, shown: Plan, redact: bool) -> list[Judgement]:
    """The checker's verdicts: as written, then under the recorded overrides; none without a plan."""
    if not has_plan(shown):
        return []
    checks = [judgement(bound.written, AS_WRITTEN, check_plan(bound.written, shown), redact)]
    if bound.recorded:
        under = f"{AS_RECORDED}: {'; '.join(o.text for o in bound.recorded)}"
        checks.append(judgement(bound.judged, under, check_plan(bound.judged, shown), redact))
    return checks


def report_content(
    scenario: Scenario, plan: Plan, plan_name: str, redact: bool, with_score_matrix: bool = True
) -> ReportContent:
    """The review content of one plan read against `scenario` as written (see the module docstring);
    `redact` leaves out what identifies a person (`planner.figures.naming`). Raises `InputError` for another scenario's plan or
    a recorded override that does not apply."""
    bound = bind_plan(scenario, plan, plan_name, as_recorded=True)
    under = bound.judged
    shown = rescored_plan(under, plan) if bound.scenario_changed else plan
    checks = _checks(bound, shown, redact)
    lead = headline(shown, [c.verdict for c in checks])
    drawn = has_plan(shown)
    placed = drawn and bool(shown.assignments)  # no chart of nothing: an empty timeline says no more
    labels = cadre_labels(under, redact)
    matrix = score_matrix(Eligibility(under), shown, labels) if with_score_matrix and drawn else None
    bench = plan_bench(under, shown) if drawn else []
    return ReportContent(
        title=scenario.title or scenario.name,
        plan_name=plan_name,
        plan=shown,
        headline=lead,
        warnings=report_warnings(bound, plan_name),
        checks=checks,
        scenario_changed=bound.scenario_changed,
        summary=summary_table(under, shown, lead, [c.verdict for c in checks], bool(bound.scenario_changed)),
        assumptions=assumptions_table({plan_name: shown}),
        kpis=plan_kpis(under, {plan_name: shown} if drawn else {}),
        plan_table=plan_table(under, shown, redact),
        conflicts=conflict_table(shown),
        repairs=repair_table(shown),
        infeasible_table=infeasible_table(shown, lead),
        timeline=rotation_timeline(under, shown, labels, retirements=not redact) if placed else None,
        flows=flow_sankey(under, shown, labels, level="kind" if redact else "unit") if placed else None,
        score_matrix=matrix,
        bench=bench,
        bench_table=bench_table(bench) if bench else pd.DataFrame(),
        bench_figure=bench_figure(bench),
        afters=afters_table(under, shown) if placed and shows_afters(under, shown) else pd.DataFrame(),
    )


def _overview(reports: list[ReportContent], kpis: pd.DataFrame) -> pd.DataFrame:
    """One row per plan: status, objective, gap to the best feasible plan, rotations, and the checker's
    verdicts; a plan file without a plan has its headline instead, and no number. A column for the
    verdict under the plans' overrides, and one for a changed scenario, where any has."""
    # one row label: a Series (pandas-stubs cannot tell it from a list of labels)
    objectives = (
        cast("pd.Series[float]", kpis.loc[KPI_LABELS["objective"]])
        if not kpis.empty
        else pd.Series(dtype=float)
    )
    best = max((float(v) for v in objectives), default=None)
    overridden = any(len(r.checks) > 1 for r in reports)
    changed = any(r.scenario_changed for r in reports)
    rows = []
    for r in reports:
        objective = float(objectives[r.plan_name]) if r.has_plan else None
        row = {
            PLAN: r.plan_name,
            "Biến thể quy định / Rule variant": variant_text(r.plan),
            "Giả định / What-if": "; ".join(change.text for change in r.plan.what_if),
            "Hạng / Rank": r.plan.alternative.rank if r.plan.alternative else None,
            "Trạng thái / Status": status_label(r.plan.status) + (WHEN_MADE if r.scenario_changed else ""),
            OBJECTIVE: objective,
            "Kém phương án tốt nhất / Gap to best": (
                None if objective is None or best is None else best - objective
            ),
            ROTATIONS: len(r.plan.assignments) if r.has_plan else None,
            "Kiểm tra độc lập / Independent check": r.checks[0].verdict if r.checks else r.headline,
        }
        if overridden:
            row["Kiểm tra theo ghi đè / Check under the plan's overrides"] = (
                r.checks[1].verdict if len(r.checks) > 1 else ""
            )
        if changed:
            row["Kịch bản đã thay đổi / Scenario changed"] = yes_no(True) if r.scenario_changed else ""
        rows.append(row)
    return pd.DataFrame(rows)


def compare_content(scenario: Scenario, plans: Mapping[str, Plan], redact: bool) -> CompareContent:
    """The comparison of two or more plans, keyed by the names the reader sees.

    Each plan is read against `scenario` as `report_content` reads it: shown and measured under the rules
    it records, checked against the scenario as written too, rescored when the scenario changed since it
    was made. Names and posts come from `scenario`. The statistics count the feasible plans only.
    """
    labels = cadre_labels(scenario, redact)
    reports = [
        report_content(scenario, plan, name, redact, with_score_matrix=False) for name, plan in plans.items()
    ]
    shown = {r.plan_name: r.plan for r in reports}
    feasible = {r.plan_name: r.plan for r in reports if r.has_plan}
    kpis = pd.concat([r.kpis for r in reports if r.has_plan], axis=1) if feasible else plan_kpis(scenario, {})
    diff = plan_diff_table(feasible, labels)
    return CompareContent(
        title=scenario.title or scenario.name,
        warnings=[warning for r in reports for warning in r.warnings],
        overview=_overview(reports, kpis),
        assumptions=assumptions_table(shown),
        kpis=kpis,
        kpi_figure=kpi_figure(kpis) if feasible else None,
        agreement=agreement_table(scenario, shown, cadre_names(scenario, redact)),
        agreement_note=AGREEMENT_NOTE,
        counted_note=counted_note(list(shown), [r.plan_name for r in reports if not r.has_plan]),
        same_kpis_note=same_kpis_note(kpis) if len(feasible) > 1 else "",
        diff_table=diff,
        diff=diff_figure(diff) if feasible else None,
        plans=reports,
        bench=compare_bench_table({r.plan_name: r.bench for r in reports if r.bench}),
        afters=compare_afters_table(scenario, feasible),
    )
