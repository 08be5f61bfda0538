"""Upstream mode: `personalign serve --upstream URL` generates on another OpenAI-compatible server while
memory, preference prompting, feedback and learned weights stay local.

The upstream here is a second real `personalign serve` (tiny model), reached with a key of its own user
"proxy"; what it received is read back from its own export. Upstream failures (down, 5xx, timeouts, a
refused key, an error in the middle of a stream) use in-process stand-ins."""
from __future__ import annotations

import asyncio
import json
import socket

import httpx
import openai
import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.testclient import TestClient
from serve_helpers import ADMIN_KEY, base_env, serving

from personalign.decoding import Engine, RewardTerm
from personalign.memory import MemoryStore
from personalign.models.preference_block import preference_system_prompt
from personalign.models.tiny import save_tiny
from personalign.server import ServerConfig, create_app
from personalign.server.loadtest import create_users, run_load, verify_feedback
from personalign.server.runner import ServerThread
from personalign.server.upstream import UPSTREAM_KEY_ENV

ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
SHORT = "Answer in one short sentence."
QUESTION = "What is the capital of France?"
MESSAGES = [{"role": "user", "content": QUESTION}]
LONG = ("Paris is the capital of France, the largest city of the country, and home to its government, "
        "its biggest museums and many of its universities, with a history going back two thousand years.")


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory, tiny_base):
    """The upstream U (`personalign serve`, tiny model) and the proxy P (`serve --upstream U`, no local
    model, the model name discovered from U's /v1/models)."""
    tmp = tmp_path_factory.mktemp("upstream")
    model = save_tiny(tiny_base, tmp / "tiny-model")
    with serving(["--model", str(model), "--db", str(tmp / "upstream.db"), "--max-new-tokens", "32",
                  "--batch-window-ms", "0"]) as (upstream,):
        r = httpx.post(upstream.url + "/v1/admin/users", json={"user": "proxy"}, headers=ADMIN)
        proxy_key = r.json()["api_key"]
        env = base_env(**{UPSTREAM_KEY_ENV: proxy_key})
        with serving(["--upstream", upstream.url, "--db", str(tmp / "proxy.db"), "--max-new-tokens", "16"],
                     env=env) as (proxy,):
            yield {"upstream": upstream.url, "proxy": proxy.url, "proxy_key": proxy_key, "model": model.name,
                   "proxy_db": tmp / "proxy.db", "log": proxy}


def upstream_seen(stack) -> list[dict]:
    """The interactions the upstream recorded for the proxy's requests, oldest first."""
    r = httpx.get(stack["upstream"] + "/v1/users/proxy/export", headers=auth(stack["proxy_key"]))
    return r.json()["interactions"]


def new_user(http: httpx.Client, name: str) -> str:
    r = http.post("/v1/admin/users", json={"user": name}, headers=ADMIN)
    assert r.status_code == 201, r.text
    return r.json()["api_key"]


def test_openai_client_through_the_proxy_plain_and_streaming_with_stored_preferences(stack):
    http = httpx.Client(base_url=stack["proxy"], timeout=60)
    health = http.get("/healthz").json()
    assert health["upstream"] == stack["upstream"] + "/v1" and health["local_model"] is False
    key = new_user(http, "alice")
    assert http.post("/v1/users/alice/preferences", json={"text": SHORT}, headers=auth(key)).status_code == 201

    client = openai.OpenAI(base_url=stack["proxy"] + "/v1", api_key=key, max_retries=0)
    assert [m.id for m in client.models.list()] == [stack["model"]]
    reply = client.chat.completions.create(model=stack["model"], messages=MESSAGES, max_tokens=12)
    text = reply.choices[0].message.content
    info = reply.model_extra["personalign"]
    assert (info["strategy"], info["preference"], info["generated_by"]) == ("prompt", SHORT, ["upstream"])
    assert reply.usage.completion_tokens > 0
    # The upstream answered the conversation with the stored preference as its system turn, word for word.
    seen = upstream_seen(stack)[-1]
    assert seen["answer"] == text and preference_system_prompt(SHORT) in seen["prompt"]
    assert seen["prompt"].rstrip().endswith(QUESTION)

    stream = client.chat.completions.create(model=stack["model"], messages=MESSAGES, max_tokens=12, stream=True,
                                            stream_options={"include_usage": True})
    pieces, extras, usage = [], [], None
    for chunk in stream:
        pieces.extend(c.delta.content or "" for c in chunk.choices)
        if chunk.model_extra.get("personalign"):
            extras.append(chunk.model_extra["personalign"])
        usage = chunk.usage or usage
    assert "".join(pieces) == text  # greedy upstream: the same answer, passed through piece by piece
    assert len(extras) == 1 and extras[0]["generated_by"] == ["upstream"] and usage.completion_tokens > 0

    # Recorded here, not there: feedback is local; the upstream knows nothing about alice.
    export = http.get("/v1/users/alice/export", headers=auth(key)).json()
    assert [i["id"] for i in export["interactions"]] == [info["interaction_id"], extras[0]["interaction_id"]]
    assert all(i["answer"] == text and i["params"]["generated_by"] == ["upstream"] for i in export["interactions"])
    r = http.post("/v1/feedback", json={"interaction_id": info["interaction_id"], "rating": 5}, headers=auth(key))
    assert r.status_code == 201
    proxy_export = httpx.get(stack["upstream"] + "/v1/users/proxy/export", headers=auth(stack["proxy_key"])).json()
    assert proxy_export["feedback"] == [] and "alice" not in json.dumps(proxy_export)


