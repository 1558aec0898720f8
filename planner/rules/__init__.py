"""The rules, one module each, in the contract's order: the registry every solver-side stage reads.

`RULES` maps each `RuleId` to its rule object (`planner.rules.base.Rule`); iterating it gives the
contract's order, which is the order rules are listed in everywhere. The kinds split the registry the
way the stages need it: the eligibility table reads `CADRE_RULES`, `SLOT_RULES` and `PAIR_RULES`, the
planning and diagnosis models every rule. To add a rule: its id in `models.rule_ids.RuleId`, a module
here, its entry below, and its `check_<id>` in `planner.checker.rules` (docs/architecture.md).
"""

from __future__ import annotations

from models.rule_ids import WAIVABLE_RULES, RuleId
from planner.rules.after_placement import AfterPlacement
from planner.rules.base import Rule
from planner.rules.bench_strength import BenchStrength
from planner.rules.candidate import Candidate
from planner.rules.different_unit import DifferentUnit
from planner.rules.discipline import Discipline
from planner.rules.district_only import DistrictOnly
from planner.rules.equivalent_rank import EquivalentRank
from planner.rules.forbid import Forbid
from planner.rules.head_only import HeadOnly
from planner.rules.health import Health
from planner.rules.kinship import Kinship
from planner.rules.mandatory_rotation import MandatoryRotation
from planner.rules.min_duration import MinDuration
from planner.rules.non_locality import NonLocality
from planner.rules.one_cadre_per_slot import OneCadrePerSlot
from planner.rules.one_slot_per_cadre import OneSlotPerCadre
from planner.rules.pace import Pace
from planner.rules.pin import Pin
from planner.rules.quota import Quota
from planner.rules.remaining_service import RemainingService
from planner.rules.shortlist import Shortlist
from planner.rules.term_limit_deadline import TermLimitDeadline
from planner.rules.timing import Timing
from planner.rules.title_standards import TitleStandards
from planner.rules.unknown_reference import UnknownReference
from planner.rules.vacancy_chain import VacancyChain
from planner.rules.youth_heads import YouthHeads

RULES: dict[RuleId, Rule] = {
    rule.id: rule
    for rule in (
        UnknownReference(),
        OneSlotPerCadre(),
        OneCadrePerSlot(),
        Quota(),
        Candidate(),
        DistrictOnly(),
        Health(),
        RemainingService(),
        MinDuration(),
        NonLocality(),
        DifferentUnit(),
        MandatoryRotation(),
        HeadOnly(),
        YouthHeads(),
        Timing(),
        TermLimitDeadline(),
        Shortlist(),
        Pace(),
        VacancyChain(),
        Pin(),
        Forbid(),
        EquivalentRank(),
        TitleStandards(),
        Discipline(),
        Kinship(),
        BenchStrength(),
        AfterPlacement(),
    )
}

#: The eligibility rules by what they restrict, in registry order (see `Rule.restricts`).
CADRE_RULES: tuple[Rule, ...] = tuple(r for r in RULES.values() if "cadre" in r.restricts)
SLOT_RULES: tuple[Rule, ...] = tuple(r for r in RULES.values() if "slot" in r.restricts)
PAIR_RULES: tuple[Rule, ...] = tuple(r for r in RULES.values() if "pair" in r.restricts)
#: Waivable rules that close (cadre, slot) pairs; `youth_heads` instead counts against a plan-wide cap.
PAIR_WAIVERS: tuple[RuleId, ...] = tuple(r for r in WAIVABLE_RULES if RULES[r].restricts)

__all__ = ["CADRE_RULES", "PAIR_RULES", "PAIR_WAIVERS", "RULES", "SLOT_RULES", "Rule", "RuleId"]
