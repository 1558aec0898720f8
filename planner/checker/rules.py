"""One function per rule id of docs/rules.md, named after it, each yielding that rule's violations.

The functions re-read every rule straight from the scenario and the plan, sharing nothing with the
solver but the schemas and `models.dates`. Messages are Vietnamese first, then English after " / ", and
name cadres, slots and units by id only (people's names stay out of logs and reports).

The rules of a single placement read `ctx.judged` (with `check --as-of`, the placements that are not
history); the rules over the whole plan (one-per, quota, mandatory rotation, youth cap, pace, vacancy
chains, pins) read `ctx.placements`, history included (CONTRACT §4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from models.categories import CATEGORY_LABELS
from models.dates import add_months, from_month_index, is_boundary, month_index, period_starts, quarter_of
from planner.checker.after import check_after_placement
from planner.checker.bench import check_bench_strength
from planner.checker.context import CheckContext, Placement, Violation, violation
from planner.checker.facts import is_young_at
from planner.checker.fit import check_discipline, check_equivalent_rank, check_title_standards
from planner.checker.kinship import check_kinship

Rule = Callable[[CheckContext], Iterator[Violation]]


def _ids(items: Iterable[str]) -> str:
    return ", ".join(items)


def _count(number: int, noun: str) -> str:
    """`1 rotation`, `2 rotations`: English wants the plural; Vietnamese has none."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _by_cadre(ctx: CheckContext) -> dict[str, list[Placement]]:
    grouped: dict[str, list[Placement]] = defaultdict(list)
    for placement in ctx.placements:
        grouped[placement.cadre.id].append(placement)
    return grouped


#: Messages of `unknown_reference`, by what failed to resolve (`Unresolved.missing`).
_UNKNOWN_MESSAGES = {
    "cadre": (
        "Phương án nêu cán bộ {cadre} không có trong kịch bản",
        "the plan names cadre {cadre}, which the scenario does not have",
    ),
    "slot": (
        "Phương án nêu vị trí {slot} không có trong kịch bản",
        "the plan names slot {slot}, which the scenario does not have",
    ),
    "start": (
        "Ngày bắt đầu {start!r} của cán bộ {cadre} tại {slot} không phải ngày dạng YYYY-MM-DD",
        "start {start!r} of cadre {cadre} at {slot} is not a YYYY-MM-DD date",
    ),
}


def check_unknown_reference(ctx: CheckContext) -> Iterator[Violation]:
    """An assignment names a cadre or slot not in the scenario, or its start is not an ISO date."""
    for bad in ctx.unresolved:
        fields = {"cadre": bad.cadre, "slot": bad.slot, "start": bad.start}
        for what in bad.missing:
            vi, en = _UNKNOWN_MESSAGES[what]
            yield violation(
                "unknown_reference", bad.cadre, bad.slot, vi.format(**fields), en.format(**fields)
            )


def check_one_slot_per_cadre(ctx: CheckContext) -> Iterator[Violation]:
    """A cadre gets at most one slot."""
    for cadre_id, placements in _by_cadre(ctx).items():
        if len(placements) > 1:
            slots = _ids(p.slot.id for p in placements)
            yield violation(
                "one_slot_per_cadre",
                cadre_id,
                None,
                f"Cán bộ {cadre_id} được bố trí {len(placements)} lần ({slots})",
                f"cadre {cadre_id} is assigned {len(placements)} times ({slots})",
            )


def check_one_cadre_per_slot(ctx: CheckContext) -> Iterator[Violation]:
    """A slot gets at most one cadre."""
    grouped: dict[str, list[Placement]] = defaultdict(list)
    for placement in ctx.placements:
        grouped[placement.slot.id].append(placement)
    for slot_id, placements in grouped.items():
        if len(placements) > 1:
            cadres = _ids(p.cadre.id for p in placements)
            yield violation(
                "one_cadre_per_slot",
                None,
                slot_id,
                f"Vị trí {slot_id} được giao {len(placements)} lần ({cadres})",
                f"slot {slot_id} is given {len(placements)} times ({cadres})",
            )


