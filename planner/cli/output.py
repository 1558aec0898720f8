"""The console tables the CLI prints: plans, plan sets, repairs, scenario summaries and what-ifs.

Console text shows cadre ids, never names or other personal fields: terminal output ends up in logs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models import CATEGORY_LABELS
from planner.wording import HOW_READ_WORDS, STATUS_CAVEATS, STATUS_WORDS, diagnosis_lines

if TYPE_CHECKING:
    from pathlib import Path

    from models import TableReading
    from planner import Plan, PlanSet, Scenario
    from planner.analysis import PlanDiff
    from planner.eligibility import Eligibility


def status_text(status: str) -> str:
    """A plan's status as the console shouts it, Vietnamese first, what it leaves unproved in brackets
    (`KHẢ THI (chưa chứng minh tối ưu) / FEASIBLE`); an unknown status as it is."""
    if status not in STATUS_WORDS:
        return status
    vi, en = STATUS_WORDS[status]
    caveat = f" ({STATUS_CAVEATS[status][0]})" if status in STATUS_CAVEATS else ""
    return f"{vi.upper()}{caveat} / {en.upper()}"


def plan_table(scenario: Scenario, plan: Plan) -> Table:
    """The assignments with Vietnamese labels first, English beside them; with the way back (the scenario
    has `after_rotation` or the plan gives an `after`), each rotation's end (from the scenario) and its
    `after` in a few words."""
    from planner.analysis import after_short, assignment_afters, shows_afters

    afters = assignment_afters(scenario, plan) if shows_afters(scenario, plan) else None
    titles = scenario.titles
    slots = {s.id: s for s in scenario.slots}
    units = {u.id: u.name for u in scenario.units}
    table = Table(title=f"Phương án luân chuyển / Rotation plan — {escape(scenario.name)}")
    table.add_column("Bắt đầu / Start", no_wrap=True)
    table.add_column("Cán bộ / Cadre", no_wrap=True, overflow="fold")
    table.add_column("Vị trí / Post", no_wrap=True, overflow="fold")
    table.add_column("Chức danh, đơn vị / Title, unit", ratio=1)
    table.add_column("Điểm / Score", justify="right", no_wrap=True)
    table.add_column("Miễn trừ / Waivers")
    if afters is not None:
        table.add_column("Kết thúc / End", no_wrap=True)
        table.add_column("Sau luân chuyển / After", overflow="fold")
    for position, a in enumerate(plan.assignments):
        slot = slots[a.slot]
        cells = [
            a.start or "",
            escape(a.cadre),
            escape(a.slot),
            escape(f"{titles[slot.title].name} — {units[slot.unit]}"),
            f"{a.score:g}" if a.score is not None else "",
            escape(", ".join(a.waivers)),
        ]
        if afters is not None:
            row = afters[position]
            cells += [row.end.isoformat(), escape(after_short(row))] if row is not None else ["", ""]
        table.add_row(*cells)
    return table


def print_plan_summary(console: Console, scenario: Scenario, plan: Plan) -> None:
    console.print(f"Trạng thái / Status: [bold]{status_text(plan.status)}[/bold]")
    if plan.objective is not None:
        console.print(
            f"Giá trị mục tiêu / Objective: {plan.objective:g}   Cận trên / Best bound: {plan.best_bound:g}"
        )
    if plan.assignments:
        console.print(plan_table(scenario, plan))
        console.print(f"Số lượt luân chuyển / Rotations: {len(plan.assignments)}")
    if plan.solver is not None and plan.solver.limit_reached == "wall_clock":
        console.print(
            "[yellow]Phương án này có thể không lặp lại được / this plan may not be reproduced:[/yellow] "
            f"giới hạn thời gian thực {plan.solver.wall_clock_cap_seconds:g} giây đã dừng tìm kiếm "
            f"trước giới hạn tất định / the wall-clock cap of {plan.solver.wall_clock_cap_seconds:g} s "
            "stopped the search before its deterministic limit (a busy machine); the same scenario, seed "
            "and workers may give another plan"
        )
    for number, conflict in enumerate(plan.conflicts, 1):
        console.print(
            f"[red]Mâu thuẫn {number} / Conflict {number}[/red] {escape('[' + ', '.join(conflict.rules) + ']')}:"
        )
        console.print(f"  {escape(conflict.message)}")
    if plan.status == "INFEASIBLE":
        print_repairs(console, plan)
    if plan.solver is not None:
        s = plan.solver
        console.print(
            f"[dim]CP-SAT {s.version} · hạt giống / seed {s.seed} · luồng / workers {s.workers} · "
            f"{s.wall_seconds:.2f} s (dựng mô hình / model build {s.build_seconds:.2f} s)[/dim]"
        )


def print_repairs(console: Console, plan: Plan) -> None:
    """The single changes that make the scenario feasible, best objective first; then what each search
    of the diagnosis proved (found, none exists, or not decided in time)."""
    if plan.repairs:
        table = Table(title="Cách khắc phục / Repairs (một thay đổi / one change each)")
        table.add_column("#", justify="right")
        table.add_column("Thay đổi / Change", ratio=1)
        table.add_column("Mục tiêu / Objective", justify="right")
        table.add_column("Số lượt / Rotations", justify="right")
        for number, repair in enumerate(plan.repairs, 1):
            objective = "" if repair.objective is None else f"{repair.objective:g}"
            table.add_row(str(number), escape(repair.message), objective, str(repair.rotations or 0))
        console.print(table)
    elif plan.diagnosis is None:
        console.print(
            "Phương án không ghi cách khắc phục nào / the plan records no repair",
            markup=False,
            highlight=False,
        )
    print_diagnosis(console, plan)


def print_diagnosis(console: Console, plan: Plan) -> None:
    """One line per search of the diagnosis: what it proved, and how long it took."""
    if plan.diagnosis is None:
        return
    for label, proved in diagnosis_lines(plan.diagnosis):
        console.print(f"{label}: {proved}", markup=False, highlight=False)


def print_scenario_summary(console: Console, eligibility: Eligibility) -> None:
    """What `validate` found: sizes, categories and how many pairs the rules leave eligible."""
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


def print_table_reading(console: Console, reading: TableReading, column_map: Path | None) -> None:
    """Which column of the cadre table was read as which field, so that a planner sees `Ngày sinh` read
    as the birth date (and a skipped column skipped) before trusting a solve."""
    table = Table(title=f"Bảng cán bộ / Cadre table — {escape(reading.file)}")
    for header in ("Cột / Column", "Tiêu đề / Header", "Đọc là / Read as", "Vì / By"):
        table.add_column(header)
    for column in reading.columns:
        vi, en = HOW_READ_WORDS.get(column.how or "", ("", ""))
        table.add_row(
            _column_letter(column.position),
            escape(column.header),
            escape(column.field or "—"),
            f"{vi} / {en}",
        )
    console.print(table)
    above = ""
    if reading.title_rows:
        rows = ", ".join(str(row) for row in reading.title_rows)
        plural = "s" if len(reading.title_rows) > 1 else ""
        above = f"; bỏ qua dòng {rows} phía trên (tiêu đề) / row{plural} {rows} above it skipped (a title)"
    console.print(f"Dòng tiêu đề / header row: {reading.header_row}{above}", markup=False, highlight=False)
    if column_map is not None:
        console.print(
            f"Bảng cột lấy từ dòng lệnh; ghi `cadre_columns: {column_map}` vào kịch bản để mọi lệnh đọc "
            f"bảng như vậy / the column map came from the command line; write `cadre_columns: "
            f"{column_map}` into the scenario so that every command reads the table this way",
            markup=False,
            highlight=False,
        )


def _column_letter(position: int) -> str:
    """A spreadsheet's name for the column at `position` (1 -> A, 27 -> AA)."""
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def print_what_if(console: Console, changes, diff: PlanDiff) -> None:
    """What the what-if changes did to the plan: moves, objective, must-rotate cadres left out."""
    asked = "; ".join(" / ".join(change.describe()) for change in changes)
    console.print(f"[bold]Giả định / What-if:[/bold] {escape(asked)}")
    if not diff.has_plan:
        console.print(
            f"  Không còn phương án / no plan under these changes ({status_text(diff.status_after)}); "
            "xem mâu thuẫn và cách khắc phục ở trên / see the conflicts and repairs above"
        )
        return
    if diff.objective_delta is not None:
        console.print(
            f"  Mục tiêu / Objective: {diff.objective_before:g} → {diff.objective_after:g} "
            f"(chênh lệch / change {diff.objective_delta:+g})"
        )
    table = Table(title="Thay đổi so với phương án gốc / Changes from the base plan")
    for header in ("Cán bộ / Cadre", "Trước / Before", "Sau / After"):
        table.add_column(header)
    for move in diff.moves:
        table.add_row(escape(move.cadre), _placement_text(move.before), _placement_text(move.after))
    if diff.moves:
        console.print(table)
    else:
        console.print("  Không ai thay đổi / nobody moves")
    unplaced = ", ".join(diff.mandatory_unplaced) or "không / none"
    console.print(
        f"  Cán bộ bắt buộc chưa được bố trí / must-rotate cadres left unplaced: {escape(unplaced)}"
    )


