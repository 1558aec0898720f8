"""Re-planning while a plan is carried out (CONTRACT §4): dated events, the history kept as it was, the
fewest changes, and why each change was made. `replan_as_of` (`workflow.py`) is the whole `planner replan`.

The names below load on first use (`models.lazy`), so that reading a plan's change lines
(`planner.replan.changes`) does not import the solver."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.lazy import lazy_names

if TYPE_CHECKING:
    from planner.replan.changes import ChangeLine, change_lines, kept_count
    from planner.replan.events import Event, EventStep, apply_events, event_of, load_events
    from planner.replan.history import parse_as_of
    from planner.replan.workflow import Commitments, Replanned, replan_as_of

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

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
