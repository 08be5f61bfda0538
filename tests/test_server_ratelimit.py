"""Per-key rate limiting (`server.ratelimit`, buckets in the database): a burst, then 429 with Retry-After in
the server's error shape; refill with time (an injected clock, no sleeps); one bucket per key; the admin key
and requests without a valid key are never counted; two apps on one database share the buckets; off unless
configured; revoking a key or forgetting its user deletes its bucket."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from personalign.decoding import Engine
from personalign.errors import ConfigError
from personalign.memory import MemoryStore
from personalign.memory.schema import RateLimitRow
from personalign.server import ServerConfig, create_app

ADMIN = "admin-key-for-tests-0123456789"


class Clock:
    def __init__(self, now: float = 1_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def store(tmp_path):
    s = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}")
    yield s
    s.close()


@pytest.fixture
def engine(tiny_base):
    return Engine(tiny_base)


def _app(engine, store, tmp_path, clock, **overrides):
    config = ServerConfig(admin_key=ADMIN, data_dir=tmp_path, max_new_tokens=8, default_max_tokens=4,
                          **{"rate_limit": 2.0, "rate_burst": 3, **overrides})
    app = create_app(engine, store, config)
    if app.state.personalign.limiter is not None:
        app.state.personalign.limiter.clock = clock
    return app


def _user(client, name: str) -> dict:
    r = client.post("/v1/admin/users", json={"user": name}, headers=auth(ADMIN))
    assert r.status_code == 201, r.text
    return auth(r.json()["api_key"])


def _buckets(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(RateLimitRow.__table__)).scalar()


def test_burst_then_429_with_retry_after_then_refill(engine, store, tmp_path):
    clock = Clock()
    with TestClient(_app(engine, store, tmp_path, clock)) as client:
        ann = _user(client, "ann")
        assert [client.get("/v1/me", headers=ann).status_code for _ in range(3)] == [200, 200, 200]
        r = client.get("/v1/me", headers=ann)
        assert r.status_code == 429 and r.headers["Retry-After"] == "1"  # 0.5 s at 2/s, in whole seconds
        error = r.json()["error"]
        assert error["type"] == "rate_limit_error" and error["code"] == "rate_limit_exceeded"
        assert error["param"] is None and "2 requests/s per key, burst 3" in error["message"]
        clock.now += 0.25
        assert client.get("/v1/me", headers=ann).status_code == 429          # half a token
        clock.now += 0.25
        assert client.get("/v1/me", headers=ann).status_code == 200          # one token
        assert client.get("/v1/me", headers=ann).status_code == 429
        clock.now += 60                                                       # refills to the burst, not more
        assert [client.get("/v1/me", headers=ann).status_code for _ in range(4)] == [200, 200, 200, 429]
        # Every authenticated route counts: a completion takes a token too.
        clock.now += 60
        body = {"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 2}
        assert client.post("/v1/chat/completions", json=body, headers=ann).status_code == 200
        statuses = [client.get("/v1/users/ann/preferences", headers=ann).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        r = client.post("/v1/chat/completions", json=body, headers=ann)
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


def test_each_key_has_its_own_bucket_and_admin_and_bad_keys_are_not_counted(engine, store, tmp_path):
    clock = Clock()
    with TestClient(_app(engine, store, tmp_path, clock, rate_burst=2)) as client:
        ann, bob = _user(client, "ann"), _user(client, "bob")
        r = client.post("/v1/admin/users/ann/keys", headers=auth(ADMIN))
        assert r.status_code == 201, r.text
        ann2 = auth(r.json()["api_key"])
        assert [client.get("/v1/me", headers=ann).status_code for _ in range(3)] == [200, 200, 429]
        assert [client.get("/v1/me", headers=bob).status_code for _ in range(2)] == [200, 200]  # bob: his own
        assert client.get("/v1/me", headers=ann2).status_code == 200  # a key, not a user, is limited
        assert all(client.get("/v1/admin/users", headers=auth(ADMIN)).status_code == 200 for _ in range(20))
        assert _buckets(store) == 3
        for headers in ({}, auth("pa-0123456789abcdef.wrong"), auth("not-a-key")):
            assert all(client.get("/v1/me", headers=headers).status_code == 401 for _ in range(5))
        assert _buckets(store) == 3  # 401s touch no bucket
        key_id = ann2["Authorization"].split("-", 1)[1].split(".")[0]
        assert client.delete(f"/v1/admin/users/ann/keys/{key_id}", headers=auth(ADMIN)).status_code == 200
        assert _buckets(store) == 2  # a revoked key's bucket goes with it
        assert client.delete("/v1/users/bob", headers=bob).status_code == 429  # bob spent his burst
        assert client.delete("/v1/users/bob", headers=auth(ADMIN)).status_code == 200
        assert _buckets(store) == 1  # ...and a forgotten user's


def test_two_apps_on_one_database_share_the_buckets(engine, tmp_path):
    url = f"sqlite:///{tmp_path / 'memory.db'}"
    clock = Clock()
    with MemoryStore(url) as s1, MemoryStore(url) as s2, \
            TestClient(_app(engine, s1, tmp_path, clock)) as one, TestClient(_app(engine, s2, tmp_path, clock)) as two:
        ann = _user(one, "ann")
        assert [c.get("/v1/me", headers=ann).status_code for c in (one, two, one, two)] == [200, 200, 200, 429]
        clock.now += 0.5
        assert two.get("/v1/me", headers=ann).status_code == 200
        assert one.get("/v1/me", headers=ann).status_code == 429


def test_rate_limiting_is_off_by_default_and_its_settings_are_checked(engine, store, tmp_path):
    app = create_app(engine, store, ServerConfig(admin_key=ADMIN, data_dir=tmp_path))
    assert app.state.personalign.limiter is None
    with TestClient(app) as client:
        ann = _user(client, "ann")
        assert all(client.get("/v1/me", headers=ann).status_code == 200 for _ in range(30))
    assert _buckets(store) == 0
    assert ServerConfig(rate_limit=0.5).validate().rate_burst == 1      # default burst: one second's worth
    assert ServerConfig(rate_limit=20).validate().rate_burst == 20
    for bad in ({"rate_limit": 0}, {"rate_limit": -1.0}, {"rate_limit": float("nan")}, {"rate_limit": True},
                {"rate_limit": 1.0, "rate_burst": 0}, {"rate_burst": 5}):
        with pytest.raises(ConfigError):
            ServerConfig(**bad).validate()


def test_serve_refuses_a_bad_rate_limit_in_one_line(capsys):
    from personalign.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["serve", "--rate-limit", "-1", "--port", "0"])
    err = capsys.readouterr().err.strip().splitlines()
    assert exc.value.code == 2 and len(err) == 1 and "rate_limit" in err[0]
