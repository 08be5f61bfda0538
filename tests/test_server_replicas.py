"""Replicas: two `personalign serve` processes on one database (a SQLite file, and one PostgreSQL schema
when PERSONALIGN_TEST_PG_URL is set) act as one service. A key made on one works on the other; a
preference, feedback or learned-weight write through one is what the other's next request uses, although
that replica cached the user's profile before (the users.revision counter); a forget through one leaves
no row and no valid key on either; concurrent writes spread over both are all stored, once, and both
read them all. Adapters: one `personalign align` run writes a user's adapter into the database from a third
machine (its own data directory, as each replica has); both replicas answer with it, each from its own
cache copy named by the adapter's content hash; forget through one leaves 0 adapter rows and bytes and,
after the other's cache sweep, no cached file on either. Also: the API-key table comes from the migrations,
and an older database whose server made the table itself keeps its keys."""
from __future__ import annotations

import hashlib
import threading
import time
from datetime import UTC, datetime

import httpx
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from memory_helpers import cached_files, store_url  # noqa: F401  (fixture: sqlite, and postgres when configured)
from serve_helpers import ADMIN_KEY, database_url, serving
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, func, select, text

from personalign.memory import MemoryStore
from personalign.memory.db import alembic_config, create_store_engine, current_revision, migrate, resolve_url
from personalign.memory.schema import Base
from personalign.models.tiny import save_tiny
from personalign.server.auth import KeyStore

ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
SHORT = "Answer in one short sentence."
QUESTION = "What is the capital of France?"
LONG = ("Paris is the capital of France, the largest city of the country, and home to its government, "
        "its biggest museums and many of its universities, with a history going back two thousand years.")
USER_TABLES = ("users", "preferences", "interactions", "feedback", "user_weights", "user_adapter_files",
               "server_api_keys")


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def chat(client: httpx.Client, key: str, **extra) -> dict:
    r = client.post("/v1/chat/completions", headers=auth(key), json={
        "messages": [{"role": "user", "content": QUESTION}], "max_tokens": 4, **extra})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def replicas(request, tmp_path_factory, tiny_base):
    """Two replicas on one database, shared by the tests of this module (each test has its own users)."""
    tmp = tmp_path_factory.mktemp("replicas")
    model = save_tiny(tiny_base, tmp / "tiny-model")
    with database_url(request.param, tmp) as url:
        args = ["--model", str(model), "--db", url, "--max-new-tokens", "16", "--batch-window-ms", "0",
                "--adapter-sweep", "0.5"]
        # Each replica has its own data directory (its adapter cache), as on two machines.
        with serving(args + ["--data-dir", str(tmp / "data-a")], args + ["--data-dir", str(tmp / "data-b")]) as (a, b):
            with httpx.Client(base_url=a.url, timeout=60) as ca, httpx.Client(base_url=b.url, timeout=60) as cb:
                ca.data_dir, cb.data_dir, ca.model_dir = tmp / "data-a", tmp / "data-b", model
                yield ca, cb, url


def _rows(url: str, user: str) -> dict[str, int]:
    engine = create_store_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            uid = conn.execute(text("SELECT id FROM users WHERE name = :u"), {"u": user}).scalar()
            keys = conn.execute(text("SELECT count(*) FROM server_api_keys WHERE user_name = :u"), {"u": user})
            counts = {"users": int(uid is not None), "server_api_keys": keys.scalar()}
            for table in USER_TABLES[1:-1]:
                counts[table] = conn.execute(text(f"SELECT count(*) FROM {table} WHERE user_id = :i"),
                                             {"i": uid if uid is not None else -1}).scalar()
            return counts
    finally:
        engine.dispose()


def _adapter_bytes(url: str) -> int:
    """Bytes of adapter files in the database, every user's."""
    engine = create_store_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT coalesce(sum(length(data)), 0) FROM user_adapter_files")).scalar())
    finally:
        engine.dispose()


