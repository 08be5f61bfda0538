"""Initial schema: users, preferences, interactions, feedback.

Revision ID: 0001_initial
Revises:
Create Date: 2025-01-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from personalign.memory.schema import UTCDateTime

revision: str = "0001_initial"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "preferences",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("dimension", sa.String(32)),
        sa.Column("pole", sa.String(32)),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence_count", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("superseded_by", sa.Integer(), sa.ForeignKey("preferences.id", ondelete="SET NULL")),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("embedding", sa.LargeBinary()),
        sa.Column("embedding_model", sa.String(64)),
        sa.CheckConstraint("kind IN ('explicit', 'implicit')", name="ck_preferences_kind"),
        sa.CheckConstraint("status IN ('active', 'superseded', 'retracted')", name="ck_preferences_status"),
        sa.CheckConstraint("scope IN ('global', 'topical')", name="ck_preferences_scope"),
    )
    op.create_index("ix_preferences_user_status", "preferences", ["user_id", "status"])
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("alt_answer", sa.Text()),
        sa.Column("strategy", sa.String(32), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_interactions_user_id", "interactions", ["user_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("interaction_id", sa.Integer(), sa.ForeignKey("interactions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("rating", sa.SmallInteger()),
        sa.Column("choice", sa.String(1)),
        sa.Column("edited_answer", sa.Text()),
        sa.Column("comment", sa.Text()),
        sa.Column("d_length", sa.Float()),
        sa.Column("d_expertise", sa.Float()),
        sa.Column("d_tone", sa.Float()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="ck_feedback_rating"),
        sa.CheckConstraint("choice IS NULL OR choice IN ('A', 'B')", name="ck_feedback_choice"),
    )
    op.create_index("ix_feedback_user_id_id", "feedback", ["user_id", "id"])
    op.create_index("ix_feedback_interaction_id", "feedback", ["interaction_id"])


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_table("interactions")
    op.drop_table("preferences")
    op.drop_table("users")