def check_quota(ctx: CheckContext) -> Iterator[Violation]:
    """The number of rotations is within `rules.quota` (Plan II.6: 6 to 8 cadres in 2022-2025)."""
    quota = ctx.scenario.rules.quota
    count = len(ctx.placements)
    if count < quota.min:
        yield violation(
            "quota",
            None,
            None,
            f"Có {count} cán bộ được luân chuyển, ít hơn mức tối thiểu {quota.min}",
            f"{_count(count, 'rotation')}, fewer than the minimum {quota.min}",
        )
    if quota.max is not None and count > quota.max:
        yield violation(
            "quota",
            None,
            None,
            f"Có {count} cán bộ được luân chuyển, nhiều hơn mức tối đa {quota.max}",
            f"{_count(count, 'rotation')}, more than the maximum {quota.max}",
        )


def check_candidate(ctx: CheckContext) -> Iterator[Violation]:
    """The cadre is in a candidate category (Plan II.1.1): planning, no district experience, term
    limit, local key post or `must_rotate`."""
    for p in ctx.judged:
        if not ctx.facts[p.cadre.id].candidate:
            yield p.broken(
                "candidate",
                f"Cán bộ {p.cadre.id} không thuộc đối tượng luân chuyển nhưng được bố trí vào {p.slot.id}",
                f"cadre {p.cadre.id} is in no candidate category but is placed at {p.slot.id}",
            )


def check_district_only(ctx: CheckContext) -> Iterator[Violation]:
    """A cadre whose only category is "no district experience" goes to a local unit: a district, or a
    commune (edition 3)."""
    for p in ctx.judged:
        if ctx.facts[p.cadre.id].district_only and p.unit.kind not in ("district", "commune"):
            yield p.broken(
                "district_only",
                f"Cán bộ {p.cadre.id} chỉ luân chuyển vì chưa kinh qua cấp huyện nhưng vị trí {p.slot.id} "
                f"thuộc đơn vị {p.unit.id} ({p.unit.kind}), không phải cấp huyện hay cấp xã",
                f"cadre {p.cadre.id}, rotated only for lacking district experience, is placed at {p.slot.id} "
                f"in {p.unit.id} ({p.unit.kind}), not a district or commune",
            )


def check_health(ctx: CheckContext) -> Iterator[Violation]:
    """Rotated cadres are healthy (Plan II.2): `health_ok` is true."""
    for p in ctx.judged:
        if not p.cadre.health_ok:
            yield p.broken(
                "health",
                f"Cán bộ {p.cadre.id} không đủ sức khỏe nhưng được bố trí vào {p.slot.id}",
                f"cadre {p.cadre.id} does not meet the health requirement but is placed at {p.slot.id}",
            )


def months_left(start: date, retirement: date) -> int:
    """Whole months of work left from the start month to the last month of work, the month before the
    retirement date (Guidance 06-HD/BTCTW): retiring on 2042-09-01 one works through 08/2042, so a
    start in 08/2032 leaves 08/2042 - 08/2032 = 120 months. The days of both dates are ignored."""
    return (month_index(retirement) - 1) - month_index(start)


def years_and_months(months: int) -> tuple[str, str]:
    """(Vietnamese, English) of a length of time: `9 năm 11 tháng`, `9 years 11 months`."""
    years, rest = divmod(months, 12)
    vi = [f"{years} năm"] if years else []
    en = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if rest or not years:
        vi.append(f"{rest} tháng")
        en.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(vi), " ".join(en)


