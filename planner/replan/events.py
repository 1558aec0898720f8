"""Dated fact changes (`planner replan --events EVENTS.yaml`, CONTRACT §4): read, validated, applied.

An events file is a YAML list of `{date, set: {PATH: VALUE}, note, ref}`: on `date` the fields at each PATH
(written as in a scenario's `variants`, `models.overrides`) took these values, as document `ref` says
(optionally `source`: the document the fact comes from, which the workspace keeps). The workspace's
`ws event add` reads the same files and builds its command-line events with `event_of`. A
re-plan as of DATE applies every event dated on or before DATE, in date order (the file's order among
events of one date), each on the scenario the ones before it left. Everything is checked at this edge:
the list's shape, each date, each path and value (an unknown cadre, slot or field is bad input naming
the event's `set.PATH`), so that a re-plan never starts on events it cannot apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.errors import InputError, InputProblem
from models.files import read_bytes
from models.limits import MAX_EVENTS, MAX_YAML_BYTES
from models.overrides import apply_overrides
from models.plan import EventRecord
from models.safe_yaml import parse_yaml
from models.scenario import Scenario
from models.validation import validation_problems

__all__ = ["Event", "EventStep", "apply_events", "event_of", "load_events"]


class Event(BaseModel):
    """One dated fact change of an events file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: date
    set: dict[str, object] = Field(min_length=1)
    note: str | None = Field(None, max_length=2000)
    ref: str | None = Field(None, max_length=200)
    #: The document the fact comes from (a medical certificate, a decision), where it is not `ref`.
    source: str | None = Field(None, max_length=500)

    @property
    def record(self) -> EventRecord:
        """The event as the re-planned plan records it."""
        return EventRecord(date=self.date.isoformat(), set=dict(self.set), note=self.note, ref=self.ref)

    @property
    def label(self) -> str:
        """`QĐ 45-QĐ/TU (2023-09-01)`: how messages name the event."""
        return f"{self.ref} ({self.date})" if self.ref else str(self.date)


class _EventList(BaseModel):
    events: list[Event]


@dataclass(frozen=True)
class EventStep:
    """An applied event and the scenario right after it (the scenario before the first is the one given)."""

    position: int  # in the file
    event: Event
    scenario: Scenario


def load_events(path: str | Path) -> list[Event]:
    """The events of a YAML file, validated (dates, fields, sizes); raises `InputError` naming the file,
    the entry (`[2].date`) and the value."""
    path = Path(path)
    file = str(path)
    try:
        content = read_bytes(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([InputProblem(file, "", "không phải văn bản UTF-8 / not UTF-8 text")]) from None
    too_many = (
        f"tệp có hơn {MAX_EVENTS} sự kiện; hãy chia tệp hoặc gộp các thay đổi cùng ngày / the file holds "
        f"more than {MAX_EVENTS} events (at most {MAX_EVENTS}); split it or merge the changes of a date"
    )
    data, duplicates = parse_yaml(content, file, MAX_EVENTS, too_many)
    if duplicates:
        raise InputError(duplicates)
    if data is None:
        data = []
    if not isinstance(data, list):
        message = (
            "tệp sự kiện là một danh sách {date, set, note, ref} / an events file is a list of "
            "{date, set, note, ref}"
        )
        raise InputError([InputProblem(file, "", message, data)])
    try:
        return _EventList.model_validate({"events": data}).events
    except ValidationError as error:
        problems = validation_problems(error, file, _EventList, {"events": data})
        raise InputError([_without_list_name(p) for p in problems]) from None


def event_of(fields: dict[str, object], file: str, where: str) -> Event:
    """One event from fields given elsewhere (the command line's `--date --set --ref`), validated as an
    events file's entry; raises `InputError` naming `where` and the field."""
    try:
        return Event.model_validate(fields)
    except ValidationError as error:
        problems = validation_problems(error, file, Event, fields)
        raise InputError(
            [InputProblem(p.file, f"{where}.{p.path}", p.message, p.value, p.row) for p in problems]
        ) from None


def _without_list_name(problem: InputProblem) -> InputProblem:
    """`events[2].date` -> `[2].date`: the file is the list itself."""
    path = problem.path.removeprefix("events")
    return InputProblem(problem.file, path, problem.message, problem.value, problem.row)


def _position(problem: InputProblem) -> int:
    """The event a problem is about (`[12].set.PATH`), so that problems are told in the file's order."""
    head = problem.path.removeprefix("[").partition("]")[0]
    return int(head) if head.isdigit() else -1


def apply_events(scenario: Scenario, events: list[Event], as_of: date, file: str) -> list[EventStep]:
    """Every event dated on or before `as_of`, applied in date order (stable: the file's order within a
    date), each with the scenario after it. Every event of the file must apply, even a later one: a
    typo in an event to come is found now (on the scenario given), not when its date arrives. Raises
    `InputError`."""
    problems: list[InputProblem] = []
    for position, event in enumerate(events):
        if event.date <= as_of:
            continue  # applied below, each on the scenario the ones before it left
        try:
            apply_overrides(scenario, event.set, file, prefix=f"[{position}].set.")
        except InputError as error:
            problems += error.problems
    due = sorted(
        ((position, event) for position, event in enumerate(events) if event.date <= as_of),
        key=lambda item: (item[1].date, item[0]),
    )
    steps = []
    for position, event in due:
        try:
            scenario = apply_overrides(scenario, event.set, file, prefix=f"[{position}].set.")
        except InputError as error:  # told with every other event's problems; the rest still applied
            problems += error.problems
            continue
        steps.append(EventStep(position, event, scenario))
    if problems:
        raise InputError(sorted(problems, key=_position))
    return steps
