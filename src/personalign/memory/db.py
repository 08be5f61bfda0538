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

Locks: a write that finds the database locked waits at most the store's lock timeout (``lock_timeout``
argument, else ``$PERSONALIGN_LOCK_TIMEOUT``, else `DEFAULT_LOCK_TIMEOUT_S`) in all — retries of a
transaction included — and then raises `StoreBusyError`.

Errors: every driver error that says something about the database rather than about the code — locked,
read-only, not a database, damaged, unreachable — is raised as a `StoreError` subclass
(`personalign.memory.errors`), so no caller ever sees a SQLAlchemy or sqlite3 exception for a bad file.

Privacy: a SQLite file this module creates is mode 0600 (SQLite gives its -wal and -shm files the
mode of the database file) and the directories it creates are 0700.
"""
from __future__ import annotations

import math
import os
import random
import sqlite3
import threading
import time
import zlib
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import platformdirs
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, InternalError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from personalign.errors import ConfigError
from personalign.memory.errors import StoreBusyError, StoreCorruptError, StoreError, StoreReadOnlyError

ENV_VAR = "PERSONALIGN_DB"
LOCK_TIMEOUT_ENV = "PERSONALIGN_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT_S = 5.0
MAX_LOCK_TIMEOUT_S = 3600.0
MAX_ID = 2**63 - 1  # the largest key SQLite's INTEGER and PostgreSQL's BIGINT hold; larger ids cannot exist
_WRITE = "personalign_write"
_LOCK_TIMEOUT = "personalign_lock_timeout"
_MIGRATIONS = Path(__file__).parent / "migrations"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("personalign", appauthor=False)) / "memory.db"


def resolve_lock_timeout(value: float | None = None) -> float:
    """Seconds a write waits for another connection's lock: `value`, else $PERSONALIGN_LOCK_TIMEOUT,
    else DEFAULT_LOCK_TIMEOUT_S. The one definition the CLI option, the server and the store share."""
    what = "lock timeout"
    if value is None:
        raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
        if not raw:
            return DEFAULT_LOCK_TIMEOUT_S
        what = f"${LOCK_TIMEOUT_ENV}"
        try:
            value = float(raw)
        except ValueError:
            raise ConfigError(f"{what} must be a number of seconds, got {raw!r}") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= MAX_LOCK_TIMEOUT_S:
        raise ConfigError(f"{what} must be a number of seconds in [0, {MAX_LOCK_TIMEOUT_S:g}], got {value!r}")
    return float(value)


def private_dir(path: Path) -> Path:
    """Creates `path` and its missing parents with mode 0700; existing directories keep their mode."""
    missing = []
    p = Path(path)
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        try:
            d.mkdir(mode=0o700)
        except FileExistsError:
            pass
    return Path(path)


def _create_private_file(path: Path) -> None:
    """An empty SQLite file readable by its owner only (SQLite would create it 0644)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return  # it exists, or SQLite will report why it cannot be created when it opens it
    os.close(fd)


def resolve_url(url: str | None = None) -> str:
    """The SQLAlchemy URL to use (see the module docstring for the order)."""
    url = url or os.environ.get(ENV_VAR) or None
    if url is None:
        path = default_db_path()
        private_dir(path.parent)
        return f"sqlite:///{path}"
    if "\x00" in url:
        raise StoreError("database URL contains a NUL byte")
    try:
        url.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError("database URL or path is not valid UTF-8") from None
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


def _is_sqlite_file(url) -> bool:
    return url.get_backend_name() == "sqlite" and not _is_memory_sqlite(url)


def _where(url) -> str:
    """How messages name the database: the file for SQLite, the URL without password otherwise."""
    if _is_sqlite_file(url):
        return str(url.database)
    return url.render_as_string(hide_password=True)


def lock_timeout_of(engine: Engine) -> float:
    """The lock timeout `engine` was created with."""
    return engine.get_execution_options().get(_LOCK_TIMEOUT, DEFAULT_LOCK_TIMEOUT_S)


def _is_store_failure(exc: BaseException) -> bool:
    # Operational and internal errors, and the bare DatabaseError sqlite raises for a non-database
    # file, describe the database; integrity, programming and data errors describe the code or the
    # input and keep their own type (the store handles IntegrityError itself).
    return isinstance(exc, (OperationalError, InternalError)) or type(exc) is DatabaseError \
        or isinstance(exc, (sqlite3.OperationalError, sqlite3.InternalError)) or type(exc) is sqlite3.DatabaseError


