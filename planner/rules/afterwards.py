"""What may follow a rotation (CONTRACT §6.4, §6.6): the one solver-side home of the facts of
`after_placement`, as `readiness.py` is for the pool.

A rotation (cadre, slot, start) ends at start + `rules.rotation_months`. Where the scenario has
`after_rotation` and that end is on or before its horizon, the plan must give it an `after`: staying at
the rotated post, or one of the projected posts. Which of those one rotation may take depends only on the
scenario and that one rotation, so it is computed here once and read by the rule's CP-SAT part, the hint,
`explain` and the views alike; what binds several rotations together (no two cadres take one post) is the
rule's own. The independent checker (`planner.checker`) re-reads the contract and shares none of this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.dates import add_months
from models.rule_ids import RuleId
from models.scenario import AfterPost
from planner.rules.categories import LOCAL_KEY_POST, TERM_LIMIT
from planner.rules.index import ScenarioIndex
from planner.rules.title_standards import held_from


@dataclass(frozen=True)
class AfterOption:
    """One placement a rotation may lead to: staying (`post` None) or a projected post from `start`."""

    post: AfterPost | None
    start: date
    #: The post is in the cadre's current unit: the sending body takes it back (objective `after_home`).
    home: bool = False

    @property
    def stay(self) -> bool:
        return self.post is None


def rotation_end(index: ScenarioIndex, start: date) -> date:
    """The rotation's `end`: start + `rules.rotation_months` (default `min_duration_months`)."""
    return add_months(start, index.scenario.rules.rotation_length)


def needs_after(index: ScenarioIndex, start: date) -> bool:
    """True when a rotation starting on `start` must have an `after`: it ends by the horizon."""
    after = index.scenario.after_rotation
    return after is not None and rotation_end(index, start) <= after.horizon


def may_stay(index: ScenarioIndex, cadre: int, slot: int) -> bool:
    """Staying is allowed on a `may_stay` slot, or for a term-limited cadre or a local key-post holder
    (the categories themselves, whatever `rules.mandatory_rotation` lists: CONTRACT §6.6)."""
    categories = index.facts[cadre].categories
    return index.slots[slot].may_stay or bool(categories & {TERM_LIMIT, LOCAL_KEY_POST})


def post_refusal(index: ScenarioIndex, cadre: int, post: AfterPost, end: date) -> str | None:
    """The clause of §6.4 that keeps the cadre out of `post` after a rotation ending on `end` (a short
    English tag: `window`, `rank_lower`, `rank_higher`, `non_local`, `standards`, `retirement`), or
    None when the post is open to it. "No two cadres take one post" is the rule's, not this."""
    scenario = index.scenario
    person = index.cadres[cadre]
    window = scenario.after_rotation.window_months if scenario.after_rotation else 0
    if not add_months(end, -window) <= post.open_from <= add_months(end, window):
        return "window"
    title = scenario.titles[post.title]
    rank = scenario.titles[person.current.title].rank if person.current else None
    if title.rank is not None and rank is not None and not person.waives(RuleId.EQUIVALENT_RANK):
        if title.rank < rank:
            return "rank_lower"
        if title.rank > rank + scenario.rules.max_rank_step:
            return "rank_higher"
    if title.non_local and post.unit in person.local_to and not person.waives(RuleId.NON_LOCALITY):
        return "non_local"
    start = max(end, post.open_from)
    for code in title.requires:
        since = held_from(index, cadre, code)
        if since is None or since > start:
            return "standards"
    if not start < index.facts[cadre].retirement:
        return "retirement"
    return None


def is_home(index: ScenarioIndex, cadre: int, post: AfterPost) -> bool:
    """The post is in the cadre's current unit: the sending body takes it back (`after_home`)."""
    current = index.cadres[cadre].current
    return current is not None and post.unit == current.unit


def after_options(index: ScenarioIndex, cadre: int, slot: int, start: date) -> tuple[AfterOption, ...]:
    """Every `after` the rotation (cadre, slot, start) may take on its own, staying first, then the posts in
    the scenario's order; empty when none is allowed (and none when no `after` is needed: see
    `needs_after`)."""
    end = rotation_end(index, start)
    options = [AfterOption(None, end)] if may_stay(index, cadre, slot) else []
    after = index.scenario.after_rotation
    for post in after.posts if after else ():
        if post_refusal(index, cadre, post, end) is None:
            options.append(AfterOption(post, max(end, post.open_from), home=is_home(index, cadre, post)))
    return tuple(options)
