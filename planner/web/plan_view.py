"""A plan page's content: the review report's numbers (`planner.report.content`), made once per plan.

A stored plan never changes (a decision changes a placement's status, not the plan), so its page content,
the checker's verdicts, key figures, placements with their explanations, conflicts, repairs and the
figures as plotly JSON, is computed once and kept (`recent.Recent`, the most recent `KEPT` plans). Only the
decisions are read fresh on each request. The numbers are the report's, so the page, the HTML report and
the workbook agree with the plan file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner.analysis import equally_good, shows_afters
from planner.replan import change_lines, kept_count
from planner.report import cell_text, report_content
from planner.web.placement_rows import (
    ChangeRow,
    PlacementRow,
    change_rows,
    placement_rows,
    post_names,
    unit_choices,
)
from planner.wording import BENCH_FIGURE_TITLE, both, diagnosis_lines, tie_line
from planner.workspace import PlanSummary, Workspace

#: Plans whose page content is kept in memory.
KEPT = 32
#: A figure whose plotly JSON is longer than this is left off the page (said there, with a link to the
#: HTML report, which has it): the score matrix of a merged city (754 cadres x 222 posts) is 12.7 MB,
#: which made the plan page 13 MB and 20 viewers' p95 six seconds.
MAX_FIGURE_CHARS = 512 * 1024
#: The score matrix of a scenario with more cadres x posts than this is not drawn for the page at all
#: (about 76 characters of JSON a cell: the merged city's 754 x 222 took 3.4 s to draw and turn into
#: 12.7 MB of JSON, to be left off the page; the 2022-2025 reference's 150 x 41 is drawn).
MAX_MATRIX_CELLS = 20_000


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    #: The plotly JSON; empty when it was too big for the page (`MAX_FIGURE_CHARS`).
    json: str
    #: How big it is, when it was left off the page ("12.716 KB", "754 × 222"), else "".
    omitted: str = ""


@dataclass(frozen=True)
class RepairView:
    index: int
    text: str
    status: str
    objective: float | None
    rotations: int | None


@dataclass(frozen=True)
class ConflictView:
    message: str
    rules: list[str]
    cadres: list[str]
    slots: list[str]


@dataclass(frozen=True)
class PlanView:
    summary: PlanSummary
    title: str
    headline: str
    warnings: list[str]
    #: (verdict with the rules it was reached under, valid)
    verdicts: list[tuple[str, bool]]
    #: The key figures, each (its label from `planner.wording.KPI_WORDS`, its value).
    kpis: list[tuple[str, str]]
    #: The placements in the page's words, and the units they leave or arrive in (id, name, count).
    placements: list[PlacementRow]
    units: list[tuple[str, str, int]]
    #: Each placed cadre's waivers: "rule (authority, ref)".
    waivers: dict[str, list[str]]
    conflicts: list[ConflictView]
    repairs: list[RepairView]
    figures: list[Figure]
    has_plan: bool
    #: Cadre id -> name and post id -> `title — unit`, for the conflicts and the re-plan's changes.
    names: dict[str, str] = field(default_factory=dict)
    posts: dict[str, str] = field(default_factory=dict)
    #: A re-plan's changes with their reasons, and the future placements it kept (None: not a re-plan).
    changes: list[ChangeRow] = field(default_factory=list)
    kept: int | None = None
    #: What each search of an infeasible plan's diagnosis proved: (label, words with the seconds).
    diagnosis: list[tuple[str, str]] = field(default_factory=list)
    #: When other plans of its solve are as good (`tie_line`), else "".
    tie: str = ""
    #: The bench per pool title (the report's table, recomputed from the scenario): its headers and
    #: each row's cells as text; empty without a pool or without a plan.
    bench_headers: list[str] = field(default_factory=list)
    bench_rows: list[list[str]] = field(default_factory=list)
    #: Whether the placements show each rotation's end and its `after` (`shows_afters`), and the
    #: report's "rotations by end date" (headers, each row's cells as text; empty when not shown).
    shows_afters: bool = False
    afters_headers: list[str] = field(default_factory=list)
    afters_rows: list[list[str]] = field(default_factory=list)


def _tie(workspace: Workspace, summary: PlanSummary) -> str:
    """The plan's tie with the other plans of its run (the run's best and its alternatives): known
    plans with the same objective, and the placements that differ between them."""
    root = summary.parent_id if summary.kind == "alternative" else summary.id
    run = [
        s.id for s in workspace.plans() if s.id == root or (s.kind == "alternative" and s.parent_id == root)
    ]
    if len(run) < 2:
        return ""
    found = equally_good({f"plan:{i}": workspace.plan(i).plan for i in run})
    tie = next((t for t in found if f"plan:{summary.id}" in t.names), None)
    if tie is None:
        return ""
    others = ", ".join(name for name in tie.names if name != f"plan:{summary.id}")
    return f"{tie_line(len(tie.names), tie.differing)} (cùng với / with {others})"


def labelled_kpis(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """The one plan's key figures beside their labels (the frame's index), not a bare column of numbers
    headed by the plan's name."""
    if frame.empty or not len(frame.columns):
        return []
    return [(str(label), cell_text(value)) for label, value in frame.iloc[:, 0].items()]


