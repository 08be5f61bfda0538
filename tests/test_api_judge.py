"""The OpenAI-compatible judge against a local stub HTTP server: verdict parsing, retries with backoff,
clear errors (unreachable, 401/403, unknown model), the verdict cache (counted requests) and the summary."""
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from personalign.errors import ConfigError
from personalign.eval.api_judge import (
    API_KEY_ENV,
    CACHE_FILE,
    POLE_CRITERIA,
    ApiJudge,
    JudgeEndpointError,
    PoleVerdict,
    normalize_url,
    parse_verdict,
    summarize_api_judge,
)
from personalign.eval.report import render_markdown


class Stub:
    """A scripted OpenAI-compatible server: `models` (ids or an HTTP status) and `chat(body, n)` →
    (status, json, headers). Every request is recorded."""

    def __init__(self, chat=None, models=("judge-1",)):
        self.chat = chat or (lambda body, n: (200, completion("A"), {}))
        self.models = models
        self.requests: list[tuple[str, str, dict, dict | None]] = []
        self.lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body, headers=None):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                with stub.lock:
                    stub.requests.append(("GET", self.path, dict(self.headers), None))
                if self.path != "/v1/models":
                    return self._reply(404, {"error": {"message": "no route"}})
                if isinstance(stub.models, int):
                    return self._reply(stub.models, {"error": {"message": "Invalid API key"}})
                self._reply(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in stub.models]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with stub.lock:
                    stub.requests.append(("POST", self.path, dict(self.headers), body))
                    n = sum(1 for r in stub.requests if r[0] == "POST")
                if self.path != "/v1/chat/completions":
                    return self._reply(404, {"error": {"message": "no route"}})
                status, reply, headers = stub.chat(body, n)
                if status is None:  # hang up without an answer
                    return
                self._reply(status, reply, headers)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def chats(self):
        return [r for r in self.requests if r[0] == "POST"]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def completion(text):
    return {"id": "x", "object": "chat.completion", "created": 0, "model": "judge-1",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]}


def answers_in(body):
    """(answer shown as A, answer shown as B, criterion) from a judge request."""
    text = body["messages"][-1]["content"]
    m = re.search(r"Answer A:\n(.*)\n\nAnswer B:\n(.*)\n\nCriterion: (.*)\n", text, re.S)
    return m.group(1), m.group(2), m.group(3)


def shorter_is_more_concise(body, n):
    """A consistent judge: for 'concise' the shorter answer wins, for every other criterion the longer."""
    a, b, criterion = answers_in(body)
    shorter = "A" if len(a) < len(b) else "B"
    letter = shorter if criterion == POLE_CRITERIA["concise"] else ("B" if shorter == "A" else "A")
    return 200, completion(letter), {}


@pytest.fixture
def stub():
    made = []

    def make(**kwargs):
        s = Stub(**kwargs)
        made.append(s)
        return s
    yield make
    for s in made:
        s.close()


def judge_for(s, tmp_path, **kwargs):
    kwargs.setdefault("backoff", 0.01)
    kwargs.setdefault("timeout", 5.0)
    return ApiJudge(s.url, "judge-1", tmp_path / CACHE_FILE, **kwargs)


ITEM = ("Why is the sky blue?", "Short.", "A much longer answer about scattering of light.",
        {"length": "concise", "tone": "warm"})


# ------------------------------------------------------------------------------------------ parsing
@pytest.mark.parametrize("reply, letter", [
    ("A", "A"), ("B", "B"), (" b ", None), ("**B**", "B"), ("(A)", "A"), ("A.", "A"), ("B)", "B"),
    ("Answer A", "A"), ("Answer: B", "B"), ("Response B.", "B"), ("The answer is A", "A"),
    ("The better answer is B.", "B"), ("Verdict: A", "A"), ("B is better because it is shorter.", "B"),
    ("A\nExplanation: Answer B rambles.", "A"),
    ('{"winner": "A"}', "A"), ('```json\n{"verdict": "Answer B", "reason": "warmer"}\n```', "B"),
    ("<think>A is long, B is short, so...</think>\nB", "B"),
    ("After comparing both, I prefer Answer B.", "B"),
    ("Answer A is longer than Answer B.", None), ("Both A and B are fine.", None), ("Tie", None),
    ('{"winner": "tie"}', None), ("A man walked into a bar.", None), ("", None), (None, None), ("!!!", None),
])
def test_verdicts_are_parsed_robustly(reply, letter):
    assert parse_verdict(reply) == letter


def test_every_pole_has_its_own_criterion():
    from personalign.dimensions import DIMENSIONS

    poles = [p for d in DIMENSIONS.values() for p in d.poles]
    assert set(POLE_CRITERIA) == set(poles) and len(set(POLE_CRITERIA.values())) == len(poles)


