"""Events: dated fact changes (CONTRACT §4's events file: `{date, set: {PATH: VALUE}, note, ref}`).

An event is checked against the scenario it changes before anything is written: its PATHs must name
fields and entries the scenario has (`cadres[C042].health_ok`, not an unknown cadre or field) and the
changed scenario must load; every problem names the event, the field and the value. Applied, an event
makes a new scenario version whose parent is the one it changed; the event keeps its date, so that a
re-plan as of a date can tell the events it must apply from the later ones.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.errors import InputError, InputProblem
from models.files import read_bytes
from models.limits import MAX_YAML_BYTES
from models.overrides import apply_overrides, variant_problems
from models.safe_yaml import parse_yaml
from models.scenario import Scenario

_FIELDS = ("date", "set", "note", "ref", "source")


@dataclass(frozen=True)
class EventInput:
    date: date
    set: dict[str, object]
    note: str | None = None
    ref: str | None = None
    source: str | None = None  # the document the fact comes from (a decision, a medical certificate...)


def event_from_fields(raw: object, file: str, where: str) -> EventInput:
    """One event of an events file (or of the command line), its problems as `InputError`."""
    problems = []
    if not isinstance(raw, dict):
        raise InputError(
            [
                InputProblem(
                    file,
                    where,
                    "một sự kiện là một bảng ánh xạ {date, set, note, ref} / "
                    "an event is a mapping {date, set, note, ref}",
                    raw,
                )
            ]
        )
    for key in raw:
        if key not in _FIELDS:
            problems.append(
                InputProblem(
                    file,
                    f"{where}.{key}",
                    f"trường không xác định / unknown field (known: {', '.join(_FIELDS)})",
                    key,
                )
            )
    when = raw.get("date")
    if isinstance(when, str):
        with contextlib.suppress(ValueError):
            when = date.fromisoformat(when)
    if not isinstance(when, date):
        problems.append(
            InputProblem(file, f"{where}.date", "cần một ngày YYYY-MM-DD / a date YYYY-MM-DD is needed", when)
        )
    changes = raw.get("set")
    if not isinstance(changes, dict) or not changes:
        problems.append(
            InputProblem(
                file,
                f"{where}.set",
                "cần ít nhất một PATH: VALUE / at least one PATH: VALUE is needed",
                changes,
            )
        )
    texts = {}
    for key in ("note", "ref", "source"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str | int):
            problems.append(InputProblem(file, f"{where}.{key}", "cần một chuỗi / a text is needed", value))
        texts[key] = None if value is None else str(value)
    if problems:
        raise InputError(problems)
    return EventInput(when, {str(k): v for k, v in changes.items()}, **texts)


def read_events_file(path: Path) -> list[EventInput]:
    file = str(path)
    data, problems = parse_yaml(read_bytes(path, MAX_YAML_BYTES).decode("utf-8", errors="replace"), file)
    if problems:
        raise InputError(problems)
    if not isinstance(data, list):
        raise InputError(
            [InputProblem(file, "", "tệp sự kiện là một danh sách / an events file is a list", data)]
        )
    events, problems = [], []
    for index, raw in enumerate(data):
        try:
            events.append(event_from_fields(raw, file, f"[{index}]"))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return events


def apply_event(scenario: Scenario, event: EventInput, source: str, where: str) -> Scenario:
    """The scenario with the event's changes set, its variants kept (each must still apply); `InputError`
    naming the event's PATH and value."""
    changed = apply_overrides(scenario, event.set, source, prefix=f"{where}.set.")
    changed = changed.model_copy(update={"variants": scenario.variants})
    problems = variant_problems(changed, source)
    if problems:
        raise InputError(problems)
    return changed
