"""Revision 1: the workshop, its stages, lanes, touch-points, flows, pain points and actions.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _fk(target: str) -> sa.ForeignKey:
    return sa.ForeignKey(target, deferrable=True, initially="DEFERRED")


def upgrade() -> None:
    op.create_table(
        "info",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("organisation", sa.Text, nullable=False),
        sa.Column("facilitator", sa.Text, nullable=False),
        sa.Column("date", sa.String, nullable=True),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("persona", sa.Text, nullable=False),
        sa.Column("job_to_be_done", sa.Text, nullable=False),
    )
    op.create_table(
        "stage",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("position", sa.Float, nullable=False),
        sa.Column("color", sa.String, nullable=True),
        sa.Column("description", sa.Text, nullable=False),
    )
    op.create_table(
        "lane",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("position", sa.Float, nullable=False),
        sa.Column("layer", sa.String, nullable=True),
        sa.Column("color", sa.String, nullable=True),
        sa.Column("owner", sa.Text, nullable=False),
    )
    op.create_table(
        "touchpoint",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("stage_id", sa.String, _fk("stage.id"), nullable=False),
        sa.Column("lane_id", sa.String, _fk("lane.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("rank", sa.Float, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("channel", sa.String, nullable=False),
        sa.Column("score", sa.Integer, nullable=True),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("is_start", sa.Boolean, nullable=False),
        sa.Column("is_end", sa.Boolean, nullable=False),
    )
    op.create_index("ix_touchpoint_stage_id", "touchpoint", ["stage_id"])
    op.create_index("ix_touchpoint_lane_id", "touchpoint", ["lane_id"])
    op.create_table(
        "flow",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("source_id", sa.String, _fk("touchpoint.id"), nullable=False),
        sa.Column("target_id", sa.String, _fk("touchpoint.id"), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
    )
    op.create_index("ix_flow_source_id", "flow", ["source_id"])
    op.create_index("ix_flow_target_id", "flow", ["target_id"])
    op.create_table(
        "painpoint",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("touchpoint_id", sa.String, _fk("touchpoint.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("severity", sa.Integer, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("dimension", sa.String, nullable=True),
        sa.Column("votes", sa.Integer, nullable=False),
    )
    op.create_index("ix_painpoint_touchpoint_id", "painpoint", ["touchpoint_id"])
    op.create_table(
        "action",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("pain_point_ids", sa.JSON, nullable=False),
        sa.Column("finding_ids", sa.JSON, nullable=False),
        sa.Column("owner_lane_id", sa.String, _fk("lane.id"), nullable=True),
        sa.Column("owner_person", sa.Text, nullable=False),
        sa.Column("priority", sa.String, nullable=False),
        sa.Column("impact", sa.Integer, nullable=False),
        sa.Column("effort", sa.Integer, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("due", sa.String, nullable=True),
        sa.Column("rank", sa.Float, nullable=False),
    )
    op.create_index("ix_action_owner_lane_id", "action", ["owner_lane_id"])


def downgrade() -> None:
    for table in ("action", "painpoint", "flow", "touchpoint", "lane", "stage", "info"):
        op.drop_table(table)
