"""Which categories of the Plan (clause II.1.1) a cadre falls in, and what follows from them.

The model side reads candidates, mandatory and head-bound cadres from here; the checker derives the same
facts on its own (`planner.checker.facts`), so a mistake here cannot hide in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.categories import (
    CATEGORY_LABELS,
    LOCAL_KEY_POST,
    MUST_ROTATE,
    NO_DISTRICT_EXPERIENCE,
    PLANNING,
    TERM_LIMIT,
)
from models.dates import add_years, retirement_date
from models.scenario import Cadre, Scenario

__all__ = [
    "CATEGORY_LABELS",
    "LOCAL_KEY_POST",
    "MUST_ROTATE",
    "NO_DISTRICT_EXPERIENCE",
    "PLANNING",
    "TERM_LIMIT",
]


@dataclass(frozen=True)
class CadreFacts:
    """Everything the rules need to know about one cadre beyond the raw record."""

    categories: frozenset[str]
    retirement: date
    mandatory: bool
    head_bound: bool
    #: The day the cadre reaches `rules.term_limit_years` in the current head post (from `head_since`),
    #: or None when no `head_since` is given.
    term_limit_reached: date | None = None

    @property
    def candidate(self) -> bool:
        return bool(self.categories)

    @property
    def district_only(self) -> bool:
        return self.categories == {NO_DISTRICT_EXPERIENCE}


def cadre_facts(scenario: Scenario, cadre: Cadre) -> CadreFacts:
    """Derive the categories, retirement date and mandatory duties of `cadre`."""
    rules = scenario.rules
    categories: set[str] = set()
    if cadre.planning:
        categories.add(PLANNING)
    if cadre.must_rotate:
        categories.add(MUST_ROTATE)
    reached = tenure_limit_day(scenario, cadre)
    if cadre.current is not None:
        if not cadre.district_experience:
            categories.add(NO_DISTRICT_EXPERIENCE)
        if cadre.current.head_terms >= rules.max_consecutive_head_terms or (
            reached is not None and reached <= scenario.period.end
        ):
            categories.add(TERM_LIMIT)
        if scenario.titles[cadre.current.title].non_local and cadre.current.unit in cadre.local_to:
            categories.add(LOCAL_KEY_POST)
    bound = categories & set(rules.mandatory_rotation)
    return CadreFacts(
        categories=frozenset(categories),
        retirement=cadre.retirement_date or retirement_date(cadre.gender, cadre.birth_date),
        mandatory=bool(bound) or cadre.must_rotate,
        head_bound=bool(bound),
        term_limit_reached=reached,
    )


def tenure_limit_day(scenario: Scenario, cadre: Cadre) -> date | None:
    """`head_since` + `term_limit_years`: from that day the cadre has held the head post continuously for
    the limit (Reg. 65-QĐ/TW Art. 3.3: 8 years means more than two consecutive terms)."""
    if cadre.current is None or cadre.current.head_since is None:
        return None
    return add_years(cadre.current.head_since, scenario.rules.term_limit_years)
