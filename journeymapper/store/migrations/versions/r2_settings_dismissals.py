"""Revision 2: analysis settings and the findings the room dismissed.

Revision ID: 0002_settings_dismissals
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_settings_dismissals"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "dismissal",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("dismissed_on", sa.String, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("dismissal")
    op.drop_table("setting")
