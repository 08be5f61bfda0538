"""The server's API-key table joins the migrations (`schema.ApiKeyRow`, `personalign.memory.keys`).

Before this revision `personalign serve` created `server_api_keys` itself on start (SQLAlchemy's
`create_all`), outside the migrations. Upgrade path: a database that already has the table — any that
a server ran on — keeps it and its keys (the old definition is this one: same columns, the unique
key id and the index on the user name); a database that never served gets it here.

Revision ID: 0005_api_keys
Revises: 0004_preference_interaction
Create Date: 2026-12-09
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from personalign.memory.schema import UTCDateTime

revision: str = "0005_api_keys"
down_revision: str | Sequence[str] | None = "0004_preference_interaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "server_api_keys"
INDEX = "ix_server_api_keys_user_name"


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table(TABLE):
        op.create_table(
            TABLE,
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("key_id", sa.String(32), nullable=False, unique=True),
            sa.Column("user_name", sa.String(200), nullable=False),
            sa.Column("secret_sha256", sa.String(64), nullable=False),
            sa.Column("created_at", UTCDateTime(), nullable=False),
        )
        op.create_index(INDEX, TABLE, ["user_name"])
        return
    # Created by a server before this revision: the same definition, so only what a partial or
    # hand-made table might lack is added.
    columns = {c["name"] for c in inspector.get_columns(TABLE)}
    missing = {"id", "key_id", "user_name", "secret_sha256", "created_at"} - columns
    if missing:
        raise RuntimeError(f"table {TABLE} exists but lacks column(s) {', '.join(sorted(missing))}; "
                           "it was not created by personalign")
    if INDEX not in {ix["name"] for ix in inspector.get_indexes(TABLE)}:
        op.create_index(INDEX, TABLE, ["user_name"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name=TABLE)
    op.drop_table(TABLE)