def test_pole_verdict_scores_both_orders():
    assert PoleVerdict.from_letters("A", "B").score == 1.0   # answer 1 chosen in both orders
    assert PoleVerdict.from_letters("B", "A").score == 0.0
    assert PoleVerdict.from_letters("A", "A").score == 0.5   # always the first slot: a tie
    assert PoleVerdict.from_letters("A", None).score == 0.5   # a biased "A" and no verdict: not a win
    assert PoleVerdict.from_letters(None, "A").score == 0.5
    assert PoleVerdict.from_letters(None, None).score == 0.5


@pytest.mark.parametrize("url, expected", [
    ("http://localhost:8000", "http://localhost:8000/v1"), ("http://h:1/v1/", "http://h:1/v1"),
    ("https://api.example.com/v1/chat/completions", "https://api.example.com/v1"),
    ("https://example.com/openai/v1beta", "https://example.com/openai/v1beta"),
])
def test_urls_are_normalized(url, expected):
    assert normalize_url(url) == expected


@pytest.mark.parametrize("url", ["localhost:8000", "ftp://x/v1", "", "http://"])
def test_bad_urls_are_config_errors(url):
    with pytest.raises(ConfigError, match="judge-url"):
        normalize_url(url)


# ------------------------------------------------------------------------------------------ verdicts
def test_a_consistent_judge_wins_both_orders_and_the_request_is_openai_shaped(stub, tmp_path, monkeypatch):
    monkeypatch.setenv(API_KEY_ENV, "sk-test-123")
    s = stub(chat=shorter_is_more_concise)
    with judge_for(s, tmp_path) as judge:
        assert judge.check() == ["judge-1"]
        [verdicts] = judge.compare([ITEM])
    assert verdicts["length:concise"].to_dict() == {"first": "A", "second": "B", "score": 1.0}
    assert verdicts["tone:warm"].score == 0.0
    assert len(s.chats) == 4  # 2 poles × 2 orders
    method, path, headers, body = s.chats[0]
    assert headers["Authorization"] == "Bearer sk-test-123"
    assert body["model"] == "judge-1" and body["temperature"] == 0 and body["max_tokens"] == 16
    assert [m["role"] for m in body["messages"]] == ["user"]
    assert "Why is the sky blue?" in body["messages"][0]["content"]
    shown = {answers_in(r[3])[:2] for r in s.chats}
    assert (ITEM[1], ITEM[2]) in shown and (ITEM[2], ITEM[1]) in shown  # both orders asked


def test_position_bias_and_unparseable_replies_are_reported(stub, tmp_path):
    s = stub(chat=lambda body, n: (200, completion("A" if "concise" in answers_in(body)[2] else "Hmm, hard."), {}))
    with judge_for(s, tmp_path) as judge:
        found = judge.compare([ITEM, ("Q2", "one", "two", {"length": "concise", "tone": "warm"})])
    assert all(v.score == 0.5 for row in found for v in row.values())  # first-slot judge: ties only
    rows = [{"judge": judge.name, "variant": "pad(w=1)", "opponent": "base", "user": f"u{i}", "prompt_id": "p",
             "poles": {k: v.to_dict() for k, v in row.items()}} for i, row in enumerate(found)]
    summary = summarize_api_judge(rows, ["pad(w=1)"], n_boot=50, seed=0)["api:judge-1"]["pad(w=1) vs base"]
    assert summary["position_bias"] == 0.5 and summary["poles"]["length:concise"]["position_bias"] == 0.5
    assert summary["unparseable"] == 4 and summary["questions"] == 8 and summary["unparseable_rate"] == 0.5
    assert summary["poles"]["tone:warm"]["win_rate"]["estimate"] == 0.5
    assert summary["poles"]["tone:warm"]["position_bias"] is None  # nothing parsed there


def test_report_shows_the_api_judge_per_pole(stub, tmp_path):
    s = stub(chat=shorter_is_more_concise)
    with judge_for(s, tmp_path) as judge:
        [row] = judge.compare([ITEM])
    rows = [{"judge": judge.name, "variant": "prompt", "opponent": "base", "user": "u", "prompt_id": "p",
             "poles": {k: v.to_dict() for k, v in row.items()}}]
    table = summarize_api_judge(rows, ["prompt"], n_boot=50, seed=0)
    dims = {"length": {"low": "concise", "high": "detailed", "unit": "words", "judge": "length"},
            "tone": {"low": "blunt", "high": "warm", "unit": "VADER", "judge": "sentiment"}}
    empty = {"personalization": {f"{d}:{p}": {"judged_mean": None} for d, i in dims.items()
                                 for p in (i["low"], i["high"])}, "overall": {},
             "quality": {k: None for k in ("perplexity_mean", "empty_rate", "runaway_rate", "repetitive_rate")},
             "cost": {"seconds_per_answer": None, "tokens_per_second": None, "mean_new_tokens": None}}
    text = render_markdown({"model": "m", "users": [], "prompts": [], "dimensions": dims,
                            "strategies": {"base": empty}, "api_judge": table})
    section = text[text.index("## API judge `api:judge-1`"):]
    line = next(x for x in section.splitlines() if x.startswith("| prompt vs base"))
    # columns: concise, detailed, blunt, warm, overall, position bias, unparseable
    cells = [c.strip() for c in line.strip("|").split("|")]
    assert cells[1].startswith("1.00") and cells[2] == "–" and cells[4].startswith("0.00")
    assert cells[5].startswith("0.50") and cells[6] == "+0.00" and cells[7] == "0/4"


