"""The old plan split at the as-of date (CONTRACT §4): its history, fixed, and its future, to be re-planned.

An assignment starting before DATE is history: it happened, so it stays as it is whatever the facts now
say. The re-plan needs it by position in the scenario (the model fixes it), so a history naming a cadre or
slot the scenario does not have, or a start that is not one of the period's start dates, is bad input.
The future part is only compared with the new plan (what changed), so it is read leniently: an
assignment the scenario cannot place any more is simply one that must change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.dates import period_starts
from models.errors import InputError, InputProblem, did_you_mean
from models.plan import Assignment, Plan
from models.scenario import Scenario
from planner.rules.index import ScenarioIndex

__all__ = ["Placed", "SplitPlan", "as_of_index", "parse_as_of", "split_plan"]


@dataclass(frozen=True)
class Placed:
    """An assignment of the old plan by position: cadre, slot and start index, None where the scenario
    (now) lacks it."""

    assignment: Assignment
    cadre: int | None
    slot: int | None
    start: int | None


@dataclass(frozen=True)
class SplitPlan:
    history: tuple[Placed, ...]
    future: tuple[Placed, ...]


def parse_as_of(scenario: Scenario, text: str | date, source: str = "--as-of") -> date:
    """`--as-of DATE`: a YYYY-MM-DD date that is a start date of the scenario's period (the first day of
    one of its quarters or months); raises `InputError` naming `source` and the value."""
    as_of: date | None
    if isinstance(text, date):
        as_of = text
    else:
        try:
            as_of = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            as_of = None
        if as_of is None:
            message = "không phải ngày dạng YYYY-MM-DD / not a YYYY-MM-DD date"
            raise InputError([InputProblem(source, "", message, text)])
    period = scenario.period
    starts = period_starts(period.start, period.end, period.granularity)
    if as_of in starts:
        return as_of
    first, last = (starts[0], starts[-1]) if starts else (period.start, period.end)
    unit = "tháng" if period.granularity == "month" else "quý"
    unit_en = "month" if period.granularity == "month" else "quarter"
    message = (
        f"không phải ngày bắt đầu của giai đoạn (ngày đầu {unit} từ {first} đến {last}) / not a start date "
        f"of the period (the first day of a {unit_en}, {first} to {last})"
    )
    raise InputError([InputProblem(source, "", message, as_of)])


def as_of_index(index: ScenarioIndex, as_of: date, source: str = "--as-of") -> int:
    """The start index of `as_of`, which must be a start date of the period; raises `InputError`."""
    return index.starts.index(parse_as_of(index.scenario, as_of, source))


def split_plan(index: ScenarioIndex, plan: Plan, as_of: date, file: str) -> SplitPlan:
    """The plan's assignments before `as_of` (history) and from it on (future); raises `InputError`
    when the history names what the scenario does not have (every such problem at once)."""
    start_of = {day.isoformat(): start for start, day in enumerate(index.starts)}
    history, future, problems = [], [], []
    for position, a in enumerate(plan.assignments):
        placed = Placed(
            a, index.cadre_index.get(a.cadre), index.slot_index.get(a.slot), start_of.get(a.start or "")
        )
        start = _date(a.start)
        if start is None and placed.start is None:
            problems.append(
                _problem(
                    file, position, "start", "không phải ngày YYYY-MM-DD / not a YYYY-MM-DD date", a.start
                )
            )
            continue
        if start is not None and start >= as_of:
            future.append(placed)
            continue
        history.append(placed)
        problems += _history_problems(index, placed, position, file)
    if problems:
        raise InputError(problems)
    return SplitPlan(tuple(history), tuple(future))


def _history_problems(index: ScenarioIndex, placed: Placed, position: int, file: str) -> list[InputProblem]:
    a, found = placed.assignment, []
    if placed.cadre is None:
        message = f"lịch sử nêu cán bộ không có trong kịch bản / the history names a cadre the scenario lacks{did_you_mean(a.cadre, index.cadre_index)}"
        found.append(_problem(file, position, "cadre", message, a.cadre))
    if placed.slot is None:
        message = f"lịch sử nêu vị trí không có trong kịch bản / the history names a slot the scenario lacks{did_you_mean(a.slot, index.slot_index)}"
        found.append(_problem(file, position, "slot", message, a.slot))
    if placed.start is None:
        message = (
            "ngày bắt đầu trong lịch sử không phải ngày bắt đầu của giai đoạn / a start in the history that "
            "is not a start date of the period"
        )
        found.append(_problem(file, position, "start", message, a.start))
    return found


def _problem(file: str, position: int, field: str, message: str, value: object) -> InputProblem:
    return InputProblem(file, f"assignments[{position}].{field}", message, value)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None