def test_two_replicas_act_as_one_service(replicas):
    a, b, url = replicas
    # A key created on one replica works on the other; the other knows the user exists.
    key = a.post("/v1/admin/users", json={"user": "ann"}, headers=ADMIN).json()["api_key"]
    assert b.get("/v1/me", headers=auth(key)).json()["user"] == "ann"
    assert b.post("/v1/admin/users", json={"user": "ann"}, headers=ADMIN).status_code == 409

    # B answers (and caches ann's profile; the first answer stored her) before A stores a preference:
    # B's next answer uses it.
    for _ in range(2):
        assert chat(b, key)["personalign"]["preference"] is None
    pref = a.post("/v1/users/ann/preferences", json={"text": SHORT}, headers=auth(key)).json()["preference"]
    info = chat(b, key)["personalign"]
    assert (info["preference"], info["preference_ids"], info["strategy"]) == (SHORT, [pref["id"]], "pad")
    # ... and the other way round: A has it cached now, B retracts it.
    assert chat(a, key)["personalign"]["preference"] == SHORT
    assert b.delete(f"/v1/users/ann/preferences/{pref['id']}", headers=auth(key)).status_code == 200
    assert chat(a, key)["personalign"]["preference"] is None

    # Feedback through A moves the learned weights; B's next request decodes with them.
    store = MemoryStore(url)
    try:
        interactions = [store.record_interaction("ann", QUESTION, LONG, "pad", {}, alt_answer="Paris.")
                        for _ in range(4)]
    finally:
        store.close()
    assert chat(b, key)["personalign"]["learned_weights"] is None  # cached on B at this revision
    learned = None
    for i, iid in enumerate(interactions):  # ann always prefers the short answer, written through both
        writer, reader = (a, b) if i % 2 == 0 else (b, a)
        assert chat(reader, key)["personalign"]["learned_weights"] == (pytest.approx(learned) if learned else None)
        r = writer.post("/v1/feedback", json={"interaction_id": iid, "choice": "B"}, headers=auth(key))
        assert r.status_code == 201, r.text
        learned = r.json()["learned_weights"]
        # The other replica had the user cached at the old weights; its next answer uses the new ones.
        assert chat(reader, key)["personalign"]["learned_weights"] == pytest.approx(learned)
    assert learned["length"] < 0
    for replica in (a, b):
        assert chat(replica, key)["personalign"]["learned_weights"] == pytest.approx(learned)
        assert replica.get("/v1/users/ann/weights", headers=auth(key)).json()["weights"] == pytest.approx(learned)
    # A/B answers made on B, chosen on A: one interaction, one feedback row, seen by both.
    ab = chat(b, key, n=2)
    r = a.post("/v1/feedback", json={"interaction_id": ab["interaction_id"], "choice": "A"}, headers=auth(key))
    assert r.status_code == 201, r.text
    exports = [c.get("/v1/users/ann/export", headers=auth(key)).json() for c in (a, b)]
    assert exports[0]["interactions"] == exports[1]["interactions"]
    assert exports[0]["feedback"] == exports[1]["feedback"] and len(exports[0]["feedback"]) == 5

    # Forget through A: nothing left for ann in any table, and B refuses her key and does not know her.
    assert _rows(url, "ann")["interactions"] > 0
    r = a.delete("/v1/users/ann", headers=auth(key))
    assert r.status_code == 200 and r.json()["deleted"]["api_keys"] == 1
    assert b.get("/v1/me", headers=auth(key)).status_code == 401
    assert b.get("/v1/users/ann/preferences", headers=ADMIN).status_code == 404
    assert b.get("/v1/users/ann/export", headers=ADMIN).status_code == 404
    assert _rows(url, "ann") == dict.fromkeys(USER_TABLES, 0)


