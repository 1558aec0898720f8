"""Re-planning while a plan is carried out (CONTRACT §4): dated events, the history kept as it was, the
fewest changes, and why each change was made. `replan` (`workflow.py`) is the whole `planner replan`."""

from planner.replan.events import Event, EventStep, apply_events, load_events
from planner.replan.workflow import Replanned, replan

__all__ = ["Event", "EventStep", "Replanned", "apply_events", "load_events", "replan"]
