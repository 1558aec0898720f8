"""Name the rules that make a scenario infeasible, in words a planner understands.

The diagnosis model (`build_model(..., diagnose=True)`) puts every rule instance under its own literal.
Solving with all literals assumed gives a core, a set of rule instances that cannot all hold; the core is
then shrunk by deletion (drop a member, keep the drop when the rest is still infeasible) so that every rule
instance reported is needed. The diagnosis model (`planner.model.diagnosis`) can switch off every rule,
"one cadre per slot" and "one slot per cadre" included, so a conflict names every rule it leans on.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from models.plan import Conflict
from planner.eligibility import Eligibility
from planner.model.diagnosis import DiagnosisModel, GuardKey, build_diagnosis
from planner.rules.catalog import RULES, rule_text

#: Per shrinking step; a step that times out keeps its member, so the set stays a conflict.
_STEP_SECONDS = 10.0


def find_conflicts(eligibility: Eligibility, options) -> list[Conflict]:
    """One irreducible set of rule instances that cannot hold together, as a `Conflict`."""
    ctx = build_diagnosis(eligibility)
    keys = list(ctx.guards)
    core = _core(ctx, keys, options.seed)
    if core is None:
        return [_unexplained()]
    return [describe(eligibility, _shrink(ctx, core, options.seed))]


def _solve_assuming(ctx: DiagnosisModel, keys: list[GuardKey], seed: int) -> tuple[int, cp_model.CpSolver]:
    model = ctx.model
    model.clear_assumptions()
    model.add_assumptions([ctx.guards[k] for k in keys])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = _STEP_SECONDS
    return solver.solve(model), solver


def _core(ctx: DiagnosisModel, keys: list[GuardKey], seed: int) -> list[GuardKey] | None:
    status, solver = _solve_assuming(ctx, keys, seed)
    if status != cp_model.INFEASIBLE:
        return None
    literal_to_key = {ctx.guards[k].index: k for k in keys}
    return [literal_to_key[i] for i in solver.sufficient_assumptions_for_infeasibility()]


def _shrink(ctx: DiagnosisModel, core: list[GuardKey], seed: int) -> list[GuardKey]:
    """Deletion filter: the result is infeasible and dropping any one member makes it feasible."""
    kept = list(core)
    for key in list(core):
        if key not in kept:
            continue
        trial = [k for k in kept if k != key]
        status, solver = _solve_assuming(ctx, trial, seed)
        if status == cp_model.INFEASIBLE:
            smaller = {ctx.guards[k].index for k in trial} & set(
                solver.sufficient_assumptions_for_infeasibility()
            )
            kept = [k for k in trial if ctx.guards[k].index in smaller] or trial
    return kept


def _unexplained() -> Conflict:
    return Conflict(
        rules=[],
        message="Không tìm được tập quy định mâu thuẫn trong thời gian cho phép / "
        "no conflicting set of rules was found within the time allowed",
        message_en="no conflicting set of rules was found within the time allowed",
    )


def describe(eligibility: Eligibility, core: list[GuardKey]) -> Conflict:
    """Word a core: one phrase per rule, naming the cadres and slots it concerns."""
    by_rule: dict[str, list[GuardKey]] = {}
    for key in core:
        by_rule.setdefault(key[0], []).append(key)
    order = list(RULES)
    phrases_vi, phrases_en = [], []
    for rule_id in sorted(by_rule, key=order.index):
        vi, en = _phrase(eligibility, rule_id, by_rule[rule_id])
        phrases_vi.append(vi)
        phrases_en.append(en)
    cadres = sorted({k[1] for k in core if k[1]})
    slots = sorted({k[2] for k in core if k[2]})
    vi = "Không thể đồng thời thỏa mãn: " + "; ".join(phrases_vi)
    en = "These rules cannot all hold: " + "; ".join(phrases_en)
    return Conflict(
        rules=sorted(by_rule, key=order.index),
        message=f"{vi} / {en}",
        message_en=en,
        cadres=cadres,
        slots=slots,
    )


def _phrase(eligibility: Eligibility, rule_id: str, keys: list[GuardKey]) -> tuple[str, str]:
    rules = eligibility.scenario.rules
    cadres = sorted({k[1] for k in keys if k[1]})
    if rule_id == "quota":
        upper = "không giới hạn" if rules.quota.max is None else str(rules.quota.max)
        return (
            f"hạn mức luân chuyển từ {rules.quota.min} đến {upper} người",
            f"quota of {rules.quota.min} to {rules.quota.max if rules.quota.max is not None else 'any'} rotations",
        )
    if rule_id == "mandatory_rotation":
        listed = ", ".join(cadres)
        return (
            f"{len(cadres)} cán bộ bắt buộc luân chuyển ({listed})",
            f"{_count(len(cadres), 'cadre')} who must rotate ({listed})",
        )
    if rule_id == "pace":
        cap = rules.max_starts_per_quarter
        return f"tối đa {cap} người bắt đầu mỗi quý", f"at most {_count(cap, 'start')} per quarter"
    if rule_id == "youth_heads":
        youth = rules.youth
        return (
            f"tối đa {youth.max_heads} cán bộ dưới {youth.age_below} tuổi giữ chức cấp trưởng",
            f"at most {_count(youth.max_heads, 'cadre')} under {youth.age_below} as heads",
        )
    vi, en = rule_text(rule_id, years=rules.min_remaining_service_years, months=rules.min_duration_months)
    subjects = _subjects(keys)
    return f"{vi} ({subjects})", f"{en} ({subjects})"


def _subjects(keys: list[GuardKey]) -> str:
    """'C05 @ o_mon.bi_thu, o_mon.chu_tich; C07' — cadres with the slots concerned."""
    slots_of: dict[str, list[str]] = {}
    for _, cadre, slot in keys:
        slots_of.setdefault(cadre or "-", []).extend([slot] if slot else [])
    parts = []
    for cadre in sorted(slots_of):
        slots = sorted(set(slots_of[cadre]))
        parts.append(f"{cadre} @ {', '.join(slots)}" if slots else cadre)
    return "; ".join(parts)


def _count(number: int, noun: str) -> str:
    """'1 cadre', '3 cadres': English needs the plural, Vietnamese does not."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
