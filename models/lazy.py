"""Lazy package faces (PEP 562): a package lists its public names and the module each comes from, and a
name is imported on first use.

Why: `import planner` (and any import of a module inside a package, which runs the package's
`__init__` first) must cost nothing, so that the command line starts at once and catches Ctrl-C from its
first instant; `from planner import solve` still works. Type checkers do not run `__getattr__`: each face
also imports the same names under `if TYPE_CHECKING:`, and tests/test_public_api.py keeps the two lists
and `__all__` equal. It lives in `models`, the lowest layer, so that `models` and `planner` share it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_names(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The `__getattr__` and `__dir__` of `package`, whose public names are the keys of `homes` (each to
    the module that defines it). A loaded name is kept in the package, so it is looked up once."""
    namespace = sys.modules[package].__dict__

    def load(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted({*namespace, *homes})

    return load, names