# ------------------------------------------------------------------------------------------ retries
def test_429_then_200_is_retried_with_backoff_and_retry_after(stub, tmp_path):
    def chat(body, n):
        if n <= 2:
            return 429, {"error": {"message": "Rate limit reached"}}, {"Retry-After": "0.2"}
        return 200, completion("B"), {}
    s = stub(chat=chat)
    with judge_for(s, tmp_path, concurrency=1) as judge:
        started = time.perf_counter()
        assert judge.ask("which?") == "B"
        waited = time.perf_counter() - started
    assert len(s.chats) == 3 and judge.requests == 3
    assert waited >= 0.4  # two waits of max(backoff, Retry-After = 0.2 s)


def test_5xx_and_timeouts_are_retried(stub, tmp_path):
    def chat(body, n):
        if n == 1:
            return 503, {"error": {"message": "overloaded"}}, {}
        if n == 2:
            time.sleep(1.0)  # longer than the judge's timeout
        return 200, completion("A"), {}
    s = stub(chat=chat)
    with judge_for(s, tmp_path, timeout=0.3, concurrency=1) as judge:
        assert judge.ask("which?") == "A"
    assert len(s.chats) == 3


def test_retries_run_out_with_a_clear_error(stub, tmp_path):
    s = stub(chat=lambda body, n: (500, {"error": {"message": "boom"}}, {}))
    with judge_for(s, tmp_path, max_retries=2) as judge, \
            pytest.raises(JudgeEndpointError, match=r"still failing after 3 tries \(HTTP 500: boom\)"):
        judge.ask("which?")
    assert len(s.chats) == 3


def test_a_fatal_error_stops_the_other_workers(stub, tmp_path):
    s = stub(chat=lambda body, n: (400, {"error": {"message": "prompt too long"}}, {}))
    items = [(f"Q{i}", "one", "two", {"length": "concise", "tone": "warm", "expertise": "simple"})
             for i in range(8)]
    with judge_for(s, tmp_path, concurrency=4) as judge, \
            pytest.raises(JudgeEndpointError, match=r"HTTP 400 \(prompt too long\)"):
        judge.compare(items)
    assert len(s.chats) < 48


# ------------------------------------------------------------------------------------------ errors
def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_endpoint_fails_at_once(tmp_path):
    judge = ApiJudge(f"http://127.0.0.1:{_free_port()}/v1", "m", tmp_path / CACHE_FILE, backoff=5)
    started = time.perf_counter()
    with pytest.raises(JudgeEndpointError, match=r"cannot reach the judge endpoint .*\(is the server running"):
        judge.check()
    assert time.perf_counter() - started < 3  # no backoff for a refused connection at the start
    judge.close()


@pytest.mark.parametrize("key, message", [(None, "no API key was sent: set \\$PERSONALIGN_JUDGE_API_KEY"),
                                          ("sk-wrong", "the key in \\$PERSONALIGN_JUDGE_API_KEY was refused")])
def test_401_names_the_key(stub, tmp_path, monkeypatch, key, message):
    monkeypatch.delenv(API_KEY_ENV, raising=False)
    if key:
        monkeypatch.setenv(API_KEY_ENV, key)
    s = stub(models=401)
    with judge_for(s, tmp_path) as judge, pytest.raises(JudgeEndpointError, match="HTTP 401 \\(Invalid API key\\): "
                                                                                  + message):
        judge.check()
    assert ("Authorization" in s.requests[0][2]) == bool(key)


def test_403_on_chat_is_an_error_not_a_retry(stub, tmp_path):
    s = stub(chat=lambda body, n: (403, {"error": {"message": "forbidden"}}, {}))
    with judge_for(s, tmp_path) as judge, pytest.raises(JudgeEndpointError, match="HTTP 403"):
        judge.ask("which?")
    assert len(s.chats) == 1


