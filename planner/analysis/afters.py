"""What follows each rotation of a plan (CONTRACT §6.4, §6.5), as data for the views.

The plan table, the timeline, the report's "rotations by end date", `compare`, the review app, the
workspace's diff and export and the submission document read these records. Each rotation's `end` is
computed here from the scenario (`planner.rules.afterwards.rotation_end`), never read from the plan file:
a file may be hand-made or stale. Its `after` is read as the file gives it (`models.plan.after_choice`),
since that is what the plan proposes; a missing or unreadable one is shown as such, for the checker's
verdict (`after_placement`) sits beside it. `explain` asks what a rotation MAY lead to: `after_outlook`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from models.dates import add_months
from models.plan import AfterMove, AfterStay, Assignment, Plan, after_choice
from models.scenario import AfterPost, Scenario
from planner.rules.afterwards import after_options, may_stay, needs_after, post_refusal, rotation_end
from planner.rules.categories import LOCAL_KEY_POST, TERM_LIMIT
from planner.rules.index import ScenarioIndex
from planner.rules.title_standards import held_from
from planner.wording import both, date_text
from planner.wording.afters import (
    AFTER_STATE_WORDS,
    NO_WAY_BACK,
    PLAN_AFTER,
    after_line,
    bad_start_line,
    end_line,
    post_option_line,
    refusal_line,
    stay_line,
)


class AfterState(StrEnum):
    """What a plan gives after one rotation."""

    #: `{"stay": true}`.
    STAY = "stay"
    #: `{"post": ID, "start": DATE}` naming a post of `after_rotation.posts`.
    POST = "post"
    #: No `after`, and none is needed: no `after_rotation`, or the rotation ends after its horizon.
    NOT_NEEDED = "not_needed"
    #: No `after` although the rotation ends by the horizon.
    MISSING = "missing"
    #: An `after` of neither form.
    UNREADABLE = "unreadable"
    #: A `post` form naming no post of `after_rotation.posts`.
    UNKNOWN_POST = "unknown_post"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class AfterRow:
    """One rotation, its end computed from the scenario, and the placement the plan gives after it."""

    cadre: str
    slot: str
    start: date
    end: date
    #: The rotation ends by `after_rotation.horizon`: the plan must give it an `after`.
    needed: bool
    state: AfterState
    #: The post a `post` form names (None for every other state).
    post: AfterPost | None = None
    #: The post id a `post` form names, as written (also when the scenario has no such post).
    named: str | None = None
    #: The start the plan writes for a `post` form, as written (text: a hand-made file may hold anything).
    after_start: str | None = None
    #: The start §6.4 computes for that post: the later of `end` and its `open_from`.
    expected_start: date | None = None
    #: The post (or, staying, the rotated post) is in the cadre's current unit.
    home: bool = False

    @property
    def start_as_computed(self) -> bool:
        """False for a `post` form whose written start is not the computed one (it breaks the rule)."""
        return self.expected_start is None or self.after_start == self.expected_start.isoformat()


def _row(index: ScenarioIndex, a: Assignment, start: date) -> AfterRow:
    scenario = index.scenario
    end = rotation_end(index, start)
    needed = needs_after(index, start)
    missing = AfterRow(a.cadre, a.slot, start, end, needed, AfterState.MISSING)
    current = index.cadres[index.cadre_index[a.cadre]].current
    home = current.unit if current is not None else None
    if a.after is None:
        return missing if needed else replace(missing, state=AfterState.NOT_NEEDED)
    choice = after_choice(a.after)
    if isinstance(choice, AfterStay):
        slot_unit = index.slots[index.slot_index[a.slot]].unit
        return replace(missing, state=AfterState.STAY, home=slot_unit == home)
    if isinstance(choice, AfterMove):
        posts = {p.id: p for p in scenario.after_rotation.posts} if scenario.after_rotation else {}
        post = posts.get(choice.post)
        if post is None:
            return replace(
                missing, state=AfterState.UNKNOWN_POST, named=choice.post, after_start=choice.start
            )
        return replace(
            missing,
            state=AfterState.POST,
            post=post,
            named=choice.post,
            after_start=choice.start,
            expected_start=max(end, post.open_from),
            home=post.unit == home,
        )
    return replace(missing, state=AfterState.UNREADABLE)


def after_row_text(row: AfterRow) -> str:
    """The plan's `after` of one rotation in words, and a written start that is not the computed one."""
    post = row.post
    text = after_line(
        row.state,
        post=row.named,
        unit=post.unit if post else None,
        title=post.title if post else None,
        start=row.after_start,
        home=row.home,
    )
    if row.state is AfterState.UNKNOWN_POST:
        return text
    if not row.start_as_computed and row.expected_start is not None:
        text += f"; {bad_start_line(row.after_start, row.expected_start)}"
    return text


