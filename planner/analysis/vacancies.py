"""Projected vacancies (CONTRACT §6.4, issue 26 item 3): the posts that the scenario's own facts open by a
day, as entries a planner can paste into `after_rotation.posts`.

No post is created for a rotation (Reg. 65-QĐ/TW), and the planner never invents one: a placement after a
rotation needs a post that is projected to open. This module lists the openings the scenario itself
implies, each with the fact behind it, and nothing else:

- a head reaching `rules.term_limit_years` in its post (from `head_since`: `tenure_limit_day`);
- a cadre's retirement (its current post opens on the retirement date);
- with a plan, a rotated cadre's departure from its current post on its start.

Each holder's post opens once, on the earliest of its facts. A fact dated before the period opens the post
on the period's start (the scenario plans nothing earlier). Left out on purpose, because the facts do not
say them: a rotated cadre's retirement (where it then serves depends on its `after`), a post whose
departure the plan fills at once (a `vacated_by` slot the plan assigns), a head term-limited by
`head_terms` alone (no day: its post opens when a plan rotates it, `--plan`), reorganisations. The day a post
opens is the fact's own day, so a retirement's `open_from` tells the retirement month: the output carries
ids and dates, never a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.errors import InputError, InputProblem
from models.limits import MAX_ID_CHARS
from models.plan import Plan
from models.scenario import AfterPost, Scenario
from planner.rules.categories import cadre_facts, tenure_limit_day

#: How much of `UNIT.TITLE` a post id keeps, leaving room for `@YYYY-MM` and a `-N` suffix.
_ROOM = MAX_ID_CHARS - 16
#: The facts that open a post, in the order a tie between two of them on one day is told.
REASONS = ("departure", "tenure", "retirement")


@dataclass(frozen=True)
class ProjectedVacancy:
    """One post the facts open: the `after_rotation.posts` entry, the fact and the holder whose fact it is."""

    post: AfterPost
    #: `departure` (the plan rotates the holder), `tenure` (the holder reaches the term limit) or
    #: `retirement`.
    reason: str
    #: The holder's id.
    cadre: str
    #: The fact's own day; `post.open_from` is the period's start when this is earlier.
    fact_day: date
    #: The id of an `after_rotation.posts` entry the scenario already has for this post (same unit, title
    #: and `open_from`), else None: such an entry is not to be pasted again.
    listed: str | None = None


def plan_departures(scenario: Scenario, plan: Plan, plan_name: str) -> dict[str, date]:
    """`{cadre: its earliest start}` for the plan's assignments; an assignment whose start is missing or
    not a date is bad input (`InputError` naming the plan file, the assignment and the field)."""
    departures: dict[str, date] = {}
    problems: list[InputProblem] = []
    for row, assignment in enumerate(plan.assignments):
        try:
            start = date.fromisoformat(assignment.start or "")
        except ValueError:
            message = "không phải ngày dạng YYYY-MM-DD / not a YYYY-MM-DD date"
            problems.append(InputProblem(plan_name, f"assignments[{row}].start", message, assignment.start))
            continue
        if assignment.cadre not in departures or start < departures[assignment.cadre]:
            departures[assignment.cadre] = start
    if problems:
        raise InputError(problems)
    return departures


def _filled_chains(scenario: Scenario, plan: Plan | None) -> set[str]:
    """The cadres whose `vacated_by` slot the plan assigns: their post is filled as they leave it."""
    if plan is None:
        return set()
    assigned = {a.slot for a in plan.assignments}
    return {s.vacated_by for s in scenario.slots if s.vacated_by is not None and s.id in assigned}


def projected_vacancies(
    scenario: Scenario, until: date, plan: Plan | None = None, plan_name: str = "--plan"
) -> tuple[ProjectedVacancy, ...]:
    """Every post the scenario's facts (and the plan's departures, with `plan`) open on or before `until`,
    by `open_from`, unit, title and holder; ids `UNIT.TITLE@YYYY-MM`, with `-2`, `-3`... where two posts
    of one title open in one unit in one month. Raises `InputError` for a plan start that is not a date."""
    departures = plan_departures(scenario, plan, plan_name) if plan is not None else {}
    filled = _filled_chains(scenario, plan)
    found: list[tuple[date, str, str, str, str, date]] = []
    for cadre in scenario.cadres:
        current = cadre.current
        if current is None:
            continue
        if cadre.id in departures:  # the plan says when it leaves, whatever its tenure
            if cadre.id in filled:
                continue
            facts = [(departures[cadre.id], "departure")]
        else:
            tenure = tenure_limit_day(scenario, cadre)
            facts = [(cadre_facts(scenario, cadre).retirement, "retirement")]
            facts += [(tenure, "tenure")] if tenure is not None else []
        day, reason = min(facts, key=lambda fact: (fact[0], REASONS.index(fact[1])))
        opens = max(day, scenario.period.start)
        if opens <= until:
            found.append((opens, current.unit, current.title, cadre.id, reason, day))
    found.sort()
    listed = {
        (p.unit, p.title, p.open_from): p.id
        for p in (scenario.after_rotation.posts if scenario.after_rotation else ())
    }
    taken = {p.id for p in scenario.after_rotation.posts} if scenario.after_rotation else set()
    vacancies = []
    for opens, unit, title, cadre_id, reason, day in found:
        already = listed.pop((unit, title, opens), None)
        post_id = already or _free_id(f"{unit}.{title}"[:_ROOM] + f"@{opens:%Y-%m}", taken)
        taken.add(post_id)
        post = AfterPost(id=post_id, unit=unit, title=title, open_from=opens)
        vacancies.append(ProjectedVacancy(post, reason, cadre_id, day, already))
    return tuple(vacancies)


def _free_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not in `taken`."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