def _placement_text(placement) -> str:
    if placement is None:
        return "— (không luân chuyển / not rotated)"
    slot, start = placement
    return escape(f"{slot} từ / from {start}")


def print_plan_set(console: Console, plans: PlanSet) -> None:
    """The plans one solve wrote (alternatives, variants): rank, objective, gap and moves against the base
    plan; then which placements every plan shares and why a list of alternatives is short."""
    best = plans.best.plan
    comparison = plans.comparison()
    moves = {delta.label: delta.moves for delta in comparison.deltas}
    table = Table(title="Các phương án / Plans written")
    table.add_column("Tệp / File", overflow="fold", ratio=2)
    table.add_column("Biến thể / Variant", overflow="fold", ratio=1)
    for header in (
        "Hạng / Rank",
        "Trạng thái / Status",
        "Mục tiêu / Objective",
        "Chênh / Gap",
        "Thay đổi / Moves",
    ):
        table.add_column(header, no_wrap=True)
    for file in plans.files:
        plan = file.plan
        rank = plan.alternative.rank if plan.alternative else 1
        objective = "—" if plan.objective is None else f"{plan.objective:g}"
        gap = (
            "—"
            if plan.objective is None or best.objective is None
            else f"{best.objective - plan.objective:g}"
        )
        table.add_row(
            escape(file.path.name),
            escape(file.variant or "—"),
            str(rank),
            status_text(plan.status),
            objective,
            gap,
            str(moves.get(file.path.name, "—")),
        )
    console.print(table)
    console.print(
        f"Vị trí chung mọi phương án / robust placements: {len(comparison.robust)} · "
        f"vị trí khác nhau / contested: {len(comparison.contested)}"
    )
    for variant, search in plans.searches:
        if len(search.plans) < search.requested:
            found = f"{len(search.plans)}/{search.requested}"
            console.print(
                f"  {escape(variant or 'gốc / base')}: {found} — {escape(search.message)}", highlight=False
            )
