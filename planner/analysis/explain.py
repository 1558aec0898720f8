"""Why a cadre can or cannot go to a slot: the eligibility verdicts and score parts, as data.

Both views read the same eligibility table as the model, so an explanation never disagrees with what the
solver was allowed to do. The CLI prints these records; notebooks and reports can use them directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from models.dates import age_in_years
from models.plan import Plan
from models.rule_ids import RuleId
from planner.analysis.afters import AfterOutlook, after_outlook, shows_afters
from planner.analysis.bench_readiness import PoolReadiness, PostReadiness, cadre_readiness, post_readiness
from planner.eligibility.explanation import months_of_service, years_between
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.rules import RULES
from planner.rules.after_placement import goes_home
from planner.rules.base import GuardKey
from planner.rules.kinship import Kinship
from planner.rules.youth_heads import counts_against_cap

_CATALOG_ORDER: list[str] = list(RULES)
#: The cadre-level rules that close start dates (the others close a cadre at every start).
_HORIZON_RULES = (
    RuleId.REMAINING_SERVICE,
    RuleId.MIN_DURATION,
    RuleId.TIMING,
    RuleId.TERM_LIMIT_DEADLINE,
    RuleId.DISCIPLINE,
)
#: The rules of fit for the post (CONTRACT §6.1), whose explanation names the scenario's numbers: the
#: ranks, the missing qualification and the day it is held, the end of a discipline (§6.5).
_FIT_RULES = (RuleId.EQUIVALENT_RANK, RuleId.TITLE_STANDARDS, RuleId.DISCIPLINE)


@dataclass(frozen=True)
class PlanWideLimit:
    """A plan-wide rule that may keep an eligible pair out of a plan although no eligibility rule does:
    the youth cap, the pace, the quota or a vacancy chain; `free_from` is the first start from which it
    no longer bears on this pair (None when it bears at every start)."""

    rule: str
    free_from: str | None
    vi: str
    en: str


@dataclass(frozen=True)
class PairVerdict:
    cadre: str
    slot: str
    excluded_by: list[str]
    first_start: str | None = None
    last_start: str | None = None
    #: The score parts at `scored_at`: the plan's start when the plan places the cadre here, else the
    #: pair's first admissible start (the earlier-start part depends on it).
    score_parts: dict[str, float] = field(default_factory=dict)
    scored_at: str | None = None
    limited_by: list[PlanWideLimit] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.excluded_by

    @property
    def score(self) -> float:
        return sum(self.score_parts.values())


@dataclass(frozen=True)
class StartHorizon:
    """The cadre at one start date: age, years of service left, and the cadre's own rules that close it."""

    start: str
    age: int
    years_left: float
    #: Whole months from the start month to the last month of work (the count the service rule uses).
    months_left: int
    excluded_by: list[str]


@dataclass(frozen=True)
class CadreExplanation:
    cadre: str
    categories: list[str]
    mandatory: bool
    head_bound: bool
    retirement_date: str
    horizon: list[StartHorizon]
    verdicts: list[PairVerdict]
    placed: tuple[str, str] | None
    #: The slot a pin (a decision of the competent authority) holds the cadre to, if any.
    pinned_to: str | None = None
    #: Each pool title the cadre is planned for: the experience it lacks and the start that makes it ready.
    pools: list[PoolReadiness] = field(default_factory=list)
    #: (vi, en) of each fit rule that excludes a post or moves its first start (`fit_notes`).
    fit: list[tuple[str, str]] = field(default_factory=list)
    #: What the placement may lead to (CONTRACT §6.4): its end, staying, each projected post open or
    #: closed and why, and the plan's `after`; None when not placed or the way back is not shown
    #: (`shows_afters`).
    after: AfterOutlook | None = None


@dataclass(frozen=True)
class ChainLink:
    """One slot of a vacancy chain: it opens when `opened_by` rotates, and `filled_by` takes it."""

    slot: str
    opened_by: str | None
    filled_by: str | None
    start: str | None


