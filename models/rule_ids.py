"""The rule ids of CONTRACT §2, as one enumeration.

Every part of the planner names a rule through `RuleId` (a `StrEnum`, so each member is also the plain
string that plan files, `check --json` and waivers carry). The order is the contract's table order, which
is the order rules are listed in everywhere (conflicts, explanations, reports).
"""

from __future__ import annotations

from enum import StrEnum


class RuleId(StrEnum):
    UNKNOWN_REFERENCE = "unknown_reference"
    ONE_SLOT_PER_CADRE = "one_slot_per_cadre"
    ONE_CADRE_PER_SLOT = "one_cadre_per_slot"
    QUOTA = "quota"
    CANDIDATE = "candidate"
    DISTRICT_ONLY = "district_only"
    HEALTH = "health"
    REMAINING_SERVICE = "remaining_service"
    MIN_DURATION = "min_duration"
    NON_LOCALITY = "non_locality"
    DIFFERENT_UNIT = "different_unit"
    MANDATORY_ROTATION = "mandatory_rotation"
    HEAD_ONLY = "head_only"
    YOUTH_HEADS = "youth_heads"
    TIMING = "timing"
    TERM_LIMIT_DEADLINE = "term_limit_deadline"
    SHORTLIST = "shortlist"
    PACE = "pace"
    VACANCY_CHAIN = "vacancy_chain"
    PIN = "pin"
    FORBID = "forbid"
    EQUIVALENT_RANK = "equivalent_rank"
    TITLE_STANDARDS = "title_standards"
    DISCIPLINE = "discipline"
    KINSHIP = "kinship"
    BENCH_STRENGTH = "bench_strength"
    AFTER_PLACEMENT = "after_placement"


#: Rules a waiver of the competent authority may lift for one cadre (CONTRACT §2).
WAIVABLE_RULES: tuple[RuleId, ...] = (
    RuleId.REMAINING_SERVICE,
    RuleId.MIN_DURATION,
    RuleId.YOUTH_HEADS,
    RuleId.NON_LOCALITY,
    RuleId.EQUIVALENT_RANK,
)
