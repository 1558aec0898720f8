"""Pydantic domain models: the scenario and plan schemas and their loading.

The names below are this package's face for the command line beside `planner`'s; they load on first use
(PEP 562), so that `models.errors` (standard library only) stays cheap for whoever imports it first."""

from __future__ import annotations

import importlib

#: Each name and the module of this package that defines it.
_HOMES: dict[str, str] = {
    "PERSONAL_FIELDS": "models.errors",
    "format_value": "models.errors",
    "parse_yaml": "models.safe_yaml",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> object:
    """The name `name`, imported from its module on first use and kept."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