def check_remaining_service(ctx: CheckContext) -> Iterator[Violation]:
    """At least 12 x `min_remaining_service_years` whole months from the start month to the last month
    of work (Plan II.2, counted as Guidance 06-HD/BTCTW counts them; waivable)."""
    years = ctx.scenario.rules.min_remaining_service_years
    for p in ctx.judged:
        retirement = ctx.facts[p.cadre.id].retirement
        left = months_left(p.start, retirement)
        if left >= 12 * years or p.cadre.waives("remaining_service"):
            continue
        last = from_month_index(month_index(retirement) - 1)
        if left < 0:
            left_vi, left_en = "không còn thời gian công tác", "no service left"
        else:
            vi, en = years_and_months(left)
            left_vi, left_en = f"còn {vi} công tác", f"{en} left"
        yield p.broken(
            "remaining_service",
            f"Cán bộ {p.cadre.id} bắt đầu tại {p.slot.id} ngày {p.start}, nghỉ hưu ngày {retirement} "
            f"(công tác đến hết tháng {last.month:02d}/{last.year}): {left_vi}, dưới {years} năm",
            f"cadre {p.cadre.id} starts at {p.slot.id} on {p.start} and retires on {retirement} "
            f"(works through {last.year}-{last.month:02d}): {left_en}, less than {years} years",
        )


def check_min_duration(ctx: CheckContext) -> Iterator[Violation]:
    """start + `min_duration_months` <= retirement date (Plan II.4: at least 3 years; waivable)."""
    months = ctx.scenario.rules.min_duration_months
    for p in ctx.judged:
        retirement = ctx.facts[p.cadre.id].retirement
        if add_months(p.start, months) > retirement and not p.cadre.waives("min_duration"):
            yield p.broken(
                "min_duration",
                f"Cán bộ {p.cadre.id} bắt đầu tại {p.slot.id} ngày {p.start} nhưng nghỉ hưu ngày "
                f"{retirement}: thời gian luân chuyển dưới {months} tháng",
                f"cadre {p.cadre.id} starts at {p.slot.id} on {p.start} but retires on {retirement}: "
                f"the rotation would last less than {months} months",
            )


def check_non_locality(ctx: CheckContext) -> Iterator[Violation]:
    """No cadre takes a `non_local` title in a unit listed in its `local_to` (Plan II.7; waivable)."""
    for p in ctx.judged:
        local = p.unit.id in p.cadre.local_to
        if p.title.non_local and local and not p.cadre.waives("non_locality"):
            yield p.broken(
                "non_locality",
                f"Cán bộ {p.cadre.id} là người địa phương của {p.unit.id} nên không giữ chức danh "
                f"{p.slot.title} (không bố trí người địa phương) tại {p.slot.id}",
                f"cadre {p.cadre.id} is local to {p.unit.id} and cannot take the non-local title "
                f"{p.slot.title} at {p.slot.id}",
            )


def check_different_unit(ctx: CheckContext) -> Iterator[Violation]:
    """The slot's unit is not the cadre's current unit: a rotation moves the cadre elsewhere."""
    for p in ctx.judged:
        current = p.cadre.current
        if current is not None and current.unit == p.unit.id:
            yield p.broken(
                "different_unit",
                f"Cán bộ {p.cadre.id} được bố trí vào {p.slot.id} ngay tại đơn vị đang công tác {p.unit.id}",
                f"cadre {p.cadre.id} is placed at {p.slot.id} in {p.unit.id}, the unit where they serve now",
            )


def check_mandatory_rotation(ctx: CheckContext) -> Iterator[Violation]:
    """Term-limited cadres, local key-post holders (as far as `rules.mandatory_rotation` lists them) and
    `must_rotate` cadres are rotated (Plan I.1, II.1.1(c))."""
    placed = {p.cadre.id for p in ctx.placements}
    for cadre in ctx.scenario.cadres:
        facts = ctx.facts[cadre.id]
        if facts.mandatory and cadre.id not in placed:
            reasons_vi = "; ".join(CATEGORY_LABELS[c][0] for c in facts.mandatory_reasons)
            reasons_en = "; ".join(CATEGORY_LABELS[c][1] for c in facts.mandatory_reasons)
            yield violation(
                "mandatory_rotation",
                cadre.id,
                None,
                f"Cán bộ {cadre.id} thuộc diện bắt buộc luân chuyển ({reasons_vi}) nhưng không được bố trí",
                f"mandatory cadre {cadre.id} ({reasons_en}) is not rotated",
            )


