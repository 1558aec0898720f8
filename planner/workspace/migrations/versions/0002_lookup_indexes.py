"""Indexes for the look-ups every command makes: a plan's placements, a placement's decisions, a
version's plans.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_placements_plan_id", "placements", ["plan_id"])
    op.create_index("ix_decisions_placement_id", "decisions", ["placement_id"])
    op.create_index("ix_plans_scenario_version_id", "plans", ["scenario_version_id"])


def downgrade() -> None:
    op.drop_index("ix_plans_scenario_version_id", table_name="plans")
    op.drop_index("ix_decisions_placement_id", table_name="decisions")
    op.drop_index("ix_placements_plan_id", table_name="placements")
