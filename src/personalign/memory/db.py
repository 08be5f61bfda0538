"""Opening the memory database: URL resolution, SQLite settings, migrations, write transactions.

URL resolution: an explicit URL, else ``$PERSONALIGN_DB``, else a SQLite file at
``<user data dir>/personalign/memory.db``. A plain path (no ``://``) means a SQLite file, and
``postgresql://``/``postgres://`` select the psycopg (v3) driver, the one personalign installs.

SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit is durable once the call returns as far
as process crashes go (SIGKILL included — the WAL is in the OS page cache); only an OS crash or power
loss can lose the last commits. Write transactions start with ``BEGIN IMMEDIATE``, so two writers
queue on the busy timeout instead of deadlocking on a read-to-write lock upgrade, which SQLite
would report at once as "database is locked" without waiting. ``secure_delete`` overwrites deleted
rows, so forgetting a user does not leave their text in free pages.
"""
from __future__ import annotations

import os
import random
import sqlite3
import time
import zlib
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import platformdirs
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from personalign.memory.errors import StoreError

ENV_VAR = "PERSONALIGN_DB"
BUSY_TIMEOUT_S = 60.0
_WRITE = "personalign_write"
_MIGRATIONS = Path(__file__).parent / "migrations"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("personalign", appauthor=False)) / "memory.db"


def resolve_url(url: str | None = None) -> str:
    """The SQLAlchemy URL to use (see the module docstring for the order)."""
    url = url or os.environ.get(ENV_VAR) or None
    if url is None:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "\x00" in url:
        raise StoreError("database URL contains a NUL byte")
    if "://" not in url:
        path = Path(url).expanduser()
        if path.parent and not path.parent.exists():
            raise StoreError(f"directory {str(path.parent)!r} for the SQLite database does not exist")
        return f"sqlite:///{path}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _is_memory_sqlite(url) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def create_store_engine(url: str) -> Engine:
    """An Engine with the SQLite settings above; other backends get pool_pre_ping only."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {url!r}: {exc}") from None
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        kwargs = {"connect_args": {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}}
        if _is_memory_sqlite(parsed):
            kwargs["poolclass"] = StaticPool  # one shared connection, or each would see its own empty DB
        engine = create_engine(parsed, **kwargs)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open database {parsed.render_as_string(hide_password=True)}: {exc}") from None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Transactions are begun explicitly below (pysqlite's own implicit BEGIN is always deferred).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


@lru_cache(maxsize=1)
def _script_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(_MIGRATIONS)).get_current_head()


def alembic_config(url: str | None = None):
    """An Alembic Config built in code, so migrations work from an installed package (no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Upgrades the schema to head. Safe when several processes open a fresh database at once."""
    from alembic import command

    head = _script_head()
    try:
        if current_revision(engine) == head:
            return
        if engine.dialect.name == "sqlite" and not _is_memory_sqlite(engine.url):
            # journal_mode is persistent in the file and needs no other connection open; set it
            # before any table exists, retrying while another process holds the file.
            retry(lambda: _set_wal(engine))
        with write_connection(engine) as conn:
            if conn.dialect.name == "postgresql":
                # Serializes concurrent migrators; the lock ends with the transaction.
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({zlib.crc32(b'personalign.memory')})")
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")  # re-reads the version inside the lock: a no-op if done
    except OperationalError as exc:
        raise StoreError(f"cannot open database {engine.url.render_as_string(hide_password=True)}: "
                         f"{str(exc.orig).strip().splitlines()[0]}") from None


@contextmanager
def _raw_sqlite(engine: Engine):
    # Outside any transaction: SQLAlchemy's connections always BEGIN first, and neither a journal
    # mode change nor a full checkpoint works inside a transaction.
    raw = engine.raw_connection()
    try:
        yield raw.driver_connection
    finally:
        raw.close()


def _set_wal(engine: Engine) -> None:
    with _raw_sqlite(engine) as conn:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")


@contextmanager
def write_connection(engine: Engine):
    """A Core connection inside a write transaction (BEGIN IMMEDIATE on SQLite)."""
    with engine.execution_options(**{_WRITE: True}).begin() as conn:
        yield conn


def session_factory(engine: Engine) -> tuple[sessionmaker, sessionmaker]:
    """(read sessions, write sessions). Write sessions take SQLite's write lock at BEGIN."""
    read = sessionmaker(bind=engine, expire_on_commit=False)
    write = sessionmaker(bind=engine.execution_options(**{_WRITE: True}), expire_on_commit=False)
    return read, write


def is_locked_error(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError) and ("locked" in msg or "busy" in msg)


def retry(fn, attempts: int = 8):
    """Calls fn(), repeating it while SQLite reports the database locked or busy."""
    # Backstop for the busy timeout: a checkpoint or a reader holding the file at an unlucky moment can
    # still surface "database is locked"; the whole transaction is repeated.
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if not is_locked_error(exc) or attempt == attempts - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))


def run_write(factory: sessionmaker, fn, attempts: int = 8):
    """Runs fn(session) in one write transaction, committed on return; retried when locked."""
    def once():
        with factory() as session, session.begin():
            return fn(session)

    return retry(once, attempts)


def checkpoint(engine: Engine) -> None:
    """Folds the SQLite WAL back into the main file and truncates it (used after forgetting a user)."""
    if engine.dialect.name == "sqlite" and not _is_memory_sqlite(engine.url):
        try:
            with _raw_sqlite(engine) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.OperationalError:
            pass  # readers still hold old frames; SQLite checkpoints again later