def test_strategies_in_upstream_mode_without_a_local_model(stack):
    http = httpx.Client(base_url=stack["proxy"], timeout=60)
    key = new_user(http, "carol")
    assert http.post("/v1/users/carol/preferences", json={"text": SHORT}, headers=auth(key)).status_code == 201

    def chat(**extra):
        return http.post("/v1/chat/completions", headers=auth(key),
                         json={"messages": MESSAGES, "max_tokens": 6, **extra})

    for strategy, needs in (("pad", "logits at every token"), ("best-of-n", "reranks")):
        for stream in (False, True):
            r = chat(personalign={"strategy": strategy}, stream=stream)
            assert r.status_code == 400 and needs in r.json()["error"]["message"], r.text
            assert r.json()["error"]["code"] == "needs_local_model"
    r = chat(n=2, personalign={"alt_strategy": "pad"})
    assert r.status_code == 400 and r.json()["error"]["param"] == "personalign.alt_strategy"
    assert http.get("/v1/users/carol/export", headers=auth(key)).json()["interactions"] == []

    r = chat(personalign={"strategy": "base"})  # no preference reaches the upstream
    assert r.status_code == 200 and r.json()["personalign"]["generated_by"] == ["upstream"]
    assert upstream_seen(stack)[-1]["prompt"] == QUESTION
    # The client's own system message follows the preference's, in one system turn.
    r = chat(messages=[{"role": "system", "content": "You are terse."}, *MESSAGES])
    assert r.status_code == 200
    prompt = upstream_seen(stack)[-1]["prompt"]
    assert f"{preference_system_prompt(SHORT)}\n\nYou are terse." in prompt
    # Two answers for a choice: A prompted, B the base, both upstream; streamed as two choices.
    r = chat(n=2, stream=True)
    assert r.status_code == 200
    events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
    info = next(e["personalign"] for e in events if "personalign" in e)
    assert info["generated_by"] == ["upstream", "upstream"] and info["alt_strategy"] == "base"
    assert {c["index"] for e in events for c in e["choices"]} == {0, 1}
    r = http.post("/v1/feedback", json={"interaction_id": info["interaction_id"], "choice": "B"}, headers=auth(key))
    assert r.status_code == 201


def test_feedback_and_learned_weights_stay_local_and_steer_the_upstream_prompt(stack):
    http = httpx.Client(base_url=stack["proxy"], timeout=60)
    key = new_user(http, "dave")
    store = MemoryStore(str(stack["proxy_db"]))
    try:
        interactions = [store.record_interaction("dave", QUESTION, LONG, "prompt", {}, alt_answer="Paris.")
                        for _ in range(4)]
    finally:
        store.close()
    learned = None
    for iid in interactions:  # dave always picks the short answer
        r = http.post("/v1/feedback", json={"interaction_id": iid, "choice": "B"}, headers=auth(key))
        learned = r.json()["learned_weights"]
    assert learned["length"] < 0
    for pref in http.get("/v1/users/dave/preferences", headers=auth(key)).json()["preferences"]:
        http.delete(f"/v1/users/dave/preferences/{pref['id']}", headers=auth(key))  # the inferred ones
    r = http.post("/v1/chat/completions", headers=auth(key), json={"messages": MESSAGES, "max_tokens": 6})
    info = r.json()["personalign"]
    assert info["preference_source"] == "learned" and info["learned_weights"] == pytest.approx(learned)
    assert info["preference"] and preference_system_prompt(info["preference"]) in upstream_seen(stack)[-1]["prompt"]


def test_load_through_the_proxy_loses_no_answer_and_no_feedback(stack):
    """8 concurrent clients × 5 requests through the proxy (a third streamed, a quarter A/B with a choice,
    the rest rated): every answer recorded here and every feedback stored exactly once."""
    users = create_users(stack["proxy"], ADMIN_KEY, 8, prefix="load")
    report = run_load(stack["proxy"], users, requests=5, max_tokens=8)
    summary = report.summary()
    assert summary["answered"] == summary["feedback_stored"] == 40, [r for r in report.records if r.status != 200]
    assert verify_feedback(stack["proxy"], users, report) == []


