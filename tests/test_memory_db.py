"""Database plumbing: URL resolution, the default location, SQLite settings, Alembic migrations."""
import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from memory_helpers import store, store_url  # noqa: F401  (fixtures)

from personalign.memory import MemoryStore, StoreError, default_db_path, resolve_url
from personalign.memory.db import _script_head, alembic_config, create_store_engine, current_revision, migrate
from personalign.memory.schema import Base


def test_default_location_is_the_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "personalign" / "memory.db"
    s = MemoryStore()
    s.add_preference("u", "be blunt", source="test")
    assert (tmp_path / "xdg" / "personalign" / "memory.db").is_file()
    with sqlite3.connect(tmp_path / "xdg" / "personalign" / "memory.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONALIGN_DB", str(tmp_path / "env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("sqlite://") == "sqlite://"  # an explicit URL wins


def test_url_forms(tmp_path):
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(str(tmp_path / "plain.db")) == f"sqlite:///{tmp_path / 'plain.db'}"
    with pytest.raises(StoreError, match="does not exist"):
        resolve_url(str(tmp_path / "missing" / "x.db"))
    with pytest.raises(StoreError):
        MemoryStore("notadialect://x")


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot open database"):
        MemoryStore("postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2")


def test_in_memory_sqlite():
    s = MemoryStore("sqlite://")
    s.add_preference("u", "keep it short")
    s.add_preference("u", "I like Python examples")
    assert s.add_preference("u", "I don't like Python examples").superseded
    assert len(s.list_preferences("u")) == 2
    assert s.profile("u", "show me some code").preferences


def test_schema_is_at_head_and_matches_the_models(store):
    assert current_revision(store.engine) == _script_head()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(store_url):
    s = MemoryStore(store_url)
    s.add_preference("u", "keep it short")
    s.close()
    engine = create_store_engine(resolve_url(store_url))
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == _script_head()
    engine.dispose()


def test_concurrent_first_opens_migrate_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'race.db'}"
    errors = []

    def open_store():
        try:
            MemoryStore(url).close()
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert current_revision(create_store_engine(url)) == _script_head()


def test_migrations_ship_inside_the_package():
    import personalign.memory

    versions = Path(personalign.memory.__file__).parent / "migrations" / "versions"
    assert any(p.name.startswith("0001") for p in versions.glob("*.py"))