@dataclass(frozen=True)
class SlotExplanation:
    slot: str
    vacated_by: str | None
    verdicts: list[PairVerdict]
    placed: tuple[str, str] | None
    chain: list[ChainLink]
    #: The planned cadres this post would make ready for a pool title (those in time first).
    readies: list[PostReadiness] = field(default_factory=list)
    #: (vi, en) of each fit rule that excludes a cadre or moves its first start (`fit_notes`).
    fit: list[tuple[str, str]] = field(default_factory=list)
    #: The slot has `may_stay`: a cadre rotated here may be kept here after the rotation (CONTRACT §6.4).
    may_stay: bool = False
    #: What the placement here may lead to, as `CadreExplanation.after`.
    after: AfterOutlook | None = None


def pair_verdict(
    eligibility: Eligibility,
    scoring: Scoring,
    cadre_pos: int,
    slot_pos: int,
    plan_start: str | None = None,
    plan: Plan | None = None,
) -> PairVerdict:
    """The rules excluding the pair at every start, or its admissible starts, its score parts at the
    start that counts (`plan_start`, the plan's start for this pair, else the first) and the plan-wide
    rules that may still keep it out (with `plan`, as the plan's other placements bear on it)."""
    cadre, slot = eligibility.cadres[cadre_pos].id, eligibility.slots[slot_pos].id
    restrictions = eligibility.restrictions(cadre_pos, slot_pos)
    lo, hi = eligibility.window(cadre_pos, slot_pos)
    if lo > hi:
        pair_rules = [r.rule for r in restrictions if r.excludes_pair]
        excluded = pair_rules or sorted({r.rule for r in restrictions})
        return PairVerdict(cadre, slot, sorted(set(excluded), key=_CATALOG_ORDER.index))
    at = next((t for t in range(lo, hi + 1) if eligibility.starts[t].isoformat() == plan_start), lo)
    parts = scoring.components(cadre_pos, slot_pos, at)
    if plan is not None and plan_start is not None:
        parts["after_home"] = _after_home(eligibility, scoring, plan, cadre_pos, slot_pos)
    return PairVerdict(
        cadre,
        slot,
        [],
        eligibility.starts[lo].isoformat(),
        eligibility.starts[hi].isoformat(),
        {k: v for k, v in parts.items() if v},
        eligibility.starts[at].isoformat(),
        plan_wide_limits(eligibility, cadre_pos, slot_pos, lo, hi, plan),
    )


def _after_home(
    eligibility: Eligibility, scoring: Scoring, plan: Plan, cadre_pos: int, slot_pos: int
) -> float:
    """The `after_home` part of the plan's placement (cadre, slot), as the plan's own score counts it."""
    cadre, slot = eligibility.cadres[cadre_pos].id, eligibility.slots[slot_pos].id
    placed = next((a for a in plan.assignments if a.cadre == cadre and a.slot == slot), None)
    home = placed is not None and goes_home(eligibility, cadre_pos, placed.after)
    return scoring.after_home_weight if home else 0