@pytest.mark.parametrize("argv,needle", [
    (["--upstream", "ftp://example.org/v1"], "http(s) url"),
    (["--upstream", "http://127.0.0.1:{port}"], "cannot list the models of the upstream http://127.0.0.1:{port}/v1"),
    (["--upstream", "http://127.0.0.1:{port}/v1", "--upstream-model", "m", "--strategy", "pad"],
     "needs a local model"),
    (["--upstream", "http://127.0.0.1:{port}/v1", "--upstream-model", "m", "--upstream-timeout", "0"],
     "upstream_timeout_s"),
])
def test_serve_refuses_bad_upstream_options_in_one_line(capsys, tmp_path, argv, needle):
    from personalign.cli.main import main

    port = str(_closed_port())
    argv = [a.replace("{port}", port) for a in argv]
    try:
        main(["serve", "--port", "0", "--db", str(tmp_path / "m.db"), *argv])
        code = 0
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 2 and len(errors) == 1 and "Traceback" not in err, err
    assert needle.replace("{port}", port).lower() in errors[0].lower(), errors[0]
    assert not (tmp_path / "m.db").exists()  # refused before anything was opened


# ------------------------------------------------------------------------------------ failing upstreams
def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stub_upstream() -> FastAPI:
    """An upstream that fails on request: the last user message says how."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def completions(body: dict):
        how = body["messages"][-1]["content"]
        if how == "crash":
            return JSONResponse({"error": {"message": "CUDA out of memory", "type": "server_error"}}, status_code=500)
        if how == "slow":
            await asyncio.sleep(1.5)
        if how == "busy":
            return JSONResponse({"error": {"message": "too many requests"}}, status_code=429,
                                headers={"Retry-After": "7"})
        if how == "midway" and body.get("stream"):
            async def events():
                chunk = {"choices": [{"index": 0, "delta": {"content": "Half an ans"}, "finish_reason": None}]}
                yield f"data: {json.dumps(chunk)}\n\n"
                yield f"data: {json.dumps({'error': {'message': 'engine died'}})}\n\n"
            return StreamingResponse(events(), media_type="text/event-stream")
        return {"choices": [{"index": 0, "message": {"role": "assistant", "content": "fine"},
                             "finish_reason": "stop"}], "usage": {"prompt_tokens": 3, "completion_tokens": 1}}

    return app


def test_failing_upstreams_are_clear_5xx_and_store_no_interaction(tmp_path):
    store = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}")
    with ServerThread(_stub_upstream()) as stub:
        for url, how, status, code, words in (
                (f"http://127.0.0.1:{_closed_port()}/v1", "hello", 503, "upstream_unavailable", "unreachable"),
                (stub.url + "/v1", "crash", 502, "upstream_error", "CUDA out of memory"),
                (stub.url + "/v1", "slow", 504, "upstream_timeout", "did not answer within 0.5 s"),
                (stub.url + "/v1", "busy", 503, "upstream_busy", "too many requests")):
            config = ServerConfig(admin_key=ADMIN_KEY, data_dir=tmp_path, upstream_url=url, upstream_model="m",
                                  upstream_timeout_s=0.5)
            with TestClient(create_app(None, store, config)) as c:
                key = c.post("/v1/admin/users", json={"user": f"u-{how}"}, headers=ADMIN).json()["api_key"]
                for stream in (False, True):
                    r = c.post("/v1/chat/completions", headers=auth(key),
                               json={"messages": [{"role": "user", "content": how}], "stream": stream})
                    error = r.json()["error"]
                    assert (r.status_code, error["code"]) == (status, code), r.text
                    assert words in error["message"] and url.removesuffix("/v1") in error["message"]
                    if status == 503:
                        assert r.headers["Retry-After"] == ("7" if how == "busy" else "5")
                assert c.get(f"/v1/users/u-{how}/export", headers=auth(key)).json()["interactions"] == []
                if how != "hello":  # the same server records what a working upstream answers
                    r = c.post("/v1/chat/completions", headers=auth(key),
                               json={"messages": [{"role": "user", "content": "hello"}]})
                    assert r.json()["choices"][0]["message"]["content"] == "fine"
                    assert len(c.get(f"/v1/users/u-{how}/export", headers=auth(key)).json()["interactions"]) == 1

        # An upstream that fails after the stream started: the error arrives in the stream, nothing is recorded.
        config = ServerConfig(admin_key=ADMIN_KEY, data_dir=tmp_path, upstream_url=stub.url + "/v1",
                              upstream_model="m")
        with TestClient(create_app(None, store, config)) as c:
            key = c.post("/v1/admin/users", json={"user": "midway"}, headers=ADMIN).json()["api_key"]
            r = c.post("/v1/chat/completions", headers=auth(key),
                       json={"messages": [{"role": "user", "content": "midway"}], "stream": True})
            assert r.status_code == 200
            events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
            assert events[-1]["error"]["code"] == "upstream_error" and "engine died" in events[-1]["error"]["message"]
            assert c.get("/v1/users/midway/export", headers=auth(key)).json()["interactions"] == []
    store.close()


def test_upstream_refusing_the_key_is_a_502_naming_the_variable(stack, tmp_path, monkeypatch):
    monkeypatch.setenv(UPSTREAM_KEY_ENV, "pa-0000.wrong")
    store = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}")
    config = ServerConfig(admin_key=ADMIN_KEY, data_dir=tmp_path, upstream_url=stack["upstream"] + "/v1",
                          upstream_model=stack["model"])
    with TestClient(create_app(None, store, config)) as c:
        key = c.post("/v1/admin/users", json={"user": "erin"}, headers=ADMIN).json()["api_key"]
        r = c.post("/v1/chat/completions", headers=auth(key), json={"messages": MESSAGES})
        assert r.status_code == 502 and UPSTREAM_KEY_ENV in r.json()["error"]["message"]
    store.close()


# ------------------------------------------------------------------------------ a local model as well
def test_with_a_local_model_pad_runs_here_and_best_of_n_reranks_the_upstreams_samples(stack, tiny_base, tmp_path,
                                                                                       monkeypatch):
    monkeypatch.setenv(UPSTREAM_KEY_ENV, stack["proxy_key"])
    engine = Engine(tiny_base)
    store = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}")
    config = ServerConfig(admin_key=ADMIN_KEY, data_dir=tmp_path, upstream_url=stack["upstream"] + "/v1",
                          upstream_model=stack["model"], max_new_tokens=16)
    with TestClient(create_app(engine, store, config)) as c:
        key = c.post("/v1/admin/users", json={"user": "fay"}, headers=ADMIN).json()["api_key"]
        assert c.post("/v1/users/fay/preferences", json={"text": SHORT}, headers=auth(key)).status_code == 201

        def chat(**extra):
            r = c.post("/v1/chat/completions", headers=auth(key),
                       json={"messages": MESSAGES, "max_tokens": 6, **extra})
            assert r.status_code == 200, r.text
            return r

        info = chat().json()["personalign"]
        assert (info["strategy"], info["generated_by"]) == ("pad", ["local"])
        assert chat(personalign={"strategy": "prompt"}).json()["personalign"]["generated_by"] == ["upstream"]
        # A/B: A by PAD here, B by the upstream's base model, streamed together.
        r = chat(n=2, stream=True)
        events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
        assert not [e for e in events if "error" in e], events
        info = next(e["personalign"] for e in events if "personalign" in e)
        assert info["generated_by"] == ["local", "upstream"]
        assert {c["index"] for e in events for c in e["choices"]} == {0, 1}

        before = len(upstream_seen(stack))
        body = chat(personalign={"strategy": "best-of-n", "best_of": 3}).json()
        assert body["personalign"]["generated_by"] == ["upstream"]
        assert len(upstream_seen(stack)) == before + 3, body  # three samples asked upstream
        params = store.get_interaction("fay", body["interaction_id"]).params
        candidates = params["best_of_candidates"][0]
        rewards = engine.sequence_rewards(QUESTION, [x["text"] for x in candidates], terms=[RewardTerm(SHORT, 1.0)])
        assert [x["reward"] for x in candidates] == pytest.approx(rewards)
        best = max(candidates, key=lambda x: x["reward"])
        assert body["choices"][0]["message"]["content"] == best["text"], candidates
    store.close()


def test_sequence_rewards_match_local_best_of_n(tiny_base):
    """Upstream best-of-n scores samples as local best-of-n scores its own: the same reward for the same
    tokens (the tiny model's answers are byte soup that does not survive decoding, so its ids are compared)."""
    engine = Engine(tiny_base)
    for seed, preference in ((3, SHORT), (4, "Answer like a pirate.")):
        result = engine.generate([QUESTION, "Why is the sky blue?"], preference=preference, strategy="best-of-n", n=4,
                                 max_new_tokens=6, seed=seed, weight=1.5)
        for prompt, out, rewards in zip([QUESTION, "Why is the sky blue?"], result.outputs, result.extras["rewards"]):
            mine = engine.sequence_rewards(prompt, [out.token_ids], preference=preference, weight=1.5)
            assert mine == pytest.approx([out.reward], abs=1e-3) and out.reward == pytest.approx(max(rewards))
