"""Console tables for `planner explain`: verdicts, service horizon, shortlists, chains, why-nots, waivers.

Only ids, dates, rule ids and numbers are printed, never names: terminal output ends up in logs. The
words are `planner.wording`'s, as the web pages and reports say them; every rule by its own `text` with
the scenario's numbers ("còn ít nhất 10 năm công tác..."), its id in brackets at the start
(docs/glossary.md). A cadre's posts are grouped by verdict, one line a group,
unless `--all` asks for every post; scores are the plan's, at the start the plan chose.
`planner.cli.explain_json` gives the same content as data.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models.scenario import Rules
from planner import Scenario
from planner.analysis import (
    AfterOutlook,
    CadreExplanation,
    ForcedAlternative,
    PairVerdict,
    SlotExplanation,
    excluded_groups,
    outlook_lines,
    shared_limits,
)
from planner.cli.output import status_text
from planner.eligibility import service_text
from planner.explaining import Explained, WaiverReport
from planner.wording import (
    MAY_STAY_SLOT,
    both,
    category_words,
    count_words,
    limit_line,
    limits_text,
    parts_text,
    placed_here_line,
    placement_ready_line,
    pool_need_line,
    post_ready_line,
    rule_line,
    score_text,
    waiver_search_words,
    yes_no,
)


def _count(number: int, vi: str, en: str) -> str:
    """`3 vị trí / 3 posts`, `1 vị trí / 1 post`."""
    return both(count_words(number, vi, en))


def _eligible_table(
    title: str, subject_header: str, verdicts: list[PairVerdict], subject, shared: list, grouped: bool
) -> Table:
    """Eligible pairs with their starts, score and parts, and the plan-wide rules each may still meet;
    `grouped`, the pairs alike in all of these share one row listing them."""
    rows: dict[tuple[str, ...], list[str]] = {}
    for v in verdicts:
        row = (
            f"{v.first_start} → {v.last_start}",
            score_text(v.score, v.scored_at),
            parts_text(v.score_parts),
            limits_text(v.limited_by, shared),
        )
        rows.setdefault(row if grouped else (subject(v), *row), []).append(subject(v))
    table = Table(title=title)
    table.add_column(subject_header, ratio=1 if grouped else None, overflow="fold")
    table.add_column("Khởi đầu / Starts", no_wrap=True)
    table.add_column("Điểm / Score", no_wrap=True)
    table.add_column("Thành phần / Parts", ratio=1)
    table.add_column("Quy định toàn phương án có thể giữ lại / Plan-wide rules that may keep it out", ratio=1)
    for key, members in rows.items():
        cells = key if grouped else key[1:]
        table.add_row(escape(", ".join(members)), *(escape(cell) for cell in cells))
    return table


def _excluded_rules(v: PairVerdict, first_only: bool) -> tuple[str, ...]:
    return tuple(v.excluded_by[:1] if first_only else v.excluded_by)


def _excluded_groups_table(
    title: str, rules: Rules, verdicts: list[PairVerdict], subject, first_only: bool, noun: tuple[str, str]
) -> Table:
    """One row per set of excluding rules: the rules, how many, and which."""
    table = Table(title=title)
    table.add_column("Loại vì / Excluded by", ratio=2)
    table.add_column("Số / Count", no_wrap=True, justify="right")
    table.add_column(f"{noun[0].capitalize()} / {noun[1].capitalize()}s", ratio=3, overflow="fold")
    for group in excluded_groups(verdicts, subject, first_only):
        table.add_row(
            escape("\n".join(rule_line(r, rules) for r in group.rules)),
            _count(len(group.members), *noun),
            escape(", ".join(group.members)),
        )
    return table


def _excluded_table(
    title: str, subject_header: str, rules: Rules, verdicts: list[PairVerdict], subject, first_only: bool
) -> Table:
    table = Table(title=title)
    table.add_column(subject_header, no_wrap=True, overflow="fold")
    table.add_column("Loại vì / Excluded by", ratio=1)
    for v in verdicts:
        words = "\n".join(rule_line(r, rules) for r in _excluded_rules(v, first_only))
        table.add_row(escape(subject(v)), escape(words))
    return table


def _print_verdicts(
    console: Console,
    rules: Rules,
    verdicts: list[PairVerdict],
    subject,
    *,
    noun: tuple[str, str],
    first_only: bool,
    show_all: bool,
) -> None:
    """Pairs grouped by verdict, one row a group (eligible ones alike in starts, score and limits;
    excluded ones by their rules), or one a row with `--all`."""
    eligible = [v for v in verdicts if v.eligible]
    excluded = [v for v in verdicts if not v.eligible]
    header = f"{noun[0].capitalize()} / {noun[1].capitalize()}"
    first = " (quy định đầu tiên / the first rule)" if first_only else ""
    if eligible:
        title = f"Đủ điều kiện / Eligible: {_count(len(eligible), *noun)}"
        shared = shared_limits(eligible)
        console.print(_eligible_table(title, header, eligible, subject, shared, not show_all))
        for limit in shared:
            console.print(
                f"  Ràng buộc mọi cặp đủ điều kiện / bears on every eligible pair: {limit_line(limit)}",
                markup=False,
            )
    else:
        console.print(f"Không có {noun[0]} nào đủ điều kiện / no eligible {noun[1]}")
    if not excluded:
        return
    title = f"Bị loại / Excluded: {_count(len(excluded), *noun)}{first}"
    if show_all:
        console.print(_excluded_table(title, header, rules, excluded, subject, first_only))
    else:
        console.print(_excluded_groups_table(title, rules, excluded, subject, first_only, noun))
        console.print(f"  --all: từng {noun[0]} một dòng / one {noun[1]} a line")


def _print_fit(console: Console, notes: list[tuple[str, str]]) -> None:
    """The fit rules' words with the scenario's ranks, qualifications and dates (CONTRACT §6.5)."""
    for vi, en in notes:
        console.print(f"  Phù hợp vị trí / Fit for the post: {vi} / {en}", markup=False)


def print_cadre_explanation(
    console: Console, rules: Rules, e: CadreExplanation, show_all: bool = False
) -> None:
    labels = ", ".join(both(category_words(c)) for c in e.categories) or "—"
    console.print(f"Cán bộ / Cadre: [bold]{escape(e.cadre)}[/bold]")
    console.print(f"  Diện / Categories: {escape(labels)}")
    console.print(
        f"  Bắt buộc luân chuyển / Must rotate: {yes_no(e.mandatory)}"
        f"{' (chỉ cấp trưởng / heads only)' if e.head_bound else ''}"
    )
    console.print(f"  Ngày nghỉ hưu / Retirement date: {e.retirement_date}")
    if e.placed:
        placed = next((v for v in e.verdicts if v.slot == e.placed[0]), None)
        score = (
            f", điểm / score {score_text(placed.score, placed.scored_at)}: {parts_text(placed.score_parts)}"
            if placed
            else ""
        )
        console.print(
            f"  Phương án bố trí / Placed at: {escape(e.placed[0])} từ / from {e.placed[1]}{escape(score)}"
        )
    else:
        console.print("  Phương án không bố trí / Not placed by the plan")
    if e.pinned_to:
        console.print(
            f"  Đã được cấp có thẩm quyền quyết định bố trí / pinned by the authority to: {escape(e.pinned_to)}"
        )
    _print_fit(console, e.fit)
    horizon = Table(title="Thời gian công tác còn lại / Service left at each start")
    for header in (
        "Khởi đầu / Start",
        "Tuổi / Age",
        "Còn công tác / Years left",
        "Quy định loại trừ / Closed by",
    ):
        horizon.add_column(header)
    for h in e.horizon:
        closed = "\n".join(rule_line(r, rules) for r in h.excluded_by) or "—"
        horizon.add_row(h.start, str(h.age), " / ".join(service_text(h.months_left)), escape(closed))
    console.print(horizon)
    _print_verdicts(
        console,
        rules,
        e.verdicts,
        lambda v: v.slot,
        noun=("vị trí", "post"),
        first_only=False,
        show_all=show_all,
    )
    print_cadre_pools(console, e)
    print_after_outlook(console, e.after)


def print_after_outlook(console: Console, outlook: AfterOutlook | None) -> None:
    """What the placement may lead to (CONTRACT §6.4): its end, staying, each projected post open or
    closed and why, and the plan's `after`."""
    if outlook is None:
        return
    first, *rest = outlook_lines(outlook)
    console.print(
        f"Sau luân chuyển / After the rotation ({outlook.cadre} → {outlook.slot}): {first}", markup=False
    )
    for line in rest:
        console.print(f"  • {line}", markup=False)