def after_short(row: AfterRow) -> str:
    """The `after` in a few words, for plans side by side: the post id and its start, staying, or the
    state's words."""
    if row.state is AfterState.POST and row.post is not None:
        return f"{row.post.id} · {date_text(row.after_start or '')}"
    vi, en = AFTER_STATE_WORDS[row.state]
    return f"{vi} / {en}"


def assignment_afters(scenario: Scenario, plan: Plan | None) -> list[AfterRow | None]:
    """One entry per assignment of `plan`, in its order: its row, or None for an assignment naming an
    unknown cadre or slot or a start that is not a date (the checker names those: `unknown_reference`).
    The views look a placement's row up by position, never by re-reading its start."""
    index = ScenarioIndex(scenario)
    rows: list[AfterRow | None] = []
    for a in plan.assignments if plan is not None else ():
        start = _day(a.start)
        known = start is not None and a.cadre in index.cadre_index and a.slot in index.slot_index
        rows.append(_row(index, a, start) if known and start is not None else None)
    return rows


def plan_afters(scenario: Scenario, plan: Plan | None) -> list[AfterRow]:
    """A row per assignment naming a known cadre and slot with a start that is a date, in plan order;
    empty without a plan."""
    return [row for row in assignment_afters(scenario, plan) if row is not None]


def by_end(rows: list[AfterRow]) -> list[AfterRow]:
    """The rotations by end date, then by cadre id: the order of the report's "rotations by end date"."""
    return sorted(rows, key=lambda r: (r.end, r.cadre))


def shows_afters(scenario: Scenario, plan: Plan | None) -> bool:
    """Whether a view shows the way back at all: the scenario has `after_rotation`, or the plan gives an
    `after` (an edition-2 scenario's plan without one is shown as it always was)."""
    return scenario.after_rotation is not None or any(
        a.after is not None for a in (plan.assignments if plan is not None else ())
    )


@dataclass(frozen=True)
class PostOutlook:
    """One projected post after a rotation: the start it would take, whether it is home, and the clause of
    §6.4 that closes it to the cadre (`post_refusal`'s tag), None when open."""

    post: AfterPost
    start: date
    home: bool
    refusal: str | None
    #: The scenario's numbers behind the refusal (`planner.wording.afters.REFUSAL_WORDS`' fields).
    facts: dict[str, str] = field(default_factory=dict)
    #: The other cadres the plan gives this post to (no two may take one post: the rule's, across
    #: rotations, so an open post may still be out of reach in this plan).
    taken_by: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class AfterOutlook:
    """What one rotation (cadre, slot, start) may lead to: whether it needs an `after`, whether staying is
    allowed and on which ground, every projected post open or closed, and what the plan chose."""

    cadre: str
    slot: str
    start: date
    end: date
    #: None without `after_rotation`.
    horizon: date | None
    window_months: int
    needed: bool
    #: Why staying is allowed: `may_stay` (the slot), `term_limit`, `local_key_post`; empty: not allowed.
    stay_grounds: tuple[str, ...]
    posts: tuple[PostOutlook, ...]
    #: The plan's `after` for this rotation, read (None: no plan, or the rotation is not the plan's).
    chosen: AfterRow | None

    @property
    def may_stay(self) -> bool:
        return bool(self.stay_grounds)

    @property
    def open_posts(self) -> tuple[PostOutlook, ...]:
        return tuple(p for p in self.posts if p.open)

    @property
    def has_way_back(self) -> bool:
        """At least one `after` is allowed on its own (others may still take the posts)."""
        return self.may_stay or bool(self.open_posts)


def stay_grounds(index: ScenarioIndex, cadre: int, slot: int) -> tuple[str, ...]:
    """The grounds on which `afterwards.may_stay` allows staying, each named (CONTRACT §6.4, §6.6)."""
    categories = index.facts[cadre].categories
    grounds: tuple[str, ...] = ("may_stay",) if index.slots[slot].may_stay else ()
    grounds += tuple(c for c in (TERM_LIMIT, LOCAL_KEY_POST) if c in categories)
    return grounds if may_stay(index, cadre, slot) else ()


