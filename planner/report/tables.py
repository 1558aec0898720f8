"""The content of a report, as tables both the HTML page and the Excel workbook print.

Each table is a pandas DataFrame with Vietnamese-first headers; dates stay `datetime.date` so that Excel
gets real dates and HTML prints them as ISO text. Names come from `cadre_names` (full or redacted) only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

import pandas as pd

from models.plan import AssignmentExplanation, Plan
from models.scenario import Rules, Scenario
from planner.analysis.afters import (
    AfterRow,
    after_row_text,
    after_short,
    assignment_afters,
    by_end,
    plan_afters,
    shows_afters,
)
from planner.analysis.binding import value_text
from planner.analysis.comparison import has_plan
from planner.checker import Violation
from planner.eligibility.explanation import service_text
from planner.figures.naming import cadre_names, cadre_posts
from planner.figures.placements import parse_start, slot_names
from planner.rules import RULES
from planner.wording import (
    KPI_WORDS,
    both,
    category_words,
    date_text,
    parts_text,
    rule_text,
    status_label,
    yes_no,
)
from planner.wording.afters import AFTER_HEADERS, NO_AFTER_ROTATION

#: After a status that held when the plan was made, for a scenario that has changed since.
WHEN_MADE = " (khi lập phương án / when the plan was made)"
CADRE_ID = "Mã cán bộ / Cadre id"
NAME = "Họ tên / Name"
SLOT_ID = "Mã vị trí / Slot id"
START = "Bắt đầu / Start"
END = AFTER_HEADERS["end"]
AFTER = AFTER_HEADERS["after"]
COMMENTS = "Ý kiến / Comments"
PLAN = "Phương án / Plan"
OBJECTIVE = both(KPI_WORDS["objective"])
ROTATIONS = both(KPI_WORDS["rotations"])


def cell_text(value: object) -> str:
    """A table cell as text, the same on the report and the web page: empty for none, ISO dates, `%g`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def explanation_text(explanation: AssignmentExplanation | None, redact: bool = False) -> str:
    """One readable line from the explanation `planner solve` stores with an assignment ('' if none);
    redacted, without the retirement date (it is the birth date moved by the retirement age)."""
    if explanation is None:
        return ""
    parts = []
    if explanation.categories:
        categories = [both(category_words(c)) for c in explanation.categories]
        parts.append("Diện / Category: " + "; ".join(categories))
    if explanation.retirement_date and not redact:
        years = ""
        if explanation.months_left_at_start is not None:
            vi, en = service_text(explanation.months_left_at_start)
            years = f" (còn {vi} công tác / {en} left)"
        elif explanation.years_left_at_start is not None:
            left = f"{explanation.years_left_at_start:.1f}"
            years = f" (còn {left.replace('.', ',')} năm công tác / {left} years left)"
        parts.append(f"Nghỉ hưu / Retires {date_text(explanation.retirement_date)}{years}")
    if explanation.components:
        parts.append(f"Điểm / Score: {parts_text(explanation.components)}")
    if explanation.rules_checked:
        count = len(explanation.rules_checked)
        parts.append(f"Đã kiểm tra {count} quy định / {count} rule{'' if count == 1 else 's'} checked")
    return ". ".join(parts)


def plan_table(scenario: Scenario, plan: Plan, redact: bool) -> pd.DataFrame:
    """The assignments as leadership reviews them, in plan order, with an empty comments column; names,
    current posts and retirement dates as `planner.figures.naming` shows them (`redact`). Each rotation's
    end is computed from the scenario (blank where the start is no date or the ids unknown); the placement
    after it is shown where the scenario has `after_rotation` or the plan gives one (`shows_afters`)."""
    names = cadre_names(scenario, redact)
    current = cadre_posts(scenario, redact)
    destinations = slot_names(scenario)
    with_after = shows_afters(scenario, plan)

    def way_back(row: AfterRow | None) -> dict[str, object]:
        shown: dict[str, object] = {END: row.end if row is not None else None}
        if with_after:
            shown[AFTER] = after_row_text(row) if row is not None else ""
        return shown

    rows = [
        {
            CADRE_ID: a.cadre,
            NAME: names.get(a.cadre, "?"),
            "Chức vụ hiện tại / Current post": current.get(a.cadre, ""),
            SLOT_ID: a.slot,
            "Vị trí đến / Destination": destinations.get(a.slot, "?"),
            START: parse_start(a.start) or (a.start or ""),
            **way_back(row),
            "Điểm / Score": a.score,
            "Miễn trừ / Waivers": ", ".join(a.waivers),
            "Giải thích / Explanation": explanation_text(a.explanation, redact),
            COMMENTS: "",
        }
        for a, row in zip(plan.assignments, assignment_afters(scenario, plan), strict=True)
    ]
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else [CADRE_ID, NAME, START, COMMENTS])


