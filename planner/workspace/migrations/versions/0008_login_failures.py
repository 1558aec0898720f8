"""Wrong passwords counted per user (`planner/workspace/logins.py`), so that the command line, where each
command is a new process, waits between guesses as the web app does.

Revision ID: 0008_login_failures
Revises: 0007_sessions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_login_failures"
down_revision = "0007_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("users", sa.Column("failed_login_at", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "failed_login_at")
    op.drop_column("users", "failed_logins")