#: The eligible posts named on a pool title's line; the rest are counted (`--json` lists them all).
POSTS_NAMED = 5


def print_cadre_pools(console: Console, e: CadreExplanation) -> None:
    """Each pool title the cadre is planned for: the experience it lacks, the latest start by which a
    post giving it makes the cadre ready, the eligible posts that do in time, and what the plan does."""
    if not e.pools:
        return
    console.print("Chức danh quy hoạch / Pool titles planned for:")
    for p in e.pools:
        console.print(
            f"  • {pool_need_line(p.pool, p.ready_by, p.missing, p.latest_start, p.last_period_start)}",
            markup=False,
        )
        if not p.ready_without_plan:
            named = ", ".join(p.posts_in_time[:POSTS_NAMED]) or "—"
            more = f" (+{len(p.posts_in_time) - POSTS_NAMED})" if len(p.posts_in_time) > POSTS_NAMED else ""
            console.print(
                f"    Vị trí đủ điều kiện cho kịp / eligible posts in time: {len(p.posts_in_time)}: {named}{more}",
                markup=False,
            )
        console.print(
            f"    Phương án / The plan: {placement_ready_line(p.placed, p.placement_makes_ready, p.ready_without_plan, p.ready_on)}",
            markup=False,
        )


def print_forced_alternatives(console: Console, base_objective, forced: list[ForcedAlternative]) -> None:
    """Why not elsewhere: each better-scoring slot forced by a pin, and what the plan gives up for it."""
    if not forced:
        console.print(
            "Không có vị trí đủ điều kiện nào điểm cao hơn vị trí được bố trí / no eligible post scores "
            "higher than the placement"
        )
        return
    table = Table(
        title=f"Vì sao không ở vị trí khác / Why not elsewhere (mục tiêu gốc / base objective {base_objective:g})"
    )
    table.add_column("Vị trí / Post", no_wrap=True, overflow="fold")
    for header in (
        "Điểm cặp / Pair score",
        "Mục tiêu / Objective",
        "Mất / Lost",
        "Người khác đổi / Others moved",
    ):
        table.add_column(header)
    for f in forced:
        score = f"{f.pair_score:g} (tại / at {f.start})" if f.start else f"{f.pair_score:g}"
        if f.objective is None:
            table.add_row(escape(f.slot), score, status_text(f.status), "—", "không còn phương án / no plan")
            continue
        moved = ", ".join(m.cadre for m in f.others_moved) or "—"
        table.add_row(escape(f.slot), score, f"{f.objective:g}", f"{f.objective_lost:g}", escape(moved))
    console.print(table)


