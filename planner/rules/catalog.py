"""The rule catalogue: every rule id of CONTRACT §2 with the Plan clause it comes from and its wording.

Solver conflicts, explanations and reports all name rules through this table, so a rule reads the same
everywhere. The checker (`planner.checker`) keeps its own wording on purpose: it shares no code with the
model side.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    id: str
    clause: str
    vi: str
    en: str
    waivable: bool = False


RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        RuleInfo(
            "unknown_reference",
            "-",
            "kế hoạch nêu cán bộ, vị trí hoặc ngày không có trong kịch bản",
            "the plan names a cadre, slot or date the scenario does not have",
        ),
        RuleInfo(
            "one_slot_per_cadre", "-", "mỗi cán bộ nhận tối đa một vị trí", "a cadre gets at most one slot"
        ),
        RuleInfo(
            "one_cadre_per_slot", "-", "mỗi vị trí nhận tối đa một cán bộ", "a slot gets at most one cadre"
        ),
        RuleInfo(
            "quota", "II.6", "số lượt luân chuyển trong hạn mức", "number of rotations within the quota"
        ),
        RuleInfo(
            "candidate",
            "I.2, II.1.1",
            "cán bộ thuộc diện luân chuyển (quy hoạch, chưa qua cấp huyện, hoặc diện bắt buộc)",
            "the cadre is in a candidate category (planning pool, no district experience, or mandatory)",
        ),
        RuleInfo(
            "district_only",
            "II.1.1(b), II.1.2",
            "cán bộ chỉ thuộc diện chưa qua cấp huyện thì luân chuyển về cấp huyện",
            "a cadre whose only category is 'no district experience' goes to a district",
        ),
        RuleInfo("health", "II.2", "đủ sức khỏe", "the cadre is in good health"),
        RuleInfo(
            "remaining_service",
            "II.2",
            "còn ít nhất {years} năm công tác tính từ thời điểm luân chuyển",
            "at least {years} years of service left from the start",
            waivable=True,
        ),
        RuleInfo(
            "min_duration",
            "II.4",
            "thời gian luân chuyển ít nhất {months} tháng trước khi nghỉ hưu",
            "the rotation lasts at least {months} months before retirement",
            waivable=True,
        ),
        RuleInfo(
            "non_locality",
            "I.1, II.7",
            "không bố trí người địa phương giữ chức danh chủ chốt tại địa phương mình",
            "no native takes a key post in their home unit",
            waivable=True,
        ),
        RuleInfo(
            "different_unit",
            "II.1",
            "luân chuyển đến đơn vị khác đơn vị hiện tại",
            "the slot is in another unit",
        ),
        RuleInfo(
            "mandatory_rotation",
            "I.1, II.1.1(c)",
            "cán bộ thuộc diện bắt buộc phải được luân chuyển",
            "cadres who must move are rotated",
        ),
        RuleInfo(
            "head_only",
            "II.1.2(c)",
            "cán bộ luân chuyển vì giữ chức quá hai nhiệm kỳ hoặc là người địa phương giữ chức chủ chốt thì giữ chức cấp trưởng",
            "term-limited and local key-post cadres go as heads",
        ),
        RuleInfo(
            "youth_heads",
            "II.1.2",
            "cán bộ trẻ chủ yếu bố trí giữ chức cấp phó",
            "young cadres go mainly as deputies",
            waivable=True,
        ),
        RuleInfo(
            "timing",
            "I.2",
            "thời điểm bắt đầu hợp lệ (trong giai đoạn, trong khung thời gian của vị trí và của cán bộ)",
            "a valid start (within the period, the slot's window and the cadre's availability)",
        ),
        RuleInfo(
            "pace",
            "I.2",
            "thực hiện từng bước: số người bắt đầu trong mỗi quý không vượt mức",
            "step by step: starts per quarter within the pace",
        ),
        RuleInfo(
            "vacancy_chain",
            "II.6",
            "vị trí chỉ trống khi người đương nhiệm được luân chuyển, và không sớm hơn",
            "a slot opens only when its holder is rotated, and not before",
        ),
        RuleInfo(
            "pin", "II.3", "bố trí đã được cấp có thẩm quyền quyết định", "a placement fixed by the authority"
        ),
        RuleInfo("forbid", "II.3", "cặp cán bộ - vị trí bị loại trừ", "an excluded cadre-slot pair"),
    )
}


def rule_text(rule_id: str, *, years: int = 10, months: int = 36) -> tuple[str, str]:
    """Vietnamese and English wording of a rule, with the scenario's numbers filled in."""
    info = RULES[rule_id]
    return info.vi.format(years=years, months=months), info.en.format(years=years, months=months)