def plan_wide_limits(
    eligibility: Eligibility, cadre_pos: int, slot_pos: int, lo: int, hi: int, plan: Plan | None = None
) -> list[PlanWideLimit]:
    """Which plan-wide rules bear on an eligible pair, and from which start each no longer does; each
    worded by its rule (`Rule.phrase`). A relative's holding (`kinship`) is read from the plan's other
    placements when a plan is given."""
    rules, starts = eligibility.scenario.rules, eligibility.starts
    found = []
    if rules.youth.max_heads is not None:
        young = [t for t in range(lo, hi + 1) if counts_against_cap(eligibility, cadre_pos, slot_pos, t)]
        if young:
            free = next((t for t in range(lo, hi + 1) if t not in young), None)
            when = starts[free].isoformat() if free is not None else None
            vi, en = RULES[RuleId.YOUTH_HEADS].phrase(eligibility, [])
            if when:
                vi, en = f"{vi}, đến trước {when}", f"{en}, until {when}"
            found.append(PlanWideLimit(RuleId.YOUTH_HEADS, when, vi, en))
    post = eligibility.slots[slot_pos]
    bearing: list[tuple[RuleId, bool, list[GuardKey]]] = [
        (
            RuleId.VACANCY_CHAIN,
            post.vacated_by is not None,
            [(RuleId.VACANCY_CHAIN, post.vacated_by, post.id)],
        ),
        (RuleId.PACE, rules.max_starts_per_quarter is not None, []),
        (RuleId.QUOTA, rules.quota.max is not None, []),
    ]
    for rule_id, bears, instances in bearing:
        if bears:
            found.append(PlanWideLimit(rule_id, None, *RULES[rule_id].phrase(eligibility, instances)))
    return found + kinship_limits(eligibility, cadre_pos, slot_pos, lo, hi, plan)


def kinship_limits(
    eligibility: Eligibility, cadre_pos: int, slot_pos: int, lo: int, hi: int, plan: Plan | None
) -> list[PlanWideLimit]:
    """Each relative whose holding a placement of the pair would overlap, and the first start from which
    it no longer does (`Kinship.blocks`); without a plan, the relatives' current posts."""
    rule = RULES[RuleId.KINSHIP]
    assert isinstance(rule, Kinship)
    placed = None
    if plan is not None:
        cadre_id = eligibility.cadres[cadre_pos].id
        placed = {
            a.cadre: (a.slot, start)
            for a in plan.assignments
            if a.cadre != cadre_id
            and a.slot in eligibility.slot_index
            and (start := _day_of(a.start)) is not None
        }
    starts = eligibility.starts
    return [
        PlanWideLimit(
            RuleId.KINSHIP,
            None if block.free_from is None else starts[block.free_from].isoformat(),
            *rule.block_words(block),
        )
        for block in rule.blocks(eligibility, cadre_pos, slot_pos, lo, hi, placed)
    ]


def _day_of(text: str | None) -> date | None:
    """A plan's start as a date; None when a hand-made plan gives none or not a date (the checker names it)."""
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def _placement(
    plan: Plan | None, *, cadre: str | None = None, slot: str | None = None
) -> tuple[str, str] | None:
    for a in plan.assignments if plan else ():
        if a.cadre == cadre:
            return a.slot, a.start or ""
        if a.slot == slot:
            return a.cadre, a.start or ""
    return None


def placement_outlook(
    eligibility: Eligibility, cadre_id: str, slot_id: str, start: str, plan: Plan | None
) -> AfterOutlook | None:
    """`after_outlook` of a plan's placement, when the way back is shown and the placement names a known
    cadre and slot from a start that is a date (the checker names any other)."""
    day = _day_of(start)
    known = cadre_id in eligibility.cadre_index and slot_id in eligibility.slot_index
    if day is None or not known or not shows_afters(eligibility.scenario, plan):
        return None
    return after_outlook(eligibility, cadre_id, slot_id, day, plan)


def _start_if(placed: tuple[str, str] | None, other: str) -> str | None:
    """The placement's start when it pairs with `other` (the slot of a cadre's, the cadre of a slot's)."""
    return placed[1] if placed is not None and placed[0] == other else None


