"""`scenario_hash` writes the canonical text directly (`models.loading._text`); these tests hold it to the
bytes of the form it was defined with: the reference below is the implementation it replaced, copied
as it was. A plan records the hash of its scenario, so a changed byte would orphan every saved plan.

The direct form rests on two facts tested here too: sorting list entries by their compact JSON gives
the order of their spaced `json.dumps` texts (the first difference of two texts is never a structural
space: both have one after the same structural `,` or `:` of their common prefix), and the text of a
value is written as `json.dumps` would write its content.
"""

from __future__ import annotations

import enum
import functools
import gzip
import hashlib
import json
import math
import random
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field

from bench import assignp
from models import loading
from models.loading import load_scenario, scenario_hash
from models.scenario import Scenario
from planner.data.generate import generate
from tests.support.paths import EXAMPLE, FILES, ROOT
from tests.support.random_scenarios import random_scenario

# --- the reference: models.loading's canonical form before the direct text, verbatim ----------------

_REF_ENTRY_KEY = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_REF_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@functools.cache
def _ref_field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def _ref_content(value: object) -> object:
    if isinstance(value, BaseModel):
        content = {}
        model = type(value)
        for name in _ref_field_names(model):
            item = _ref_content(getattr(value, name))
            if item != _ref_default_content(model, name):
                content[name] = item
        return content
    if isinstance(value, dict):
        return {str(key): _ref_content(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        entries = [_ref_content(item) for item in value]
        return sorted(entries, key=_REF_ENTRY_KEY.encode)
    if isinstance(value, date):
        return value.isoformat()
    return value


@functools.cache
def _ref_default_content(model: type[BaseModel], name: str) -> object:
    field = model.model_fields[name]
    return (
        _REF_REQUIRED if field.is_required() else _ref_content(field.get_default(call_default_factory=True))
    )


_REF_REQUIRED = object()


def reference_text(value: object) -> str:
    return _REF_CANONICAL.encode(_ref_content(value))


def outcome(write: Any, value: object) -> tuple[str, object]:
    """A text, or the kind of error writing it raised (a plain `Enum` is no JSON: both forms refuse it)."""
    try:
        return ("text", write(value))
    except (TypeError, ValueError) as error:
        return ("error", type(error))


def reference_hash(scenario: Scenario) -> str:
    text = reference_text(scenario)
    return hashlib.sha256(b"cadre-rotation-planner/scenario-content/1\n" + text.encode("utf-8")).hexdigest()


# --- odd values ---------------------------------------------------------------------------------------

#: Characters that JSON escapes or that sit next to the structural ones in sort order.
ALPHABET = (
    list(' ",:\\/{}[]\n\t\r\b\f\x00\x01\x1f\x7f!#+-.0129AZaz~')
    + list("ăâđêôơưĐẠạẢảẤấẦầẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    + ["\u00a0", "\u2028", "\u2029", "\ufeff", "\U0001f600", "\ud800", "\udfff", "é", "é"]
)


class Colour(enum.Enum):
    RED = "red"


class Name(enum.StrEnum):
    A = "a,b"
    B = 'a"b'


class Level(enum.IntEnum):
    ONE = 1
    TWO = 2


class Bits(str):
    """A str subclass, which `_content` returns as it is."""


def odd_string(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 6)))


def odd_scalar(rng: random.Random) -> object:
    pick = rng.randrange(16)
    if pick < 5:
        return odd_string(rng)
    if pick == 5:
        return rng.choice([0, 1, -1, 7, 10, 12, 2**70, -(2**63), True, False, None])
    if pick == 6:
        return rng.choice([0.0, -0.0, 1.0, 0.5, 1e-7, 1e16, 1.5e300, -2.25, math.nan, math.inf, -math.inf])
    if pick == 7:
        return rng.choice([date(2020, 1, 1), date(1999, 12, 31), datetime(2020, 1, 1, 12, 30)])
    if pick == 8:
        return rng.choice([Colour.RED, Name.A, Name.B, Level.ONE, Level.TWO, Bits("x,y"), Bits("")])
    if pick == 9:
        return rng.randrange(-3, 13)
    if pick == 10:
        return rng.choice(["1", "1.0", "true", "null", "a", "a,", "a:", "a ", "a\\", 'a"'])
    return rng.random() * rng.choice([1, 100, 1e9])


def odd_value(rng: random.Random, depth: int = 0) -> object:
    pick = rng.randrange(10 if depth < 3 else 5)
    if pick < 5:
        return odd_scalar(rng)
    size = rng.randrange(0, 5)
    if pick == 5:
        return [odd_value(rng, depth + 1) for _ in range(size)]
    if pick == 6:
        return tuple(odd_value(rng, depth + 1) for _ in range(size))
    if pick == 7:
        hashable = [odd_scalar(rng) for _ in range(size)]
        hashable = [x for x in hashable if not (isinstance(x, float) and math.isnan(x))]
        return set(hashable) if rng.random() < 0.5 else frozenset(hashable)
    if pick == 8:
        keys = [rng.choice([odd_string(rng), rng.randrange(3), str(rng.randrange(3))]) for _ in range(size)]
        return {key: odd_value(rng, depth + 1) for key in keys}
    return odd_model(rng, depth + 1)


class Inner(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    a: int = 1
    b: str = "x, y"
    c: float = 1.0
    d: tuple[Any, ...] = ()


class Odd(BaseModel):
    """Fields with every kind of default `_content` compares with (a list default of two entries, a model
    default, a mapping default, a required field, None, scalars of each type, a date)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    required: Any
    n: int = 0
    f: float = 1.0
    s: str = ""
    flag: bool = False
    none: Any = None
    pair: tuple[Any, ...] = ("b", "a")
    one: tuple[Any, ...] = (1,)
    empty: list[Any] = Field(default_factory=list)
    inner: Inner = Inner()
    maybe: Inner | None = None
    mapping: dict[str, Any] = Field(default_factory=lambda: {"k": 1})
    day: date | None = None
    first: date = date(2020, 1, 1)
    colour: Colour = Colour.RED
    level: Level = Level.ONE


#: Values that equal a field's default in `_content` form though written otherwise.
DEFAULT_LOOKING = {
    "n": [0, 0.0, False, -0.0],
    "f": [1, 1.0, True],
    "s": [""],
    "flag": [False, 0],
    "pair": [("a", "b"), ["b", "a"], {"a", "b"}, frozenset({"a", "b"}), ("a", "a"), ("a",)],
    "one": [(1,), (1.0,), (True,), [1], {1}, ()],
    "empty": [[], (), set()],
    "inner": [Inner(), Inner(a=1), Inner(c=1), Inner(d=[]), Inner(a=2)],
    "mapping": [{"k": 1}, {"k": 1.0}, {"k": True}, {}, {"k": 2}],
    "day": [None, date(2020, 1, 1)],
    "first": [date(2020, 1, 1), "2020-01-01", datetime(2020, 1, 1)],
    "colour": [Colour.RED, "red"],
    "level": [Level.ONE, 1, 1.0],
}


def odd_model(rng: random.Random, depth: int = 0) -> BaseModel:
    if rng.random() < 0.3:
        return Inner.model_construct(
            **{name: odd_value(rng, depth + 1) for name in ("a", "b", "c", "d") if rng.random() < 0.5}
        )
    fields: dict[str, Any] = {"required": odd_value(rng, depth + 1)}
    for name in Odd.model_fields:
        roll = rng.random()
        if name in DEFAULT_LOOKING and roll < 0.4:
            fields[name] = rng.choice(DEFAULT_LOOKING[name])
        elif roll < 0.7:
            fields[name] = odd_value(rng, depth + 1)
    return Odd.model_construct(**fields)


# --- the order of the two encodings -------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_compact_and_spaced_json_sort_values_in_one_order(seed: int) -> None:
    rng = random.Random(seed)
    drawn = [odd_value(rng) for _ in range(60)] + [odd_scalar(rng) for _ in range(60)]
    values = [_ref_content(v) for v in drawn if outcome(reference_text, v)[0] == "text"]
    spaced = sorted(range(len(values)), key=lambda i: _REF_ENTRY_KEY.encode(values[i]))
    compact = sorted(range(len(values)), key=lambda i: _REF_CANONICAL.encode(values[i]))
    assert [_REF_CANONICAL.encode(values[i]) for i in spaced] == [
        _REF_CANONICAL.encode(values[i]) for i in compact
    ]


def test_the_order_holds_where_a_space_would_decide() -> None:
    """Pairs whose spaced texts differ first just after a structural `,` or `:` (a space against a
    character below or above it), or inside strings holding `, ` and `: `."""
    values = [
        [1, 2], [1, 12], [1], [1, "!"], [1, " "], [1, "\x1f"], [1, [2]], [1, {"a": 1}],
        {"a": 1}, {"a": 1, "b": 2}, {"a": "!"}, {"a": " "}, {"a": "\x00"}, {"a,": 1}, {"a": [1, 2]},
        "a, b", "a,b", "a: b", "a:b", "a ,b", ["a, b", 1], ["a,b", 1], ["a", " b"], ["a", "b"],
        {"a": 1, " ": 2}, {"a": 1, "!": 2}, {"a: b": 1}, {"a:b": 1}, [[]], [[], []], [{}], [{}, {}],
        1, 12, 1.0, -1, "1", True, None, [], {},
    ]  # fmt: skip
    spaced = sorted(values, key=_REF_ENTRY_KEY.encode)
    compact = sorted(values, key=_REF_CANONICAL.encode)
    assert [_REF_CANONICAL.encode(v) for v in spaced] == [_REF_CANONICAL.encode(v) for v in compact]


# --- the text of odd values ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(60))
def test_the_direct_text_is_the_canonical_json_of_the_content(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        value = odd_model(rng) if rng.random() < 0.6 else odd_value(rng)
        assert outcome(loading._text, value) == outcome(reference_text, value), value


@pytest.mark.parametrize("seed", range(30))
def test_many_models_of_one_type_are_written_as_one_by_one(seed: int) -> None:
    """A long list of models of one type is written a field at a time (`_models_texts`): odd values,
    defaults written otherwise, and fields of one scalar type in every model or not."""
    rng = random.Random(seed)
    size = loading._BY_FIELD_FROM + rng.randrange(0, 40)
    odd = [odd_model(rng) for _ in range(3 * size)]
    for model in (Odd, Inner):
        models = [m for m in odd if type(m) is model][:size]
        while len(models) < loading._BY_FIELD_FROM:
            models.append(model.model_construct(required=1) if model is Odd else Inner.model_construct())
        for value in (models, tuple(models), [m.model_copy() for m in models[:1]] * size):
            assert outcome(loading._text, value) == outcome(reference_text, value)
    scores = [
        Odd.model_construct(required=k % 3, n=rng.choice([0, 1, 2.0, False]), s="") for k in range(size)
    ]
    assert outcome(loading._text, scores) == outcome(reference_text, scores)


@pytest.mark.parametrize("seed", range(30))
def test_the_field_by_field_text_of_odd_values(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "_BY_FIELD_FROM", 1)
    rng = random.Random(1000 + seed)
    for _ in range(40):
        value = odd_model(rng) if rng.random() < 0.6 else odd_value(rng)
        assert outcome(loading._text, value) == outcome(reference_text, value), value


def test_defaults_written_otherwise_are_dropped_as_before() -> None:
    for name, values in DEFAULT_LOOKING.items():
        for value in values:
            model = Odd.model_construct(required=1, **{name: value})
            assert outcome(loading._text, model) == outcome(reference_text, model), (name, value)
    assert loading._text(Odd.model_construct(required=1)) == '{"required":1}'


# --- scenario hashes ----------------------------------------------------------------------------------


def _same_hash(scenario: Scenario) -> None:
    assert scenario_hash(scenario) == reference_hash(scenario)


SCENARIO_FILES = [EXAMPLE] + [
    path
    for path in sorted((ROOT / "scenarios").glob("can-tho-*.yaml"))
    if not path.name.endswith(".events.yaml")
]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: Path(p).stem)
def test_reference_and_example_scenarios_hash_as_before(path: Path) -> None:
    _same_hash(load_scenario(path))


@pytest.mark.parametrize(("cadres", "slots", "seed"), [(5, 3, 0), (60, 16, 1), (300, 40, 2), (1200, 120, 3)])
def test_generated_scenarios_hash_as_before(cadres: int, slots: int, seed: int) -> None:
    _same_hash(Scenario.model_validate(generate(cadres, slots, seed)))


@pytest.mark.parametrize("seed", range(30))
def test_random_scenarios_hash_as_before(seed: int) -> None:
    _same_hash(Scenario.model_validate(random_scenario(seed)))


def test_the_assignp_shortlist_hashes_as_before() -> None:
    numbers = gzip.decompress((FILES / "assignp800.txt.gz").read_bytes()).decode().split()
    n = int(numbers[0])
    triples = [[int(i) - 1, int(j) - 1, int(c)] for i, j, c in zip(*[iter(numbers[1:])] * 3, strict=True)]
    import numpy as np

    data = assignp.scenario("assignp800", n, np.array(triples, dtype=np.int64))
    _same_hash(Scenario.model_validate(data))


@pytest.mark.parametrize("seed", range(20))
def test_scenarios_with_odd_text_hash_as_before(seed: int) -> None:
    """Names, titles and variants holding quotes, commas, colons, backslashes, Vietnamese, line breaks
    (where a text allows them) and nested values; float and int scores; defaults written out."""
    rng = random.Random(seed)
    data = generate(40, 12, seed)
    line = [c for c in ALPHABET if c.isprintable() and c not in "\ud800\udfff"]

    def text(size: int) -> str:
        return "".join(rng.choice(line) for _ in range(size)).strip() or "x"

    data["title"] = text(30) + "\n" + text(10)
    for cadre in data["cadres"]:
        if rng.random() < 0.5:
            cadre["name"] = text(12)
    for unit in data["units"]:
        if rng.random() < 0.5:
            unit["name"] = text(12)
    for title in data["titles"].values():
        title["name"] = text(8)
    cadre_ids = [c["id"] for c in data["cadres"]]
    slot_ids = [s["id"] for s in data["slots"]]
    data["scores"] = [
        {"cadre": c, "slot": s, "score": rng.choice([1, 2.5, -0.0, 1e-9, 123456789.0, 7])}
        for c in rng.sample(cadre_ids, 10)
        for s in rng.sample(slot_ids, 3)
    ]
    data["variants"] = [
        {
            "name": f"v{k}",
            "description": text(20),
            "set": {"rules.quota.max": rng.randrange(5, 50), "x": [odd_value(rng) for _ in range(3)]},
        }
        for k in range(2)
    ]
    data.setdefault("rules", {})["mandatory_rotation"] = rng.choice(
        [["local_key_post", "term_limit"], ["term_limit"], [], ["term_limit", "local_key_post"]]
    )
    scenario = Scenario.model_validate(data)
    expected = outcome(reference_hash, scenario)  # a lone surrogate or a plain Enum: neither form hashes
    assert outcome(scenario_hash, scenario) == expected
