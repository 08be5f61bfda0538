"""Upstream mode: generation on any OpenAI-compatible server, personalization kept here.

`personalign serve --upstream URL` sends the answers of strategies `base` and `prompt` to URL's
`/chat/completions` (vLLM, TGI, llama.cpp's server, another `personalign serve`, ...). Memory,
retrieval, preference capture, feedback and learned weights stay in this server: the request is
personalized exactly as in local mode (`feedback.personalize`), and preference prompting reaches the
upstream model as the same system turn the local base would read (`models.preference_block`), merged
with the client's own leading system message. The answer is recorded here, so feedback works as usual.

- best-of-n asks the upstream for n samples (n concurrent one-sample requests: every server above
  accepts them, not all accept `n`) and keeps the one the local reward model scores highest
  (`Engine.sequence_rewards`, the very reward local best-of-n ranks its own samples by: the reward terms'
  log-ratios, PersRM or the local base shown the preference against the local base). It needs a local
  model; without one it is a 400.
- PAD needs the base's and the reward model's logits at every token, which no serving API exposes:
  a PAD answer runs on the local model when one is loaded, else it is a 400 that says so.
- Streaming passes the upstream's server-sent events through as they arrive, re-framed as this
  server's chunks (own id, model name and the `personalign` object).

Errors: an upstream that cannot be reached is 503 (`upstream_unavailable`), one that does not answer
within the timeout 504 (`upstream_timeout`), an upstream 5xx or a malformed answer 502
(`upstream_error`), an upstream 429 is 503 with Retry-After, an upstream refusing this server's key
(401/403) 502, and any other upstream 4xx 400 with the upstream's message. A failed answer records
no interaction. The upstream's key comes from `$PERSONALIGN_UPSTREAM_API_KEY` (sent as a bearer
token; unset: no Authorization header).
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import httpx

from personalign.decoding import DecodingConfig
from personalign.errors import ConfigError, PersonalignError
from personalign.models.preference_block import preference_system_prompt

log = logging.getLogger("personalign.server")

UPSTREAM_KEY_ENV = "PERSONALIGN_UPSTREAM_API_KEY"
# need a local model in upstream mode: these decode from local logits at every token; best-of-n reranks
LOCAL_STRATEGIES = ("pad", "args", "persrm-alone", "mod", "soup", "best-of-n")
PAD_NEEDS_LOCAL = ("strategy 'pad' needs the base model's and the reward model's logits at every token, which no "
                   "serving API exposes; this server sends generation to its upstream and has no local model. "
                   "Use strategy 'prompt' or 'base', or start `personalign serve --upstream ... --model NAME` "
                   "to decode PAD answers locally")
BEST_OF_NEEDS_LOCAL = ("strategy 'best-of-n' reranks the upstream's samples with a local reward model, and this "
                       "server has none; start `personalign serve --upstream ... --model NAME` (and "
                       "--reward-model for a PersRM) or use strategy 'prompt' or 'base'")


class UpstreamError(PersonalignError):
    """The upstream failed to produce an answer; `status` is what this server answers."""

    def __init__(self, status: int, message: str, code: str, retry_after: str | None = None):
        super().__init__(message)
        self.status, self.message, self.code, self.retry_after = status, message, code, retry_after


@dataclass
class UpstreamAnswer:
    """One answer from the upstream (the route reads it like a local `Generation`)."""

    text: str
    finish_reason: str          # "stop" | "length"
    prompt_tokens: int
    completion_tokens: int
    reward: float | None = None  # best-of-n: the chosen sample's reward under the local reward model
    candidates: list[dict] | None = None  # best-of-n: every sample with its reward


def base_url(url: str) -> str:
    """The upstream's OpenAI base URL (what an OpenAI client takes as base_url): `url` as given, or with
    /v1 appended when it has no path."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"--upstream must be an http(s) URL such as http://127.0.0.1:8000/v1, got {url!r}")
    return url if parts.path else url + "/v1"


def upstream_messages(messages: Sequence, preference: str | None) -> list[dict]:
    """The conversation for the upstream: the client's turns (developer turns as system turns, which
    every chat template knows), with the preference's system turn first, merged into the client's own
    leading system message when there is one."""
    out = [{"role": "system" if m.role == "developer" else m.role, "content": m.text()} for m in messages
           if m.role == "user" or m.text().strip()]
    if preference:
        block = preference_system_prompt(preference)
        if out and out[0]["role"] == "system":
            out[0] = {"role": "system", "content": f"{block}\n\n{out[0]['content']}"}
        else:
            out.insert(0, {"role": "system", "content": block})
    return out


def _finish(reason) -> str:
    return "length" if reason == "length" else "stop"


