"""A scaled-down load test on loopback (uvicorn in a thread, tiny model): concurrent clients, each chat
followed by feedback; every request answered, every feedback stored exactly once, batches shared."""
import httpx

from personalign.decoding import Engine
from personalign.memory import MemoryStore
from personalign.server import ServerConfig, create_app
from personalign.server.loadtest import create_users, run_load, verify_feedback
from personalign.server.runner import ServerThread

ADMIN = "load-admin-key-0123456789"


def test_concurrent_clients_all_answered_and_feedback_stored_once(tiny_base, tmp_path):
    store = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}")
    config = ServerConfig(admin_key=ADMIN, data_dir=tmp_path, max_new_tokens=16, batch_window_ms=20,
                          max_batch_size=8)
    with ServerThread(create_app(Engine(tiny_base), store, config)) as server:
        users = create_users(server.url, ADMIN, 8)
        report = run_load(server.url, users, requests=5, max_tokens=8)
        summary = report.summary()
        print(summary)
        assert summary["requests"] == 40
        assert summary["answered"] == 40 and summary["feedback_stored"] == 40, [r for r in report.records
                                                                                 if r.error or r.status != 200]
        assert verify_feedback(server.url, users, report) == []
        assert store.count_feedback() == 40
        assert summary["p95_s"] >= summary["p50_s"] > 0 and summary["tokens_per_s"] > 0
        batching = httpx.get(server.url + "/healthz").json()["batching"]
        assert batching["max_rows"] >= 2, batching  # concurrent requests shared engine calls
        assert batching["failed_batches"] == 0
    store.close()
