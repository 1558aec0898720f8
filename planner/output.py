"""Writing output files whole or not at all, and the console tables the CLI prints.

Console text shows cadre ids, never names or other personal fields: terminal output ends up in logs.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models.plan import Plan
from models.scenario import Scenario

_STATUS_VI = {
    "OPTIMAL": "TỐI ƯU / OPTIMAL",
    "FEASIBLE": "KHẢ THI (chưa chứng minh tối ưu) / FEASIBLE",
    "INFEASIBLE": "KHÔNG KHẢ THI / INFEASIBLE",
    "UNKNOWN": "CHƯA CÓ LỜI GIẢI / UNKNOWN",
}


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder, then rename over it."""
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def plan_json(plan: Plan) -> str:
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def plan_table(scenario: Scenario, plan: Plan) -> Table:
    """The assignments with Vietnamese labels first, English beside them."""
    titles = scenario.titles
    slots = {s.id: s for s in scenario.slots}
    units = {u.id: u.name for u in scenario.units}
    table = Table(title=f"Phương án luân chuyển / Rotation plan — {escape(scenario.name)}")
    table.add_column("Bắt đầu / Start", no_wrap=True)
    table.add_column("Cán bộ / Cadre", no_wrap=True)
    table.add_column("Vị trí / Post", no_wrap=True)
    table.add_column("Chức danh, đơn vị / Title, unit", ratio=1)
    table.add_column("Điểm / Score", justify="right", no_wrap=True)
    table.add_column("Miễn trừ / Waivers")
    for a in plan.assignments:
        slot = slots[a.slot]
        table.add_row(
            a.start or "",
            escape(a.cadre),
            escape(a.slot),
            escape(f"{titles[slot.title].name} — {units[slot.unit]}"),
            f"{a.score:g}" if a.score is not None else "",
            escape(", ".join(a.waivers)),
        )
    return table


def print_plan_summary(console: Console, scenario: Scenario, plan: Plan) -> None:
    console.print(f"Trạng thái / Status: [bold]{_STATUS_VI[plan.status]}[/bold]")
    if plan.objective is not None:
        console.print(
            f"Giá trị mục tiêu / Objective: {plan.objective:g}   Cận trên / Best bound: {plan.best_bound:g}"
        )
    if plan.assignments:
        console.print(plan_table(scenario, plan))
        console.print(f"Số lượt luân chuyển / Rotations: {len(plan.assignments)}")
    for conflict in plan.conflicts:
        console.print(f"[red]Mâu thuẫn / Conflict[/red] {escape('[' + ', '.join(conflict.rules) + ']')}:")
        console.print(f"  {escape(conflict.message)}")
    if plan.solver is not None:
        s = plan.solver
        console.print(
            f"[dim]CP-SAT {s.version} · seed {s.seed} · workers {s.workers} · "
            f"{s.wall_seconds:.2f} s (dựng mô hình / model build {s.build_seconds:.2f} s)[/dim]"
        )


def print_scenario_summary(console: Console, eligibility) -> None:
    """What `validate` found: sizes, categories and how many pairs the rules leave eligible."""
    from planner.categories import CATEGORY_LABELS

    scenario = eligibility.scenario
    table = Table(title=f"Kịch bản / Scenario — {escape(scenario.name)}", show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    facts = eligibility.facts
    rows = [
        ("Tiêu đề / Title", escape(scenario.title)),
        (
            "Giai đoạn / Period",
            f"{scenario.period.start} → {scenario.period.end} ({scenario.period.granularity})",
        ),
        ("Số thời điểm bắt đầu / Start dates", str(len(eligibility.starts))),
        ("Đơn vị / Units", str(len(scenario.units))),
        ("Vị trí / Slots", str(len(scenario.slots))),
        ("Cán bộ / Cadres", str(len(scenario.cadres))),
        ("Thuộc diện luân chuyển / Candidates", str(sum(f.candidate for f in facts))),
        ("Bắt buộc luân chuyển / Must rotate", str(sum(f.mandatory for f in facts))),
    ]
    for category, (vi, en) in CATEGORY_LABELS.items():
        rows.append((f"  {vi} / {en}", str(sum(category in f.categories for f in facts))))
    rows += [
        ("Cặp cán bộ - vị trí đủ điều kiện / Eligible pairs", str(len(eligibility.pairs))),
        ("Hạn mức / Quota", f"{scenario.rules.quota.min} - {scenario.rules.quota.max or '∞'}"),
        ("Miễn trừ / Waivers", str(sum(len(c.waivers) for c in scenario.cadres))),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)


def _rules_vi(rule_ids: list[str]) -> str:
    from planner.rules.catalog import RULES

    return "; ".join(f"{r} ({RULES[r].vi.split('{')[0].strip()})" for r in rule_ids)


def _verdict_table(title: str, subject_header: str, verdicts, subject) -> Table:
    table = Table(title=title)
    for header in (
        subject_header,
        "Kết luận / Verdict",
        "Khởi đầu / Starts",
        "Điểm / Score",
        "Thành phần / Parts",
    ):
        table.add_column(header)
    for v in verdicts:
        if v.eligible:
            parts = ", ".join(f"{k} {val:g}" for k, val in v.score_parts.items())
            table.add_row(
                escape(subject(v)),
                "[green]đủ điều kiện / eligible[/green]",
                f"{v.first_start} → {v.last_start}",
                f"{v.score:g}",
                escape(parts),
            )
        else:
            table.add_row(
                escape(subject(v)),
                f"[red]loại / excluded[/red]: {escape(_rules_vi(v.excluded_by))}",
                "",
                "",
                "",
            )
    return table


def print_cadre_explanation(console: Console, explanation) -> None:
    from planner.categories import CATEGORY_LABELS

    e = explanation
    labels = ", ".join(f"{CATEGORY_LABELS[c][0]} / {CATEGORY_LABELS[c][1]}" for c in e.categories) or "—"
    console.print(f"Cán bộ / Cadre: [bold]{escape(e.cadre)}[/bold]")
    console.print(f"  Diện / Categories: {escape(labels)}")
    console.print(
        f"  Bắt buộc luân chuyển / Must rotate: {'có / yes' if e.mandatory else 'không / no'}"
        f"{' (chỉ cấp trưởng / heads only)' if e.head_bound else ''}"
    )
    console.print(f"  Ngày nghỉ hưu / Retirement date: {e.retirement_date}")
    if e.placed:
        console.print(f"  Phương án bố trí / Placed at: {escape(e.placed[0])} từ / from {e.placed[1]}")
    console.print(_verdict_table("Các vị trí / Slots", "Vị trí / Slot", e.verdicts, lambda v: v.slot))


def print_slot_explanation(console: Console, explanation) -> None:
    e = explanation
    console.print(f"Vị trí / Slot: [bold]{escape(e.slot)}[/bold]")
    if e.vacated_by:
        console.print(
            f"  Chỉ trống khi / Opens only when {escape(e.vacated_by)} được luân chuyển / is rotated"
        )
    if e.placed:
        console.print(f"  Phương án bố trí / Filled by: {escape(e.placed[0])} từ / from {e.placed[1]}")
    console.print(
        _verdict_table("Danh sách cán bộ / Shortlist", "Cán bộ / Cadre", e.verdicts, lambda v: v.cadre)
    )
