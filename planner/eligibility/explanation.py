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


def years_between(earlier: date, later: date) -> float:
    """Whole months between two dates, in years to one decimal: what a planner reads as 'years left'."""
    return round((month_index(later) - month_index(earlier)) / 12, 1)


def rules_checked(eligibility: Eligibility, cadre: int, slot: int, start: int) -> list[str]:
    """The rules the placement was verified against: every rule that bears on it (`Rule.applies`)."""
    return [rule.id.value for rule in RULES.values() if rule.applies(eligibility, cadre, slot, start)]


def assignment_explanation(
    eligibility: Eligibility, scoring: Scoring, cadre: int, slot: int, start: int, eligible_slots: int
) -> AssignmentExplanation:
    """The cadre's categories, the service left, the score parts and the rules checked."""
    facts = eligibility.facts[cadre]
    parts = {**scoring.pair_components(cadre, slot), **scoring.start_components(start)}
    return AssignmentExplanation(
        categories=sorted(facts.categories),
        retirement_date=facts.retirement.isoformat(),
        years_left_at_start=years_between(eligibility.starts[start], facts.retirement),
        components={k: v for k, v in parts.items() if v},
        rules_checked=rules_checked(eligibility, cadre, slot, start),
        eligible_slots=eligible_slots,
    )
