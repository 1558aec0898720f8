"""Checks that need the whole scenario: duplicate ids and ids that point at nothing.

The schema checks each field alone; a slot naming a unit that does not exist, or two cadres sharing an
id, shows only here. These are input errors, not rule violations: the planner would otherwise solve a
different problem from the one the planner meant, silently.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence

from models.dates import is_boundary
from models.errors import InputProblem, bilingual, format_path
from models.scenario import Scenario, Slot, Unit
from models.tables import CadreTable, cadre_problem


def find_reference_problems(
    scenario: Scenario, file: str, cadre_table: CadreTable | None = None
) -> list[InputProblem]:
    """Every duplicate and dangling reference of a schema-valid scenario read from `file`.

    `cadre_table` is given when the cadres came from a CSV/XLSX table, so that cadre problems name its
    rows rather than YAML paths.
    """
    places = _Places(scenario, file, cadre_table)
    checks = (
        _duplicates,
        _slot_problems,
        _cadre_problems,
        _score_problems,
        _pin_problems,
        _forbid_problems,
        _relation_problems,
        _pool_problems,
        _after_problems,
    )
    return [problem for check in checks for problem in check(scenario, places)]


class _Places:
    """Builds problems at the right place, and knows the ids that references may name."""

    def __init__(self, scenario: Scenario, file: str, table: CadreTable | None) -> None:
        self.file, self.table, self.scenario = file, table, scenario
        self.units = {unit.id for unit in scenario.units}
        self.slots = {slot.id for slot in scenario.slots}
        self.cadres = {cadre.id for cadre in scenario.cadres}
        self.titles = set(scenario.titles)
        #: Experience codes the scenario knows (edition 3): what titles give and pool titles require.
        self.experience = {code for title in scenario.titles.values() for code in title.gives} | {
            code for pool in scenario.pool for code in pool.requires_experience
        }

    def at(self, *loc: str | int, message: str, value: object | None = None) -> InputProblem:
        """A problem at a YAML path; slot and unit entries get their id appended, to be found by it."""
        path = format_path(*loc)
        listed: dict[str, Sequence[Slot | Unit]] = {
            "slots": self.scenario.slots,
            "units": self.scenario.units,
        }
        entries = listed.get(str(loc[0]))
        if entries is not None and len(loc) > 1:
            path += f" ({entries[int(loc[1])].id})"
        return InputProblem(self.file, path, message, value)

    def cadre(self, index: int, *tail: str | int, message: str, value: object | None = None) -> InputProblem:
        cadre_id = self.scenario.cadres[index].id
        return cadre_problem(self.file, self.table, index, tail, message, value=value, cadre_id=cadre_id)

    def cadre_place(self, index: int) -> tuple[str, str]:
        """How a planner finds cadre `index`, in Vietnamese and English: its table row, or its YAML path."""
        if self.table:
            return f"dòng {self.table.rows[index]}", f"row {self.table.rows[index]}"
        return f"cadres[{index}]", f"cadres[{index}]"


#: What each kind of id names, in Vietnamese.
_KINDS_VI = {
    "cadre": "cán bộ",
    "unit": "đơn vị",
    "slot": "vị trí",
    "title": "chức danh",
    "experience code": "mã kinh nghiệm",
}


def _unknown(kind: str, value: str, known: set[str]) -> str | None:
    """The message for an id that names nothing, with the nearest known id as a hint; None if known."""
    if value in known:
        return None
    return bilingual(
        f"không có {_KINDS_VI[kind]} nào có mã này", f"no {kind} has this id", value, sorted(known)
    )


def _repeats(keys: Sequence[Hashable]) -> Iterator[tuple[int, int]]:
    """(index, index of the first occurrence) for every key seen before."""
    first: dict[Hashable, int] = {}
    for index, key in enumerate(keys):
        if key in first:
            yield index, first[key]
        else:
            first[key] = index


def _duplicates(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    """Repeated ids and repeated entries: the second one would silently override or double the first."""
    for kind, entries in (("unit", scenario.units), ("slot", scenario.slots)):
        for index, first in _repeats([entry.id for entry in entries]):
            message = (
                f"mã {_KINDS_VI[kind]} bị trùng: {kind}s[{first}] cũng có mã này / "
                f"duplicate {kind} id: {kind}s[{first}] has it too"
            )
            yield places.at(f"{kind}s", index, "id", message=message, value=entries[index].id)
    for index, first in _repeats([cadre.id for cadre in scenario.cadres]):
        place_vi, place_en = places.cadre_place(first)
        message = f"mã cán bộ bị trùng: {place_vi} cũng có mã này / duplicate cadre id: {place_en} has it too"
        yield places.cadre(index, "id", message=message, value=scenario.cadres[index].id)
    for index, first in _repeats([(s.cadre, s.slot) for s in scenario.scores]):
        value = {"cadre": scenario.scores[index].cadre, "slot": scenario.scores[index].slot}
        yield places.at(
            "scores",
            index,
            message=f"scores[{first}] đã chấm điểm cặp này / scores[{first}] scores the same pair",
            value=value,
        )
    for field in ("cadre", "slot"):
        for index, first in _repeats([getattr(pin, field) for pin in scenario.pins]):
            message = (
                f"pins[{first}] đã chỉ định cùng {_KINDS_VI[field]} này / pins[{first}] pins the same {field}"
            )
            yield places.at("pins", index, field, message=message, value=getattr(scenario.pins[index], field))
    for index, first in _repeats([pool.id for pool in scenario.pool]):
        message = f"mã chức danh nguồn bị trùng: pool[{first}] cũng có mã này / duplicate pool id: pool[{first}] has it too"
        yield places.at("pool", index, "id", message=message, value=scenario.pool[index].id)
    posts = scenario.after_rotation.posts if scenario.after_rotation else ()
    for index, first in _repeats([post.id for post in posts]):
        message = (
            f"mã vị trí sau luân chuyển bị trùng: after_rotation.posts[{first}] cũng có mã này / "
            f"duplicate post id: after_rotation.posts[{first}] has it too"
        )
        yield places.at("after_rotation", "posts", index, "id", message=message, value=posts[index].id)
    for index, first in _repeats([frozenset(r.cadres) for r in scenario.relations]):
        message = f"relations[{first}] đã nêu quan hệ của hai cán bộ này / relations[{first}] relates the same two cadres"
        yield places.at(
            "relations", index, "cadres", message=message, value=list(scenario.relations[index].cadres)
        )
    for index, first in _repeats(list(scenario.forbids)):
        value = scenario.forbids[index].model_dump(exclude_none=True)
        yield places.at(
            "forbids",
            index,
            message=f"trùng với forbids[{first}] / forbids[{first}] is the same",
            value=value,
        )


def _slot_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    """Slots in unknown units or titles, chains on unknown cadres, windows wholly outside the period."""
    period = scenario.period
    for index, slot in enumerate(scenario.slots):
        references = [
            ("unit", "unit", slot.unit, places.units),
            ("title", "title", slot.title, places.titles),
        ]
        if slot.vacated_by is not None:
            references.append(("vacated_by", "cadre", slot.vacated_by, places.cadres))
        for field, kind, value, known in references:
            if message := _unknown(kind, value, known):
                yield places.at("slots", index, field, message=message, value=value)
        if slot.open_from and slot.open_from > period.end:
            message = (
                f"vị trí mở sau khi kỳ kế hoạch kết thúc ({period.end}) / "
                f"the slot opens after the period ends ({period.end})"
            )
            yield places.at("slots", index, "open_from", message=message, value=slot.open_from)
        if slot.fill_by and slot.fill_by < period.start:
            message = (
                f"hạn bố trí muộn nhất của vị trí trước ngày bắt đầu kỳ kế hoạch ({period.start}) / "
                f"the slot's latest start is before the period starts ({period.start})"
            )
            yield places.at("slots", index, "fill_by", message=message, value=slot.fill_by)


def _cadre_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    """Home units (`local_to`) and current posts that name unknown units or titles, and a `head_since`
    that the post cannot have."""
    for index, cadre in enumerate(scenario.cadres):
        for position, unit in enumerate(cadre.local_to):
            if message := _unknown("unit", unit, places.units):
                yield places.cadre(index, "local_to", position, message=message, value=unit)
        for position, code in enumerate(cadre.experience):
            if message := _unknown("experience code", code, places.experience):
                yield places.cadre(index, "experience", position, message=message, value=code)
        if cadre.current is None:
            continue
        if message := _unknown("unit", cadre.current.unit, places.units):
            yield places.cadre(index, "current", "unit", message=message, value=cadre.current.unit)
        if message := _unknown("title", cadre.current.title, places.titles):
            yield places.cadre(index, "current", "title", message=message, value=cadre.current.title)
        yield from _head_since_problems(scenario, places, index)


def _head_since_problems(scenario: Scenario, places: _Places, index: int) -> Iterator[InputProblem]:
    """`head_since` dates a head post held continuously (CONTRACT §2): a deputy has no such date, and a
    tenure beginning after the period start is not a fact the planner can know at planning time."""
    current = scenario.cadres[index].current
    if current is None or current.head_since is None:
        return
    since, start = current.head_since, scenario.period.start
    if since > start:
        message = (
            f"không thể giữ chức vụ cấp trưởng từ sau ngày bắt đầu kỳ kế hoạch ({start}) / "
            f"the head post cannot be held from after the period start ({start})"
        )
        yield places.cadre(index, "current", "head_since", message=message, value=since)
    title = scenario.titles.get(current.title)
    if title is not None and title.level == "deputy":
        message = (
            f"chỉ cấp trưởng mới có head_since, mà chức danh hiện tại {current.title!r} là cấp phó / "
            f"only a head holds head_since, and the current title {current.title!r} is a deputy title"
        )
        yield places.cadre(index, "current", "head_since", message=message, value=since)


def _score_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    for index, score in enumerate(scenario.scores):
        yield from _pair_problems(places, "scores", index, score.cadre, score.slot)


def _pin_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    """Pins on unknown ids, and pinned starts the plan could never use."""
    period = scenario.period
    for index, pin in enumerate(scenario.pins):
        yield from _pair_problems(places, "pins", index, pin.cadre, pin.slot)
        if pin.start is None:
            continue
        if not period.start <= pin.start <= period.end:
            message = (
                f"ngày bắt đầu nằm ngoài kỳ kế hoạch {period.start} .. {period.end} / "
                f"the start is outside the period {period.start} .. {period.end}"
            )
            yield places.at("pins", index, "start", message=message, value=pin.start)
        elif not is_boundary(pin.start, period.granularity):
            unit = "calendar quarter" if period.granularity == "quarter" else "month"
            unit_vi = "quý" if period.granularity == "quarter" else "tháng"
            message = (
                f"ngày bắt đầu được chỉ định phải là ngày đầu một {unit_vi} / "
                f"a pinned start must be the first day of a {unit}"
            )
            yield places.at("pins", index, "start", message=message, value=pin.start)


def _forbid_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    for index, forbid in enumerate(scenario.forbids):
        yield from _pair_problems(places, "forbids", index, forbid.cadre, forbid.slot)
        if forbid.unit is not None and (message := _unknown("unit", forbid.unit, places.units)):
            yield places.at("forbids", index, "unit", message=message, value=forbid.unit)


def _pair_problems(
    places: _Places, section: str, index: int, cadre: str, slot: str | None
) -> Iterator[InputProblem]:
    """Unknown cadre and slot ids of a score, pin or forbid entry."""
    if message := _unknown("cadre", cadre, places.cadres):
        yield places.at(section, index, "cadre", message=message, value=cadre)
    if slot is not None and (message := _unknown("slot", slot, places.slots)):
        yield places.at(section, index, "slot", message=message, value=slot)


def _relation_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    """Relations (edition 3) between two different known cadres."""
    for index, relation in enumerate(scenario.relations):
        for position, cadre in enumerate(relation.cadres):
            if message := _unknown("cadre", cadre, places.cadres):
                yield places.at("relations", index, "cadres", position, message=message, value=cadre)
        if relation.cadres[0] == relation.cadres[1]:
            message = (
                "một quan hệ nêu hai cán bộ khác nhau, không phải một cán bộ hai lần / "
                "a relation names two different cadres, not one cadre twice"
            )
            yield places.at("relations", index, "cadres", message=message, value=list(relation.cadres))


def _pool_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    """A pool title whose experience no title gives and no cadre has can never be ready: a typo."""
    held = {code for cadre in scenario.cadres for code in cadre.experience}
    given = {code for title in scenario.titles.values() for code in title.gives}
    for index, pool in enumerate(scenario.pool):
        for position, code in enumerate(pool.requires_experience):
            if code in given or code in held:
                continue
            message = bilingual(
                "không chức danh nào cho kinh nghiệm này (gives) và không cán bộ nào đã có",
                "no title gives this experience (gives) and no cadre has it",
                code,
                sorted(given),
            )
            yield places.at("pool", index, "requires_experience", position, message=message, value=code)


def _after_problems(scenario: Scenario, places: _Places) -> Iterator[InputProblem]:
    """Projected posts (CONTRACT §6.4) in unknown units or titles."""
    if scenario.after_rotation is None:
        return
    for index, post in enumerate(scenario.after_rotation.posts):
        for field, kind, value, known in (
            ("unit", "unit", post.unit, places.units),
            ("title", "title", post.title, places.titles),
        ):
            if message := _unknown(kind, value, known):
                yield places.at("after_rotation", "posts", index, field, message=message, value=value)
