"""Overrides: the scenario with some fields set by dotted path, e.g. `rules.quota.max: 7`.

Rule variants (`variants:` in the scenario, `planner solve --variant`) and `planner solve --set` both
come down to a set of overrides. A path names fields through mappings (`rules.youth.max_heads`,
`objective.weights.priority`, `titles.bi_thu.non_local`) and list entries by their id in brackets
(`slots[co_do.bi_thu].fill_by`, `cadres[C042].health_ok`). The result is validated like a loaded
scenario — schema, then cross references — so an override can never produce a scenario the loader would
refuse; every problem names the override's path and value. `variants` and `name` cannot be set: a
variant of a variant, or a plan of another scenario name, would mean nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pydantic import BaseModel, ValidationError

from models.errors import InputError, InputProblem, bilingual, format_value
from models.references import find_reference_problems
from models.scenario import Scenario
from models.validation import validation_problems

#: One step of a path: a field name, optionally followed by `[id]` to pick a list entry.
_STEP = re.compile(r"(?P<field>[^.\[\]\s=]+)(?:\[(?P<id>[^\[\]]+)\])?")
_FIXED_FIELDS = ("name", "variants")


def apply_overrides(
    scenario: Scenario, overrides: Mapping[str, object], source: str = "--set", prefix: str = ""
) -> Scenario:
    """`scenario` with each `path: value` of `overrides` set in turn, validated again.

    Problems are reported as coming from `source` (a file, or `--set`) at `prefix + path`. The result
    has no variants of its own. Raises `InputError` listing every problem found.
    """
    changed = _applied_in_place(scenario, overrides, source)
    if changed is not None:
        return changed
    # Something is wrong: the whole scenario is dumped and validated again, so that every problem is
    # told as a loaded scenario's would be.
    data = scenario.model_dump(mode="json")
    data["variants"] = []
    problems = []
    for path, value in overrides.items():
        problem = _set(data, path, value)
        if problem:
            problems.append(InputProblem(source, prefix + path, problem, value))
    if problems:
        raise InputError(problems)
    try:
        result = Scenario.model_validate(data)
    except ValidationError as error:
        found = validation_problems(error, source, Scenario, data)
        raise InputError([_as_override_problem(p, overrides, source, prefix) for p in found]) from None
    found = find_reference_problems(result, source)
    if found:
        raise InputError([_as_override_problem(p, overrides, source, prefix) for p in found])
    return result


def _applied_in_place(scenario: Scenario, overrides: Mapping[str, object], source: str) -> Scenario | None:
    """`apply_overrides`' result when every override applies, else None; in time proportional to what
    the overrides touch, not to the scenario (a re-plan applies thousands of events one by one).

    The scenario's parts are kept as the validated objects they are; only those on an override's path
    are turned back into data (`_opened`). Validating the whole then re-checks the changed parts field by
    field and the scenario's own cross-field rules (pydantic does not validate a model instance again);
    the references are checked as after a full validation."""
    data: dict[str, object] = {field: getattr(scenario, field) for field in Scenario.model_fields}
    data["variants"] = []
    for path, value in overrides.items():
        steps = _parse(path)
        if steps is None or steps[0][0] in _FIXED_FIELDS or not _set_opened(data, steps, value):
            return None
    try:
        result = Scenario.model_validate(data)
    except ValidationError:
        return None
    if all(type(value) is bool for value in overrides.values()):
        # A flag (health_ok, non_local...) is no id, date or title: it cannot make a reference dangle,
        # and checking every reference costs more than the rest (0.23 s on a province of 2,000 cadres).
        return result
    return None if find_reference_problems(result, source) else result


def _opened(node: object) -> object:
    """A part of the scenario as data one level down: a model as its fields (in JSON form, as a loaded
    file gives them), a tuple as a list (of the same, still validated, objects)."""
    if isinstance(node, BaseModel):
        return {k: v for k, v in node.model_dump(mode="json").items()}
    if isinstance(node, tuple):
        return list(node)
    if isinstance(node, dict):
        return dict(node)
    return node


def _set_opened(data: dict[str, object], steps: list[tuple[str, str | None]], value: object) -> bool:
    """`_set` on data whose parts may still be models: each part on the path is opened (`_opened`)
    before it is changed. False where the path does not lead to a field."""
    node: object = data
    for position, (field, entry_id) in enumerate(steps):
        last = position == len(steps) - 1
        if not isinstance(node, dict) or field not in node:
            return False
        if entry_id is None:
            if last:
                node[field] = value
            else:
                node[field] = _opened(node[field])
            node = node[field]
            continue
        entries = node[field] = _opened(node[field])
        if not isinstance(entries, list):
            return False
        index = next((i for i, e in enumerate(entries) if _entry_id(e) == entry_id), None)
        if index is None:
            return False
        entries[index] = value if last else _opened(entries[index])
        node = entries[index]
    return True


def _entry_id(entry: object) -> object:
    return entry.get("id") if isinstance(entry, dict) else getattr(entry, "id", None)


def variant_problems(scenario: Scenario, file: str) -> list[InputProblem]:
    """What is wrong with the scenario's variants: repeated names, and overrides that do not apply."""
    problems = []
    seen: set[str] = set()
    for index, variant in enumerate(scenario.variants):
        if variant.name in seen:
            message = "một biến thể khác đã có tên này / another variant has this name"
            problems.append(InputProblem(file, f"variants[{index}].name", message, variant.name))
        seen.add(variant.name)
        try:
            apply_overrides(scenario, variant.set, file, prefix=f"variants[{index}].set.")
        except InputError as error:
            problems += error.problems
    return problems


