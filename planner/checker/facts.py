"""The checker's own reading of who a cadre is (docs/rules.md, "Cadre categories").

Everything is derived here from the scenario alone, never taken from the solver's eligibility table, so
that a mistake on the solver side shows up as a violation instead of being repeated by the checker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from models.dates import age_in_years, retirement_date
from models.scenario import Cadre, Rules, Scenario, Title, Youth

PLANNING = "planning"
NO_DISTRICT_EXPERIENCE = "no_district_experience"
TERM_LIMIT = "term_limit"
LOCAL_KEY_POST = "local_key_post"
MUST_ROTATE = "must_rotate"


def categories_of(cadre: Cadre, rules: Rules, titles: Mapping[str, Title]) -> frozenset[str]:
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
        if current.head_terms >= rules.max_consecutive_head_terms:
            found.add(TERM_LIMIT)
        title = titles.get(current.title)
        if title is not None and title.non_local and current.unit in cadre.local_to:
            found.add(LOCAL_KEY_POST)
    if cadre.must_rotate:
        found.add(MUST_ROTATE)
    return frozenset(found)


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
    categories = categories_of(cadre, rules, scenario.titles)
    return CadreFacts(
        categories=categories,
        bound=categories & frozenset(rules.mandatory_rotation),
        retirement=retirement_of(cadre),
    )


def facts_by_cadre(scenario: Scenario) -> dict[str, CadreFacts]:
    """Facts of every cadre of the scenario, keyed by cadre id."""
    return {cadre.id: cadre_facts(cadre, scenario) for cadre in scenario.cadres}
