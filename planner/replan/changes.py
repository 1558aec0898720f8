"""What changed between the old plan and the re-plan, cadre by cadre, and why (CONTRACT §4).

A change is a cadre whose future placement (slot and start, or none) differs: a move of start, a move of
slot, a drop and an addition are one change each; a swap is two cadres, so two changes. This is the same
count as the model's (`planner.formulation.history`), taken here from the two plans themselves.

Why: the old plan (history and future) is judged by the independent checker, with the same as-of date,
under the scenario as given and then after each event in turn. A violation of the final facts that
concerns the changed cadre, or the slot it held, or the whole plan (quota, pace), is a reason; the event
after which that violation first appears (and stays) is the event that forced it. A violation already
there under the scenario as given is a fact of the scenario that changed since the plan was made, and
names no event. A violation that appears only once the workspace's decisions are bound (after the
events) is the decisions' doing: it names them (kind, who, when, why) beside its rule; a placement a
decision withdrew before it started (`withdrawn`) is a change whose reason is that decision. A change with no reason was made to keep the rules together, or for a better objective,
once the forced changes were made; it then names the forced changes it follows from (`follows`): those
linked to it through slots, one change taking the slot another left, step by step (a vacancy chain).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from models.plan import (
    Assignment,
    ChangeReason,
    DecisionRecord,
    EventRecord,
    PlacementChange,
    PlacementRecord,
    Plan,
)
from models.scenario import Scenario
from planner.checker import Violation
from planner.checker import check_plan as violations_of
from planner.replan.events import EventStep
from planner.wording import DECISION_WORDS, both

__all__ = ["ChangeLine", "change_lines", "decision_text", "kept_count", "placement_changes"]

_Key = tuple[str, str | None, str | None]


def _future(assignments: list[Assignment], as_of: date) -> dict[str, set[tuple[str, str | None]]]:
    found: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for a in assignments:
        if a.start is None or a.start >= as_of.isoformat():
            found[a.cadre].add((a.slot, a.start))
    return found


class Decided(Protocol):
    """What the workspace's decisions add (`planner.replan.Commitments`): the facts with them bound,
    who decided each, and the placements they withdrew before they started."""

    @property
    def decisions(self) -> Sequence[DecisionRecord]: ...

    @property
    def withdrawn(self) -> Mapping[tuple[str, str, str | None], DecisionRecord]: ...

    def bind(self, scenario: Scenario) -> Scenario: ...


def placement_changes(
    old: Plan,
    new_assignments: list[Assignment],
    as_of: date,
    written: Scenario,
    steps: list[EventStep],
    decided: Decided | None = None,
) -> list[PlacementChange]:
    """Every changed cadre, in cadre id order, with the reasons of the module docstring."""
    before, after = _future(old.assignments, as_of), _future(new_assignments, as_of)
    taken_back: dict[str, list[ChangeReason]] = defaultdict(list)
    for (cadre, slot, start), decision in (decided.withdrawn if decided else {}).items():
        before[cadre].add((slot, start))
        taken_back[cadre].append(_withdrawal(decision))
    changed = sorted(c for c in set(before) | set(after) if before.get(c, set()) != after.get(c, set()))
    if not changed:
        return []
    introduced = _violations_by_event(old, as_of, written, steps, decided)
    changes = []
    for cadre in changed:
        was, now = sorted(before.get(cadre, set())), sorted(after.get(cadre, set()))
        slots = {slot for slot, _ in was}
        # a withdrawn placement's cadre changed for its decision alone (what its absence breaks in the
        # old plan, a mandatory rotation, is the decision's doing too)
        reasons = taken_back.get(cadre) or [
            ChangeReason(rule=violation.rule, message=violation.message, events=events, decisions=by)
            for violation, events, by in introduced
            if violation.cadre == cadre
            or (violation.cadre is None and (violation.slot is None or violation.slot in slots))
        ]
        changes.append(
            PlacementChange(
                cadre=cadre,
                before=_record(was[0]) if was else None,
                after=_record(now[0]) if now else None,
                reasons=reasons,
            )
        )
    return _with_follows(changes, before, after)


def _withdrawal(decision: DecisionRecord) -> ChangeReason:
    """A placement a decision took back before it started: the rule it would break, and the decision."""
    if decision.kind == "defer":
        message = f"hoãn đến {decision.until} / deferred until {decision.until}"
        return ChangeReason(rule="timing", message=message, decisions=[decision])
    return ChangeReason(rule="forbid", message="không được duyệt / rejected", decisions=[decision])


def _with_follows(
    changes: list[PlacementChange],
    before: dict[str, set[tuple[str, str | None]]],
    after: dict[str, set[tuple[str, str | None]]],
) -> list[PlacementChange]:
    """Each unforced change with the forced changes of its chain: the changes joined by a slot one of
    them left and another took (either way), taken as connected groups."""
    group = {change.cadre: change.cadre for change in changes}

    def root(cadre: str) -> str:
        while group[cadre] != cadre:
            group[cadre] = group[group[cadre]]
            cadre = group[cadre]
        return cadre

    left: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        for slot, _ in before.get(change.cadre, ()):
            left[slot].append(change.cadre)
    for change in changes:
        for slot, _ in after.get(change.cadre, ()):
            for other in left.get(slot, ()):
                group[root(other)] = root(change.cadre)
    forced: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        if change.reasons:
            forced[root(change.cadre)].append(change.cadre)
    return [
        change if change.reasons else change.with_changes(follows=forced.get(root(change.cadre), []))
        for change in changes
    ]


def _record(placement: tuple[str, str | None]) -> PlacementRecord:
    return PlacementRecord(slot=placement[0], start=placement[1])


def _key(violation: Violation) -> _Key:
    return violation.rule, violation.cadre, violation.slot


def _violations_by_event(
    old: Plan, as_of: date, written: Scenario, steps: list[EventStep], decided: Decided | None = None
) -> list[tuple[Violation, list[EventRecord], list[DecisionRecord]]]:
    """The old plan's violations under the final facts (the decisions bound last), each with the event
    that brought it in (if any) and the decisions that would have brought it in alone (if any)."""
    scenarios = [written, *(step.scenario for step in steps)]
    if decided is not None:
        scenarios.append(decided.bind(scenarios[-1]))
    found: dict[int, dict[_Key, Violation]] = {}

    def at(index: int) -> dict[_Key, Violation]:
        """The violations under the facts after step `index` (0: none), checked once, when needed:
        walking back from the last step stops where every violation is accounted for, so thousands
        of events are not each checked against the whole plan."""
        if index not in found:
            found[index] = {
                _key(violation): violation for violation in violations_of(scenarios[index], old, as_of)
            }
        return found[index]

    last = len(scenarios) - 1
    by_decisions: set[_Key] = set()
    if decided is not None and decided.decisions:
        alone = {_key(violation) for violation in violations_of(decided.bind(written), old, as_of)}
        by_decisions = (alone - at(0).keys()) | (at(last).keys() - at(last - 1).keys())
    result = []
    for key, violation in at(last).items():
        since = last
        while since > 0 and key in at(since - 1):
            since -= 1
        events = [steps[since - 1].event.record] if 0 < since <= len(steps) else []
        deciding = _deciding(violation, decided.decisions) if key in by_decisions and decided else []
        result.append((violation, events, deciding))
    return result


def _deciding(violation: Violation, decisions: Sequence[DecisionRecord]) -> list[DecisionRecord]:
    """The decisions a violation brought in by binding them is about: the cadre's, or, for a violation
    of a whole slot, those on that slot."""
    return [
        decision
        for decision in decisions
        if decision.cadre == violation.cadre
        or (violation.cadre is None and violation.slot is not None and decision.slot == violation.slot)
    ]


NO_REASON = "vì mục tiêu hoặc các quy định chung / for the objective or the plan-wide rules"


@dataclass(frozen=True)
class ChangeLine:
    """A re-plan's change as people read it, on the console and on the web page alike."""

    cadre: str
    before: str
    after: str
    why: str


