"""Per-user LoRA adapters stored in the database (`memory.adapter_files`, migration 0006): two stores on one
database with their own data directories stand for two machines. An adapter written through one is what
the other checks out (its cache keyed by content hash, reloaded when the hash changes); forget leaves no
row, byte or cached file; the migration moves pre-0006 on-disk adapters in; export carries every file and
`prefs export-adapter` writes the PEFT directory back. Also the per-key token buckets
(`memory.rate_limits`), under concurrent takers."""
from __future__ import annotations

import base64
import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from memory_helpers import cached_files, store_url  # noqa: F401  (fixture: sqlite, and postgres when configured)
from sqlalchemy import func, select, text, update

from personalign.memory import MemoryStore
from personalign.memory import rate_limits as buckets
from personalign.memory.adapter_files import (
    AdapterCache,
    AdapterFileRow,
    content_digest,
    legacy_dir,
    sha256_hex,
    user_dir_name,
)
from personalign.memory.db import (
    alembic_config,
    create_store_engine,
    current_revision,
    migrate,
    resolve_url,
    write_connection,
)
from personalign.memory.errors import MemoryInputError, StoreCorruptError, UnknownUserError
from personalign.memory.schema import Base


def _files(user: str, weights: bytes, created: str = "2026-01-01T00:00:00+00:00") -> dict[str, bytes]:
    manifest = {"format": "personalign.adapter/1", "user": user, "created_at": created}
    return {"adapter_config.json": b'{"peft_type": "LORA", "r": 4}', "adapter_model.safetensors": weights,
            "manifest.json": json.dumps(manifest).encode()}


