"""Which placements a waiver would open: read off the eligibility table, without solving.

Repairs ask it for the young cadres a youth waiver would free (`youth_openings`); the why-not questions
(`planner.analysis.why_not.waiver_gains`) ask it for every waiver worth re-solving (`waiver_openings`).
It lives here, below both, so that neither reaches up to the other.
"""

from __future__ import annotations

from models.rule_ids import RuleId
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility, Restriction
from planner.rules import PAIR_WAIVERS
from planner.rules.youth_heads import counts_against_cap

#: (cadre id, rule id) -> the placements (pair score, slot id) that waiving the rule would open.
Openings = dict[tuple[str, str], list[tuple[float, str]]]


def _window(restrictions: list[Restriction], last: int) -> tuple[int, int]:
    """The starts every restriction allows, as `Eligibility.window` computes them for one pair."""
    lo, hi = 0, last
    for restriction in restrictions:
        lo, hi = max(lo, restriction.lo), min(hi, restriction.hi)
    return lo, hi


def waiver_openings(eligibility: Eligibility) -> Openings:
    """(cadre, rule) -> the placements (pair score, slot) that waiving `rule` alone would open, best first."""
    scoring = Scoring(eligibility)
    last = len(eligibility.starts) - 1
    opens: Openings = {}
    for cadre_index, cadre in enumerate(eligibility.cadres):
        for slot_index, slot in enumerate(eligibility.slots):
            restrictions = eligibility.restrictions(cadre_index, slot_index)
            blocking = {r.rule for r in restrictions if r.excludes_pair or (r.lo, r.hi) != (0, last)}
            window = _window(restrictions, last)
            for rule in PAIR_WAIVERS:
                if rule not in blocking or cadre.waives(rule):
                    continue
                lo, hi = _window([r for r in restrictions if r.rule != rule], last)
                if lo <= hi and (lo, hi) != window:
                    value = scoring.pair_value(cadre_index, slot_index) / scoring.scale
                    opens.setdefault((cadre.id, rule), []).append((value, slot.id))
    opens.update(youth_openings(eligibility, scoring))
    return {key: sorted(found, reverse=True) for key, found in opens.items()}


def youth_openings(eligibility: Eligibility, scoring: Scoring) -> Openings:
    """Head slots a young cadre could take beyond the youth cap, were the cap waived for that cadre: the
    eligible pairs that count against the cap (`youth_heads.counts_against_cap`) at some start."""
    if eligibility.scenario.rules.youth.max_heads is None:
        return {}
    opens: Openings = {}
    for pair in eligibility.pairs:
        starts = range(pair.lo, pair.hi + 1)
        if any(counts_against_cap(eligibility, pair.cadre, pair.slot, start) for start in starts):
            value = scoring.pair_value(pair.cadre, pair.slot) / scoring.scale
            key = (eligibility.cadres[pair.cadre].id, RuleId.YOUTH_HEADS)
            opens.setdefault(key, []).append((value, eligibility.slots[pair.slot].id))
    return opens
