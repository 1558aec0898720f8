"""Re-planning while a plan is carried out (CONTRACT §4): dated events, the history kept as it was, the
fewest changes, and why each change was made. `replan_as_of` (`workflow.py`) is the whole `planner replan`."""

from planner.replan.changes import ChangeLine, change_lines, kept_count
from planner.replan.events import Event, EventStep, apply_events, event_of, load_events
from planner.replan.history import parse_as_of
from planner.replan.workflow import Commitments, Replanned, replan_as_of

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
