"""Preferences captured from conversation keep a link to the interaction they were said in.

`preferences.interaction_id` (nullable; SET NULL when the interaction goes): the exchange whose
user message stated the preference (`memory.capture`). Explicit preferences added by other means
have none.

Revision ID: 0004_preference_interaction
Revises: 0003_store_id
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_preference_interaction"
down_revision: str | Sequence[str] | None = "0003_store_id"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # batch mode: SQLite cannot add a foreign key to an existing table in place
    with op.batch_alter_table("preferences") as batch:
        batch.add_column(sa.Column("interaction_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_preferences_interaction_id", "interactions", ["interaction_id"], ["id"],
                                 ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("preferences") as batch:
        batch.drop_constraint("fk_preferences_interaction_id", type_="foreignkey")
        batch.drop_column("interaction_id")