def change_lines(plan: Plan) -> list[ChangeLine]:
    """Each change of the re-plan: the rules and events that forced it and what else moved because of
    it, or, for a change no rule forced, the forced changes it follows from."""
    changes = plan.replan.changes if plan.replan else []
    followers: dict[str, list[str]] = {}
    for change in changes:
        for cadre in change.follows:
            followers.setdefault(cadre, []).append(change.cadre)
    return [
        ChangeLine(
            change.cadre,
            _placed_text(change.before),
            _placed_text(change.after),
            _why(change, followers.get(change.cadre, [])) + _weighed(change, plan),
        )
        for change in changes
    ]


def _weighed(change: PlacementChange, plan: Plan) -> str:
    """Why a placement whose change weighed more (approved) moved all the same, when no rule or
    decision forced it: what the search proved keeping it would cost (changes counted as weighed)."""
    record = plan.replan
    weight = record.change_weights.get(change.cadre, 1) if record is not None else 1
    if record is None or weight == 1 or change.reasons:
        return ""
    if plan.status != "OPTIMAL":
        return " (đã duyệt; phương án tốt nhất tìm được, chưa chứng minh / approved; the best plan found, not proven)"
    if record.change_cost is None:
        return (
            f" (đã duyệt: giữ nguyên cần thêm ít nhất {weight} thay đổi khác / approved: keeping it takes "
            f"at least {weight} more changes elsewhere)"
        )
    return (
        f" (đã duyệt: giữ nguyên cho mục tiêu trừ chi phí thay đổi (tính x{weight}) không cao hơn / "
        f"approved: keeping it gives no higher objective net of the change cost, counted x{weight})"
    )


