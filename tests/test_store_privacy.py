"""Privacy of per-user files and keys: adapters are filed under the database's own id, never shared by
two databases in one data directory; export lists the user's API key ids and never a secret."""
import base64
import json
import re

import pytest
from alembic import command
from sqlalchemy import update

from personalign.memory import MemoryStore
from personalign.memory.db import alembic_config, create_store_engine, resolve_url
from personalign.memory.errors import StoreError, UnknownUserError
from personalign.memory.schema import StoreMetaRow

ADMIN = "admin-key-for-tests-0123456789"


def _fake_adapter(store, user, payload: bytes) -> None:
    """Adapter files as `save_adapter` writes them, enough for export, forget and `read_manifest`."""
    manifest = json.dumps({"format": "personalign.adapter/1", "user": user}).encode()
    store.save_adapter(user, {"manifest.json": manifest, "adapter_config.json": b"{}",
                              "adapter_model.safetensors": payload})


@pytest.fixture
def two_stores(tmp_path):
    """Two databases sharing one data directory, each with a user named carol."""
    data = tmp_path / "data"
    a = MemoryStore(f"sqlite:///{tmp_path / 'a.db'}", data_dir=data)
    b = MemoryStore(f"sqlite:///{tmp_path / 'b.db'}", data_dir=data)
    for store in (a, b):
        store.record_interaction("carol", "What is 2+2?", "4")
    yield a, b
    a.close()
    b.close()


def test_each_database_has_its_own_id_and_adapter_cache(two_stores):
    a, b = two_stores
    assert re.fullmatch(r"[0-9a-f]{32}", a.store_id) and a.store_id != b.store_id
    assert a.adapter_cache.root != b.adapter_cache.root
    assert a.adapter_cache.root == a.data_dir / "adapter_cache" / a.store_id


def test_export_and_forget_never_touch_another_databases_files(two_stores):
    a, b = two_stores
    _fake_adapter(a, "carol", b"weights of A")
    _, a_copy = a.adapter_checkout("carol")
    assert b.export_user("carol")["adapter"] is None          # the reported leak: A's adapter in B's export
    assert "adapter_files" not in b.forget_user("carol")       # ...and B's forget deleted A's files
    assert (a_copy / "adapter_model.safetensors").read_bytes() == b"weights of A"

    b.record_interaction("carol", "Again?", "yes")
    _fake_adapter(b, "carol", b"weights of B")
    _, b_copy = b.adapter_checkout("carol")
    exported = a.export_user("carol")["adapter"]["files_b64"]["adapter_model.safetensors"]
    assert base64.b64decode(exported) == b"weights of A"
    counts = a.forget_user("carol")
    assert counts["adapter_files"] == 3 and counts["adapter_bytes"] == len(b"weights of A") + 2 + len(
        json.dumps({"format": "personalign.adapter/1", "user": "carol"}))
    assert not a_copy.exists()
    assert (b_copy / "adapter_model.safetensors").read_bytes() == b"weights of B"


def test_a_moved_database_keeps_its_id_and_files(tmp_path):
    data = tmp_path / "data"
    store = MemoryStore(f"sqlite:///{tmp_path / 'old.db'}", data_dir=data)
    store.record_interaction("carol", "q", "a")
    _fake_adapter(store, "carol", b"w")
    sid, (digest, copy) = store.store_id, store.adapter_checkout("carol")
    store.close()
    (tmp_path / "old.db").rename(tmp_path / "new.db")
    moved = MemoryStore(f"sqlite:///{tmp_path / 'new.db'}", data_dir=data)
    try:
        assert moved.store_id == sid
        assert moved.export_user("carol")["adapter"]["sha256"] == digest
        assert moved.adapter_checkout("carol") == (digest, copy)
    finally:
        moved.close()


def test_migration_gives_an_existing_database_an_id(tmp_path):
    url = resolve_url(str(tmp_path / "older.db"))
    engine = create_store_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002_user_weights")   # a database from before the store id
    engine.dispose()
    store = MemoryStore(url, data_dir=tmp_path / "data")
    try:
        assert re.fullmatch(r"[0-9a-f]{32}", store.store_id)
    finally:
        store.close()


def test_a_tampered_store_id_is_refused_not_used_as_a_path(tmp_path):
    store = MemoryStore(f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path / "data")
    try:
        with store.engine.begin() as conn:
            conn.execute(update(StoreMetaRow).where(StoreMetaRow.name == "store_id").values(value="../../etc"))
        with pytest.raises(StoreError, match="store id"):
            store.adapter_cache  # noqa: B018 - the property reads the id
    finally:
        store.close()


def test_export_lists_key_ids_never_secrets(tmp_path):
    from personalign.server.auth import KeyStore

    store = MemoryStore(f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path / "data")
    try:
        keys = KeyStore(store.engine, ADMIN)
        (id1, key1), (id2, key2) = keys.issue("carol"), keys.issue("carol")
        keys.issue("dave")
        # carol has keys but no stored rows yet: export shows just the keys (forget deletes just those)
        early = store.export_user("carol")
        assert [k["key_id"] for k in early["api_keys"]] == [id1, id2] and early["created_at"] is None
        store.record_interaction("carol", "q", "a")
        exported = store.export_user("carol")
        assert [k["key_id"] for k in exported["api_keys"]] == [id1, id2]
        assert all(set(k) == {"key_id", "created_at"} for k in exported["api_keys"])
        text = json.dumps(exported)
        for key in (key1, key2):
            secret = key.split(".", 1)[1]
            assert secret not in text
        with store.engine.connect() as conn:
            digests = [r[0] for r in conn.exec_driver_sql("SELECT secret_sha256 FROM server_api_keys")]
        assert digests and not any(d in text for d in digests)
        with pytest.raises(UnknownUserError):
            store.export_user("nobody")
    finally:
        store.close()