def explain_cadre(eligibility: Eligibility, cadre_id: str, plan: Plan | None = None) -> CadreExplanation:
    scoring = Scoring(eligibility)
    cadre_pos = eligibility.cadre_index[cadre_id]
    facts = eligibility.facts[cadre_pos]
    placed = _placement(plan, cadre=cadre_id)
    verdicts = [
        pair_verdict(
            eligibility, scoring, cadre_pos, slot_pos, _start_if(placed, eligibility.slots[slot_pos].id), plan
        )
        for slot_pos in range(len(eligibility.slots))
    ]
    verdicts.sort(key=lambda v: (not v.eligible, -v.score, v.slot))
    return CadreExplanation(
        cadre=cadre_id,
        categories=sorted(facts.categories),
        mandatory=facts.mandatory,
        head_bound=facts.head_bound,
        retirement_date=facts.retirement.isoformat(),
        horizon=service_horizon(eligibility, cadre_pos),
        verdicts=verdicts,
        placed=placed,
        pinned_to=next((p.slot for p in eligibility.scenario.pins if p.cadre == cadre_id), None),
        pools=cadre_readiness(
            eligibility.scenario,
            cadre_id,
            list(eligibility.starts),
            _first_starts(verdicts, lambda v: v.slot),
            placed,
        ),
        fit=fit_notes(eligibility, [(cadre_pos, slot) for slot in range(len(eligibility.slots))]),
        after=placement_outlook(eligibility, cadre_id, *placed, plan) if placed else None,
    )


