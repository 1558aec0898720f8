"""What the documents say of a plan, read once from the scenario: each placement with the cadre's name, the
current and the proposed post in words, the start, the categories, the reason and the waivers relied on.

The documents are for readers allowed to see names (they are filed with the Standing Committee): names are
printed here, and only here; nothing in this package writes to a console or a log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from models.categories import CATEGORY_LABELS
from models.errors import InputError, InputProblem
from models.plan import Assignment, Plan
from models.scenario import Cadre, Scenario, Slot
from planner.analysis.afters import AfterRow, AfterState, assignment_afters, shows_afters
from planner.analysis.comparison import has_plan
from planner.checker import Violation, check_plan
from planner.checker.facts import categories_of

#: The waivable rules in the documents' words (who lifted what).
WAIVED_RULES: dict[str, str] = {
    "remaining_service": "thời gian công tác còn lại khi luân chuyển",
    "min_duration": "thời gian luân chuyển tối thiểu trước khi nghỉ hưu",
    "youth_heads": "bố trí cán bộ trẻ chủ yếu giữ chức cấp phó",
    "non_locality": "không bố trí người địa phương giữ chức danh chủ chốt tại địa phương mình",
}


#: An expected placement after the rotation the plan does not give where one is required (or gives one
#: the scenario does not allow to be read): a person must fill it in before filing.
AFTER_PLACEHOLDER = "[dự kiến bố trí sau luân chuyển]"


@dataclass(frozen=True)
class WaiverFact:
    rule: str
    by: str
    ref: str | None

    @property
    def text(self) -> str:
        """`miễn áp dụng quy định ... (Ban Thường vụ Thành ủy, Kết luận số 12-KL/TU)`."""
        authority = self.by + (f", {self.ref}" if self.ref else "")
        return f"Miễn áp dụng quy định {WAIVED_RULES.get(self.rule, self.rule)} ({authority})"


@dataclass(frozen=True)
class PlacementFact:
    """One placement as the documents word it."""

    cadre: str
    name: str
    current: str
    slot: str
    title: str
    unit: str
    start: date | None
    categories: str
    reason: str
    waivers: tuple[WaiverFact, ...]
    #: The placement's standing in a workspace ("đã duyệt"), None outside one.
    status: str | None = None
    #: The rotation's end (start + `rules.rotation_months`, from the scenario) and the expected placement
    #: after it in the documents' words (Reg. 65 Art. 7); None where the plan does not show the way back
    #: (`shows_afters`) or the placement names no known cadre or slot or no date.
    end: date | None = None
    after: str | None = None

    @property
    def proposed(self) -> str:
        return f"{self.title} – {self.unit}"

    @property
    def start_text(self) -> str:
        return vietnamese_date(self.start) if self.start else "[thời điểm]"


def vietnamese_date(day: date) -> str:
    """`01/04/2023`: dates as Vietnamese documents write them."""
    return day.strftime("%d/%m/%Y")


def refuse_without_plan(plan: Plan, file: str) -> None:
    """`InputError` for a plan file that holds no plan (INFEASIBLE, UNKNOWN): there is nothing to propose."""
    if not has_plan(plan):
        message = (
            f"tệp không chứa phương án (trạng thái {plan.status}), không lập được văn bản / the file holds no "
            f"plan (status {plan.status}): there is nothing to propose"
        )
        raise InputError([InputProblem(file, "status", message, plan.status)])


def _post(scenario: Scenario, unit_id: str, title_id: str) -> tuple[str, str]:
    title = scenario.titles.get(title_id)
    unit = next((u for u in scenario.units if u.id == unit_id), None)
    return (title.name if title else title_id), (unit.name if unit else unit_id)


def _current(scenario: Scenario, cadre: Cadre) -> str:
    if cadre.current is None:
        return "Chưa giữ chức vụ lãnh đạo, quản lý"
    title, unit = _post(scenario, cadre.current.unit, cadre.current.title)
    return f"{title} – {unit}"


def _categories(scenario: Scenario, cadre: Cadre) -> str:
    found = categories_of(cadre, scenario)
    words = [CATEGORY_LABELS[c][0] for c in CATEGORY_LABELS if c in found]
    text = "; ".join(words) if words else "không thuộc diện nào đã nêu"
    return text[:1].upper() + text[1:]


def _reason(scenario: Scenario, slot: Slot, names: Mapping[str, str]) -> str:
    """Why the post is to be filled, from what the scenario says of it."""
    reasons = []
    if slot.vacated_by:
        holder = names.get(slot.vacated_by, slot.vacated_by)
        reasons.append(f"vị trí trống khi đồng chí {holder} ({slot.vacated_by}) được luân chuyển")
    if slot.priority:
        reasons.append(f"vị trí cần tăng cường cán bộ (mức ưu tiên {slot.priority}/3)")
    reasons.append("đào tạo, rèn luyện qua thực tiễn, chuẩn bị nhân sự cho nhiệm kỳ tới")
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:]


def placement_facts(
    scenario: Scenario, plan: Plan, statuses: Mapping[tuple[str, str], str] | None = None
) -> list[PlacementFact]:
    """Every placement of `plan` (a re-plan's history left out: it is already decided), by start then post;
    `statuses` gives a workspace's standing of each (cadre, slot)."""
    cadres = {c.id: c for c in scenario.cadres}
    slots = {s.id: s for s in scenario.slots}
    names = {c.id: c.name for c in scenario.cadres}
    afters = (
        assignment_afters(scenario, plan) if shows_afters(scenario, plan) else [None] * len(plan.assignments)
    )
    facts = []
    pairs = sorted(
        zip(plan.assignments, afters, strict=True), key=lambda p: (p[0].start or "", p[0].slot, p[0].cadre)
    )
    for a, row in pairs:
        if a.history:
            continue
        fact = _fact(scenario, a, cadres, slots, names, statuses)
        if row is not None:
            fact = replace(fact, end=row.end, after=after_words(scenario, row, fact.proposed))
        facts.append(fact)
    return facts


def after_words(scenario: Scenario, row: AfterRow, rotated_post: str) -> str:
    """The expected placement after one rotation, as the submission states it (Reg. 65 Art. 7: "dự kiến
    bố trí sau luân chuyển"); what a person must still settle is a bracketed placeholder."""
    if row.state is AfterState.STAY:
        return f"tiếp tục công tác tại vị trí luân chuyển đến ({rotated_post})"
    if row.state is AfterState.POST and row.post is not None:
        title, unit = _post(scenario, row.post.unit, row.post.title)
        start = row.expected_start
        when = f" từ ngày {vietnamese_date(start)}" if start is not None else ""
        home = ", trở về đơn vị công tác trước khi luân chuyển" if row.home else ""
        return f"bố trí {title} – {unit}{when} (vị trí dự kiến trống {row.post.id}{home})"
    if row.state is AfterState.NOT_NEEDED:
        horizon = scenario.after_rotation.horizon if scenario.after_rotation else None
        after = f" sau mốc {vietnamese_date(horizon)}" if horizon is not None else ""
        return f"thời gian luân chuyển kết thúc{after}; việc bố trí sau luân chuyển sẽ đề xuất sau"
    return AFTER_PLACEHOLDER


def _fact(scenario, a: Assignment, cadres, slots, names, statuses) -> PlacementFact:
    cadre: Cadre | None = cadres.get(a.cadre)
    slot: Slot | None = slots.get(a.slot)
    title, unit = _post(scenario, slot.unit, slot.title) if slot else (a.slot, a.slot)
    try:
        start = date.fromisoformat(a.start) if a.start else None
    except ValueError:
        start = None
    waivers = tuple(
        WaiverFact(str(d.get("rule") or ""), str(d.get("by") or "[cấp có thẩm quyền]"), d.get("ref"))
        for d in a.waiver_details
    )
    return PlacementFact(
        cadre=a.cadre,
        name=cadre.name if cadre else "[họ tên]",
        current=_current(scenario, cadre) if cadre else "[chức vụ hiện tại]",
        slot=a.slot,
        title=title,
        unit=unit,
        start=start,
        categories=_categories(scenario, cadre) if cadre else "",
        reason=_reason(scenario, slot, names) if slot else "",
        waivers=waivers,
        status=(statuses or {}).get((a.cadre, a.slot)),
    )


def violations(scenario: Scenario, plan: Plan) -> list[Violation]:
    """The independent checker's verdict on the plan, against the scenario as written (a re-plan's
    placements before its as-of date are history, as `planner check --as-of` reads them)."""
    as_of = date.fromisoformat(plan.replan.as_of) if plan.replan else None
    return check_plan(scenario, plan, as_of)