def kept_count(plan: Plan) -> int:
    """The future placements the re-plan kept as they were."""
    changed = {c.cadre for c in (plan.replan.changes if plan.replan else [])}
    return len({a.cadre for a in plan.assignments if not a.history} - changed)


def _why(change: PlacementChange, followers: list[str]) -> str:
    if change.reasons:
        why = "; ".join(_reason_text(r) for r in change.reasons)
        return f"{why}; kéo theo / also moved: {', '.join(followers)}" if followers else why
    if change.follows:
        return f"theo thay đổi của / follows {', '.join(change.follows)}"
    return NO_REASON


def _reason_text(reason: ChangeReason) -> str:
    """`health (BB 12, 2023-09-01)`: the rule and the events that brought it in; or the decisions that
    did, each by kind, who, when and why."""
    events = ", ".join(f"{e.ref}, {e.date}" if e.ref else e.date for e in reason.events)
    if reason.decisions:
        decided = "; ".join(decision_text(decision) for decision in reason.decisions)
        return f"{decided}; {reason.rule} ({events})" if events else decided
    return f"{reason.rule} ({events})" if events else reason.rule


def decision_text(decision: DecisionRecord) -> str:
    """`quyết định / decision plan:1: không duyệt / rejected (cán bộ / the cadre) · hoa · 2026-12-02
    16:31: <reason>`."""
    kind = both(DECISION_WORDS.get(decision.kind, (decision.kind, decision.kind)))
    if decision.scope == "cadre":
        kind += " (cả cán bộ / the cadre)"
    elif decision.scope == "post":
        kind += f" ({decision.slot})"
    if decision.until:
        kind += f" đến / until {decision.until}"
    if decision.ref:
        kind += f" {decision.ref}"
    where = f" plan:{decision.plan}" if decision.plan is not None else ""
    when = decision.at[:16].replace("T", " ")
    return f"quyết định / decision{where}: {kind} · {decision.by} · {when}: {decision.reason}"


def _placed_text(record: PlacementRecord | None) -> str:
    return "—" if record is None else f"{record.slot} @ {record.start}"
