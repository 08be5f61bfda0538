"""Many writer processes on one SQLite file, and a writer killed mid-batch."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from personalign.memory import MemoryStore

HELPER = str(Path(__file__).with_name("memory_helpers.py"))
WRITERS, EVENTS = 8, 500


def _env():
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")])
    return env


@pytest.mark.timeout(600)
def test_eight_processes_500_feedback_writes_each(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    store = MemoryStore(url)
    users = [f"user{i}" for i in range(WRITERS)]
    iids = [store.record_interaction(u, "Explain recursion", "A long answer about recursion. " * 10, "best-of-n",
                                     alt_answer="Functions calling themselves.") for u in users]
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, HELPER, "writer", url, u, str(i), str(EVENTS), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
             for u, i in zip(users, iids)]
    go.touch()
    for p in procs:
        out, err = p.communicate(timeout=540)
        assert p.returncode == 0, err[-2000:]
        assert out.strip() == str(EVENTS)
    assert store.count_feedback() == WRITERS * EVENTS
    for u in users:
        fb = store.export_user(u)["feedback"]
        assert len(fb) == EVENTS
        assert sum(f["choice"] is not None for f in fb) == EVENTS // 10
    with sqlite3.connect(tmp_path / "shared.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.timeout(300)
def test_sigkill_mid_batch_keeps_every_acknowledged_write(tmp_path):
    path = tmp_path / "crash.db"
    url = f"sqlite:///{path}"
    store = MemoryStore(url)
    iid = store.record_interaction("kai", "q", "a", "base")
    store.close()
    batch = 25
    proc = subprocess.Popen([sys.executable, HELPER, "batches", url, "kai", str(iid), str(batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    acknowledged: list[int] = []
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        deadline = time.monotonic() + 240
        while len(acknowledged) < 40 * batch and time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            acknowledged.extend(int(x) for x in line.split())
        # The writer is inside its next batch (it never pauses between batches): kill it there.
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        # Lines printed between the last read and the kill are acknowledged too.
        acknowledged.extend(int(x) for line in proc.stdout.read().splitlines() for x in line.split())
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert len(acknowledged) >= 40 * batch

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM feedback")}
    assert set(acknowledged) <= stored
    # Batches are atomic: a killed batch leaves all of its rows or none.
    assert len(stored) % batch == 0
    reopened = MemoryStore(url)
    assert reopened.count_feedback("kai") == len(stored)
    reopened.add_feedback("kai", iid, rating=5)  # still writable after the crash
    assert reopened.count_feedback("kai") == len(stored) + 1
