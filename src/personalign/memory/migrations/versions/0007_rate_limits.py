"""Per-key rate limiting shared by every server process (`schema.RateLimitRow`, `personalign.memory.rate_limits`).

One token bucket per API key id: the tokens left and when they were counted.

Revision ID: 0007_rate_limits
Revises: 0006_adapter_files
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_rate_limits"
down_revision: str | Sequence[str] | None = "0006_adapter_files"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_rate_limits",
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("server_rate_limits")
