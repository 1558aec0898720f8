"""Why a placement stands, as the plan file stores it beside each assignment.

Built from the same eligibility table and scoring as the model, at solve time, so a report never needs
a re-solve and the explanation shows the plan's own numbers.
"""

from __future__ import annotations

from datetime import date

from models.dates import month_index
from models.plan import AssignmentExplanation
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.rules import RULES


def months_of_service(start: date, retirement: date) -> int:
    """Whole months from the start month to the last month of work, the month before the retirement date
    (Guidance 06-HD/BTCTW): retiring 2042-09-01, a start in 08/2032 leaves 120 months."""
    return month_index(retirement) - 1 - month_index(start)


def years_between(start: date, retirement: date) -> float:
    """The months of service left, in years to one decimal: what a planner reads as 'years left'."""
    return round(months_of_service(start, retirement) / 12, 1)


def service_text(months: int) -> tuple[str, str]:
    """'9 năm 11 tháng', '9 years 11 months': how Guidance 06 states remaining working time."""
    years, rest = divmod(months, 12)
    if months < 0:
        return "đã nghỉ hưu", "retired"
    return (
        f"{years} năm {rest} tháng",
        f"{years} year{'' if years == 1 else 's'} {rest} month{'' if rest == 1 else 's'}",
    )


def rules_checked(eligibility: Eligibility, cadre: int, slot: int, start: int) -> list[str]:
    """The rules the placement was verified against: every rule that bears on it (`Rule.applies`)."""
    return [rule.id.value for rule in RULES.values() if rule.applies(eligibility, cadre, slot, start)]


def assignment_explanation(
    eligibility: Eligibility,
    scoring: Scoring,
    cadre: int,
    slot: int,
    start: int,
    eligible_slots: int,
    after_home: bool = False,
) -> AssignmentExplanation:
    """The cadre's categories, the service left, the score parts and the rules checked; `after_home`: the
    plan's `after` for it is a post in its current unit (a score part of the plan's choice, §6.4)."""
    facts = eligibility.facts[cadre]
    parts = scoring.components(cadre, slot, start)
    if after_home:
        parts["after_home"] = scoring.after_home_weight
    return AssignmentExplanation(
        categories=sorted(facts.categories),
        retirement_date=facts.retirement.isoformat(),
        years_left_at_start=years_between(eligibility.starts[start], facts.retirement),
        months_left_at_start=months_of_service(eligibility.starts[start], facts.retirement),
        components={k: v for k, v in parts.items() if v},
        rules_checked=rules_checked(eligibility, cadre, slot, start),
        eligible_slots=eligible_slots,
    )
