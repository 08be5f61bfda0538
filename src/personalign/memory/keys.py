"""API keys stored beside the preference memory (table ``server_api_keys``).

A user's keys are data about that user, so they live in the memory database and `MemoryStore.forget_user`
deletes them in the same transaction as the user's rows: forgetting a user from the CLI or over HTTP
revokes every key at once, and no key outlives its user. The server (`personalign.server.auth`) issues
and checks keys through these functions; only a digest of each secret is ever stored.

The table is created on first use by the server (`ensure_table`); a database that never served has none,
and the functions that read or delete treat a missing table as holding no keys.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, delete, func, inspect, select

TABLE = "server_api_keys"
metadata = MetaData()
api_keys = Table(
    TABLE, metadata,
    Column("id", Integer, primary_key=True),
    Column("key_id", String(32), nullable=False, unique=True),
    Column("user_name", String(200), nullable=False, index=True),
    Column("secret_sha256", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def ensure_table(engine) -> None:
    metadata.create_all(engine, checkfirst=True)


def _present(conn) -> bool:
    return inspect(conn).has_table(TABLE)


def add_key(conn, user: str, key_id: str, secret_sha256: str) -> None:
    conn.execute(api_keys.insert().values(key_id=key_id, user_name=user, secret_sha256=secret_sha256,
                                          created_at=datetime.now(UTC)))


def find_key(conn, key_id: str):
    """(user_name, secret_sha256) of a key id, or None."""
    return conn.execute(select(api_keys.c.user_name, api_keys.c.secret_sha256)
                        .where(api_keys.c.key_id == key_id)).first()


def list_keys(conn, user: str) -> list[dict]:
    """The user's key ids and creation times (never the digests), oldest first."""
    if not _present(conn):
        return []
    rows = conn.execute(select(api_keys.c.key_id, api_keys.c.created_at)
                        .where(api_keys.c.user_name == user).order_by(api_keys.c.id)).all()
    return [{"key_id": r.key_id, "created_at": r.created_at.isoformat()} for r in rows]


def key_counts(conn) -> dict[str, int]:
    """user name → number of keys."""
    if not _present(conn):
        return {}
    rows = conn.execute(select(api_keys.c.user_name, func.count())
                        .group_by(api_keys.c.user_name).order_by(api_keys.c.user_name)).all()
    return {r[0]: int(r[1]) for r in rows}


def revoke_keys(conn, user: str, key_id: str | None = None) -> int:
    """Deletes one key of `user` (or all of them) inside the caller's transaction; how many went."""
    if not _present(conn):
        return 0
    q = delete(api_keys).where(api_keys.c.user_name == user)
    if key_id is not None:
        q = q.where(api_keys.c.key_id == key_id)
    return conn.execute(q).rowcount
