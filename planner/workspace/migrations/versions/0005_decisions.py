"""A decision's scope and date: a rejection of the post or of the cadre in this plan, a deferral until a
date (`decisions.py`); none on the rows written before (a rejection of the post, a deferral unbound).

Revision ID: 0005_decisions
Revises: 0004_audit_key
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_decisions"
down_revision = "0004_audit_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("decisions", sa.Column("scope", sa.String(length=10), nullable=True))
    op.add_column("decisions", sa.Column("until", sa.String(length=10), nullable=True))


def downgrade() -> None:
    op.drop_column("decisions", "until")
    op.drop_column("decisions", "scope")