def check_head_only(ctx: CheckContext) -> Iterator[Violation]:
    """A cadre rotated for a listed mandatory category other than `must_rotate` takes a head slot
    (Plan II.1.2(c))."""
    for p in ctx.judged:
        facts = ctx.facts[p.cadre.id]
        if facts.head_bound and p.title.level == "deputy":
            reasons = _ids(sorted(facts.bound))
            yield p.broken(
                "head_only",
                f"Cán bộ {p.cadre.id} luân chuyển do {reasons} phải giữ chức cấp trưởng, nhưng vị trí "
                f"{p.slot.id} là cấp phó",
                f"cadre {p.cadre.id}, rotated for {reasons}, must take a head slot, but {p.slot.id} "
                "is a deputy slot",
            )


def check_youth_heads(ctx: CheckContext) -> Iterator[Violation]:
    """At most `youth.max_heads` cadres aged under `youth.age_below` at their start take head slots
    (Plan II.1.2(a): young cadres go mainly as deputies; waivable).

    Every counted assignment is reported once the cap is exceeded: no one of them is more at fault.
    """
    youth = ctx.scenario.rules.youth
    if youth.max_heads is None:
        return
    young_heads = [
        p
        for p in ctx.placements
        if p.title.level == "head"
        and is_young_at(p.cadre, p.start, youth)
        and not p.cadre.waives("youth_heads")
    ]
    if len(young_heads) <= youth.max_heads:
        return
    for p in young_heads:
        yield p.broken(
            "youth_heads",
            f"Cán bộ trẻ {p.cadre.id} (dưới {youth.age_below} tuổi khi bắt đầu) giữ chức cấp trưởng tại "
            f"{p.slot.id}; có {len(young_heads)} trường hợp, vượt mức tối đa {youth.max_heads}",
            f"young cadre {p.cadre.id} (under {youth.age_below} at start) takes head slot {p.slot.id}; "
            f"{_count(len(young_heads), 'such case')}, more than the maximum {youth.max_heads}",
        )


def _timing_problems(p: Placement, starts: frozenset[date], granularity: str) -> Iterator[tuple[str, str]]:
    """(Vietnamese, English) reasons why a start is not allowed.

    The slot window defaults to the period, which the `starts` test already covers, so only an explicit
    `open_from` / `fill_by` is tested again.
    """
    if p.start not in starts:
        if not is_boundary(p.start, granularity):
            unit_vi, unit_en = ("tháng", "month") if granularity == "month" else ("quý", "quarter")
            yield f"không phải ngày đầu {unit_vi}", f"not the first day of a {unit_en}"
        else:
            yield "nằm ngoài giai đoạn kế hoạch", "outside the period"
    if p.slot.open_from is not None and p.start < p.slot.open_from:
        yield f"trước ngày vị trí mở {p.slot.open_from}", f"before the slot opens on {p.slot.open_from}"
    if p.slot.fill_by is not None and p.start > p.slot.fill_by:
        yield f"sau hạn bố trí {p.slot.fill_by}", f"after the slot's fill-by date {p.slot.fill_by}"
    available = p.cadre.available_from
    if available is not None and p.start < available:
        yield f"trước ngày cán bộ sẵn sàng {available}", f"before the cadre is available on {available}"


def check_timing(ctx: CheckContext) -> Iterator[Violation]:
    """Start on a period boundary, within the period, within the slot's `open_from`..`fill_by`, and not
    before the cadre's `available_from`."""
    period = ctx.scenario.period
    starts = frozenset(period_starts(period.start, period.end, period.granularity))
    for p in ctx.judged:
        for vi, en in _timing_problems(p, starts, period.granularity):
            yield p.broken(
                "timing",
                f"Cán bộ {p.cadre.id} bắt đầu tại {p.slot.id} ngày {p.start}: {vi}",
                f"cadre {p.cadre.id} starts at {p.slot.id} on {p.start}: {en}",
            )