def store_error(exc: BaseException, where: str, timeout: float, *, opening: bool = False) -> StoreError:
    """The StoreError (subclass) that says what a driver error means for the user (`opening`: it
    happened while connecting)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    first = text.splitlines()[0] if text else type(orig).__name__
    low = first.lower()
    if "locked" in low or "busy" in low or "could not obtain lock" in low or "lock timeout" in low:
        return StoreBusyError(f"the database {where} is busy: another process held its lock for more than "
                              f"{timeout:g} s (wait longer with --lock-timeout or ${LOCK_TIMEOUT_ENV})")
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StoreReadOnlyError(f"the database {where} is read-only; nothing was changed ({first})")
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return StoreCorruptError(f"{where} is not a usable SQLite database ({first})")
    return StoreError(f"cannot open database {where}: {first}" if opening else f"database {where}: {first}")


def create_store_engine(url: str, lock_timeout: float | None = None) -> Engine:
    """An Engine with the SQLite settings above; other backends get pool_pre_ping only.

    lock_timeout: seconds a write waits for a lock (None: `resolve_lock_timeout()`'s default)."""
    timeout = resolve_lock_timeout(lock_timeout)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {url!r}: {exc}") from None
    where = _where(parsed)
    try:
        if parsed.get_backend_name() != "sqlite":
            engine = create_engine(parsed, pool_pre_ping=True)
        else:
            kwargs = {"connect_args": {"timeout": timeout, "check_same_thread": False}}
            if _is_memory_sqlite(parsed):
                kwargs["poolclass"] = StaticPool  # one shared connection, or each would see its own empty DB
            elif not parsed.query.get("uri") and not str(parsed.database).startswith("file:"):
                _create_private_file(Path(parsed.database))
            engine = create_engine(parsed, **kwargs)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open database {parsed.render_as_string(hide_password=True)}: {exc}") from None
    engine.update_execution_options(**{_LOCK_TIMEOUT: timeout})

    @event.listens_for(engine, "handle_error")
    def _translate(context):
        exc = context.sqlalchemy_exception or context.original_exception
        if exc is not None and _is_store_failure(exc):
            return store_error(exc, where, timeout, opening=context.connection is None)
        return None

    if parsed.get_backend_name() != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Transactions are begun explicitly below (pysqlite's own implicit BEGIN is always deferred).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Within `retry`, the busy handler waits only for what is left of the overall timeout, so
        # repeated attempts together stay within it.
        wait_ms = int(max(0.0, _remaining(timeout)) * 1000)
        info = conn.connection.info
        if abs(info.get("busy_timeout_ms", -1000) - wait_ms) > 50:  # within 50 ms: not worth a statement
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {wait_ms}")
            info["busy_timeout_ms"] = wait_ms
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


_deadline = threading.local()


def _remaining(timeout: float) -> float:
    deadline = getattr(_deadline, "at", None)
    return timeout if deadline is None else min(timeout, deadline - time.monotonic())


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


def migrate(engine: Engine, data_dir: str | os.PathLike | None = None) -> None:
    """Upgrades the schema to head. Safe when several processes open a fresh database at once.

    data_dir: the store's data directory, from which migration 0006 moves on-disk adapters into the
    database (their directories are deleted once the upgrade committed)."""
    from alembic import command

    head = _script_head()
    if current_revision(engine) == head:
        return
    if engine.dialect.name == "sqlite" and not _is_memory_sqlite(engine.url):
        # journal_mode is persistent in the file and needs no other connection open; set it
        # before any table exists, retrying while another process holds the file.
        retry(lambda: _set_wal(engine), lock_timeout_of(engine))
    with write_connection(engine) as conn:
        if conn.dialect.name == "postgresql":
            # Serializes concurrent migrators; the lock ends with the transaction.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({zlib.crc32(b'personalign.memory')})")
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        if data_dir is not None:
            cfg.attributes["data_dir"] = Path(data_dir)
        command.upgrade(cfg, "head")  # re-reads the version inside the lock: a no-op if done
    report = cfg.attributes.get("adapter_import")
    if report is not None:
        from personalign.memory.adapter_files import remove_imported

        remove_imported(report)


@contextmanager
def _raw_sqlite(engine: Engine):
    # Outside any transaction: SQLAlchemy's connections always BEGIN first, and neither a journal
    # mode change nor a full checkpoint works inside a transaction. Errors raised here bypass
    # SQLAlchemy, so they are translated here.
    raw = engine.raw_connection()
    try:
        yield raw.driver_connection
    except sqlite3.Error as exc:
        if not _is_store_failure(exc):
            raise
        raise store_error(exc, _where(engine.url), lock_timeout_of(engine)) from None
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


def retry(fn, timeout: float | None = None):
    """Calls fn(), repeating it while the database is busy, for at most `timeout` seconds in all
    (None: the default lock timeout); then the StoreBusyError propagates."""
    # Backstop for the busy timeout: a checkpoint or a reader holding the file at an unlucky moment can
    # surface "database is locked" at once, without waiting; the whole transaction is repeated.
    timeout = resolve_lock_timeout(timeout)
    outer = getattr(_deadline, "at", None)
    deadline = time.monotonic() + timeout if outer is None else outer
    _deadline.at = deadline
    try:
        attempt = 0
        while True:
            try:
                return fn()
            except StoreBusyError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise
                time.sleep(min(left, 2.0, 0.05 * 2 ** attempt * (0.5 + random.random())))
                attempt += 1
    finally:
        _deadline.at = outer


def run_write(factory: sessionmaker, fn):
    """Runs fn(session) in one write transaction, committed on return; retried while the database is busy."""
    def once():
        with factory() as session, session.begin():
            return fn(session)

    return retry(once, lock_timeout_of(factory.kw["bind"]))


def checkpoint(engine: Engine) -> None:
    """Folds the SQLite WAL back into the main file and truncates it (used after forgetting a user)."""
    if engine.dialect.name == "sqlite" and not _is_memory_sqlite(engine.url):
        try:
            with _raw_sqlite(engine) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except StoreError:
            pass  # readers still hold old frames; SQLite checkpoints again later