def _adapter_rows(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        table = AdapterFileRow.__table__
        rows, size = conn.execute(select(func.count(), func.coalesce(func.sum(func.length(table.c.data)), 0))).one()
    return int(rows), int(size)


@pytest.fixture
def replicas(store_url, tmp_path):  # noqa: F811
    """Two stores on one database, each with its own data directory (two machines)."""
    a = MemoryStore(store_url, data_dir=tmp_path / "machine-a")
    b = MemoryStore(store_url, data_dir=tmp_path / "machine-b")
    yield a, b
    a.close()
    b.close()


def test_an_adapter_written_through_one_store_is_what_the_other_checks_out(replicas):
    a, b = replicas
    a.record_interaction("ann", "q", "a")
    assert b.adapter_checkout("ann") is None  # B caches ann's snapshot without an adapter...
    info = a.save_adapter("ann", _files("ann", b"weights v1"))
    files = _files("ann", b"weights v1")
    assert info.digest == content_digest("default", [(p, sha256_hex(d)) for p, d in files.items()])
    assert [f.path for f in info.files] == ["adapter_config.json", "adapter_model.safetensors", "manifest.json"]
    digest, copy = b.adapter_checkout("ann")  # ...and sees the new one at once (users.revision)
    assert digest == info.digest and copy == b.adapter_cache.path("ann", "default", digest)
    assert (copy / "adapter_model.safetensors").read_bytes() == b"weights v1"
    assert b.adapter_manifest("ann")["user"] == "ann"

    # Replaced through A (align on another machine): B's next checkout is the new content, in a new directory.
    newer = a.save_adapter("ann", _files("ann", b"weights v2"))
    digest2, copy2 = b.adapter_checkout("ann")
    assert digest2 == newer.digest != digest and copy2 != copy
    assert (copy2 / "adapter_model.safetensors").read_bytes() == b"weights v2"
    assert b.adapter_checkout("ann") == (digest2, copy2)  # cached: no second copy
    assert b.sweep_adapter_cache() == 3 and not copy.exists() and copy2.is_dir()  # the replaced copy goes

    # Forget through A: no row, no byte, no cached file on A at once, on B at its next sweep.
    a.adapter_checkout("ann")
    counts = a.forget_user("ann")
    assert counts["adapter_files"] == 3 and counts["adapter_bytes"] == newer.size
    assert _adapter_rows(a) == (0, 0) and cached_files(a.data_dir) == []
    assert b.adapter_checkout("ann") is None
    assert b.sweep_adapter_cache() == 3 and cached_files(b.data_dir) == []


def test_adapters_are_checked_on_the_way_in_and_out(replicas):
    a, _ = replicas
    with pytest.raises(UnknownUserError):
        a.save_adapter("nobody", _files("nobody", b"w"))
    a.record_interaction("ann", "q", "a")
    for bad in ({"../adapter_config.json": b"{}"}, {"/etc/passwd": b"x", "adapter_config.json": b"{}"},
                {"adapter_model.safetensors": b"w"}):
        with pytest.raises(MemoryInputError):
            a.save_adapter("ann", bad)
    with pytest.raises(MemoryInputError, match="adapter name"):
        a.save_adapter("ann", _files("ann", b"w"), name="../x")
    assert a.adapter_info("ann") is None and a.read_adapter_files("ann") == {}
    a.save_adapter("ann", _files("ann", b"weights"))
    with a.engine.begin() as conn:  # bytes changed behind the store's back
        conn.execute(update(AdapterFileRow).where(AdapterFileRow.path == "adapter_model.safetensors")
                     .values(data=b"tampered"))
    with pytest.raises(StoreCorruptError, match="sha256"):
        a.adapter_checkout("ann")
    assert cached_files(a.data_dir) == []


def test_export_carries_every_file_and_the_cli_writes_the_peft_directory(tmp_path, capsys, monkeypatch):
    from personalign.cli.main import main

    db = str(tmp_path / "m.db")
    with MemoryStore(db) as store:
        store.record_interaction("ann", "q", "a")
        info = store.save_adapter("ann", _files("ann", b"\x00\x01weights"))
        exported = store.export_user("ann")
    adapter = exported["adapter"]
    assert adapter["sha256"] == info.digest and adapter["size"] == info.size and adapter["name"] == "default"
    assert {f["path"]: f["sha256"] for f in adapter["files"]} == {f.path: f.sha256 for f in info.files}
    assert {p: base64.b64decode(b) for p, b in adapter["files_b64"].items()} == _files("ann", b"\x00\x01weights")
    assert adapter["manifest"]["user"] == "ann" and "more_adapters" not in exported
    export_file = tmp_path / "ann.json"
    export_file.write_text(json.dumps(exported))

    def run(*argv):
        try:
            main(list(argv))
            code = 0
        except SystemExit as exc:
            code = exc.code
        return code, capsys.readouterr()

    code, out = run("prefs", "export-adapter", "--user", "ann", "--db", db, "--out", str(tmp_path / "from-db"))
    assert code == 0 and json.loads(out.out)["sha256"] == info.digest
    code, out = run("prefs", "export-adapter", "--from-export", str(export_file), "--out", str(tmp_path / "from-json"))
    assert code == 0 and json.loads(out.out)["sha256"] == info.digest
    for directory in ("from-db", "from-json"):
        got = {p.name: p.read_bytes() for p in (tmp_path / directory).iterdir()}
        assert got == _files("ann", b"\x00\x01weights"), directory
    code, out = run("prefs", "export-adapter", "--user", "bob", "--db", db, "--out", str(tmp_path / "x"))
    assert code == 2 and "no stored adapter" in out.err and len(out.err.strip().splitlines()) == 1


# ------------------------------------------------------------------------------------------ migration
def _upgrade_to(engine, revision: str) -> None:
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _old_adapter(data_dir, store_id: str, user: str, weights: bytes, created: str) -> None:
    """What `personalign align` wrote before migration 0006."""
    directory = legacy_dir(data_dir, store_id, user)
    directory.mkdir(parents=True)
    for path, data in _files(user, weights, created).items():
        (directory / path).write_bytes(data)


@pytest.mark.parametrize("how", ["store", "alembic-then-store"])
def test_migration_moves_on_disk_adapters_into_the_database(store_url, tmp_path, how):  # noqa: F811
    data = tmp_path / "data"
    engine = create_store_engine(resolve_url(store_url))
    _upgrade_to(engine, "0005_api_keys")
    with engine.begin() as conn:
        sid = conn.execute(text("SELECT value FROM store_meta WHERE name = 'store_id'")).scalar()
        for user in ("ann", "bob"):
            conn.execute(text("INSERT INTO users (name, revision, created_at) VALUES (:u, 0, :t)"),
                         {"u": user, "t": "2026-01-01 00:00:00"})
    _old_adapter(data, sid, "ann", b"ann's weights", "2026-01-02")
    _old_adapter(data, sid, "bob", b"bob's weights", "2026-01-02")
    _old_adapter(data, sid, "ghost", b"a forgotten user's weights", "2026-01-02")  # no user row: forgotten
    (legacy_dir(data, sid, "ann").parent / f".{user_dir_name('ann')}.tmp123").mkdir()  # an interrupted replace
    partial = legacy_dir(data, sid, "cy")
    partial.mkdir()
    (partial / "notes.txt").write_text("not an adapter")
    if how == "alembic-then-store":
        migrate(engine)  # as the alembic command line would: no data directory, nothing moved yet
        assert current_revision(engine) != "0005_api_keys"
        assert legacy_dir(data, sid, "ann").is_dir()
    engine.dispose()

    store = MemoryStore(store_url, data_dir=data)
    try:
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata) == []
        for user in ("ann", "bob"):
            assert store.read_adapter_files(user) == _files(user, f"{user}'s weights".encode(), "2026-01-02")
            digest, copy = store.adapter_checkout(user)
            assert (copy / "adapter_model.safetensors").read_bytes() == f"{user}'s weights".encode()
        assert _adapter_rows(store)[0] == 6  # ghost's adapter was not resurrected...
        remaining = sorted(p.name for p in (data / "adapters" / sid).iterdir())
        assert remaining == [partial.name]  # ...and is gone with the moved ones; the unknown directory stays
    finally:
        store.close()


