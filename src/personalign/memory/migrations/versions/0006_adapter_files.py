"""Per-user LoRA adapters move into the database (`schema.AdapterFileRow`, `personalign.memory.adapter_files`).

Creates `user_adapter_files` (one row per file: user, adapter name, relative path, bytes as BLOB/bytea,
sha256, size, created) and moves the adapters that earlier versions kept under
`<data dir>/adapters/<store id>/` into it, when the migrating process names its data directory
(`MemoryStore` does, through `db.migrate(engine, data_dir=...)`; the alembic command line does not). The
directories are deleted by the store once this transaction has committed, and every later open of a
store moves in what its own data directory still holds (other machines' replicas).

Revision ID: 0006_adapter_files
Revises: 0005_api_keys
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from personalign.memory.schema import UTCDateTime

revision: str = "0006_adapter_files"
down_revision: str | Sequence[str] | None = "0005_api_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "user_adapter_files"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("adapter", sa.String(64), nullable=False),
        sa.Column("path", sa.String(255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "adapter", "path", name="uq_user_adapter_files_path"),
    )
    data_dir = op.get_context().config.attributes.get("data_dir") if op.get_context().config else None
    if data_dir is None:
        return
    from personalign.memory import adapter_files

    bind = op.get_bind()
    store_id = bind.execute(sa.text("SELECT value FROM store_meta WHERE name = 'store_id'")).scalar()
    if store_id is not None:
        report = adapter_files.import_legacy(bind, data_dir, store_id)
        op.get_context().config.attributes["adapter_import"] = report


def downgrade() -> None:
    op.drop_table(TABLE)