def _set(data: dict[str, object], path: str, value: object) -> str | None:
    """Set `path` in the scenario's data to `value`; the reason it cannot be set, or None."""
    steps = _parse(path)
    if steps is None:
        return (
            "không phải đường dẫn trường như rules.quota.max hay slots[ID].fill_by / "
            "not a field path such as rules.quota.max or slots[ID].fill_by"
        )
    if steps[0][0] in _FIXED_FIELDS:
        return f"không thể ghi đè {steps[0][0]} / {steps[0][0]} cannot be overridden"
    node: object = data
    for position, (field, entry_id) in enumerate(steps):
        last = position == len(steps) - 1
        if not isinstance(node, dict):
            where = _joined(steps[:position])
            return f"{where} không có trường con / {where} has no fields"
        if field not in node:
            return bilingual(
                f"trường không xác định {field!r}", f"unknown field {field!r}", field, map(str, node)
            )
        if entry_id is None:
            if last:
                node[field] = value
            node = node[field]
            continue
        entries = node[field]
        if not isinstance(entries, list):
            return f"{field} không phải danh sách các mục có mã / {field} is not a list of entries with ids"
        index = next(
            (i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") == entry_id), None
        )
        if index is None:
            ids = [str(e.get("id")) for e in entries if isinstance(e, dict)]
            return bilingual(
                f"không có mục nào của {field} có mã {entry_id!r}",
                f"no entry of {field} has the id {entry_id!r}",
                entry_id,
                ids,
            )
        if last:
            entries[index] = value
        node = entries[index]
    return None


def _parse(path: str) -> list[tuple[str, str | None]] | None:
    """`slots[a.b].fill_by` -> [("slots", "a.b"), ("fill_by", None)]; None when it is not a path."""
    steps, position = [], 0
    while True:
        match = _STEP.match(path, position)
        if match is None:
            return None
        steps.append((match["field"], match["id"]))
        position = match.end()
        if position == len(path):
            return steps
        if path[position] != ".":
            return None
        position += 1


def _joined(steps: list[tuple[str, str | None]]) -> str:
    return ".".join(field + (f"[{entry_id}]" if entry_id else "") for field, entry_id in steps)


def _by_id(path: str) -> str:
    """`cadres[0].birth_date (C01)` -> `cadres[C01].birth_date`: a problem's path as an override names it."""
    match = re.fullmatch(r"(?P<section>[a-z_]+)\[[0-9]+\](?P<rest>\S*) \((?P<id>[^()]+)\)", path)
    if match is None:
        return path.split(" ")[0]
    return f"{match['section']}[{match['id']}]{match['rest']}"


def _as_override_problem(
    found: InputProblem, overrides: Mapping[str, object], source: str, prefix: str
) -> InputProblem:
    """A problem of the overridden scenario, told as the override that caused it.

    That is the override whose path leads to the problem's field, or from it (`rules.quota` is invalid
    after `rules.quota.max=3`); when none does, every override is named.
    """
    where = _by_id(found.path)
    culprit = next((p for p in overrides if where and (p.startswith(where) or where.startswith(p))), None)
    vi, sep, en = found.message.partition(" / ")
    if not sep:
        vi = en = found.message
    if where != culprit:
        place_vi, place_en = found.path or "cấp cao nhất", found.path or "the top level"
        vi, en = (
            f"khi đó kịch bản không hợp lệ tại {place_vi}: {vi}",
            f"the scenario is then invalid at {place_en}: {en}",
        )
    if culprit is not None:
        return InputProblem(source, prefix + culprit, f"{vi} / {en}", overrides[culprit])
    told = ", ".join(
        f"{prefix}{path}={format_value(value, in_cadre=path.startswith('cadres'))}"
        for path, value in overrides.items()
    )
    return InputProblem(source, prefix.rstrip("."), f"với {told}, {vi} / with {told}, {en}")