def print_slot_explanation(
    console: Console, rules: Rules, e: SlotExplanation, show_all: bool = False
) -> None:
    console.print(f"Vị trí / Post: [bold]{escape(e.slot)}[/bold]")
    if e.vacated_by:
        console.print(
            f"  Chỉ trống khi / Opens only when {escape(e.vacated_by)} được luân chuyển / is rotated"
        )
    if e.placed:
        placed = next((v for v in e.verdicts if v.cadre == e.placed[0]), None)
        score = f", điểm / score {score_text(placed.score, placed.scored_at)}" if placed else ""
        console.print(f"  Phương án bố trí / Filled by: {escape(e.placed[0])} từ / from {e.placed[1]}{score}")
    eligible = sum(v.eligible for v in e.verdicts)
    console.print(f"  Đủ điều kiện / Eligible: {eligible} / {_count(len(e.verdicts), 'cán bộ', 'cadre')}")
    _print_fit(console, e.fit)
    _print_verdicts(
        console,
        rules,
        e.verdicts,
        lambda v: v.cadre,
        noun=("cán bộ", "cadre"),
        first_only=True,
        show_all=show_all,
    )
    if e.chain:
        chain = Table(title="Chuỗi vị trí trống / Vacancy chain")
        for header in (
            "Vị trí / Post",
            "Trống khi rời đi / Opened by",
            "Người nhận / Filled by",
            "Từ / From",
        ):
            chain.add_column(header, overflow="fold")
        for link in e.chain:
            chain.add_row(
                escape(link.slot),
                escape(link.opened_by or "—"),
                escape(link.filled_by or "—"),
                link.start or "—",
            )
        console.print(chain)
    print_post_readies(console, e)
    if e.may_stay:
        console.print(f"  {both(MAY_STAY_SLOT)}", markup=False)
    print_after_outlook(console, e.after)