def test_an_on_disk_adapter_older_than_the_stored_one_is_dropped(tmp_path):
    data = tmp_path / "data"
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with MemoryStore(url, data_dir=data) as store:
        store.record_interaction("ann", "q", "a")
        store.save_adapter("ann", _files("ann", b"new", "2026-05-01"))
        _old_adapter(data, store.store_id, "ann", b"old", "2026-01-01")  # left on a machine that never upgraded
        report = store.import_disk_adapters()
        assert (report.moved, report.dropped_older) == (0, 1)
        assert store.read_adapter_files("ann")["adapter_model.safetensors"] == b"new"
        assert not legacy_dir(data, store.store_id, "ann").exists()
        _old_adapter(data, store.store_id, "ann", b"newer", "2026-06-01")
    with MemoryStore(url, data_dir=data) as store:  # opening moves it in: it is newer
        assert store.read_adapter_files("ann")["adapter_model.safetensors"] == b"newer"
        assert not (data / "adapters").exists()


@pytest.mark.parametrize("vanishing", ["user", "name"])
def test_a_folder_deleted_while_the_cache_walks_it_is_skipped_not_raised(tmp_path, monkeypatch, vanishing):
    # A forget on this process and a sweep on its worker thread walk the same folders: one may delete a
    # folder the other has just listed. Here the folder is deleted right before it is listed.
    cache = AdapterCache(tmp_path / "cache")
    for user in ("ann", "bob"):
        (cache.path(user, "default", "d" * 8) / "sub").mkdir(parents=True)
        (cache.path(user, "default", "d" * 8) / "sub" / "w.bin").write_bytes(b"x")
    doomed = {"user": cache.user_root("ann"), "name": cache.user_root("ann") / "default"}[vanishing]
    monkeypatch.setattr(Path, "iterdir", _deleted_first(doomed, Path.iterdir))
    assert cache.sweep(lambda: {("bob", "default"): "d" * 8}) == 0  # ann's copy went with the folder
    assert cache.path("bob", "default", "d" * 8).is_dir() and not cache.user_root("ann").exists()
    monkeypatch.setattr(os, "scandir", _deleted_first(cache.path("bob", "default", "d" * 8) / "sub", os.scandir))
    assert cache.remove_user("bob") == 0 and not cache.user_root("bob").exists()


def _deleted_first(doomed: Path, listing):
    """`listing` (Path.iterdir or os.scandir) that first deletes `doomed` when asked to list it."""
    def deleting(path):  # rmtree itself lists by file descriptor (an int): those pass through
        if isinstance(path, str | os.PathLike) and Path(path) == doomed and os.path.exists(path):
            shutil.rmtree(path)
        return listing(path)
    return deleting


# ---------------------------------------------------------------------------------------- rate limits
def test_token_bucket_refills_with_time_and_is_per_key(store_url):  # noqa: F811
    with MemoryStore(store_url) as store:
        def take(key, now):
            with write_connection(store.engine) as conn:
                return buckets.take(conn, key, 2.0, 3, now)

        assert [take("k1", 100.0).allowed for _ in range(4)] == [True, True, True, False]
        refused = take("k1", 100.0)
        assert not refused.allowed and refused.retry_after_s == pytest.approx(0.5)
        assert take("k2", 100.0).allowed  # another key has its own bucket
        assert take("k1", 100.5).allowed and not take("k1", 100.5).allowed  # 0.5 s at 2/s: one token
        assert [take("k1", 200.0).allowed for _ in range(4)] == [True, True, True, False]  # full, not more
        assert not take("k1", 150.0).allowed  # a clock that steps back refills nothing


