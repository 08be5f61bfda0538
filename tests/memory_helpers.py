"""Fixtures and child-process writers for the memory tests.

Fixtures: `store_url` (parametrized: a fresh SQLite file, and a fresh schema on the PostgreSQL server
named by PERSONALIGN_TEST_PG_URL) and `store`. Without that variable the PostgreSQL cases skip —
except under CI=true, where they fail, because CI must exercise PostgreSQL.

Run as a script, this module is a writer process for the concurrency and crash tests:
    python memory_helpers.py writer URL USER INTERACTION_ID COUNT GO_FILE
    python memory_helpers.py batches URL USER INTERACTION_ID BATCH_SIZE
"""
from __future__ import annotations

import os
import sys
import time
import uuid
from pathlib import Path

import pytest

PG_ENV = "PERSONALIGN_TEST_PG_URL"


def cached_files(data_dir) -> list:
    """Every file in a store's local adapter cache, sorted. os.walk, not Path.rglob: a server's sweeper may
    delete a folder while this lists it, and os.walk skips a folder that vanished where rglob raises."""
    return sorted(Path(d) / f for d, _, files in os.walk(os.path.join(data_dir, "adapter_cache")) for f in files)


def pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _require_pg():
    url = pg_base_url()
    if url is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set; CI must run the PostgreSQL store tests (.ci/run starts a server)")
        pytest.skip(f"{PG_ENV} not set (no PostgreSQL test server)")
    return url


def _pg_admin_engine(url: str):
    from sqlalchemy import create_engine

    from personalign.memory.db import resolve_url

    return create_engine(resolve_url(url), isolation_level="AUTOCOMMIT")


def pg_schema_url(base: str, schema: str) -> str:
    """The same server and database with search_path set to `schema` (created by the caller)."""
    from sqlalchemy.engine import make_url

    from personalign.memory.db import resolve_url

    url = make_url(resolve_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'memory.db'}"
        return
    base = _require_pg()
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = _pg_admin_engine(base)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield pg_schema_url(base, schema)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

@pytest.fixture
def store(store_url):
    from personalign.memory import MemoryStore

    s = MemoryStore(store_url)
    yield s
    s.close()


def _writer(url: str, user: str, interaction_id: int, count: int, go_file: str) -> None:
    from personalign.memory import MemoryStore

    store = MemoryStore(url)
    while not os.path.exists(go_file):  # all writers start together, for maximum contention
        time.sleep(0.01)
    for i in range(count):
        if i % 10 == 9:
            store.add_feedback(user, interaction_id, choice="AB"[i % 2])
        else:
            store.add_feedback(user, interaction_id, rating=1 + i % 5, comment=f"event {i}")
    print(count, flush=True)


def _batches(url: str, user: str, interaction_id: int, batch: int) -> None:
    from personalign.memory import MemoryStore

    store = MemoryStore(url)
    print("ready", flush=True)
    n = 0
    while True:
        events = [{"interaction_id": interaction_id, "rating": 1 + (n + j) % 5, "comment": f"batch event {n + j}"}
                  for j in range(batch)]
        records = store.add_feedback_many(user, events, infer=False)
        n += batch
        # Acknowledged: printed only after the commit returned.
        print(" ".join(str(r.id) for r in records), flush=True)


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "writer":
        _writer(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif mode == "batches":
        _batches(args[0], args[1], int(args[2]), int(args[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
