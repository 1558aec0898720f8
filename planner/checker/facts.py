"""The checker's own reading of who a cadre is (docs/rules.md, "Cadre categories").

Everything is derived here from the scenario alone, never taken from the solver's eligibility table, so
that a mistake on the solver side shows up as a violation instead of being repeated by the checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.categories import LOCAL_KEY_POST, MUST_ROTATE, NO_DISTRICT_EXPERIENCE, PLANNING, TERM_LIMIT
from models.dates import add_years, age_in_years, period_starts, retirement_date
from models.scenario import Cadre, Rules, Scenario, Youth


def term_limit_day(cadre: Cadre, rules: Rules) -> date | None:
    """The day the cadre has held its current head post for `rules.term_limit_years` (Reg. 65 Art. 3.3:
    8 years = "more than two consecutive terms"): `head_since` plus that many years, the same day of
    the month (29 February becomes 28 February in a common year). None without `head_since`."""
    current = cadre.current
    if current is None or current.head_since is None:
        return None
    return add_years(current.head_since, rules.term_limit_years)


def is_term_limited(cadre: Cadre, scenario: Scenario) -> bool:
    """Over the limit by terms (`head_terms >= max_consecutive_head_terms`), or by tenure: the limit
    day falls on or before the period end."""
    current = cadre.current
    if current is None:
        return False
    if current.head_terms >= scenario.rules.max_consecutive_head_terms:
        return True
    day = term_limit_day(cadre, scenario.rules)
    return day is not None and day <= scenario.period.end


def categories_of(cadre: Cadre, scenario: Scenario) -> frozenset[str]:
    """The categories that make a cadre a rotation candidate (Plan II.1.1 and the standing committee).

    A current title missing from the catalogue is not known to be `non_local`, so it never makes a
    local key post: the checker only asserts what the scenario states.
    """
    found: set[str] = set()
    if cadre.planning:
        found.add(PLANNING)
    current = cadre.current
    if current is not None:
        if not cadre.district_experience:
            found.add(NO_DISTRICT_EXPERIENCE)
        if is_term_limited(cadre, scenario):
            found.add(TERM_LIMIT)
        title = scenario.titles.get(current.title)
        if title is not None and title.non_local and current.unit in cadre.local_to:
            found.add(LOCAL_KEY_POST)
    if cadre.must_rotate:
        found.add(MUST_ROTATE)
    return frozenset(found)


def rotation_deadline(cadre: Cadre, scenario: Scenario, categories: frozenset[str]) -> date | None:
    """The latest start a term-limited cadre may have (rule `term_limit_deadline`), or None when the
    rule does not bind: `term_limit` not listed in `rules.mandatory_rotation`, no `head_since`, the
    limit day on or before the period start (over the limit already: only `mandatory_rotation` binds),
    or no start date of the period on or after the limit day."""
    if TERM_LIMIT not in categories or TERM_LIMIT not in scenario.rules.mandatory_rotation:
        return None
    day = term_limit_day(cadre, scenario.rules)
    period = scenario.period
    if day is None or day <= period.start:
        return None
    return next((s for s in period_starts(period.start, period.end, period.granularity) if s >= day), None)


def retirement_of(cadre: Cadre) -> date:
    """The scenario's override when given (another legal regime), else the Decree 135/2020 roadmap."""
    return cadre.retirement_date or retirement_date(cadre.gender, cadre.birth_date)


def is_young_at(cadre: Cadre, start: date, youth: Youth) -> bool:
    """Young cadres are rotated for training, mainly as deputies (Plan II.1.2(a)); age in whole years."""
    return age_in_years(cadre.birth_date, start) < youth.age_below


@dataclass(frozen=True)
class CadreFacts:
    """What the rules need to know about one cadre, independent of any assignment.

    `bound` holds the categories that `rules.mandatory_rotation` lists: they make the cadre both
    mandatory and head-bound, whereas `must_rotate` alone makes it mandatory only.
    """

    categories: frozenset[str]
    bound: frozenset[str]
    retirement: date
    #: The day `head_since + term_limit_years`, when `head_since` is given.
    term_limit_day: date | None = None
    #: The latest start allowed by `term_limit_deadline`, when that rule binds the cadre.
    deadline: date | None = None

    @property
    def candidate(self) -> bool:
        return bool(self.categories)

    @property
    def mandatory(self) -> bool:
        return bool(self.bound) or MUST_ROTATE in self.categories

    @property
    def head_bound(self) -> bool:
        return bool(self.bound)

    @property
    def district_only(self) -> bool:
        """Rotated only to gain district experience, so only a district post serves the purpose."""
        return self.categories == {NO_DISTRICT_EXPERIENCE}

    @property
    def mandatory_reasons(self) -> tuple[str, ...]:
        """The categories that make the cadre mandatory, sorted, for messages."""
        return tuple(sorted(self.bound | (self.categories & {MUST_ROTATE})))


def cadre_facts(cadre: Cadre, scenario: Scenario) -> CadreFacts:
    """The facts of one cadre under the scenario's rules and title catalogue."""
    rules = scenario.rules
    categories = categories_of(cadre, scenario)
    return CadreFacts(
        categories=categories,
        bound=categories & frozenset(rules.mandatory_rotation),
        retirement=retirement_of(cadre),
        term_limit_day=term_limit_day(cadre, rules),
        deadline=rotation_deadline(cadre, scenario, categories),
    )


def facts_by_cadre(scenario: Scenario) -> dict[str, CadreFacts]:
    """Facts of every cadre of the scenario, keyed by cadre id."""
    return {cadre.id: cadre_facts(cadre, scenario) for cadre in scenario.cadres}
