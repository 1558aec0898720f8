"""The workspace: a database (SQLite or PostgreSQL, Alembic migrations) behind a plan's life.

Scenario versions, plans, decisions per placement, dated events and an append-only, hash-chained audit
log, with users and roles. `Workspace` (`service.py`) is the one door: every `planner ws` command calls
it, and it enforces roles and one transaction per command for any caller.
"""

from planner.workspace.audit_key import KEY_FILE_ENV, AuditKey
from planner.workspace.browse import PlanSummary, parent_status_text
from planner.workspace.database import database_url, owned_files
from planner.workspace.decisions import KINDS as DECISION_KINDS
from planner.workspace.decisions import DecisionInput
from planner.workspace.errors import (
    BadInput,
    ConcurrentChange,
    NotInitialised,
    PermissionDenied,
    UnknownId,
    WorkspaceError,
)
from planner.workspace.logins import TooManyAttempts
from planner.workspace.passwords import check_password
from planner.workspace.refs import parse_pair
from planner.workspace.roles import LOWEST_ROLE, ROLE_VI, Action, Role, require
from planner.workspace.service import Workspace
from planner.workspace.views import PlacementView

__all__ = [
    "DECISION_KINDS",
    "KEY_FILE_ENV",
    "LOWEST_ROLE",
    "ROLE_VI",
    "Action",
    "AuditKey",
    "BadInput",
    "ConcurrentChange",
    "DecisionInput",
    "NotInitialised",
    "PermissionDenied",
    "PlacementView",
    "PlanSummary",
    "Role",
    "TooManyAttempts",
    "UnknownId",
    "Workspace",
    "WorkspaceError",
    "check_password",
    "database_url",
    "owned_files",
    "parent_status_text",
    "parse_pair",
    "require",
]
