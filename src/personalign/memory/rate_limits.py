"""Token buckets per API key, in the database (table `server_rate_limits`, migration 0007), so every server
process on one database draws from the same bucket.

A bucket holds at most `burst` tokens and gains `rate` tokens per second; each request takes one. `take`
reads and updates a key's bucket inside one write transaction: SQLite serializes write transactions
(BEGIN IMMEDIATE), and PostgreSQL locks the key's row (`SELECT ... FOR UPDATE`), so concurrent requests
through any number of processes never spend one token twice. Time is the caller's clock (seconds since
the epoch: the servers' clocks, NTP-synchronized); a clock that steps back refills nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from personalign.memory.schema import RateLimitRow

buckets = RateLimitRow.__table__


@dataclass(frozen=True)
class Decision:
    allowed: bool
    tokens: float          # left after this request (allowed) or now (refused)
    retry_after_s: float   # 0 when allowed; else seconds until one token is there


def _ensure_row(conn, key_id: str, burst: float, now: float) -> None:
    values = {"key_id": key_id, "tokens": float(burst), "updated": now}
    name = conn.dialect.name
    if name in ("postgresql", "sqlite"):
        if name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(insert(buckets).values(**values).on_conflict_do_nothing(index_elements=["key_id"]))
        return
    try:
        with conn.begin_nested():
            conn.execute(buckets.insert().values(**values))
    except IntegrityError:
        pass


def _bucket(conn, key_id: str):
    q = select(buckets.c.tokens, buckets.c.updated).where(buckets.c.key_id == key_id)
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    return conn.execute(q).one_or_none()


def take(conn, key_id: str, rate: float, burst: float, now: float) -> Decision:
    """Takes one token from `key_id`'s bucket inside the caller's write transaction (a new key starts full)."""
    row = _bucket(conn, key_id)  # a known key, the common case: this read and one update
    if row is None:
        _ensure_row(conn, key_id, burst, now)  # another process may have made it meanwhile: then theirs counts
        row = _bucket(conn, key_id)
    tokens, updated = row
    tokens = min(float(burst), float(tokens) + max(0.0, now - float(updated)) * rate)
    allowed = tokens >= 1.0
    if allowed:
        tokens -= 1.0
    conn.execute(buckets.update().where(buckets.c.key_id == key_id).values(tokens=tokens, updated=now))
    return Decision(allowed, tokens, 0.0 if allowed else (1.0 - tokens) / rate)


def drop(conn, key_ids) -> int:
    """Deletes the buckets of these key ids (their keys were revoked)."""
    key_ids = list(key_ids)
    if not key_ids:
        return 0
    return conn.execute(delete(buckets).where(buckets.c.key_id.in_(key_ids))).rowcount
