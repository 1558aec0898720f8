"""A signature per audit entry (`mac`, HMAC-SHA256 of its hash with the key kept outside the database).

Entries written before are left without one: they stay checked by the plain chain, and the key that
`ws init` makes for such a workspace signs the entries after its head (`audit_key.py`).

Revision ID: 0004_audit_key
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_audit_key"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("mac", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_log", "mac")
