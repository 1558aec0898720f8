"""`explain --json` and `validate --json`: the same content as the console tables, as data.

The schemas are documented, with an example of each, in docs/json-output.md; this module is their one
definition. Rules are named by id in the records and worded once, in a `rules` map of the rule texts with
the scenario's numbers filled in. Only ids, dates, numbers and rule words appear: never a name or any
other personal field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from models import CATEGORY_LABELS
from models.errors import InputError
from models.scenario import Rules
from planner import Scenario
from planner.analysis import (
    AfterOutlook,
    BoundPlan,
    CadreExplanation,
    ForcedAlternative,
    PairVerdict,
    SlotExplanation,
    after_row_text,
)
from planner.eligibility import Eligibility, service_text
from planner.explaining import Explained, WaiverReport
from planner.rules import RULES
from planner.wording import category_words, refusal_line, rule_text

#: The version of the explain and validate schemas (docs/json-output.md).
SCHEMA_VERSION = 1


def _placement(placed: tuple[str, str] | None, key: str) -> dict[str, str] | None:
    return None if placed is None else {key: placed[0], "start": placed[1]}


def verdict_json(v: PairVerdict) -> dict[str, Any]:
    """One (cadre, post) pair: excluded (by which rules) or eligible (starts, score at `scored_at`, its
    parts, and the plan-wide rules that may still keep it out)."""
    record: dict[str, Any] = {"cadre": v.cadre, "slot": v.slot, "eligible": v.eligible}
    if not v.eligible:
        return record | {"excluded_by": list(v.excluded_by)}
    return record | {
        "first_start": v.first_start,
        "last_start": v.last_start,
        "scored_at": v.scored_at,
        "score": v.score,
        "score_parts": dict(v.score_parts),
        "limited_by": [
            {"rule": limit.rule, "free_from": limit.free_from, "vi": limit.vi, "en": limit.en}
            for limit in v.limited_by
        ],
    }


def _groups(verdicts: list[PairVerdict], key: str, first_only: bool) -> list[dict[str, Any]]:
    """Excluded pairs grouped by the rules excluding them, the largest group first (the console's view)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for v in verdicts:
        if not v.eligible:
            rules = tuple(v.excluded_by[:1] if first_only else v.excluded_by)
            groups.setdefault(rules, []).append(getattr(v, key))
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {"excluded_by": list(rules), "count": len(members), key + "s": members} for rules, members in ordered
    ]


def _category(category: str) -> dict[str, str]:
    vi, en = category_words(category)
    return {"id": category, "vi": vi, "en": en}


def cadre_json(e: CadreExplanation, forced: list[ForcedAlternative] | None, base_objective) -> dict[str, Any]:
    return {
        "id": e.cadre,
        "categories": [_category(c) for c in e.categories],
        "mandatory": e.mandatory,
        "head_bound": e.head_bound,
        "retirement_date": e.retirement_date,
        "pinned_to": e.pinned_to,
        "placed": _placement(e.placed, "slot"),
        "horizon": [
            {
                "start": h.start,
                "age": h.age,
                "months_left": h.months_left,
                "service_left": dict(zip(("vi", "en"), service_text(h.months_left), strict=True)),
                "closed_by": list(h.excluded_by),
            }
            for h in e.horizon
        ],
        "posts": [verdict_json(v) for v in e.verdicts],
        "excluded_groups": _groups(e.verdicts, "slot", first_only=False),
        "why_not": None if forced is None else why_not_json(forced, base_objective),
        "pools": [
            {
                "pool": p.pool,
                "ready_by": _iso(p.ready_by),
                "missing": list(p.missing),
                "latest_start": _iso(p.latest_start),
                "last_period_start": _iso(p.last_period_start),
                "posts_in_time": list(p.posts_in_time),
                "ready_without_plan": p.ready_without_plan,
                "placement_makes_ready": p.placement_makes_ready,
                "ready_on": _iso(p.ready_on),
                "ready": p.ready,
            }
            for p in e.pools
        ],
        "fit": [{"vi": vi, "en": en} for vi, en in e.fit],
        "after": after_json(e.after),
    }


