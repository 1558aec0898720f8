"""The what-if changes a plan file records (`Plan.what_if`), applied to a scenario as bad input checks them.

A plan written by `planner solve --pin/--forbid/--waive` records changes that fit its scenario; a plan
edited by hand, or read against another version of the scenario, may record a pin of a cadre who is not
there, a waiver of a rule that cannot be waived, or a negative quota. `models.changes` applies a change
it trusts; this module is the edge before it: each change is checked against the scenario, every
problem named at `what_if[i].<field>` of the plan file with its value, and the scenario that results is
validated like a loaded one (schema, then cross references), so that a recorded change can never give a
scenario the loader would refuse.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import ValidationError

from models.changes import (
    AddForbid,
    AddPin,
    AddWaiver,
    Change,
    DropForbid,
    FillByLater,
    MinReady,
    PaceCap,
    QuotaBound,
    YouthCap,
)
from models.dates import period_starts
from models.errors import InputError, InputProblem, bilingual
from models.limits import FIRST_DATE, LAST_DATE, MAX_COUNT, check_line
from models.references import find_reference_problems
from models.rule_ids import WAIVABLE_RULES
from models.scenario import Scenario
from models.validation import validation_problems


def apply_recorded_changes(
    scenario: Scenario, changes: Sequence[Change], file: str, field: str = "what_if"
) -> Scenario:
    """`scenario` under `changes`, read from the plan `file` at `field`; `InputError` naming every
    change that does not apply."""
    problems = [
        problem
        for index, change in enumerate(changes)
        for problem in _change_problems(scenario, change, file, f"{field}[{index}]")
    ]
    if problems:
        raise InputError(problems)
    result = scenario
    for index, change in enumerate(changes):
        try:
            result = change.apply(result)
        # A change whose fields passed the checks above can still clash with one before it (a quota
        # min above a max set earlier): the schema object it builds says so.
        except (ValidationError, ValueError, StopIteration) as error:
            raise InputError([_clash(f"{field}[{index}]", error, file)]) from None
    try:
        checked = Scenario.model_validate(result.model_dump())
    except ValidationError as error:
        found = validation_problems(error, file, Scenario, result.model_dump(mode="json"))
        raise InputError([_as_recorded(field, problem, file) for problem in found]) from None
    found = find_reference_problems(checked, file)
    if found:
        raise InputError([_as_recorded(field, problem, file) for problem in found])
    return result


def _clash(where: str, error: Exception, file: str) -> InputProblem:
    if isinstance(error, ValidationError):
        texts = [str((detail.get("ctx") or {}).get("error", detail["msg"])) for detail in error.errors()]
    else:
        texts = [str(error) or type(error).__name__]
    halves = [text.partition(" / ") for text in texts]
    vi = "; ".join(part[0] for part in halves)
    en = "; ".join(part[2] if part[1] else part[0] for part in halves)
    return InputProblem(
        file, where, f"thay đổi này không áp dụng được: {vi} / the change does not apply: {en}"
    )


def _as_recorded(field: str, found: InputProblem, file: str) -> InputProblem:
    vi, sep, en = found.message.partition(" / ")
    if not sep:
        vi = en = found.message
    return InputProblem(
        file,
        field,
        f"khi đó kịch bản không hợp lệ tại {found.path}: {vi} / the scenario is then invalid at {found.path}: {en}",
    )


def _change_problems(scenario: Scenario, change: Change, file: str, where: str) -> Iterator[InputProblem]:
    """What keeps `change` from applying to `scenario`, each at `where.<field>`."""
    known = _Known(scenario)

    def problem(field: str, message: str, value: object) -> InputProblem:
        return InputProblem(file, f"{where}.{field}", message, value)

    cadre = getattr(change, "cadre", None)
    if cadre is not None and cadre not in known.cadres:
        yield problem("cadre", _unknown("cán bộ", "cadre", cadre, known.cadres), cadre)
    slot = getattr(change, "slot", None)
    if slot is not None and slot not in known.slots:
        yield problem("slot", _unknown("vị trí", "slot", slot, known.slots), slot)
    unit = getattr(change, "unit", None)
    if unit is not None and unit not in known.units:
        yield problem("unit", _unknown("đơn vị", "unit", unit, known.units), unit)
    if isinstance(change, AddForbid | DropForbid) and (slot is None) == (unit is None):
        message = (
            "một điều cấm nêu đúng một trong slot hoặc unit / a forbid names exactly one of slot or unit"
        )
        yield InputProblem(file, where, message)
    if isinstance(change, AddPin) and change.start is not None and change.start not in known.starts:
        message = (
            "ngày bắt đầu phải là một ngày bắt đầu của kỳ kế hoạch (ngày đầu quý hoặc tháng) / the start must "
            "be one of the period's start dates (first day of a quarter or month)"
        )
        yield problem("start", message, change.start)
    if isinstance(change, AddWaiver):
        yield from _waiver_problems(change, problem)
    if isinstance(change, QuotaBound | PaceCap | YouthCap):
        yield from _count_problems(scenario, change, problem)
    if isinstance(change, FillByLater):
        yield from _fill_by_problems(scenario, change, problem)
    if isinstance(change, MinReady):
        yield from _min_ready_problems(scenario, change, problem)


class _Known:
    def __init__(self, scenario: Scenario) -> None:
        self.cadres = {cadre.id for cadre in scenario.cadres}
        self.slots = {slot.id for slot in scenario.slots}
        self.units = {unit.id for unit in scenario.units}
        period = scenario.period
        self.starts = set(period_starts(period.start, period.end, period.granularity))


def _unknown(kind_vi: str, kind: str, value: str, known: set[str]) -> str:
    return bilingual(
        f"kịch bản không có {kind_vi} nào có mã này",
        f"the scenario has no {kind} with this id",
        value,
        sorted(known),
    )


def _waiver_problems(change: AddWaiver, problem) -> Iterator[InputProblem]:
    if change.rule not in WAIVABLE_RULES:
        rules = ", ".join(WAIVABLE_RULES)
        message = (
            f"quy định này không được miễn trừ; các quy định được miễn trừ: {rules} / "
            f"this rule cannot be waived; the waivable rules are: {rules}"
        )
        yield problem("rule", message, change.rule)
    for field in ("by", "ref"):
        text = getattr(change, field)
        if text is None:
            continue
        try:
            check_line(text)
        except ValueError as error:
            yield problem(field, str(error), None)
    if not change.by.strip():
        yield problem("by", "không được để trống / must not be empty", change.by)


def _count_problems(
    scenario: Scenario, change: QuotaBound | PaceCap | YouthCap, problem
) -> Iterator[InputProblem]:
    if not 0 <= change.value <= MAX_COUNT:
        message = f"phải trong khoảng 0 .. {MAX_COUNT:,} / must lie within 0 .. {MAX_COUNT:,}"
        yield problem("value", message, change.value)
        return
    if isinstance(change, QuotaBound):
        quota = scenario.rules.quota
        low, high = (change.value, quota.max) if change.bound == "min" else (quota.min, change.value)
        if high is not None and low > high:
            message = (
                f"hạn mức tối thiểu {low} sẽ lớn hơn tối đa {high} / the quota min {low} would be greater "
                f"than its max {high}"
            )
            yield problem("value", message, change.value)


def _fill_by_problems(scenario: Scenario, change: FillByLater, problem) -> Iterator[InputProblem]:
    if not FIRST_DATE <= change.fill_by <= LAST_DATE:
        message = (
            f"ngày phải nằm trong khoảng {FIRST_DATE} .. {LAST_DATE} / "
            f"the date must lie within {FIRST_DATE} .. {LAST_DATE}"
        )
        yield problem("fill_by", message, change.fill_by)
        return
    slot = next((s for s in scenario.slots if s.id == change.slot), None)
    if slot is not None and slot.open_from is not None and change.fill_by < slot.open_from:
        message = (
            f"trước ngày mở của vị trí ({slot.open_from}) / before the slot's open_from ({slot.open_from})"
        )
        yield problem("fill_by", message, change.fill_by)


def _min_ready_problems(scenario: Scenario, change: MinReady, problem) -> Iterator[InputProblem]:
    pools = {pool.id for pool in scenario.pool}
    if change.pool not in pools:
        yield problem("pool", _unknown("chức danh nguồn", "pool title", change.pool, pools), change.pool)
    if not 0 <= change.value <= MAX_COUNT:
        message = f"phải trong khoảng 0 .. {MAX_COUNT:,} / must lie within 0 .. {MAX_COUNT:,}"
        yield problem("value", message, change.value)
