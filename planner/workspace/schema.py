"""The workspace's tables (SQLAlchemy 2 typed ORM); Alembic's migrations create them, never `create_all`.

One workspace is one plan period: one scenario lineage (a tree of versions, the `head` the current one),
the plans made from its versions, the decisions taken on their placements, the dated events that made new
versions, and the audit log over all of it. Rows are written once and never changed, except the two that
carry a state: a placement's decision status and the workspace's head; both have a version column
(`version_id_col`), so that two writers who read the same state cannot both change it (the second gets
`StaleDataError`, turned into `ConcurrentChange`).

Times are ISO texts in UTC (`2026-12-02T16:31:08.123456Z`): the same on SQLite and PostgreSQL, so an audit
entry hashes the same wherever it is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class WorkspaceState(Base):
    """The one row of a workspace: its scenario name, current version and the audit log's head."""

    __tablename__ = "workspace_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_name: Mapped[str | None] = mapped_column(String(200))
    head_version_id: Mapped[int | None] = mapped_column(ForeignKey("scenario_versions.id"))
    audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_hash: Mapped[str] = mapped_column(String(64))
    #: Bumped by every write before anything else: the write lock of the command (`locking.py`).
    writes: Mapped[int] = mapped_column(Integer, default=0)
    row_version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__: Mapping[str, Any] = {"version_id_col": row_version}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # viewer | planner | approver | admin
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: argon2id (`passwords.py`); None until a password is set (the CLI needs none, the web app does).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    #: No session of the user's created before this time holds: a password reset or a role change
    #: moves it (`sessions.py`); None: every open session holds.
    sessions_after: Mapped[str | None] = mapped_column(String(40))
    #: Wrong passwords in a row and the time of the last (`logins.py`): the wait before the next attempt.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed_login_at: Mapped[str | None] = mapped_column(String(40))


class LoginSession(Base):
    """A login: the web app's (its cookie names it) or `ws login`'s (its file holds it), until it ends.

    `id` is the sha256 of the secret its holder keeps, so that reading this table gives no session."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40))
    #: Set by a logout: the session no longer holds, whatever its holder keeps.
    ended_at: Mapped[str | None] = mapped_column(String(40))


class ScenarioVersion(Base):
    """The scenario's content at one point: its YAML text (cadres inline) and `scenario_hash`."""

    __tablename__ = "scenario_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("scenario_versions.id"))
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    #: import (a scenario file) | event (an event applied to the parent)
    origin: Mapped[str] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(500))  # the imported file's name
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Event(Base):
    """A dated fact change (CONTRACT §4's events file entry) and the version it made from its base."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[str] = mapped_column(String(10))
    changes: Mapped[str] = mapped_column(Text)  # the `set` mapping, canonical JSON
    note: Mapped[str | None] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(String(200))
    source_document: Mapped[str | None] = mapped_column(String(500))
    base_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class PlanRecord(Base):
    """A plan made in the workspace: solve, alternative, variant or re-plan, as the contract's plan JSON."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # solve | alternative | variant | replan
    label: Mapped[str] = mapped_column(String(200))  # the file name `planner solve` would give it
    status: Mapped[str] = mapped_column(String(20))
    objective: Mapped[float | None]
    content: Mapped[str] = mapped_column(Text)  # plan JSON (models.plan.plan_json)
    options: Mapped[str] = mapped_column(Text)  # solver options and the run's arguments, JSON
    #: A re-plan's date (CONTRACT §4): assignments before it are history.
    as_of: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Placement(Base):
    """One assignment of a plan and its current decision status; the decisions are its history."""

    __tablename__ = "placements"
    __table_args__ = (UniqueConstraint("plan_id", "cadre"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    cadre: Mapped[str] = mapped_column(String(200))  # an id: `models.limits.MAX_ID_CHARS`
    slot: Mapped[str] = mapped_column(String(200))
    start: Mapped[str | None] = mapped_column(String(40))
    #: open | proposed | approved | rejected | deferred | decided
    status: Mapped[str] = mapped_column(String(20))
    row_version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__: Mapping[str, Any] = {"version_id_col": row_version}


class Decision(Base):
    """One decision on a placement, never changed: who, in which role, when, why (and the issued act)."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # propose | approve | reject | defer | decided | comment
    reason: Mapped[str] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(String(200))  # the decision's reference number
    decided_on: Mapped[str | None] = mapped_column(String(10))  # the decision's date
    #: A rejection's reach: `post` (this cadre on this post) or `cadre` (this cadre in this plan, not
    #: rotated at all); None before the column existed, which meant `post`.
    scope: Mapped[str | None] = mapped_column(String(10))
    #: A deferral's date: the cadre starts no placement before it (None: deferred, nothing bound).
    until: Mapped[str | None] = mapped_column(String(10))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[str] = mapped_column(String(40))


class AuditEntry(Base):
    """One entry of the append-only log; `hash` covers its fields and `prev_hash` (`audit.py`), `mac`
    signs `hash` with the key kept outside the database (`audit_key.py`; None when written unkeyed)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    user_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(300))  # `plan:N/CADRE`: an id and a prefix
    details: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64))
