"""API keys stored beside the preference memory (table ``server_api_keys``).

A user's keys are data about that user, so they live in the memory database and `MemoryStore.forget_user`
deletes them in the same transaction as the user's rows: forgetting a user from the CLI or over HTTP
revokes every key at once, and no key outlives its user. The server (`personalign.server.auth`) issues
and checks keys through these functions; only a digest of each secret is ever stored.

The table (`schema.ApiKeyRow`) comes with the migrations (revision 0005; before it the server created
the table on start, and the migration keeps such a table and its keys), so every server process and
every CLI command on one database sees the same keys.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from personalign.memory import rate_limits
from personalign.memory.schema import ApiKeyRow

api_keys = ApiKeyRow.__table__
TABLE = api_keys.name


def add_key(conn, user: str, key_id: str, secret_sha256: str) -> None:
    conn.execute(api_keys.insert().values(key_id=key_id, user_name=user, secret_sha256=secret_sha256,
                                          created_at=datetime.now(UTC)))


def find_key(conn, key_id: str):
    """(user_name, secret_sha256) of a key id, or None."""
    return conn.execute(select(api_keys.c.user_name, api_keys.c.secret_sha256)
                        .where(api_keys.c.key_id == key_id)).first()


def list_keys(conn, user: str) -> list[dict]:
    """The user's key ids and creation times (never the digests), oldest first."""
    rows = conn.execute(select(api_keys.c.key_id, api_keys.c.created_at)
                        .where(api_keys.c.user_name == user).order_by(api_keys.c.id)).all()
    return [{"key_id": r.key_id, "created_at": r.created_at.isoformat()} for r in rows]


def key_counts(conn) -> dict[str, int]:
    """user name → number of keys."""
    rows = conn.execute(select(api_keys.c.user_name, func.count())
                        .group_by(api_keys.c.user_name).order_by(api_keys.c.user_name)).all()
    return {r[0]: int(r[1]) for r in rows}


def revoke_keys(conn, user: str, key_id: str | None = None) -> int:
    """Deletes one key of `user` (or all of them) inside the caller's transaction; how many went."""
    q = delete(api_keys).where(api_keys.c.user_name == user)
    ids = select(api_keys.c.key_id).where(api_keys.c.user_name == user)
    if key_id is not None:
        q = q.where(api_keys.c.key_id == key_id)
        ids = ids.where(api_keys.c.key_id == key_id)
    rate_limits.drop(conn, conn.execute(ids).scalars().all())  # their rate-limit buckets go too
    return conn.execute(q).rowcount
