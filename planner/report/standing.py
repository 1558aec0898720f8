"""What a plan file is, said before anything else: a plan (with the checker's verdict), or no plan at all
(INFEASIBLE: its conflicts and repairs; UNKNOWN: the solver found nothing), and what it assumed.

A plan file that holds no plan (`planner.analysis.comparison.has_plan`) is shown for what it is. It leads
with "Không khả thi / Infeasible", then why (its conflicts) and what would fix it (its repairs); it has no
key figures, plan table, charts or checker verdict, since there is nothing to count, draw or check (an
empty plan would be "Invalid: 4 violations" and a row of zeros). A what-if whose changes make the
scenario infeasible is said to be infeasible under those changes, not listed as a plan placing nobody.

The assumptions of a plan are the overrides it records (`planner.analysis.binding.recorded_overrides`):
its variant's or `--set` rule overrides and its what-if pins, forbids and waivers, one row each.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from models.plan import Plan
from planner.analysis.binding import RecordedOverride, recorded_overrides
from planner.analysis.comparison import has_plan
from planner.report.tables import OBJECTIVE, PLAN, ROTATIONS
from planner.wording import count_words, status_label, yes_no

INFEASIBLE = "Không khả thi / Infeasible"
NO_ASSUMPTIONS = "không có: theo kịch bản như đã viết / none: the scenario as written"
CONFLICT_COLUMNS = [
    "#",
    "Quy định / Rules",
    "Cán bộ / Cadres",
    "Vị trí / Slots",
    "Nội dung / Message",
    "Bộ kiểm tra xác nhận / Confirmed by the checker",
]
REPAIR_COLUMNS = ["#", "Thay đổi / Change", OBJECTIVE, ROTATIONS]
REPAIR_NOTE = (
    "Mỗi thay đổi dưới đây, nếu áp dụng riêng, khôi phục tính khả thi / each change below, made alone, "
    "restores a plan"
)
KIND = "Loại / Kind"
ASSUMPTION = "Giả định / Assumption"
#: A what-if change's kind as a reader names it (the CLI's `--pin`, `--forbid`, `--waive`).
CHANGE_KINDS = {
    "add_pin": "bố trí / pin",
    "add_forbid": "cấm / forbid",
    "add_waiver": "miễn trừ / waiver",
}


def headline(plan: Plan, verdicts: list[str]) -> str:
    """The first thing a page or a workbook says of a plan file: its status and the checker's first
    verdict for a plan; "Không khả thi / Infeasible", with its conflicts and repairs counted, otherwise."""
    if has_plan(plan):
        return f"{status_label(plan.status)} — {verdicts[0]}" if verdicts else status_label(plan.status)
    under_vi, under_en = (" theo các giả định của phương án", " under the plan's assumptions")
    if not plan.what_if and plan.variant is None:
        under_vi = under_en = ""
    if plan.status == "UNKNOWN":
        return (
            f"{status_label('UNKNOWN')} — bộ giải dừng trước khi tìm được phương án nào{under_vi} / "
            f"the solver stopped before it found any plan{under_en}"
        )
    conflicts_vi, conflicts_en = count_words(len(plan.conflicts), "mâu thuẫn", "conflict")
    repairs_vi, repairs_en = count_words(len(plan.repairs), "cách khắc phục", "repair")
    headline = (
        f"{INFEASIBLE} — không có phương án nào thỏa mọi quy định{under_vi}: {conflicts_vi}, {repairs_vi} / "
        f"no plan meets every rule{under_en}: {conflicts_en}, {repairs_en}"
    )
    # No repair listed means none exists only when the search proved it: the diagnosis says which.
    if not plan.repairs and plan.diagnosis is not None:
        headline += f" ({plan.diagnosis.repairs.message})"
    return headline


def conflict_table(plan: Plan) -> pd.DataFrame:
    """The irreducible sets of rules an infeasible plan file reports, one row each (messages `vi / en`)."""
    rows = [
        [
            number,
            ", ".join(c.rules),
            ", ".join(c.cadres),
            ", ".join(c.slots),
            c.message,
            "" if c.confirmed_by_checker is None else yes_no(c.confirmed_by_checker),
        ]
        for number, c in enumerate(plan.conflicts, 1)
    ]
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)


def repair_table(plan: Plan) -> pd.DataFrame:
    """Single changes that would make the scenario feasible, best objective first, as numbers."""
    rows = [[n, r.message, r.objective, r.rotations] for n, r in enumerate(plan.repairs, 1)]
    return pd.DataFrame(rows, columns=REPAIR_COLUMNS)


def infeasible_table(plan: Plan, text: str) -> pd.DataFrame:
    """A plan file without a plan as one table (a workbook sheet of a comparison): the headline `text`,
    then each conflict and each repair, Vietnamese first."""
    rows: list[list[object]] = [[INFEASIBLE if plan.status == "INFEASIBLE" else "", text, "", None, None]]
    for number, c in enumerate(plan.conflicts, 1):
        rows.append([f"Mâu thuẫn / Conflict {number}", c.message, ", ".join(c.rules), None, None])
    for number, r in enumerate(plan.repairs, 1):
        rows.append([f"Cách khắc phục / Repair {number}", r.message, "", r.objective, r.rotations])
    columns = ["Mục / Item", "Nội dung / Content", "Quy định / Rules", OBJECTIVE, ROTATIONS]
    return pd.DataFrame(rows, columns=columns)


def _kind(override: RecordedOverride) -> str:
    if override.source == "variant":
        if override.details.get("variant") is None:
            return "ghi đè quy định / rule override (--set)"
        return "biến thể quy định / rule variant"
    record = override.details.get("change")
    kind = record.get("kind") if isinstance(record, dict) else None
    return CHANGE_KINDS.get(str(kind), "thay đổi / change")


def assumptions_table(plans: Mapping[str, Plan]) -> pd.DataFrame:
    """A row per assumption of each plan (keyed by its name): its variant's rule overrides (with the
    variant's description) and its what-if pins, forbids and waivers; one row saying "none" for a plan
    of the scenario as written."""
    rows: list[list[object]] = []
    for name, plan in plans.items():
        overrides = recorded_overrides(plan)
        description = plan.variant.description if plan.variant is not None else None
        for override in overrides:
            detail = description if override.source == "variant" and description else ""
            rows.append([name, _kind(override), override.text, detail])
        if not overrides:
            rows.append([name, "", NO_ASSUMPTIONS, ""])
    return pd.DataFrame(rows, columns=[PLAN, KIND, ASSUMPTION, "Mô tả / Description"])