def test_concurrent_writes_over_both_replicas_are_all_stored_once(replicas):
    """4 clients × 50 mixed writes (A/B completions and ratings, choices, edits and comments on them),
    alternating replicas: exactly 200 rows, and either replica lists every acknowledged one."""
    a, b, url = replicas
    users = [f"u{i}" for i in range(4)]
    keys = {u: a.post("/v1/admin/users", json={"user": u}, headers=ADMIN).json()["api_key"] for u in users}
    acked: dict[str, dict[str, list[int]]] = {u: {"interactions": [], "feedback": []} for u in users}
    errors: list[str] = []

    def client(user: str) -> None:
        key, current = keys[user], None
        try:
            for j in range(50):
                replica = (a, b)[j % 2]
                if j % 5 == 0:
                    current = chat(replica, key, n=2, max_tokens=2)["interaction_id"]
                    acked[user]["interactions"].append(current)
                    continue
                body = [{"rating": 1 + j % 5}, {"choice": "AB"[j % 2]}, {"edit": f"edited answer {j}"},
                        {"comment": f"comment {j}"}][j % 5 - 1]
                r = replica.post("/v1/feedback", json={"interaction_id": current, **body}, headers=auth(key))
                assert r.status_code == 201, r.text
                acked[user]["feedback"].append(r.json()["feedback_id"])
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(f"{user}: {exc!r}")

    threads = [threading.Thread(target=client, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not errors, errors
    assert sum(len(v["interactions"]) + len(v["feedback"]) for v in acked.values()) == 200
    rows = [_rows(url, u) for u in users]
    assert sum(r["interactions"] + r["feedback"] for r in rows) == 200
    for replica in (a, b):
        for u in users:
            export = replica.get(f"/v1/users/{u}/export", headers=auth(keys[u])).json()
            assert sorted(i["id"] for i in export["interactions"]) == sorted(acked[u]["interactions"])
            assert sorted(f["id"] for f in export["feedback"]) == sorted(acked[u]["feedback"])


def test_an_adapter_aligned_on_another_machine_serves_on_both_replicas_and_forget_leaves_none(replicas, tmp_path):
    from personalign.feedback import AdapterConfig, RetrainPolicy, align_user
    from personalign.models import load

    a, b, url = replicas
    key = a.post("/v1/admin/users", json={"user": "ada"}, headers=ADMIN).json()["api_key"]
    base = {"personalign": {"strategy": "base"}, "max_tokens": 8}
    plain = chat(b, key, **base)["choices"][0]["message"]["content"]     # B has ada cached, without an adapter
    assert chat(a, key, **base)["choices"][0]["message"]["content"] == plain

    # `personalign align` on a third machine: its own data directory, the replicas' database.
    served_base = load(str(a.model_dir), device="cpu", dtype="float32")  # the base as the servers load it
    trainer = MemoryStore(url, data_dir=tmp_path / "trainer")
    try:
        for k in range(3):
            iid = trainer.record_interaction("ada", f"{QUESTION} ({k})", LONG, "base", {}, alt_answer="Paris.")
            trainer.add_feedback("ada", iid, choice="B")
        cfg = AdapterConfig(steps=12, lr=2e-2, batch_size=3, lora_r=4, lora_alpha=8, max_length=160)
        result = align_user(trainer, served_base, "ada", cfg, RetrainPolicy(min_new_pairs=1))
    finally:
        trainer.close()
    assert result.trained and _rows(url, "ada")["user_adapter_files"] == len(result.adapter.files)
    digest = result.adapter.digest

    adapted = chat(b, key, **base)["choices"][0]["message"]["content"]   # B's next request uses it...
    assert adapted != plain
    assert chat(a, key, **base)["choices"][0]["message"]["content"] == adapted  # ...and so does A's
    for replica in (a, b):  # each from its own copy, named by the content hash
        copies = [p for p in cached_files(replica.data_dir) if p.name == "adapter_model.safetensors"]
        assert [p.parent.name for p in copies] == [digest], replica.data_dir
    exported = b.get("/v1/users/ada/export", headers=auth(key)).json()["adapter"]
    assert exported["sha256"] == digest and exported["manifest"]["user"] == "ada"

    # Forget through A: no adapter row or byte in the database, no cached file on A at once nor on B
    # after its next sweep (every 0.5 s here); B answers 404 for ada.
    deleted = a.delete("/v1/users/ada", headers=auth(key)).json()["deleted"]
    assert deleted["adapter_files"] == len(result.adapter.files) and deleted["adapter_bytes"] == result.adapter.size
    assert _rows(url, "ada") == dict.fromkeys(USER_TABLES, 0) and _adapter_bytes(url) == 0
    assert cached_files(a.data_dir) == []
    deadline = time.monotonic() + 20
    while cached_files(b.data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert cached_files(b.data_dir) == []
    assert b.get("/v1/users/ada/export", headers=ADMIN).status_code == 404


# ------------------------------------------------------------------------------ the key table's migration
def _old_server_table(metadata: MetaData) -> Table:
    """The table as `personalign serve` created it before migration 0005 (SQLAlchemy create_all)."""
    return Table("server_api_keys", metadata,
                 Column("id", Integer, primary_key=True),
                 Column("key_id", String(32), nullable=False, unique=True),
                 Column("user_name", String(200), nullable=False, index=True),
                 Column("secret_sha256", String(64), nullable=False),
                 Column("created_at", DateTime(timezone=True), nullable=False))


def _upgrade_to(engine, revision: str) -> None:
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _schema_diff(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_an_old_database_keeps_the_keys_its_server_made(store_url):  # noqa: F811
    engine = create_store_engine(resolve_url(store_url))
    try:
        _upgrade_to(engine, "0004_preference_interaction")
        old = _old_server_table(MetaData())
        old.metadata.create_all(engine)
        issuer = KeyStore(engine, ADMIN_KEY)
        with engine.begin() as conn:  # what the old server stored for a key "pa-0123456789abcdef.s3cret"
            conn.execute(old.insert().values(key_id="0123456789abcdef", user_name="old", created_at=datetime.now(UTC),
                                             secret_sha256=hashlib.sha256(b"s3cret").hexdigest()))
        migrate(engine)
        assert current_revision(engine) != "0004_preference_interaction"
        assert _schema_diff(engine) == []
        assert issuer.authenticate("pa-0123456789abcdef.s3cret").user == "old"
        key_id, key = issuer.issue("new")
        assert issuer.authenticate(key).user == "new"
        assert [k["key_id"] for k in issuer.keys("old")] == ["0123456789abcdef"]
    finally:
        engine.dispose()


def test_the_key_table_comes_with_the_migrations(store_url):  # noqa: F811
    engine = create_store_engine(resolve_url(store_url))
    try:
        _upgrade_to(engine, "0004_preference_interaction")
        with engine.connect() as conn:
            assert not engine.dialect.has_table(conn, "server_api_keys")
        migrate(engine)
        assert _schema_diff(engine) == []
        with engine.connect() as conn:
            table = Base.metadata.tables["server_api_keys"]
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 0
    finally:
        engine.dispose()
