"""Shared fixtures: the named scenarios every layer's tests start from; and the markers every test gets.

The builders themselves (`tests.support.builders`) are plain functions, because tests parametrize over
them at import time; the fixtures here serve the loaded scenarios that many test modules share.

Markers (registered in pyproject.toml, `--strict-markers`): `slow` is written on a test that takes more
than about 5 s; `process`, `browser` and `postgres` are put on here at collection, from what a test
reaches (`pytest_collection_modifyitems`), so that a new test gets them without anyone remembering to.
`pytest -m "not slow"` is the inner loop; CI runs everything.
"""

from __future__ import annotations

import os
import stat
import types
from collections.abc import Callable, Iterator

import pytest

from planner import load_scenario
from tests.support.paths import EXAMPLE, REFERENCE

#: What a test reaches, directly or through the helpers and fixtures it calls, to earn each marker, by
#: qualified name (a module's or a function's): a process of its own (the planner's command line through
#: `run_planner` or the live server, or another program), a real browser.
REACHES: dict[str, frozenset[str]] = {
    "process": frozenset({"subprocess", "tests.support.processes.run_planner"}),
    "browser": frozenset({"tests.support.browser.headless_chromium"}),
}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`process` and `browser` on the tests that reach them; `postgres` on the PostgreSQL run of a
    workspace test (the `db_url` fixture's "postgresql" parameter)."""
    reaching: dict[str, dict[object, bool]] = {marker: {} for marker in REACHES}  # memo per marker
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        callables = [item.function, *_fixture_functions(item)]
        for marker, targets in REACHES.items():
            if any(_reaches(function, targets, reaching[marker]) for function in callables):
                item.add_marker(marker)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("db_url") == "postgresql":
            item.add_marker("postgres")


def _fixture_functions(item: pytest.Function) -> Iterator[Callable[..., object]]:
    """The functions of every fixture the test uses, its fixtures' fixtures included."""
    for definitions in item._fixtureinfo.name2fixturedefs.values():
        for definition in definitions:
            yield definition.func


def _qualified(thing: object) -> str:
    if isinstance(thing, types.ModuleType):
        return thing.__name__
    return f"{getattr(thing, '__module__', None)}.{getattr(thing, '__qualname__', None)}"


def _reaches(function: object, targets: frozenset[str], seen: dict[object, bool]) -> bool:
    """Whether `function` is one of `targets` or names, in its code (nested code included), a global
    that reaches one: a static look over the tests' own helpers, memoised in `seen`."""
    function = getattr(function, "__wrapped__", function)
    if _qualified(function) in targets:
        return True
    code = getattr(function, "__code__", None)
    if code is None or not _is_test_code(function):
        return False
    if function in seen:
        return seen[function]
    seen[function] = False  # a helper that calls itself reaches nothing through that call
    names, modules = function.__globals__, {target.rpartition(".")[0] for target in targets} | targets
    found = any(
        name in modules or (name in names and _reaches(names[name], targets, seen))  # an import inside
        for name in _names(code)
    )
    seen[function] = found
    return found


def _is_test_code(function: object) -> bool:
    """Only the tests' own code and the benchmark scripts they run are looked into (a library, the
    planner included, is taken as reaching nothing)."""
    module = getattr(function, "__module__", None) or ""
    return module.split(".")[0] in ("tests", "bench", "conftest")


def _names(code: types.CodeType) -> Iterator[str]:
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _names(constant)


@pytest.fixture(scope="session")
def contract_example():
    """The contract's example scenario, loaded (CONTRACT: it must always load, solve and check)."""
    return load_scenario(EXAMPLE)


@pytest.fixture(scope="session")
def reference_scenario():
    """The Cần Thơ 2022-2025 reference scenario, loaded."""
    return load_scenario(REFERENCE)


@pytest.fixture(autouse=True)
def dev_null_stays_a_device():
    """After every test `/dev/null` is still the character device (issue 28: an output path must never
    replace it; a test that did would break every later program on the machine)."""
    yield
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode), "/dev/null is no longer a character device"