def afters_table(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """Every rotation by its end date with its `after` (CONTRACT §6.5): the report's section. Dates stay
    dates; the post's unit and title as ids (names are the scenario's, the section is the plan's ids)."""
    h = AFTER_HEADERS
    horizon = scenario.after_rotation.horizon if scenario.after_rotation else None
    rows = [
        {
            h["cadre"]: r.cadre,
            h["slot"]: r.slot,
            h["start"]: r.start,
            h["end"]: r.end,
            h["needed"]: yes_no(r.needed) if horizon is not None else both(NO_AFTER_ROTATION),
            h["after"]: after_row_text(r),
            h["post"]: r.post.id if r.post else "",
            h["unit"]: r.post.unit if r.post else "",
            h["title"]: r.post.title if r.post else "",
            h["after_start"]: parse_start(r.after_start)
            if r.after_start
            else (r.end if r.state == "stay" else None),
            h["home"]: yes_no(r.home) if r.state in ("stay", "post") else "",
        }
        for r in by_end(plan_afters(scenario, plan))
    ]
    return pd.DataFrame(rows, columns=list(h.values()))


#: A comparison's columns for one plan: each rotation's end and what follows it.
PLAN_END = "{plan} — kết thúc / end"
PLAN_AFTER = "{plan} — sau luân chuyển / after"


def compare_afters_table(scenario: Scenario, plans: Mapping[str, Plan]) -> pd.DataFrame:
    """Each cadre any of `plans` rotates, with each plan's end and `after` side by side (blank where a
    plan does not rotate it), in the order the plans first place them. Empty when no plan shows the way
    back (`shows_afters`)."""
    if not any(shows_afters(scenario, plan) for plan in plans.values()):
        return pd.DataFrame()
    rows: dict[str, dict[str, object]] = {}
    for name, plan in plans.items():
        for r in plan_afters(scenario, plan):
            row = rows.setdefault(r.cadre, {CADRE_ID: r.cadre})
            row[PLAN_END.format(plan=name)] = r.end
            row[PLAN_AFTER.format(plan=name)] = after_short(r)
    columns = [CADRE_ID] + [
        c for name in plans for c in (PLAN_END.format(plan=name), PLAN_AFTER.format(plan=name))
    ]
    return pd.DataFrame(list(rows.values()), columns=columns)


#: What a redacted report shows for a violation's detail: the rule's words stay, the instance's facts go.
REDACTED_DETAIL = "(ẩn trong bản ẩn danh / hidden in a redacted report)"


def violation_table(violations: list[Violation], rules: Rules, redact: bool = False) -> pd.DataFrame:
    """What the independent checker found; messages name ids only, but state a rule's facts about the
    person (a retirement date, an age at the start, the day a qualification is held), so a redacted
    report keeps the rule and the ids and leaves the detail out."""
    rows = [
        {
            "Quy định / Rule": v.rule,
            "Nội dung / Rule text": both(rule_text(v.rule, rules)) if v.rule in RULES else "",
            CADRE_ID: v.cadre or "",
            SLOT_ID: v.slot or "",
            "Chi tiết / Detail": REDACTED_DETAIL if redact else v.message,
        }
        for v in violations
    ]
    columns = [
        "Quy định / Rule",
        "Nội dung / Rule text",
        CADRE_ID,
        SLOT_ID,
        "Chi tiết / Detail",
    ]
    return pd.DataFrame(rows, columns=columns)


def variant_text(plan: Plan) -> str:
    """`quota-7 (rules.quota.max=7)`, or '' for a plan under the scenario's own rules."""
    if plan.variant is None:
        return ""
    overrides = ", ".join(f"{path}={value_text(value)}" for path, value in plan.variant.overrides.items())
    return f"{plan.variant.name or ''} ({overrides})".strip()


def summary_table(
    scenario: Scenario, plan: Plan, headline: str, verdicts: list[str], scenario_changed: bool
) -> pd.DataFrame:
    """Key facts of the plan, `headline` first (what the plan file is: `standing.headline`), then the
    checker's verdicts (each naming its rules), as label/value rows. Numbers stay numbers.

    A plan file without a plan (INFEASIBLE, UNKNOWN) shows no objective, bound or count: there is no plan
    to measure. When the scenario changed since the plan was made, a warning comes first, the status is
    marked as the one the plan was made with, and the bound (which only a new solve could give) is not
    shown."""
    period = scenario.period
    items: dict[str, object] = {}
    if scenario_changed:
        items["Cảnh báo / Warning"] = (
            "kịch bản đã thay đổi kể từ khi lập phương án; điểm đã được tính lại / the scenario has changed "
            "since the plan was made; scores are recomputed"
        )
    items["Kết quả / Result"] = headline
    items |= {
        "Kịch bản / Scenario": scenario.title or scenario.name,
        "Mã kịch bản / Scenario id": scenario.name,
        "Giai đoạn / Period": f"{period.start.isoformat()} → {period.end.isoformat()}",
        "Trạng thái / Status": status_label(plan.status) + (WHEN_MADE if scenario_changed else ""),
    }
    if has_plan(plan):
        items |= {OBJECTIVE: plan.objective, "Cận trên / Best bound": plan.best_bound}
        items[ROTATIONS] = len(plan.assignments)
    if plan.interrupted:
        items["Bị dừng / Interrupted"] = (
            "lần giải bị dừng theo yêu cầu; đây là phương án tốt nhất tìm được đến lúc đó / the solve was "
            "stopped on request; this is the best plan found by then"
        )
    for number, verdict in enumerate(verdicts, start=1):
        label = "Kiểm tra độc lập / Independent check"
        items[label if number == 1 else f"{label} ({number})"] = verdict
    for number, change in enumerate(plan.what_if, start=1):
        items[f"Giả định / What-if {number}"] = change.text
    if plan.variant is not None:
        items["Biến thể quy định / Rule variant"] = variant_text(plan)
    if plan.alternative is not None:
        items["Hạng phương án thay thế / Alternative rank"] = plan.alternative.rank
        items["Kém phương án tốt nhất / Gap to best"] = plan.alternative.gap
    if plan.solver is not None:
        s = plan.solver
        items["Bộ giải / Solver"] = (
            f"{s.name} {s.version} · hạt giống / seed {s.seed} · số luồng / workers {s.workers}"
        )
    return pd.DataFrame({"Mục / Item": list(items), "Giá trị / Value": list(items.values())})