def check_term_limit_deadline(ctx: CheckContext) -> Iterator[Violation]:
    """A term-limited cadre who reaches `term_limit_years` as head (`head_since` + that many years) after
    the period start starts no later than the first start date on or after that day, where the period
    has one, as far as `rules.mandatory_rotation` lists `term_limit` (Reg. 65 Art. 3.3; not waivable).

    Whether the cadre is rotated at all is `mandatory_rotation`'s business: only a late start is
    reported here.
    """
    years = ctx.scenario.rules.term_limit_years
    for p in ctx.judged:
        facts = ctx.facts[p.cadre.id]
        if facts.deadline is None or p.start <= facts.deadline:
            continue
        since = p.cadre.current.head_since if p.cadre.current else None
        yield p.broken(
            "term_limit_deadline",
            f"Cán bộ {p.cadre.id} giữ chức cấp trưởng từ {since}, đủ {years} năm vào ngày "
            f"{facts.term_limit_day}: phải bắt đầu luân chuyển chậm nhất ngày {facts.deadline}, nhưng "
            f"bắt đầu tại {p.slot.id} ngày {p.start}",
            f"cadre {p.cadre.id}, head since {since}, reaches {years} years as head on "
            f"{facts.term_limit_day}: the rotation must start by {facts.deadline}, but it starts at "
            f"{p.slot.id} on {p.start}",
        )


def check_shortlist(ctx: CheckContext) -> Iterator[Violation]:
    """With `rules.only_scored_pairs: true`, only a (cadre, slot) pair that has a `scores` entry is
    assigned: the committee's list of proposed placements."""
    if not ctx.scenario.rules.only_scored_pairs:
        return
    listed = {(score.cadre, score.slot) for score in ctx.scenario.scores}
    for p in ctx.judged:
        if (p.cadre.id, p.slot.id) not in listed:
            yield p.broken(
                "shortlist",
                f"Cặp cán bộ {p.cadre.id} - vị trí {p.slot.id} không có trong danh sách đề xuất (scores)",
                f"the pair cadre {p.cadre.id}, slot {p.slot.id} is not on the shortlist (no scores entry)",
            )


def check_pace(ctx: CheckContext) -> Iterator[Violation]:
    """At most `max_starts_per_quarter` starts in any calendar quarter (Plan I.2: step by step), whatever
    the period's granularity."""
    cap = ctx.scenario.rules.max_starts_per_quarter
    if cap is None:
        return
    grouped: dict[tuple[int, int], list[Placement]] = defaultdict(list)
    for placement in ctx.placements:
        grouped[quarter_of(placement.start)].append(placement)
    for (year, quarter), placements in sorted(grouped.items()):
        if len(placements) > cap:
            cadres = _ids(sorted(p.cadre.id for p in placements))
            yield violation(
                "pace",
                None,
                None,
                f"Quý {quarter}/{year} có {len(placements)} cán bộ bắt đầu luân chuyển ({cadres}), "
                f"vượt mức tối đa {cap}",
                f"{_count(len(placements), 'start')} in {year}-Q{quarter} ({cadres}), more than the maximum {cap}",
            )