def test_a_model_the_server_does_not_have(stub, tmp_path):
    s = stub(models=("llama-3-8b", "qwen-7b"))
    with judge_for(s, tmp_path) as judge, \
            pytest.raises(JudgeEndpointError, match="does not serve model 'judge-1'; it serves: llama-3-8b, qwen-7b"):
        judge.check()
    s2 = stub(models=404, chat=lambda body, n: (404, {"error": {"message": "model 'judge-1' not found"}}, {}))
    with judge_for(s2, tmp_path) as judge:
        assert judge.check() is None  # no listing: the first question tells
        with pytest.raises(JudgeEndpointError, match="HTTP 404 .*not found.*a model it does not serve"):
            judge.ask("which?")


def test_a_reply_that_is_not_a_chat_completion(stub, tmp_path):
    s = stub(chat=lambda body, n: (200, {"unexpected": True}, {}))
    with judge_for(s, tmp_path) as judge, pytest.raises(JudgeEndpointError, match="not a chat completion"):
        judge.ask("which?")


def test_bad_settings_are_config_errors(tmp_path):
    for kwargs in ({"concurrency": 0}, {"timeout": 0}, {"max_retries": -1}, {"max_tokens": 0},
                   {"timeout": float("nan")}):
        with pytest.raises(ConfigError):
            ApiJudge("http://localhost:1/v1", "m", tmp_path / CACHE_FILE, **kwargs)
    with pytest.raises(ConfigError, match="judge-model"):
        ApiJudge("http://localhost:1/v1", " ", tmp_path / CACHE_FILE)


# ------------------------------------------------------------------------------------------ cache
def test_the_cache_never_asks_twice(stub, tmp_path):
    s = stub(chat=shorter_is_more_concise)
    items = [ITEM, ITEM,  # the same question twice in one batch: asked once
             ("Q", "same answer", "same answer", {"length": "detailed"})]  # identical answers: not asked
    with judge_for(s, tmp_path, concurrency=3) as judge:
        first = judge.compare(items)
    assert len(s.chats) == 4 and judge.asked == 4
    assert first[2]["length:detailed"].to_dict() == {"first": "same", "second": "same", "score": 0.5}
    lines = (tmp_path / CACHE_FILE).read_text().splitlines()
    assert len(lines) == 4 and {json.loads(x)["verdict"] for x in lines} == {"A", "B"}

    with judge_for(s, tmp_path) as again:  # a rerun: everything from the cache
        assert again.cache.loaded == 4
        assert [{k: v.to_dict() for k, v in r.items()} for r in again.compare(items)] == \
               [{k: v.to_dict() for k, v in r.items()} for r in first]
    assert len(s.chats) == 4 and again.asked == 0

    # Another model, or the same answers in other words, is another question.
    with ApiJudge(s.url, "judge-1", tmp_path / CACHE_FILE, max_tokens=32) as other:
        other.compare([ITEM[:1] + ("Short!",) + ITEM[2:]])
    assert len(s.chats) == 8


def test_a_cache_line_cut_short_is_dropped(stub, tmp_path):
    s = stub(chat=shorter_is_more_concise)
    with judge_for(s, tmp_path) as judge:
        judge.compare([ITEM])
    path = tmp_path / CACHE_FILE
    data = path.read_bytes()
    path.write_bytes(data[:-20])  # a crash in the middle of the last line
    with judge_for(s, tmp_path) as judge:
        assert judge.cache.loaded == 3
        judge.compare([ITEM])
    assert len(s.chats) == 5  # only the lost question asked again
    assert all(json.loads(x) for x in path.read_text().splitlines())


# ------------------------------------------------------------------------------------------ CLI
def test_cli_unreachable_judge_is_one_line_exit_2_before_any_generation(tmp_path, capsys):
    from personalign.cli.main import main

    out = tmp_path / "run"
    with pytest.raises(SystemExit) as exc:
        main(["eval", "--out", str(out), "--no-progress", "--judge-url", f"http://127.0.0.1:{_free_port()}",
              "--judge-model", "m"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: cannot reach the judge endpoint") and len(err.splitlines()) == 1
    assert not any(out.iterdir())  # failed before the model was loaded or anything written


@pytest.mark.parametrize("argv, message", [
    (["--judge-url", "http://localhost:8000/v1"], "--judge-url and --judge-model go together"),
    (["--judge-model", "m"], "--judge-url and --judge-model go together"),
    (["--judge-url", "localhost:8000", "--judge-model", "m"], "--judge-url must be an http(s) URL"),
])
def test_cli_judge_options_misused(tmp_path, capsys, argv, message):
    from personalign.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["eval", "--out", str(tmp_path / "x"), "--no-progress"] + argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("reply, letter", [("A. Answer B is too long.", "A"), ("B is better than A", "B"),
                                           ("Answer A is longer than answer B", None)])
def test_a_first_line_verdict_with_both_letters(reply, letter):
    assert parse_verdict(reply) == letter
