"""Re-planning while a plan is carried out (CONTRACT §4): dated events, the history kept as it was, the
fewest changes, and why each change was made. `replan_as_of` (`workflow.py`) is the whole `planner replan`.

The names load on first use (PEP 562, as `planner`'s): the workspace reads events and words changes
(`events.py`, `changes.py`) without loading the solver that `workflow.py` brings (`planner ws` commands
that do not re-plan start without OR-Tools)."""

from __future__ import annotations

import importlib

#: Each name and the module of this package that defines it.
_HOMES: dict[str, str] = {
    "ChangeLine": "planner.replan.changes",
    "change_lines": "planner.replan.changes",
    "kept_count": "planner.replan.changes",
    "Event": "planner.replan.events",
    "EventStep": "planner.replan.events",
    "apply_events": "planner.replan.events",
    "event_of": "planner.replan.events",
    "load_events": "planner.replan.events",
    "parse_as_of": "planner.replan.history",
    "Commitments": "planner.replan.workflow",
    "Replanned": "planner.replan.workflow",
    "replan_as_of": "planner.replan.workflow",
}

__all__ = [
    "ChangeLine",
    "Commitments",
    "Event",
    "EventStep",
    "Replanned",
    "apply_events",
    "change_lines",
    "event_of",
    "kept_count",
    "load_events",
    "parse_as_of",
    "replan_as_of",
]


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
