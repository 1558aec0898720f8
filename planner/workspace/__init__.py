"""The workspace: a database (SQLite or PostgreSQL, Alembic migrations) behind a plan's life.

Scenario versions, plans, decisions per placement, dated events and an append-only, hash-chained audit
log, with users and roles. `Workspace` (`service.py`) is the one door: every `planner ws` command calls
it, and it enforces roles and one transaction per command for any caller.
"""

from planner.workspace.decisions import KINDS as DECISION_KINDS
from planner.workspace.decisions import DecisionInput, PlanningConstraints, planning_constraints
from planner.workspace.errors import (
    BadInput,
    ConcurrentChange,
    NotInitialised,
    PermissionDenied,
    WorkspaceError,
)
from planner.workspace.events import EventInput, event_from_fields, read_events_file
from planner.workspace.roles import LOWEST_ROLE, Action, Role
from planner.workspace.service import Workspace

__all__ = [
    "DECISION_KINDS",
    "LOWEST_ROLE",
    "Action",
    "BadInput",
    "ConcurrentChange",
    "DecisionInput",
    "EventInput",
    "NotInitialised",
    "PermissionDenied",
    "PlanningConstraints",
    "Role",
    "Workspace",
    "WorkspaceError",
    "event_from_fields",
    "planning_constraints",
    "read_events_file",
]