def _upstream_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:300] or response.reason_phrase
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])[:300]
    if isinstance(error, str):
        return error[:300]
    if isinstance(body, dict) and body.get("message"):  # TGI's error shape
        return str(body["message"])[:300]
    return json.dumps(body)[:300]


def discover_model(url: str, api_key: str | None = None, timeout_s: float = 10.0) -> str:
    """The first model the upstream lists at GET /models (for `serve --upstream` without --upstream-model)."""
    url = base_url(url)
    api_key = api_key if api_key is not None else (os.environ.get(UPSTREAM_KEY_ENV) or None)
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    hint = "; name the model with --upstream-model"
    try:
        response = httpx.get(url + "/models", headers=headers, timeout=timeout_s)
    except httpx.HTTPError as exc:
        raise ConfigError(f"cannot list the models of the upstream {url} "
                          f"({exc or type(exc).__name__}){hint}") from None
    if response.status_code != 200:
        raise ConfigError(f"the upstream {url} answered {response.status_code} to GET /models "
                          f"({_upstream_message(response)}){hint}")
    try:
        return str(response.json()["data"][0]["id"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise ConfigError(f"the upstream {url} lists no model at GET /models{hint}") from None


class Upstream:
    """An OpenAI-compatible chat server that generates this server's `base` and `prompt` answers."""

    def __init__(self, url: str, model: str, *, api_key: str | None = None, timeout_s: float = 120.0):
        self.url = base_url(url)
        self.model = model
        self.api_key = api_key if api_key is not None else (os.environ.get(UPSTREAM_KEY_ENV) or None)
        self.timeout_s = timeout_s
        self._client: httpx.AsyncClient | None = None
        self._loop = None

    # ------------------------------------------------------------------------------ plumbing
    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    @property
    def client(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:  # a client's pool belongs to one event loop
            self._client = httpx.AsyncClient(base_url=self.url, headers=self._headers(),
                                             timeout=httpx.Timeout(self.timeout_s, connect=min(10.0, self.timeout_s)),
                                             limits=httpx.Limits(max_connections=256, max_keepalive_connections=64))
            self._loop = loop
        return self._client

    async def aclose(self) -> None:
        if self._client is not None and self._loop is asyncio.get_running_loop():
            await self._client.aclose()
        self._client = None

    def _error(self, exc: Exception) -> UpstreamError:
        where = f"the upstream {self.url}"
        if isinstance(exc, UpstreamError):
            return exc
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, httpx.ConnectTimeout):
            return UpstreamError(504, f"{where} did not answer within {self.timeout_s:g} s", "upstream_timeout")
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
            return UpstreamError(503, f"{where} is unreachable ({exc or type(exc).__name__}); retry later",
                                 "upstream_unavailable", retry_after="5")
        if isinstance(exc, httpx.HTTPError):
            return UpstreamError(502, f"{where} failed: {exc or type(exc).__name__}", "upstream_error")
        return UpstreamError(502, f"{where} sent an answer this server cannot read ({exc})", "upstream_error")

    def _status_error(self, response: httpx.Response) -> UpstreamError:
        status, message = response.status_code, _upstream_message(response)
        where = f"the upstream {self.url}"
        if status == 429:
            return UpstreamError(503, f"{where} is over its rate limit: {message}", "upstream_busy",
                                 retry_after=response.headers.get("Retry-After", "1"))
        if status in (401, 403):
            return UpstreamError(502, f"{where} refused this server's credentials ({status}: {message}); check "
                                      f"${UPSTREAM_KEY_ENV}", "upstream_auth")
        if 400 <= status < 500:
            return UpstreamError(400, f"{where} refused the request ({status}): {message}", "upstream_rejected")
        return UpstreamError(502, f"{where} failed ({status}): {message}", "upstream_error")

    def body(self, messages: list[dict], cfg: DecodingConfig, *, stream: bool, seed: int | None) -> dict:
        body = {"model": self.model, "messages": messages, "max_tokens": cfg.max_new_tokens,
                "temperature": cfg.temperature, "stream": stream}
        if cfg.top_p < 1:  # only when set: TGI refuses top_p = 1
            body["top_p"] = cfg.top_p
        if seed is not None:
            body["seed"] = seed
        if cfg.stop:
            body["stop"] = list(cfg.stop)
        return body

    # ------------------------------------------------------------------------------ requests
    async def complete(self, messages: list[dict], cfg: DecodingConfig, seed: int | None = None) -> UpstreamAnswer:
        try:
            response = await self.client.post("/chat/completions", json=self.body(messages, cfg, stream=False,
                                                                                  seed=seed))
            if response.status_code != 200:
                raise self._status_error(response)
            data = response.json()
            choice = data["choices"][0]
            usage = data.get("usage") or {}
            return UpstreamAnswer(text=choice["message"].get("content") or "",
                                  finish_reason=_finish(choice.get("finish_reason")),
                                  prompt_tokens=int(usage.get("prompt_tokens") or 0),
                                  completion_tokens=int(usage.get("completion_tokens") or 0))
        except Exception as exc:  # noqa: BLE001 - every failure becomes one UpstreamError with a status
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise self._error(exc) from None

    async def stream(self, messages: list[dict], cfg: DecodingConfig, on_piece: Callable[[str], None],
                     opened: asyncio.Future, seed: int | None = None) -> UpstreamAnswer:
        """Streams one answer: `opened` resolves once the upstream accepted the request (or fails with
        the error), so a route can still answer with a proper status; then each piece goes to `on_piece`."""
        text, finish, usage, pieces = "", None, {}, 0
        try:
            async with self.client.stream("POST", "/chat/completions",
                                          json=self.body(messages, cfg, stream=True, seed=seed)) as response:
                if response.status_code != 200:
                    await response.aread()
                    raise self._status_error(response)
                if not opened.done():
                    opened.set_result(True)
                async for line in response.aiter_lines():
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    event = json.loads(data)
                    if event.get("error"):
                        error = event["error"]
                        message = error.get("message") if isinstance(error, dict) else str(error)
                        raise UpstreamError(502, f"the upstream {self.url} failed while streaming: {message}",
                                            "upstream_error")
                    usage = event.get("usage") or usage
                    for choice in event.get("choices") or []:
                        if choice.get("index", 0) != 0:
                            continue
                        piece = (choice.get("delta") or {}).get("content") or ""
                        if piece:
                            text += piece
                            pieces += 1
                            on_piece(piece)
                        finish = choice.get("finish_reason") or finish
        except Exception as exc:  # noqa: BLE001 - as in `complete`
            if isinstance(exc, asyncio.CancelledError):
                raise
            error = self._error(exc)
            if not opened.done():
                opened.set_exception(error)
            raise error from None
        return UpstreamAnswer(text=text, finish_reason=_finish(finish),
                              prompt_tokens=int(usage.get("prompt_tokens") or 0),
                              completion_tokens=int(usage.get("completion_tokens") or pieces))


class UpstreamJob:
    """One answer generated upstream, shaped like the batcher's `Job` for the route: `future` resolves
    to an `UpstreamAnswer` (or an `UpstreamError`); `opened` (streaming) once the upstream accepted."""

    def __init__(self, messages: list[dict], config: DecodingConfig, on_piece=None, rerank=None):
        self.messages, self.config, self.on_piece, self.rerank = messages, config, on_piece, rerank
        self.future: Future = Future()
        self.opened: asyncio.Future | None = None
        self._task: asyncio.Task | None = None

    def start(self, upstream: Upstream) -> None:
        loop = asyncio.get_running_loop()
        self.opened = loop.create_future()
        # Only a streaming route awaits `opened`; the failure also reaches `future`, so it counts as read.
        self.opened.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._task = loop.create_task(self._run(upstream))
        # A client that went away cancels the future: the upstream request goes with it.
        self.future.add_done_callback(lambda f: loop.call_soon_threadsafe(self._task.cancel) if f.cancelled()
                                      else None)

    async def _run(self, upstream: Upstream) -> None:
        cfg = self.config
        try:
            if cfg.strategy == "best-of-n":
                temperature = cfg.temperature if cfg.temperature > 0 else cfg.candidate_temperature
                sample = replace(cfg, temperature=temperature)
                seeds = [None if cfg.seed is None else (cfg.seed + i) % 2**63 for i in range(cfg.n)]
                answers = await asyncio.gather(*(upstream.complete(self.messages, sample, seed) for seed in seeds))
                if not self.opened.done():
                    self.opened.set_result(True)
                result = await self.rerank(answers)
                if self.on_piece is not None and result.text:
                    self.on_piece(result.text)
            elif self.on_piece is not None:
                result = await upstream.stream(self.messages, cfg, self.on_piece, self.opened, cfg.seed)
            else:
                result = await upstream.complete(self.messages, cfg, cfg.seed)
                if not self.opened.done():
                    self.opened.set_result(True)
        except asyncio.CancelledError:
            self.future.cancel()
            raise
        except Exception as exc:  # noqa: BLE001 - the route reads every failure from the future
            if not self.opened.done():
                self.opened.set_exception(exc)
            if not self.future.done():
                self.future.set_exception(exc)
            return
        if not self.future.done():
            self.future.set_result(result)