def _closed(index: ScenarioIndex, cadre: int, post: AfterPost, end: date, home: str | None) -> PostOutlook:
    start = max(end, post.open_from)
    refusal = post_refusal(index, cadre, post, end)
    return PostOutlook(
        post, start, post.unit == home, refusal, refusal_facts(index, cadre, post, end) if refusal else {}
    )


def refusal_facts(index: ScenarioIndex, cadre: int, post: AfterPost, end: date) -> dict[str, str]:
    """The numbers that say why `post` is closed after a rotation ending on `end`: the window's days, the
    ranks and the step, the unit, the codes not held on the start and the day each is held, the start
    and the retirement date (explanations may state what a rule needs: CONTRACT §6.6)."""
    scenario = index.scenario
    person = index.cadres[cadre]
    window = scenario.after_rotation.window_months if scenario.after_rotation else 0
    start = max(end, post.open_from)
    missing = []
    for code in scenario.titles[post.title].requires:
        since = held_from(index, cadre, code)
        if since is None:
            missing.append(f"{code} (chưa có / not held)")
        elif since > start:
            missing.append(f"{code} (có từ / held from {date_text(since)})")
    rank = scenario.titles[person.current.title].rank if person.current else None
    return {
        "open_from": date_text(post.open_from),
        "low": date_text(add_months(end, -window)),
        "high": date_text(add_months(end, window)),
        "window": str(window),
        "post_rank": str(scenario.titles[post.title].rank),
        "rank": str(rank),
        "step": str(scenario.rules.max_rank_step),
        "unit": post.unit,
        "codes": ", ".join(missing),
        "start": date_text(start),
        "retirement": date_text(index.facts[cadre].retirement),
    }


def after_outlook(
    index: ScenarioIndex, cadre_id: str, slot_id: str, start: date, plan: Plan | None = None
) -> AfterOutlook:
    """Every `after` the rotation (cadre_id, slot_id, start) may take and why each closed post is closed;
    the open ones are exactly `after_options` (staying first, then the posts in the scenario's order)."""
    scenario = index.scenario
    cadre, slot = index.cadre_index[cadre_id], index.slot_index[slot_id]
    end = rotation_end(index, start)
    current = index.cadres[cadre].current
    home = current.unit if current is not None else None
    after = scenario.after_rotation
    allowed = {o.post.id: o for o in after_options(index, cadre, slot, start) if o.post is not None}
    rows = plan_afters(scenario, plan)
    takers: dict[str, list[str]] = {}
    for r in rows:
        if r.post is not None and r.cadre != cadre_id:
            takers.setdefault(r.post.id, []).append(r.cadre)
    posts = tuple(
        replace(
            PostOutlook(post, allowed[post.id].start, allowed[post.id].home, None)
            if post.id in allowed
            else _closed(index, cadre, post, end, home),
            taken_by=tuple(takers.get(post.id, ())),
        )
        for post in (after.posts if after else ())
    )
    chosen = next((r for r in rows if (r.cadre, r.slot, r.start) == (cadre_id, slot_id, start)), None)
    return AfterOutlook(
        cadre=cadre_id,
        slot=slot_id,
        start=start,
        end=end,
        horizon=after.horizon if after else None,
        window_months=after.window_months if after else 0,
        needed=needs_after(index, start),
        stay_grounds=stay_grounds(index, cadre, slot),
        posts=posts,
        chosen=chosen,
    )


def outlook_lines(outlook: AfterOutlook) -> list[str]:
    """The outlook as the console and the web pages print it: the end and the horizon, staying, each
    projected post open or closed and why (open ones first, then the scenario's order), the plan's
    `after`. Ids and dates only."""
    lines = [end_line(outlook.end, outlook.horizon, outlook.needed)]
    if outlook.horizon is None:
        return lines + ([after_row_text(outlook.chosen)] if outlook.chosen is not None else [])
    lines.append(stay_line(outlook.stay_grounds))
    for p in sorted(outlook.posts, key=lambda p: not p.open):
        refusal = refusal_line(p.refusal, p.facts) if p.refusal is not None else None
        lines.append(
            post_option_line(p.post.id, p.post.unit, p.post.title, p.start, p.home, refusal, p.taken_by)
        )
    if not outlook.has_way_back:
        lines.append(NO_WAY_BACK)
    if outlook.chosen is not None:
        lines.append(f"{both(PLAN_AFTER)}: {after_row_text(outlook.chosen)}")
    return lines
