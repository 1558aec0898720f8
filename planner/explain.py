"""Why a cadre can or cannot go to a slot: the eligibility verdicts and score parts, as data.

Both views read the same eligibility table as the model, so an explanation never disagrees with what the
solver was allowed to do. The CLI prints these records; notebooks and reports can use them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.plan import Plan
from planner.eligibility import Eligibility
from planner.scoring import Scoring


@dataclass(frozen=True)
class PairVerdict:
    cadre: str
    slot: str
    excluded_by: list[str]
    first_start: str | None = None
    last_start: str | None = None
    score_parts: dict[str, float] = field(default_factory=dict)

    @property
    def eligible(self) -> bool:
        return not self.excluded_by

    @property
    def score(self) -> float:
        return sum(self.score_parts.values())


@dataclass(frozen=True)
class CadreExplanation:
    cadre: str
    categories: list[str]
    mandatory: bool
    head_bound: bool
    retirement_date: str
    verdicts: list[PairVerdict]
    placed: tuple[str, str] | None


@dataclass(frozen=True)
class SlotExplanation:
    slot: str
    vacated_by: str | None
    verdicts: list[PairVerdict]
    placed: tuple[str, str] | None


def pair_verdict(eligibility: Eligibility, scoring: Scoring, ci: int, si: int) -> PairVerdict:
    """The rules excluding the pair at every start, or its admissible starts and score parts."""
    cadre, slot = eligibility.cadres[ci].id, eligibility.slots[si].id
    restrictions = eligibility.restrictions(ci, si)
    lo, hi = eligibility.window(ci, si)
    if lo > hi:
        pair_rules = [r.rule for r in restrictions if r.excludes_pair]
        excluded = pair_rules or sorted({r.rule for r in restrictions})
        return PairVerdict(cadre, slot, sorted(set(excluded), key=excluded.index))
    parts = scoring.pair_components(ci, si)
    return PairVerdict(
        cadre,
        slot,
        [],
        eligibility.starts[lo].isoformat(),
        eligibility.starts[hi].isoformat(),
        {k: v for k, v in parts.items() if v},
    )


def _placement(
    plan: Plan | None, *, cadre: str | None = None, slot: str | None = None
) -> tuple[str, str] | None:
    for a in plan.assignments if plan else ():
        if a.cadre == cadre:
            return a.slot, a.start or ""
        if a.slot == slot:
            return a.cadre, a.start or ""
    return None


def explain_cadre(eligibility: Eligibility, cadre_id: str, plan: Plan | None = None) -> CadreExplanation:
    scoring = Scoring(eligibility)
    ci = eligibility.cadre_index[cadre_id]
    facts = eligibility.facts[ci]
    verdicts = [pair_verdict(eligibility, scoring, ci, si) for si in range(len(eligibility.slots))]
    verdicts.sort(key=lambda v: (not v.eligible, -v.score, v.slot))
    return CadreExplanation(
        cadre=cadre_id,
        categories=sorted(facts.categories),
        mandatory=facts.mandatory,
        head_bound=facts.head_bound,
        retirement_date=facts.retirement.isoformat(),
        verdicts=verdicts,
        placed=_placement(plan, cadre=cadre_id),
    )


def explain_slot(eligibility: Eligibility, slot_id: str, plan: Plan | None = None) -> SlotExplanation:
    scoring = Scoring(eligibility)
    si = eligibility.slot_index[slot_id]
    verdicts = [pair_verdict(eligibility, scoring, ci, si) for ci in range(len(eligibility.cadres))]
    verdicts.sort(key=lambda v: (not v.eligible, -v.score, v.cadre))
    return SlotExplanation(
        slot=slot_id,
        vacated_by=eligibility.slots[si].vacated_by,
        verdicts=verdicts,
        placed=_placement(plan, slot=slot_id),
    )