def test_concurrent_takers_never_spend_a_token_twice(store_url):  # noqa: F811
    with MemoryStore(store_url) as store:
        allowed, errors = [], []

        def taker():
            try:
                for _ in range(10):
                    with write_connection(store.engine) as conn:
                        allowed.append(buckets.take(conn, "shared", 1e-6, 25, 1000.0).allowed)
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(repr(exc))

        threads = [threading.Thread(target=taker) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors and len(allowed) == 60 and sum(allowed) == 25


# ------------------------------------------------------------------------- serving from the stored adapter
def test_served_adapters_follow_the_content_hash_across_stores(tmp_path, tiny_base):
    from personalign.decoding import Engine
    from personalign.feedback import AdapterConfig, FeedbackPair, UserAdapters, store_adapter, train_adapter
    from personalign.feedback.adapters import FORMAT, base_fingerprint

    prompts = ["What is the capital of France?", "How do I bake bread?", "Write a poem about the sea."]
    cfg = AdapterConfig(steps=12, lr=2e-2, batch_size=3, lora_r=4, lora_alpha=8, max_length=96)

    def trained(chosen, rejected):
        pairs = [FeedbackPair(i + 1, i + 1, p, chosen, rejected, "choice") for i, p in enumerate(prompts)]
        return train_adapter(tiny_base, pairs, cfg)

    def manifest(tag):
        return {"format": FORMAT, "user": "ann", "base_model": tiny_base.name,
                "base_fingerprint": base_fingerprint(tiny_base), "last_feedback_id": 3, "created_at": tag}

    url = f"sqlite:///{tmp_path / 'm.db'}"
    with MemoryStore(url, data_dir=tmp_path / "a") as a, MemoryStore(url, data_dir=tmp_path / "b") as b:
        a.record_interaction("ann", prompts[0], "Paris.")
        served = UserAdapters(tiny_base, b)                 # the server on machine B

        def answer():
            engine, names = served.engine_for(["ann"])
            return names[0], engine.generate(prompts[0], strategy="base", adapters=names,
                                             max_new_tokens=8).outputs[0].token_ids

        plain = Engine(tiny_base).generate(prompts[0], strategy="base", max_new_tokens=8).outputs[0].token_ids
        assert answer() == (None, plain)
        first = store_adapter(a, "ann", trained("Paris is the capital of France.", "The sea is wide."), manifest("1"))
        name, one = answer()
        assert name is not None and one != plain
        assert b.adapter_cache.path("ann", "default", first.digest).is_dir()
        second = store_adapter(a, "ann", trained("The sea is wide.", "Paris is the capital of France."), manifest("2"))
        _, two = answer()                                    # B notices the new hash at its next request
        fresh_engine, fresh_names = UserAdapters(tiny_base, a).engine_for(["ann"])
        expected = fresh_engine.generate(prompts[0], strategy="base", adapters=fresh_names,
                                         max_new_tokens=8).outputs[0].token_ids
        assert two == expected != one and b.adapter_cache.path("ann", "default", second.digest).is_dir()
        assert served.prune() == 0 and served.count == 1
        a.forget_user("ann")
        assert served.prune() == 1 and served.count == 0    # what a server's sweep does on its worker thread
        assert answer() == (None, plain)


def test_a_servers_sweep_drops_forgotten_adapters_from_disk_and_model(tmp_path, tiny_base):
    from personalign.decoding import Engine
    from personalign.feedback import AdapterConfig, FeedbackPair, store_adapter, train_adapter
    from personalign.feedback.adapters import FORMAT, base_fingerprint
    from personalign.server.batch_personalizer import AdapterSweeper, Personalizer
    from personalign.server.batching import Batcher

    pairs = [FeedbackPair(1, 1, "What is the capital of France?", "Paris.", "The sea is wide.", "choice")]
    trained = train_adapter(tiny_base, pairs, AdapterConfig(steps=2, batch_size=1, lora_r=2, lora_alpha=4,
                                                            max_length=64))
    manifest = {"format": FORMAT, "user": "ann", "base_model": tiny_base.name,
                "base_fingerprint": base_fingerprint(tiny_base), "created_at": "1"}
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with MemoryStore(url, data_dir=tmp_path / "a") as a, MemoryStore(url, data_dir=tmp_path / "b") as b:
        for user in ("ann", "bob"):
            a.record_interaction(user, "q", "a")
            store_adapter(a, user, trained, manifest | {"user": user})
        engine = Engine(tiny_base)
        personalizer = Personalizer(engine, b)
        batcher = Batcher(engine, personalizer=personalizer)
        sweeper = AdapterSweeper(b, batcher, interval_s=3600)
        try:
            assert batcher.call(lambda: personalizer.adapters.load(["ann", "bob"])).result(60)[0] is not None
            assert personalizer.adapters.count == 2 and sweeper.sweep() == 0
            a.forget_user("ann")
            removed = sweeper.sweep()
            assert removed == len(a.adapter_info("bob").files) and personalizer.adapters.count == 1
            assert [p.parent.name for p in cached_files(b.data_dir) if p.name == "adapter_config.json"] == \
                [a.adapter_info("bob").digest]
        finally:
            batcher.stop()
