"""`personalign serve` as real processes, for the replica and upstream tests.

    with serving([args_a], [args_b], env=...) as (a, b):   # started together, each on a free port
        httpx.get(a.url + "/healthz")

Each process is stopped with SIGINT at the end and must exit 0 (its last lines are shown otherwise).
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from memory_helpers import _pg_admin_engine, _require_pg, pg_schema_url

ADMIN_KEY = "replica-admin-key-0123456789"
_RUNNING = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")


@dataclass
class Served:
    proc: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    url: str | None = None
    started: threading.Event = field(default_factory=threading.Event)

    def log(self, last: int = 40) -> str:
        return "".join(self.lines[-last:])


def base_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PERSONALIGN_ADMIN_KEY", "PERSONALIGN_UPSTREAM_API_KEY")}
    env.update(HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1", OMP_NUM_THREADS="1", PERSONALIGN_ADMIN_KEY=ADMIN_KEY)
    env.update(extra)
    return env


def _start(args: list[str], env: dict) -> Served:
    cmd = [sys.executable, "-m", "personalign.cli.main", "serve", "--port", "0", "--device", "cpu", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            stdin=subprocess.DEVNULL)
    served = Served(proc)

    def read():
        for line in proc.stdout:
            served.lines.append(line)
            m = _RUNNING.search(line)
            if m and served.url is None:
                served.url = m.group(1)
                served.started.set()
        served.started.set()  # exited: the waiter reads the log

    threading.Thread(target=read, daemon=True).start()
    return served


def _stop(served: Served) -> int:
    if served.proc.poll() is None:
        served.proc.send_signal(signal.SIGINT)
    try:
        return served.proc.wait(30)
    except subprocess.TimeoutExpired:
        served.proc.kill()
        return served.proc.wait()


@contextmanager
def database_url(kind: str, tmp: Path):
    """A fresh database for servers to share: a SQLite file in `tmp`, or a new schema on the PostgreSQL
    test server (skipped without one, failed under CI=true: memory_helpers)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'memory.db'}"
        return
    base = _require_pg()
    schema = "r_" + uuid.uuid4().hex[:12]
    admin = _pg_admin_engine(base)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield pg_schema_url(base, schema)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def serving(*arg_lists: list[str], env: dict | None = None, timeout: float = 180.0):
    """Starts one `personalign serve` per argument list, all at once; yields them once all listen."""
    env = env or base_env()
    procs = [_start(args, env) for args in arg_lists]
    try:
        deadline = time.monotonic() + timeout
        for served in procs:
            if not served.started.wait(max(0.0, deadline - time.monotonic())) or served.url is None:
                pytest.fail("personalign serve did not start:\n" + served.log())
        yield procs
    finally:
        codes = [_stop(s) for s in procs]
    for served, code in zip(procs, codes):
        assert code == 0, f"personalign serve exited {code}:\n" + served.log()
