"""Columns as wide as the contract's ids: a placement's cadre (an id of up to 200 characters, CONTRACT
and `models.limits.MAX_ID_CHARS`, was 100: PostgreSQL refused a longer one at `ws solve`, SQLite
stored it) and an audit entry's target (`plan:N/CADRE`, was 200).

Revision ID: 0006_column_lengths
Revises: 0005_decisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_column_lengths"
down_revision = "0005_decisions"
branch_labels = None
depends_on = None

#: (table, column, before, after)
_WIDENED = (("placements", "cadre", 100, 200), ("audit_log", "target", 200, 300))


def upgrade() -> None:
    for table, column, before, after in _WIDENED:
        with op.batch_alter_table(table) as batch:  # SQLite rebuilds the table; PostgreSQL alters it
            batch.alter_column(column, type_=sa.String(after), existing_type=sa.String(before))


def downgrade() -> None:
    for table, column, before, after in _WIDENED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.String(before), existing_type=sa.String(after))