def check_vacancy_chain(ctx: CheckContext) -> Iterator[Violation]:
    """A slot with `vacated_by: X` is filled only if X is rotated, and no earlier than X's start.

    Should X appear more than once (already a `one_slot_per_cadre` violation), its earliest start is when
    the slot falls vacant.
    """
    opener_start: dict[str, date] = {}
    for cadre_id, placements in _by_cadre(ctx).items():
        opener_start[cadre_id] = min(p.start for p in placements)
    for p in ctx.placements:
        opener = p.slot.vacated_by
        if opener is None:
            continue
        if opener not in opener_start:
            yield p.broken(
                "vacancy_chain",
                f"Vị trí {p.slot.id} chỉ trống khi cán bộ {opener} được luân chuyển, nhưng {opener} "
                f"không được bố trí",
                f"slot {p.slot.id} falls vacant only when cadre {opener} is rotated, and {opener} is not",
            )
        elif p.start < opener_start[opener]:
            leaves = opener_start[opener]
            yield p.broken(
                "vacancy_chain",
                f"Cán bộ {p.cadre.id} bắt đầu tại {p.slot.id} ngày {p.start}, trước khi cán bộ {opener} "
                f"rời vị trí ngày {leaves}",
                f"cadre {p.cadre.id} starts at {p.slot.id} on {p.start}, before cadre {opener} leaves on "
                f"{leaves}",
            )


def check_pin(ctx: CheckContext) -> Iterator[Violation]:
    """Each pin holds: its (cadre, slot) is in the plan, and with the pin's start where one is given."""
    starts: dict[tuple[str, str], list[date]] = defaultdict(list)
    for p in ctx.placements:
        starts[p.cadre.id, p.slot.id].append(p.start)
    for pin in ctx.scenario.pins:
        planned = starts.get((pin.cadre, pin.slot), [])
        if not planned:
            yield violation(
                "pin",
                pin.cadre,
                pin.slot,
                f"Phương án không bố trí cán bộ {pin.cadre} vào vị trí {pin.slot} như đã chỉ định",
                f"pinned pair cadre {pin.cadre} at slot {pin.slot} is not in the plan",
            )
        elif pin.start is not None and pin.start not in planned:
            found = _ids(str(d) for d in planned)
            yield violation(
                "pin",
                pin.cadre,
                pin.slot,
                f"Cán bộ {pin.cadre} được chỉ định vào {pin.slot} từ ngày {pin.start}, nhưng phương án bắt "
                f"đầu ngày {found}",
                f"cadre {pin.cadre} is pinned to {pin.slot} from {pin.start}, but the plan starts on {found}",
            )


def check_forbid(ctx: CheckContext) -> Iterator[Violation]:
    """No forbidden (cadre, slot) or (cadre, unit) pair is in the plan."""
    for p in ctx.judged:
        for forbid in ctx.scenario.forbids:
            if forbid.cadre != p.cadre.id:
                continue
            if forbid.slot == p.slot.id:
                yield p.broken(
                    "forbid",
                    f"Cán bộ {p.cadre.id} không được bố trí vào vị trí {p.slot.id}",
                    f"cadre {p.cadre.id} is forbidden at slot {p.slot.id}",
                )
            elif forbid.unit == p.unit.id:
                yield p.broken(
                    "forbid",
                    f"Cán bộ {p.cadre.id} không được bố trí vào đơn vị {p.unit.id} (vị trí {p.slot.id})",
                    f"cadre {p.cadre.id} is forbidden in unit {p.unit.id} (slot {p.slot.id})",
                )


#: Every rule, in the order of the table in docs/rules.md; violations are reported in this order.
RULES: tuple[Rule, ...] = (
    check_unknown_reference,
    check_one_slot_per_cadre,
    check_one_cadre_per_slot,
    check_quota,
    check_candidate,
    check_district_only,
    check_health,
    check_remaining_service,
    check_min_duration,
    check_non_locality,
    check_different_unit,
    check_mandatory_rotation,
    check_head_only,
    check_youth_heads,
    check_timing,
    check_term_limit_deadline,
    check_shortlist,
    check_pace,
    check_vacancy_chain,
    check_pin,
    check_forbid,
    check_equivalent_rank,
    check_title_standards,
    check_discipline,
    check_kinship,
    check_bench_strength,
    check_after_placement,
)

#: The rule ids, in registry order: each function is named `check_<rule id>`.
RULE_IDS: tuple[str, ...] = tuple(rule.__name__.removeprefix("check_") for rule in RULES)
