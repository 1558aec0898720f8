"""Differences in words: between two plans (who moves) and two scenario versions (which rules changed).

Only ids, codes, dates and numbers are shown: a change of a cadre's personal field (`PERSONAL_FIELDS`:
name, birth date, retirement date) is named, never its values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeGuard

import planner.analysis  # `diff_plans`: the rules and the eligibility table load for `ws diff` only
from models.errors import PERSONAL_FIELDS
from planner.wording import status_label

if TYPE_CHECKING:
    from planner import Plan, Scenario


@dataclass(frozen=True)
class Difference:
    """One line of a diff: its section (`rules`, `facts`, `placements`) and its text (Vietnamese / English)."""

    section: str
    text: str


def _placed(place: tuple[str, str | None] | None) -> str:
    if place is None:
        return "không bố trí / not placed"
    slot, start = place
    return f"{slot} từ / from {start}" if start else slot


def plan_differences(scenario: Scenario, before: Plan, after: Plan) -> list[Difference]:
    """Who moves between two plans, cadre by cadre, then the objective and status."""
    diff = planner.analysis.diff_plans(scenario, before, after)
    lines = []
    for move in diff.moves:
        if move.before is None:
            words = f"được bố trí mới / newly placed: {_placed(move.after)}"
        elif move.after is None:
            words = f"không còn được bố trí / no longer placed (trước / was {_placed(move.before)})"
        else:
            words = f"{_placed(move.before)} → {_placed(move.after)}"
        lines.append(Difference("placements", f"{move.cadre}: {words}"))
    if not diff.moves:
        lines.append(Difference("placements", "không ai thay đổi / nobody moves"))
    lines += after_differences(scenario, before, after)
    changed = []
    if before.objective != after.objective:
        changed.append(f"mục tiêu / objective {_objective(before)} → {_objective(after)}")
    if before.status != after.status:
        changed.append(f"trạng thái / status {status_label(before.status)} → {status_label(after.status)}")
    if changed:
        lines.append(Difference("placements", ", ".join(changed)))
    return lines


def after_differences(scenario: Scenario, before: Plan, after: Plan) -> list[Difference]:
    """Each cadre whose placement after the rotation differs between the plans (CONTRACT §6.4), in the
    later plan's order then the earlier's: its end and `after` in each (a cadre one plan does not rotate
    is "not placed"). None when neither plan shows the way back (`shows_afters`)."""
    analysis = planner.analysis
    if not (analysis.shows_afters(scenario, before) or analysis.shows_afters(scenario, after)):
        return []
    was, now = ({r.cadre: r for r in analysis.plan_afters(scenario, plan)} for plan in (before, after))

    def shown(row: Any) -> str:
        if row is None:
            return "không bố trí / not placed"
        return f"{analysis.after_short(row)} (kết thúc / ends {row.end.isoformat()})"

    lines = []
    for cadre in [*now, *(c for c in was if c not in now)]:
        old, new = was.get(cadre), now.get(cadre)
        if shown(old) != shown(new):
            words = f"{shown(old)} → {shown(new)}"
            lines.append(Difference("afters", f"{cadre}: sau luân chuyển / after: {words}"))
    return lines


def _objective(plan: Plan) -> str:
    """A plan's objective as a number, or words when it has none (no plan was found)."""
    if plan.objective is None:
        return "không có (không có phương án) / none (no plan)"
    return f"{plan.objective:g}"


def version_differences(before: Scenario, after: Scenario) -> list[Difference]:
    """Every field that differs, by its PATH (as `variants` and events name them)."""
    lines: list[Difference] = []
    _walk(before.model_dump(mode="json"), after.model_dump(mode="json"), "", lines)
    if not lines:
        lines.append(Difference("facts", "nội dung như nhau / the same content"))
    return lines


def _walk(old: object, new: object, path: str, lines: list[Difference]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            _walk(old.get(key, _ABSENT), new.get(key, _ABSENT), f"{path}.{key}" if path else key, lines)
        return
    if _entries_with_ids(old) and _entries_with_ids(new):
        old_by_id, new_by_id = {e["id"]: e for e in old}, {e["id"]: e for e in new}
        for entry_id in [*old_by_id, *(i for i in new_by_id if i not in old_by_id)]:
            _walk(
                old_by_id.get(entry_id, _ABSENT),
                new_by_id.get(entry_id, _ABSENT),
                f"{path}[{entry_id}]",
                lines,
            )
        return
    lines.append(Difference(_section(path), f"{path}: {_change(path, old, new)}"))


def _change(path: str, old: object, new: object) -> str:
    if old is _ABSENT:
        return "thêm / added" + ("" if _is_record(new) or _personal(path) else f" {_shown(new)}")
    if new is _ABSENT:
        return "bỏ / removed"
    if _personal(path):
        return "đã đổi (thông tin cá nhân, không hiện) / changed (personal, not shown)"
    if isinstance(old, list) and isinstance(new, list):
        added = [_shown(v) for v in new if v not in old]
        removed = [_shown(v) for v in old if v not in new]
        return "; ".join([*(f"thêm / added {v}" for v in added), *(f"bỏ / removed {v}" for v in removed)])
    return f"{_shown(old)} → {_shown(new)}"


class _Absent:
    def __repr__(self) -> str:
        return "absent"


_ABSENT = _Absent()


def _entries_with_ids(value: object) -> TypeGuard[list[dict[str, Any]]]:
    return isinstance(value, list) and all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in value
    )


def _is_record(value: object) -> bool:
    return isinstance(value, dict)


def _personal(path: str) -> bool:
    return path.startswith("cadres[") and path.rsplit(".", 1)[-1] in PERSONAL_FIELDS


def _shown(value: object) -> str:
    if isinstance(value, dict):
        ids = [str(value[k]) for k in ("cadre", "slot", "unit", "rule") if value.get(k) is not None]
        return "{" + ", ".join(ids) + "}" if ids else f"{{{len(value)} fields}}"
    return json.dumps(value, ensure_ascii=False)


def _section(path: str) -> str:
    return "rules" if path.startswith(("rules", "objective", "period")) else "facts"


def shown_changes(changes: dict[str, object]) -> str:
    """An event's `PATH=VALUE`s as a line, a personal field's value left out."""
    return ", ".join(
        f"{path}=…" if _personal(path) else f"{path}={_shown(value)}" for path, value in changes.items()
    )