def fit_notes(eligibility: Eligibility, pairs: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """The fit rules' words (each rule's `phrase`) for the pairs they exclude or whose first start they
    move, in registry order: which rank, which qualification and from which day, until when a discipline."""
    found: dict[RuleId, list[GuardKey]] = {rule: [] for rule in _FIT_RULES}
    for cadre, slot in pairs:
        for r in eligibility.restrictions(cadre, slot):
            key = (r.rule, r.cadre, r.slot)
            if r.rule in found and key not in found[r.rule]:
                found[r.rule].append(key)
    return [RULES[rule].phrase(eligibility, instances) for rule, instances in found.items() if instances]


def _first_starts(verdicts: list[PairVerdict], other: Callable[[PairVerdict], str]) -> dict[str, date]:
    """Each eligible pair's first admissible start, keyed by the other side of the pair."""
    return {other(v): date.fromisoformat(v.first_start) for v in verdicts if v.first_start is not None}


def service_horizon(eligibility: Eligibility, cadre_pos: int) -> list[StartHorizon]:
    """Each start date with the cadre's age and years left, and the cadre-level rules closing it
    (remaining service, minimum duration, availability)."""
    cadre, facts = eligibility.cadres[cadre_pos], eligibility.facts[cadre_pos]
    own = [
        r
        for r in (eligibility.restrictions(cadre_pos, 0) if eligibility.slots else [])
        if r.slot is None and r.rule in _HORIZON_RULES
    ]
    return [
        StartHorizon(
            start=start.isoformat(),
            age=age_in_years(cadre.birth_date, start),
            years_left=years_between(start, facts.retirement),
            months_left=months_of_service(start, facts.retirement),
            excluded_by=[r.rule for r in own if not r.lo <= t <= r.hi],
        )
        for t, start in enumerate(eligibility.starts)
    ]


def explain_slot(eligibility: Eligibility, slot_id: str, plan: Plan | None = None) -> SlotExplanation:
    scoring = Scoring(eligibility)
    slot_pos = eligibility.slot_index[slot_id]
    placed = _placement(plan, slot=slot_id)
    verdicts = [
        pair_verdict(
            eligibility,
            scoring,
            cadre_pos,
            slot_pos,
            _start_if(placed, eligibility.cadres[cadre_pos].id),
            plan,
        )
        for cadre_pos in range(len(eligibility.cadres))
    ]
    verdicts.sort(key=lambda v: (not v.eligible, -v.score, v.cadre))
    return SlotExplanation(
        slot=slot_id,
        vacated_by=eligibility.slots[slot_pos].vacated_by,
        verdicts=verdicts,
        placed=placed,
        chain=vacancy_chain(eligibility, slot_id, plan),
        readies=post_readiness(
            eligibility.scenario, slot_id, _first_starts(verdicts, lambda v: v.cadre), placed
        ),
        fit=fit_notes(eligibility, [(cadre, slot_pos) for cadre in range(len(eligibility.cadres))]),
        may_stay=eligibility.slots[slot_pos].may_stay,
        after=placement_outlook(eligibility, placed[0], slot_id, placed[1], plan) if placed else None,
    )


def vacancy_chain(eligibility: Eligibility, slot_id: str, plan: Plan | None) -> list[ChainLink]:
    """The chain of vacancies through `slot_id`, from the first mover down: a slot opens when its
    `vacated_by` cadre moves (to the slot before it in the chain), and whoever fills it may open the next.
    Without a plan, only the static links of `vacated_by` are known."""
    slots = {s.id: s for s in eligibility.slots}
    placed = {a.cadre: (a.slot, a.start) for a in plan.assignments} if plan else {}
    filled = {a.slot: (a.cadre, a.start) for a in plan.assignments} if plan else {}
    opened_by_cadre = {s.vacated_by: s.id for s in eligibility.slots if s.vacated_by}

    def link(sid: str) -> ChainLink:
        filler, start = filled.get(sid, (None, None))
        return ChainLink(sid, slots[sid].vacated_by, filler, start)

    chain, seen = [link(slot_id)], {slot_id}
    while (opener := chain[0].opened_by) in placed and placed[opener][0] not in seen:
        seen.add(placed[opener][0])
        chain.insert(0, link(placed[opener][0]))
    while (filler := chain[-1].filled_by) in opened_by_cadre and opened_by_cadre[filler] not in seen:
        seen.add(opened_by_cadre[filler])
        chain.append(link(opened_by_cadre[filler]))
    return chain if len(chain) > 1 or chain[0].opened_by else []


@dataclass(frozen=True)
class ExcludedGroup:
    """The pairs one set of rules excludes: the rules (catalogue order) and the other side of each pair
    (slot ids on a cadre's explanation, cadre ids on a slot's)."""

    rules: tuple[str, ...]
    members: list[str]


@dataclass(frozen=True)
class EligibleGroup:
    """Eligible pairs alike in starts, score parts and the plan-wide limits not shared by all: one of
    them (`verdict`, for those facts) and the other side of each."""

    verdict: PairVerdict
    members: list[str]


def shared_limits(verdicts: list[PairVerdict]) -> list[PlanWideLimit]:
    """The plan-wide limits every eligible pair has alike (the pace, the quota): said once, not per row."""
    eligible = [v for v in verdicts if v.eligible]
    if not eligible:
        return []
    return [limit for limit in eligible[0].limited_by if all(limit in v.limited_by for v in eligible[1:])]


def excluded_groups(
    verdicts: list[PairVerdict], subject: Callable[[PairVerdict], str], first_only: bool = False
) -> list[ExcludedGroup]:
    """The excluded pairs grouped by the rules excluding them (`first_only`: by the first rule alone, as a
    slot's shortlist says it), the largest group first: one line a reason, not one a pair."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for v in verdicts:
        if not v.eligible:
            rules = tuple(v.excluded_by[:1] if first_only else v.excluded_by)
            groups.setdefault(rules, []).append(subject(v))
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [ExcludedGroup(rules, members) for rules, members in ordered]


def eligible_groups(
    verdicts: list[PairVerdict], subject: Callable[[PairVerdict], str], shared: list[PlanWideLimit]
) -> list[EligibleGroup]:
    """The eligible pairs, in their order (best score first), those alike in starts, score parts and
    the limits outside `shared` in one group."""
    groups: dict[tuple[object, ...], EligibleGroup] = {}
    for v in verdicts:
        if v.eligible:
            key = (
                v.first_start,
                v.last_start,
                v.scored_at,
                tuple(sorted(v.score_parts.items())),
                tuple(limit for limit in v.limited_by if limit not in shared),
            )
            groups.setdefault(key, EligibleGroup(v, [])).members.append(subject(v))
    return list(groups.values())
