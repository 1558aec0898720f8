"""A password hash per user (argon2id, `passwords.py`), for the web app's login; none until one is set.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("password_hash", sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "password_hash")
