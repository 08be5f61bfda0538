"""Per-user learned dimension weights (online feedback adaptation, `personalign.feedback.online`).

Revision ID: 0002_user_weights
Revises: 0001_initial
Create Date: 2025-01-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from personalign.memory.schema import UTCDateTime

revision: str = "0002_user_weights"
down_revision: str | Sequence[str] | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_weights",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("observations", sa.Integer(), nullable=False),
        sa.Column("last_feedback_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("user_weights")
