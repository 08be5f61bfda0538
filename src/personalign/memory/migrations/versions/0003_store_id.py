"""A random id for the store, kept in the database (`store_meta`).

Per-user files that live outside the database (LoRA adapters) are filed under this id, so two
databases that share a data directory never read, export or delete each other's files, and a
database file that is moved or renamed keeps its files.

Revision ID: 0003_store_id
Revises: 0002_user_weights
Create Date: 2025-01-03
"""
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_store_id"
down_revision: str | Sequence[str] | None = "0002_user_weights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "store_meta",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.bulk_insert(table, [{"name": "store_id", "value": uuid.uuid4().hex}])


def downgrade() -> None:
    op.drop_table("store_meta")
