"""Console tables for `planner explain`: verdicts, service horizon, shortlists, chains, why-nots, waivers.

Only ids, dates, rule ids and numbers are printed, never names: terminal output ends up in logs.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from planner import (
    CATEGORY_LABELS,
    CadreExplanation,
    ForcedAlternative,
    PairVerdict,
    Scenario,
    SlotExplanation,
    WaiverGain,
    service_text,
)
from planner.rules import RULES


def _rule_words(rule_id: str) -> str:
    """`non_locality (không bố trí người địa phương ...)`: the id with the rule's Vietnamese wording."""
    return f"{rule_id} ({RULES[rule_id].vi.split('{')[0].strip()})"


def _parts(verdict: PairVerdict) -> str:
    return ", ".join(f"{k} {val:g}" for k, val in verdict.score_parts.items())


def _verdict_table(
    title: str, subject_header: str, verdicts: list[PairVerdict], subject, first_only: bool
) -> Table:
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
            table.add_row(
                escape(subject(v)),
                "[green]đủ điều kiện / eligible[/green]",
                f"{v.first_start} → {v.last_start}",
                f"{v.score:g}",
                escape(_parts(v)),
            )
            continue
        rules = v.excluded_by[:1] if first_only else v.excluded_by
        words = "; ".join(_rule_words(r) for r in rules)
        table.add_row(escape(subject(v)), f"[red]loại / excluded[/red]: {escape(words)}", "", "", "")
    return table


def print_cadre_explanation(console: Console, e: CadreExplanation) -> None:
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
    else:
        console.print("  Phương án không bố trí / Not placed by the plan")
    if e.pinned_to:
        console.print(
            f"  Đã được cấp có thẩm quyền quyết định bố trí / pinned by the authority to: {escape(e.pinned_to)}"
        )
    horizon = Table(title="Thời gian công tác còn lại / Service left at each start")
    for header in (
        "Khởi đầu / Start",
        "Tuổi / Age",
        "Còn công tác / Years left",
        "Quy định loại trừ / Closed by",
    ):
        horizon.add_column(header)
    for h in e.horizon:
        closed = "; ".join(_rule_words(r) for r in h.excluded_by) or "—"
        horizon.add_row(h.start, str(h.age), " / ".join(service_text(h.months_left)), escape(closed))
    console.print(horizon)
    console.print(_verdict_table("Các vị trí / Slots", "Vị trí / Slot", e.verdicts, lambda v: v.slot, False))


def print_forced_alternatives(
    console: Console, cadre: str, base_objective, forced: list[ForcedAlternative]
) -> None:
    """Why not elsewhere: each better-scoring slot forced by a pin, and what the plan gives up for it."""
    if not forced:
        console.print("Không có vị trí nào điểm cao hơn / no eligible slot scores higher than the placement")
        return
    table = Table(
        title=f"Vì sao không ở vị trí khác / Why not elsewhere (mục tiêu gốc / base objective {base_objective:g})"
    )
    for header in (
        "Vị trí / Slot",
        "Điểm cặp / Pair score",
        "Mục tiêu / Objective",
        "Mất / Lost",
        "Người khác đổi / Others moved",
    ):
        table.add_column(header)
    for f in forced:
        if f.objective is None:
            table.add_row(
                escape(f.slot),
                f"{f.pair_score:g}",
                f"[red]{f.status}[/red]",
                "—",
                "không còn phương án / no plan",
            )
            continue
        moved = ", ".join(m.cadre for m in f.others_moved) or "—"
        table.add_row(
            escape(f.slot), f"{f.pair_score:g}", f"{f.objective:g}", f"{f.objective_lost:g}", escape(moved)
        )
    console.print(table)


def print_slot_explanation(console: Console, e: SlotExplanation) -> None:
    console.print(f"Vị trí / Slot: [bold]{escape(e.slot)}[/bold]")
    if e.vacated_by:
        console.print(
            f"  Chỉ trống khi / Opens only when {escape(e.vacated_by)} được luân chuyển / is rotated"
        )
    if e.placed:
        console.print(f"  Phương án bố trí / Filled by: {escape(e.placed[0])} từ / from {e.placed[1]}")
    eligible = sum(v.eligible for v in e.verdicts)
    console.print(f"  Đủ điều kiện / Eligible: {eligible} / {len(e.verdicts)} cán bộ / cadres")
    title = "Danh sách cán bộ / Shortlist (loại: quy định đầu tiên / excluded: the first rule)"
    console.print(_verdict_table(title, "Cán bộ / Cadre", e.verdicts, lambda v: v.cadre, True))
    if e.chain:
        chain = Table(title="Chuỗi vị trí trống / Vacancy chain")
        for header in (
            "Vị trí / Slot",
            "Trống khi rời đi / Opened by",
            "Người nhận / Filled by",
            "Từ / From",
        ):
            chain.add_column(header)
        for link in e.chain:
            chain.add_row(
                escape(link.slot),
                escape(link.opened_by or "—"),
                escape(link.filled_by or "—"),
                link.start or "—",
            )
        console.print(chain)


def print_waiver_ledger(
    console: Console, scenario: Scenario, relied: dict[tuple[str, str], list[str]]
) -> None:
    """Every waiver in the scenario with its authority and reference, and the placements relying on it."""
    table = Table(title="Sổ miễn trừ / Waiver ledger")
    for header in (
        "Cán bộ / Cadre",
        "Quy định / Rule",
        "Cấp quyết định / By",
        "Số văn bản / Ref",
        "Phương án dùng / Used by",
    ):
        table.add_column(header)
    count = 0
    for cadre in scenario.cadres:
        for w in cadre.waivers:
            count += 1
            used = ", ".join(relied.get((cadre.id, w.rule), [])) or "—"
            table.add_row(escape(cadre.id), escape(w.rule), escape(w.by), escape(w.ref or "—"), escape(used))
    if count:
        console.print(table)
    else:
        console.print("Kịch bản không có miễn trừ nào / the scenario has no waivers")


def print_waiver_gains(console: Console, gains: list[WaiverGain], candidates: int, base_objective) -> None:
    if not gains:
        console.print("Không miễn trừ đơn lẻ nào mở thêm vị trí / no single waiver opens a placement")
        return
    table = Table(
        title=f"Miễn trừ đơn lẻ có lợi nhất / Most useful single waiver (thử / tried {len(gains)} / {candidates})"
    )
    for header in (
        "Cán bộ / Cadre",
        "Quy định / Rule",
        "Mục tiêu / Objective",
        "Tăng / Gain",
        "Mở vị trí / Opens",
    ):
        table.add_column(header)
    raising = sum(1 for g in gains if g.gain and g.gain > 0)
    for g in gains[:10]:
        objective = g.status if g.objective is None else f"{g.objective:g}"
        gain = "—" if g.gain is None else f"{g.gain:+g}"
        table.add_row(escape(g.cadre), escape(g.rule), objective, gain, escape(", ".join(g.opens[:3])))
    console.print(table)
    if base_objective is not None:
        console.print(f"  Mục tiêu gốc / base objective: {base_objective:g}")
    console.print(f"  Số miễn trừ làm tăng mục tiêu / waivers that raise the objective: {raising}")
