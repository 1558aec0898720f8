"""The workspace: a database (SQLite or PostgreSQL, Alembic migrations) behind a plan's life.

Scenario versions, plans, decisions per placement, dated events and an append-only, hash-chained audit
log, with users and roles. `Workspace` (`service.py`) is the one door: every `planner ws` command calls
it, and it enforces roles and one transaction per command for any caller.
"""

from planner.workspace.decisions import KINDS as DECISION_KINDS
from planner.workspace.decisions import DecisionInput
from planner.workspace.errors import (
    BadInput,
    ConcurrentChange,
    NotInitialised,
    PermissionDenied,
    WorkspaceError,
)
from planner.workspace.roles import LOWEST_ROLE, Action, Role
from planner.workspace.service import Workspace

__all__ = [
    "DECISION_KINDS",
    "LOWEST_ROLE",
    "Action",
    "BadInput",
    "ConcurrentChange",
    "DecisionInput",
    "NotInitialised",
    "PermissionDenied",
    "Role",
    "Workspace",
    "WorkspaceError",
]