def after_json(outlook: AfterOutlook | None) -> dict[str, Any] | None:
    """What a placement may lead to (CONTRACT §6.4): None when not placed or the scenario has no
    `after_rotation` and the plan gives no `after`."""
    if outlook is None:
        return None
    chosen = outlook.chosen
    return {
        "cadre": outlook.cadre,
        "slot": outlook.slot,
        "start": outlook.start.isoformat(),
        "end": outlook.end.isoformat(),
        "horizon": _iso(outlook.horizon),
        "needed": outlook.needed,
        "stay_grounds": list(outlook.stay_grounds),
        "posts": [
            {
                "post": p.post.id,
                "unit": p.post.unit,
                "title": p.post.title,
                "open_from": p.post.open_from.isoformat(),
                "start": p.start.isoformat(),
                "home": p.home,
                "refusal": p.refusal,
                "why": None if p.refusal is None else refusal_line(p.refusal, p.facts),
                "taken_by": list(p.taken_by),
            }
            for p in outlook.posts
        ],
        "has_way_back": outlook.has_way_back,
        "chosen": None
        if chosen is None
        else {
            "state": str(chosen.state),
            "post": chosen.named,
            "start": chosen.after_start,
            "text": after_row_text(chosen),
        },
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def why_not_json(forced: list[ForcedAlternative], base_objective) -> dict[str, Any]:
    return {
        "base_objective": base_objective,
        "alternatives": [
            {
                "slot": f.slot,
                "pair_score": f.pair_score,
                "start": f.start,
                "status": f.status,
                "objective": f.objective,
                "objective_lost": f.objective_lost,
                "others_moved": [
                    {"cadre": m.cadre, "before": _move(m.before), "after": _move(m.after)}
                    for m in f.others_moved
                ],
            }
            for f in forced
        ],
    }


def _move(placement) -> dict[str, Any] | None:
    return None if placement is None else {"slot": placement[0], "start": placement[1]}


def slot_json(e: SlotExplanation) -> dict[str, Any]:
    return {
        "id": e.slot,
        "vacated_by": e.vacated_by,
        "placed": _placement(e.placed, "cadre"),
        "cadres": [verdict_json(v) for v in e.verdicts],
        "excluded_groups": _groups(e.verdicts, "cadre", first_only=True),
        "chain": [
            {"slot": link.slot, "opened_by": link.opened_by, "filled_by": link.filled_by, "start": link.start}
            for link in e.chain
        ],
        "makes_ready": [
            {
                "cadre": r.cadre,
                "pool": r.pool,
                "missing": list(r.missing),
                "latest_start": _iso(r.latest_start),
                "first_start": _iso(r.first_start),
                "eligible": r.eligible,
                "in_time": r.in_time,
                "placed_here": r.placed_here,
                "placement_makes_ready": r.placement_makes_ready,
            }
            for r in e.readies
        ],
        "fit": [{"vi": vi, "en": en} for vi, en in e.fit],
        "may_stay": e.may_stay,
        "after": after_json(e.after),
    }


def _gain_json(g) -> dict[str, Any]:
    return {
        "cadre": g.cadre,
        "rule": g.rule,
        "status": g.status,
        "objective": g.objective,
        "gain": g.gain,
        "opens": list(g.opens),
    }


def waivers_json(scenario: Scenario, report: WaiverReport) -> dict[str, Any]:
    """The ledger, then either the repairs by waiver (an infeasible base) or the single-waiver search."""
    base, relied, search = report.base, report.relied, report.search
    ledger = [
        {"cadre": c.id, "rule": w.rule, "by": w.by, "ref": w.ref, "used_by": relied.get((c.id, w.rule), [])}
        for c in scenario.cadres
        for w in c.waivers
    ]
    record: dict[str, Any] = {"ledger": ledger, "base_status": base.status, "base_objective": base.objective}
    if search is None:
        record["restoring"] = [{"message": r.message, "objective": r.objective} for r in report.restoring]
        record["search"] = None
        searched = base.diagnosis.repairs if base.diagnosis is not None else None
        record["repair_search"] = None if searched is None else searched.model_dump(mode="json")
        return record
    record["restoring"] = None
    record["repair_search"] = None
    record["search"] = {
        "candidates": search.candidates,
        "tried": search.tried,
        "stopped": search.stopped,
        "limit": search.limit,
        "budget_seconds": search.budget,
        "raising": [_gain_json(g) for g in search.raising],
        "tried_waivers": [_gain_json(g) for g in search.gains],
    }
    return record


def rules_used(rules: Rules, explanation: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Every rule id an explanation names, with its words (the scenario's numbers filled in)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("excluded_by", "closed_by"):
                    found.update(item)
                elif key == "rule" and isinstance(item, str):
                    found.add(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(explanation)
    return {
        rule: dict(zip(("vi", "en"), rule_text(rule, rules), strict=True))
        for rule in sorted(found)
        if rule in RULES
    }


def explain_json(
    scenario: Scenario, bound: BoundPlan | None, plan_file: str | None, explained: Explained
) -> dict[str, Any]:
    """What `explain --json` prints (docs/json-output.md, "explain"): `explain_plan`'s answer."""
    cadre = slot = waivers = None
    if explained.cadre is not None:
        why_not = explained.why_not
        if why_not is None:
            cadre = cadre_json(explained.cadre, None, None)
        else:
            cadre = cadre_json(explained.cadre, why_not.forced, why_not.base_objective)
    if explained.slot is not None:
        slot = slot_json(explained.slot)
    if explained.waivers is not None:
        waivers = waivers_json(scenario, explained.waivers)
    body = {"cadre": cadre, "slot": slot, "waivers": waivers}
    return {
        "schema": "planner.explain",
        "version": SCHEMA_VERSION,
        "scenario": scenario.name,
        "plan": plan_file,
        "scenario_changed": None if bound is None else bound.scenario_changed,
        "as_recorded": False if bound is None else bound.as_recorded,
        "recorded_overrides": [] if bound is None else [o.to_dict() for o in bound.recorded],
        **body,
        "rules": rules_used(scenario.rules, body),
    }


def validate_json(file: str, eligibility: Eligibility) -> dict[str, Any]:
    """What `validate --json` prints for a sound scenario (docs/json-output.md, "validate")."""
    scenario, facts = eligibility.scenario, eligibility.facts
    return {
        "schema": "planner.validate",
        "version": SCHEMA_VERSION,
        "valid": True,
        "file": file,
        "scenario": scenario.name,
        "title": scenario.title,
        "period": {
            "start": scenario.period.start.isoformat(),
            "end": scenario.period.end.isoformat(),
            "granularity": scenario.period.granularity,
        },
        "starts": len(eligibility.starts),
        "units": len(scenario.units),
        "slots": len(scenario.slots),
        "cadres": len(scenario.cadres),
        "candidates": sum(f.candidate for f in facts),
        "must_rotate": sum(f.mandatory for f in facts),
        "categories": {
            category: sum(category in f.categories for f in facts) for category in CATEGORY_LABELS
        },
        "eligible_pairs": len(eligibility.pairs),
        "quota": {"min": scenario.rules.quota.min, "max": scenario.rules.quota.max},
        "waivers": sum(len(c.waivers) for c in scenario.cadres),
        "problems": [],
    }


def invalid_json(file: str, error: InputError) -> dict[str, Any]:
    """What `validate --json` prints for bad input: every problem, with its file, row, field and value as
    the message shows them (a personal field's value is described, never given)."""
    problems = []
    for problem in error.problems:
        problems.append(
            {
                "file": getattr(problem, "file", file),
                "row": getattr(problem, "row", None),
                "path": getattr(problem, "path", ""),
                "message": getattr(problem, "message", str(problem)),
                "value": problem.shown_value if getattr(problem, "value", None) is not None else None,
                "text": str(problem),
            }
        )
    return {
        "schema": "planner.validate",
        "version": SCHEMA_VERSION,
        "valid": False,
        "file": file,
        "problems": problems,
    }