def print_post_readies(console: Console, e: SlotExplanation) -> None:
    """The planned cadres whose missing experience for a pool title the post's title gives: whether a
    placement here would make each ready in time."""
    if not e.readies:
        return
    table = Table(
        title="Vị trí này giúp cán bộ quy hoạch sẵn sàng / Planned cadres this post would make ready"
    )
    for header in (
        "Cán bộ / Cadre",
        "Chức danh quy hoạch / Pool title",
        "Thiếu / Lacks",
        "Kết luận / Verdict",
    ):
        table.add_column(header, overflow="fold")
    for r in e.readies:
        verdict = post_ready_line(r.eligible, r.in_time, r.first_start, r.latest_start)
        if r.placed_here:
            verdict += f"; {placed_here_line(r.placement_makes_ready)}"
        table.add_row(escape(r.cadre), escape(r.pool), escape(", ".join(r.missing)), escape(verdict))
    console.print(table)


def print_waiver_ledger(console: Console, scenario, relied: dict[tuple[str, str], list[str]]) -> None:
    """Every waiver in the scenario with its authority and reference, and the placements relying on it."""
    table = Table(title="Sổ miễn trừ / Waiver ledger")
    for header in (
        "Cán bộ / Cadre",
        "Quy định / Rule",
        "Cấp quyết định / By",
        "Số văn bản / Ref",
        "Phương án dùng / Used by",
    ):
        table.add_column(header, overflow="fold")
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


def print_waiver_gains(console: Console, search, base_objective) -> None:
    """The single waivers that raise the objective, best first; a waiver gaining nothing is left out."""
    vi, en = waiver_search_words(search)
    console.print(f"{vi} / {en}", markup=False)
    raising = search.raising
    if not raising:
        console.print(
            "Không miễn trừ đơn lẻ nào làm tăng mục tiêu / no single waiver raises the objective",
            markup=False,
        )
        return
    table = Table(title="Miễn trừ đơn lẻ làm tăng mục tiêu / Single waivers that raise the objective")
    table.add_column("Cán bộ / Cadre", no_wrap=True, overflow="fold")
    table.add_column("Quy định / Rule", overflow="fold")
    for header in ("Mục tiêu / Objective", "Tăng / Gain"):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("Mở vị trí / Opens", overflow="fold")
    for g in raising[:10]:
        table.add_row(
            escape(g.cadre),
            escape(g.rule),
            f"{g.objective:g}",
            f"{g.gain:+g}",
            escape(", ".join(g.opens[:3])),
        )
    console.print(table)
    if base_objective is not None:
        console.print(f"  Mục tiêu gốc / base objective: {base_objective:g}")
    shown = " (hiện 10 đầu / the first 10 shown)" if len(raising) > 10 else ""
    console.print(
        f"  Số miễn trừ làm tăng mục tiêu / waivers that raise the objective: {len(raising)}{shown}"
    )


def print_waivers(console: Console, scenario: Scenario, report: WaiverReport) -> None:
    """The ledger, then the single waivers that raise the objective or, for an infeasible base, the
    waivers that restore a plan and what the repair search proved."""
    base = report.base
    print_waiver_ledger(console, scenario, report.relied)
    if report.search is not None:
        print_waiver_gains(console, report.search, base.objective)
        return
    console.print("Miễn trừ khôi phục tính khả thi / waivers that restore a plan:")
    for repair in report.restoring:
        objective = "—" if repair.objective is None else f"{repair.objective:g}"
        console.print(f"  • {repair.message} → {objective}", markup=False)
    if not report.restoring:
        searched = base.diagnosis.repairs if base.diagnosis is not None else None
        if searched is not None and searched.state == "not_decided":
            console.print(f"  chưa biết / not known: {searched.message}", markup=False)
        else:
            console.print("  không có / none", markup=False)
    if base.diagnosis is not None:
        console.print(f"Tìm cách khắc phục / repair search: {base.diagnosis.repairs.message}", markup=False)


def print_explained(
    console: Console, scenario: Scenario, explained: Explained, show_all: bool = False
) -> None:
    """What `planner explain` prints: the cadre (and why not elsewhere), the post, then the waivers."""
    rules = scenario.rules
    if explained.cadre is not None:
        print_cadre_explanation(console, rules, explained.cadre, show_all)
        if explained.why_not is not None:
            print_forced_alternatives(console, explained.why_not.base_objective, explained.why_not.forced)
    if explained.slot is not None:
        print_slot_explanation(console, rules, explained.slot, show_all)
    if explained.waivers is not None:
        print_waivers(console, scenario, explained.waivers)