def _figure(key: str, title: str, json: str) -> Figure:
    if len(json) > MAX_FIGURE_CHARS:
        return Figure(key, title, "", omitted=f"{round(len(json) / 1024):,} KB".replace(",", "."))
    return Figure(key, title, json)


SCORES = ("scores", "Ma trận điểm / Score matrix")
BENCH = ("bench", both(BENCH_FIGURE_TITLE))


def plan_view(workspace: Workspace, plan_id: int) -> PlanView:
    stored = workspace.plan(plan_id)
    plan, scenario = stored.plan, stored.scenario
    matrix = len(scenario.cadres) * len(scenario.slots) <= MAX_MATRIX_CELLS
    content = report_content(scenario, plan, stored.summary.label, redact=False, with_score_matrix=matrix)
    figures = [
        _figure(key, title, figure.to_json())
        for key, title, figure in (
            ("timeline", "Lộ trình luân chuyển / Rotation timeline", content.timeline),
            ("flows", "Luồng luân chuyển / Flows between units", content.flows),
            (*BENCH, content.bench_figure),
            (*SCORES, content.score_matrix),
        )
        if figure is not None
    ]
    if not matrix and content.has_plan:
        figures.append(Figure(*SCORES, "", omitted=f"{len(scenario.cadres)} × {len(scenario.slots)}"))
    rows = placement_rows(scenario, content.plan)
    return PlanView(
        summary=stored.summary,
        title=content.title,
        headline=content.headline,
        warnings=list(content.warnings),
        verdicts=[(check.verdict, check.valid) for check in content.checks],
        kpis=labelled_kpis(content.kpis),
        placements=rows,
        units=unit_choices(scenario, rows),
        waivers={
            a.cadre: [
                f"{d.get('rule')} ({d.get('by') or '?'}{', ' + str(d['ref']) if d.get('ref') else ''})"
                for d in a.waiver_details
            ]
            for a in plan.assignments
            if a.waiver_details
        },
        conflicts=[ConflictView(c.message, c.rules, c.cadres, c.slots) for c in plan.conflicts],
        repairs=[
            RepairView(i, r.message, r.status, r.objective, r.rotations) for i, r in enumerate(plan.repairs)
        ],
        figures=figures,
        has_plan=bool(plan.assignments) or plan.status in ("OPTIMAL", "FEASIBLE"),
        names={c.id: c.name for c in scenario.cadres},
        posts=post_names(scenario),
        changes=change_rows(scenario, plan, change_lines(plan)),
        kept=kept_count(plan) if plan.replan else None,
        diagnosis=diagnosis_lines(plan.diagnosis) if plan.diagnosis is not None else [],
        tie=_tie(workspace, stored.summary),
        bench_headers=[str(c) for c in content.bench_table.columns],
        bench_rows=[[cell_text(v) for v in row] for row in content.bench_table.itertuples(index=False)],
        shows_afters=shows_afters(scenario, content.plan) and content.has_plan,
        afters_headers=[str(c) for c in content.afters.columns],
        afters_rows=[[cell_text(v) for v in row] for row in content.afters.itertuples(index=False)],
    )
