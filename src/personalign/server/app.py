"""The FastAPI application: OpenAI-compatible chat completions personalized from memory, feedback,
preference management, privacy endpoints, admin key management and the web page.

`create_app(engine, store, config)` builds the app around an already loaded `Engine` and an open
`MemoryStore`; `personalign serve` loads both once and runs the app under uvicorn.

Routes (all under Authorization: Bearer <key> except /healthz, / and /static):

    POST   /v1/chat/completions                 OpenAI request shape, plus an optional `personalign` object
    POST   /v1/feedback                         rating / choice A|B / edit / comment on an interaction
    GET    /v1/users/{user}/preferences         ?history=true adds superseded and retracted ones
    POST   /v1/users/{user}/preferences         add one (safety-checked; merges or supersedes)
    DELETE /v1/users/{user}/preferences/{id}    retract one (kept in history)
    GET    /v1/users/{user}/export              everything stored about the user (JSON)
    DELETE /v1/users/{user}                     forget the user: memory rows and API keys
    GET    /v1/models, GET /v1/me, GET /healthz
    POST   /v1/admin/users                      admin: create a user, returns its key once
    POST   /v1/admin/users/{user}/keys          admin: another key for a user
    DELETE /v1/admin/users/{user}/keys/{key_id} admin: revoke a key
    GET    /v1/admin/users                      admin: list users

A user key reaches only its own user: naming another user in a path or a body is 403, and an
interaction or preference id of another user is 404, exactly as if it did not exist.

Conversations: the last message must come from the user. Earlier turns (and system/developer
messages) are folded into that user turn as a labelled transcript, because the engine renders one
user turn plus its own system turn (which carries the preference). Retrieval of topical preferences
uses the last user message alone.

Personalization (`feedback.personalize`, shared with `personalign generate`): an ad-hoc
`personalign.preference` joins the user's retrieved stored preferences, except that a stored one is
dropped when the ad-hoc text asks for the same style dimension (length, expertise, tone); the ad-hoc
text comes last, and `preference_ids` lists the stored ones kept. A refused ad-hoc text is 422 with
param `personalign.preference`.

Feedback closes the loop at once: a choice or an edit folds into the user's learned dimension
weights (`feedback.update_user`), which the user's next request decodes with as extra PAD terms; a
user's adapter from `personalign align` is picked up per batch (`server.personalize`).

Decoding defaults differ from OpenAI's on purpose: temperature defaults to 0 (greedy), the setting
PAD was evaluated with, so the same request gives the same answer.
"""

import asyncio
import json
import logging
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from personalign.decoding import DecodingConfig
from personalign.errors import ConfigError, PersonalignError
from personalign.feedback import term_specs, update_user
from personalign.feedback.personalize import personalize
from personalign.memory.errors import (PreferenceStateError, StoreBusyError, StoreError, UnknownInteractionError,
                                       UnknownPreferenceError, UnknownUserError, UnsafePreferenceError)
from personalign.models import encode_text
from personalign.server import schemas as S
from personalign.server.auth import KeyStore, Principal, load_admin_key
from personalign.server.batching import Batcher, Job, QueueFullError
from personalign.server.config import ServerConfig, model_positions, prompt_too_long, rendered_prompt_tokens
from personalign.server.personalize import Personalizer

log = logging.getLogger("personalign.server")
STATIC_DIR = Path(__file__).parent / "static"
_ROLE_LABELS = {"system": "Instructions", "developer": "Instructions", "user": "User", "assistant": "Assistant"}
_FINISH = {"eos": "stop", "stop": "stop", "length": "length"}
_PAGE_HEADERS = {
    # The page loads nothing from elsewhere and runs no inline script.
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ApiError(Exception):
    """An error answered as OpenAI's error object with a 4xx/5xx status."""

    def __init__(self, status: int, message: str, type_: str = "invalid_request_error", *,
                 param: str | None = None, code: str | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.code = status, message, type_, param, code
        self.headers = headers

    def response(self) -> JSONResponse:
        return JSONResponse({"error": {"message": self.message, "type": self.type, "param": self.param,
                                       "code": self.code}}, status_code=self.status, headers=self.headers)


def _from_personalign(exc: PersonalignError) -> ApiError:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, (UnknownUserError, UnknownInteractionError, UnknownPreferenceError)):
        return ApiError(404, message, "not_found_error", code="not_found")
    if isinstance(exc, PreferenceStateError):
        return ApiError(409, message, "conflict_error", code="preference_state")
    if isinstance(exc, UnsafePreferenceError):
        return ApiError(422, f"refused by the safety boundary: {message}", "invalid_request_error",
                        param="preference", code=f"unsafe_preference:{exc.verdict.category}")
    if isinstance(exc, StoreBusyError):
        return ApiError(503, f"the preference store is busy, retry later: {message}", "server_error",
                        code="store_busy", headers={"Retry-After": "1"})
    if isinstance(exc, StoreError):
        return ApiError(503, f"the preference store is unavailable: {message}", "server_error", code="store_unavailable")
    return ApiError(400, message, "invalid_request_error", code="invalid_value")


_ERRORS = {status: {"model": S.ErrorResponse, "description": text} for status, text in {
    400: "Invalid request (the message says which field and why)",
    401: "Missing or invalid API key",
    403: "The key may not access this user or route",
    404: "No such user, interaction, preference or model",
    409: "Conflict with the stored state",
    408: "The request body did not arrive in time",
    413: "Request body too large",
    422: "Refused by the safety boundary",
    503: "Queue full or store unavailable; retry later",
}.items()}


@dataclass
class _State:
    engine: object
    store: object
    config: ServerConfig
    keys: KeyStore
    batcher: Batcher
    model_name: str
    created: int


# ------------------------------------------------------------------------------------ middleware
class BodyLimitMiddleware:
    """Answers 413 to request bodies over `limit` bytes, and 408 to bodies not complete within `timeout`
    seconds (a client that sends less than its Content-Length would otherwise hold the connection, and
    a worker, forever; the server itself never times out a half-sent body).

    The body is read here in full (it is small by definition) and replayed to the app, because an
    error raised from inside FastAPI's body reading would come out as a generic 400.
    """

    def __init__(self, app, limit: int, timeout: float = 30.0):
        self.app, self.limit, self.timeout = app, limit, timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                return await self._reject(scope, send, 400, "invalid Content-Length header")
            if too_big:
                return await self._reject(scope, send, 413, self._message())
        chunks, size, more = [], 0, True
        deadline = asyncio.get_running_loop().time() + self.timeout
        while more:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - asyncio.get_running_loop().time()))
            except asyncio.TimeoutError:
                return await self._reject(scope, send, 408, f"the request body did not arrive within "
                                          f"{self.timeout:g} s (is Content-Length larger than the body?)")
            if message["type"] != "http.request":  # client went away while sending
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                return await self._reject(scope, send, 413, self._message())
            chunks.append(body)
            more = message.get("more_body", False)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()  # afterwards: http.disconnect, which streaming responses watch for

        await self.app(scope, replay, send)

    def _message(self) -> str:
        return f"request body exceeds the limit of {self.limit} bytes"

    async def _reject(self, scope, send, status: int, message: str) -> None:
        async def no_body():
            return {"type": "http.disconnect"}
        code = {413: "body_too_large", 408: "body_timeout"}.get(status)
        # The rest of the body is never read, so the connection cannot carry another request.
        await ApiError(status, message, code=code, headers={"Connection": "close"}).response()(scope, no_body, send)


# ------------------------------------------------------------------------------------ helpers
def conversation_prompt(messages: list[S.ChatMessage]) -> tuple[str, str]:
    """(prompt for the engine, last user message). See the module docstring for the format."""
    last = messages[-1]
    if last.role != "user":
        raise ApiError(400, f"the last message must have role 'user', not {last.role!r}", param="messages")
    question = last.text()
    if not question.strip():
        raise ApiError(400, "the last user message is empty", param="messages")
    earlier = [(m.role, m.text()) for m in messages[:-1] if m.text().strip()]
    if not earlier:
        return question, question
    transcript = "\n".join(f"{_ROLE_LABELS[role]}: {text}" for role, text in earlier)
    return f"Conversation so far:\n{transcript}\n\nReply to the user's last message:\n{question}", question


def _stops(stop) -> tuple[str, ...]:
    if stop is None:
        return ()
    return (stop,) if isinstance(stop, str) else tuple(stop)


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    errors = exc.errors()
    if not errors:
        return "invalid request", None
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
    param = ".".join(loc) or None
    if first.get("type") == "json_invalid":
        return f"request body is not valid JSON ({first.get('ctx', {}).get('error', 'parse error')})", None
    if not loc and first.get("type") == "missing":
        return "request body is missing: send a JSON object", None
    if not loc and first.get("type") in ("model_attributes_type", "dict_type"):
        return "request body must be a JSON object", None
    msg = first.get("msg", "invalid value")
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return (f"{param}: {msg}{more}" if param else f"{msg}{more}"), param


# ------------------------------------------------------------------------------------ the app
def create_app(engine, store, config: ServerConfig | None = None) -> FastAPI:
    config = (config or ServerConfig()).validate()
    admin_key, admin_source = load_admin_key(config)
    state = _State(engine=engine, store=store, config=config, keys=KeyStore(store.engine, admin_key),
                   batcher=Batcher(engine, window_s=config.batch_window_ms / 1000, max_batch=config.max_batch_size,
                                   max_queue=config.max_queue, personalizer=Personalizer(engine, store)),
                   model_name=config.model_name or getattr(engine.base, "name", "personalign"),
                   created=int(time.time()))
    tokenizer = engine.base.tokenizer
    positions = model_positions(engine.base.model)
    default_weight = getattr(engine, "default_weight", 1.0)  # a trained PersRM's recommended PAD weight

    @asynccontextmanager
    async def lifespan(_app):
        state.batcher.start()
        try:
            yield
        finally:
            await run_in_threadpool(state.batcher.stop)

    app = FastAPI(title="personalign", version="0.1.0", lifespan=lifespan, responses=_ERRORS,
                  description="Personalized chat completions (OpenAI-compatible), feedback and preference "
                              "memory. Authenticate with `Authorization: Bearer <key>`.")
    app.state.personalign = state
    app.state.admin_key_source = admin_source
    app.add_middleware(BodyLimitMiddleware, limit=config.max_body_bytes, timeout=config.body_timeout_s)

    # -------------------------------------------------------------------------- errors
    @app.exception_handler(ApiError)
    async def _api_error(_req, exc: ApiError):
        return exc.response()

    @app.exception_handler(PersonalignError)
    async def _personalign_error(_req, exc: PersonalignError):
        return _from_personalign(exc).response()

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req, exc: RequestValidationError):
        message, param = _validation_message(exc)
        return ApiError(400, message, param=param, code="invalid_request").response()

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req, exc: StarletteHTTPException):
        kind = "not_found_error" if exc.status_code == 404 else "invalid_request_error"
        message = str(exc.detail)
        if exc.status_code == 400 and message == "There was an error parsing the body":  # FastAPI's wording
            message = "request body could not be parsed: send a UTF-8 encoded JSON object"
        return ApiError(exc.status_code, message, kind, headers=getattr(exc, "headers", None)).response()

    @app.exception_handler(Exception)
    async def _unexpected(_req, exc: Exception):
        log.exception("unhandled error", exc_info=exc)
        return ApiError(500, "internal server error", "server_error").response()

    # -------------------------------------------------------------------------- auth
    bearer = HTTPBearer(auto_error=False, description="An API key: the admin key or a user key.")

    async def principal(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
        challenge = {"WWW-Authenticate": "Bearer"}
        if creds is None:
            raise ApiError(401, "missing API key: send the header 'Authorization: Bearer <key>'",
                           "authentication_error", code="missing_api_key", headers=challenge)
        found = await run_in_threadpool(state.keys.authenticate, creds.credentials)
        if found is None:
            raise ApiError(401, "invalid API key", "authentication_error", code="invalid_api_key", headers=challenge)
        return found

    Caller = Annotated[Principal, Depends(principal)]

    async def admin(who: Caller) -> Principal:
        if not who.is_admin:
            raise ApiError(403, "this route needs the admin key", "permission_error", code="admin_only")
        return who

    Admin = Annotated[Principal, Depends(admin)]

    def acting_user(who: Principal, named: str | None, where: str = "user") -> str:
        """The user a request acts for: a user key's own user; the admin must name one."""
        if who.is_admin:
            if named is None:
                raise ApiError(400, f"requests with the admin key must name a user ({where})", param=where)
            return named
        if named is not None and named != who.user:
            raise ApiError(403, f"this API key belongs to user {who.user!r} and cannot act for another user",
                           "permission_error", param=where, code="other_user")
        return who.user

    UserPath = Annotated[S.Text, PathParam(min_length=1, max_length=200, description="User name.")]
    IdPath = Annotated[int, PathParam(ge=1, le=S.MAX_ID)]

    async def user_exists(user: str) -> bool:
        def check():
            return state.keys.has_user(user) or user in state.store.users()
        return await run_in_threadpool(check)

    # -------------------------------------------------------------------------- chat
    def decoding_config(req: S.ChatCompletionRequest, opts: S.PersonalignOptions, strategy: str,
                        max_new: int) -> DecodingConfig:
        cfg = DecodingConfig(strategy=strategy, max_new_tokens=max_new,
                             temperature=req.temperature if req.temperature is not None else 0.0,
                             top_p=req.top_p if req.top_p is not None else 1.0, seed=req.seed,
                             stop=_stops(req.stop))
        cfg.weight = opts.weight if opts.weight is not None else default_weight
        if opts.top_k is not None:
            cfg.top_k = opts.top_k
        if opts.best_of is not None:
            cfg.n = opts.best_of
        for guard_option in ("min_p", "eos_candidate", "no_repeat_ngram"):  # PAD's guard (decoding/pad.py)
            if getattr(opts, guard_option) is not None:
                setattr(cfg, guard_option, getattr(opts, guard_option))
        return cfg.validate()

    @app.post("/v1/chat/completions", response_model=S.ChatCompletion, tags=["chat"],
              responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
                               "description": "A chat completion, or server-sent chunks when stream is true"}})
    async def chat_completions(req: S.ChatCompletionRequest, who: Caller):
        cfg_server = state.config
        user = acting_user(who, req.user)
        if req.model is not None and req.model != state.model_name:
            raise ApiError(404, f"model {req.model!r} is not served here; this server serves {state.model_name!r}",
                           "not_found_error", param="model", code="model_not_found")
        if len(req.messages) > cfg_server.max_messages:
            raise ApiError(400, f"{len(req.messages)} messages; the limit is {cfg_server.max_messages}",
                           param="messages", code="too_many_messages")
        total_chars = sum(len(m.text()) for m in req.messages)
        if total_chars > cfg_server.max_prompt_chars:
            raise ApiError(400, f"the messages hold {total_chars} characters; the limit is "
                                f"{cfg_server.max_prompt_chars}", param="messages", code="prompt_too_long")
        prompt, question = conversation_prompt(req.messages)
        n_tokens = len(encode_text(tokenizer, prompt))
        if n_tokens > cfg_server.max_prompt_tokens:
            raise ApiError(400, f"the prompt is {n_tokens} tokens long; the limit is {cfg_server.max_prompt_tokens}",
                           param="messages", code="prompt_too_long")
        max_new = req.max_completion_tokens or req.max_tokens or cfg_server.default_max_tokens
        if max_new > cfg_server.max_new_tokens:
            param = "max_completion_tokens" if req.max_completion_tokens else "max_tokens"
            raise ApiError(400, f"{param} is {max_new}; this server allows at most {cfg_server.max_new_tokens}",
                           param=param, code="max_tokens_too_large")
        opts = req.personalign or S.PersonalignOptions()
        if opts.best_of is not None and opts.best_of > cfg_server.max_best_of_n:
            raise ApiError(400, f"personalign.best_of is {opts.best_of}; the limit is {cfg_server.max_best_of_n}",
                           param="personalign.best_of", code="best_of_too_large")

        try:
            chosen = await run_in_threadpool(personalize, state.store, user, question, opts.preference,
                                             use_memory=opts.use_memory)
        except UnsafePreferenceError as exc:
            err = _from_personalign(exc)
            raise ApiError(err.status, err.message, err.type, param="personalign.preference", code=err.code) from None
        preference, source, pref_ids = chosen.preference, chosen.source, list(chosen.preference_ids)
        learned = dict(chosen.learned_weights) if chosen.learned_weights else None
        # Without a preference or learned weights there is nothing to personalize toward: the base answers.
        strategy = (opts.strategy or cfg_server.default_strategy) if preference or learned else "base"
        if learned and preference is None and strategy == "prompt":
            # Prompting needs words: the poles the learned weights point to.
            preference = "; ".join(wording for wording, _ in term_specs(learned).values())
        if positions is not None:  # the preference's system turn counts too: it is known only now
            problem = prompt_too_long(rendered_prompt_tokens(tokenizer, prompt, preference), max_new, positions,
                                      max_prompt_tokens=positions)
            if problem is not None:
                raise ApiError(400, problem, param="messages", code="prompt_too_long")
        try:
            cfg_a = decoding_config(req, opts, strategy, max_new)
            configs = [cfg_a]
            alt_strategy = None
            if req.n == 2:
                alt_strategy = opts.alt_strategy or ("base" if strategy != "base" else strategy)
                if alt_strategy != "base" and preference is None:
                    alt_strategy = "base"
                cfg_b = decoding_config(req, opts, alt_strategy, max_new)
                if alt_strategy == strategy:
                    # The same decoding twice would give the same answer: B samples instead.
                    cfg_b.temperature = cfg_b.temperature or 0.8
                    cfg_b.seed = (req.seed + 1) % (S.MAX_ID + 1) if req.seed is not None else None
                configs.append(cfg_b.validate())
        except ConfigError as exc:
            raise ApiError(400, str(exc), code="invalid_value") from None

        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        created = int(time.time())
        info = dict(user=user, strategy=strategy, alt_strategy=alt_strategy, preference=preference,
                    preference_source=source, preference_ids=pref_ids, learned_weights=learned)
        params = {"model": state.model_name, "preference": preference, "preference_source": source,
                  "preference_ids": pref_ids, "learned_weights": learned, "messages": len(req.messages),
                  "decoding": [{k: v for k, v in c.to_dict().items() if k != "preference_in_base"} for c in configs]}

        async def record(gens) -> int | None:
            if not opts.record:
                return None
            return await run_in_threadpool(
                state.store.record_interaction, user, prompt, gens[0].text, strategy, params,
                alt_answer=gens[1].text if len(gens) > 1 else None)

        if req.stream:
            return await stream_completion(configs, prompt, preference, user, opts.use_memory, learned,
                                           completion_id, created, info, record,
                                           include_usage=bool(req.stream_options and req.stream_options.include_usage))
        jobs = [make_job(c, prompt, preference, user if opts.use_memory else None, learned) for c in configs]
        submit(jobs)
        try:
            gens = [await asyncio.wrap_future(j.future) for j in jobs]
        except PersonalignError as exc:
            raise _from_personalign(exc) from None
        interaction_id = await record(gens)
        completion_tokens = sum(len(g.token_ids) for g in gens)
        return S.ChatCompletion(
            id=completion_id, created=created, model=state.model_name,
            choices=[S.Choice(index=i, message=S.ResponseMessage(content=g.text), finish_reason=_FINISH[g.finish_reason])
                     for i, g in enumerate(gens)],
            usage=S.Usage(prompt_tokens=gens[0].prompt_tokens, completion_tokens=completion_tokens,
                          total_tokens=gens[0].prompt_tokens + completion_tokens),
            interaction_id=interaction_id, personalign=S.PersonalignInfo(interaction_id=interaction_id, **info))

    def make_job(cfg: DecodingConfig, prompt: str, preference, user, learned, on_piece=None) -> Job:
        personal = cfg.strategy != "base"
        return Job(prompt=prompt, preference=preference if personal else None, config=cfg, on_piece=on_piece,
                   user=user, learned=learned if personal and cfg.strategy != "prompt" else None)

    def submit(jobs: list[Job]) -> None:
        try:
            state.batcher.submit(jobs)
        except QueueFullError as exc:
            raise ApiError(503, str(exc), "server_error", code="queue_full", headers={"Retry-After": "1"}) from None

    async def stream_completion(configs, prompt, preference, user, use_memory, learned, completion_id, created, info,
                                record, include_usage):
        loop = asyncio.get_running_loop()
        events: asyncio.Queue = asyncio.Queue()

        def piece_sink(index):
            return lambda piece: loop.call_soon_threadsafe(events.put_nowait, (index, piece))

        jobs = [make_job(c, prompt, preference, user if use_memory else None, learned, on_piece=piece_sink(i))
                for i, c in enumerate(configs)]
        for i, job in enumerate(jobs):
            job.future.add_done_callback(lambda _f, i=i: loop.call_soon_threadsafe(events.put_nowait, (i, None)))
        submit(jobs)  # before the response starts, so a full queue is still a proper 503
        # A piece that might be the start of a stop string is held back until the text moves past it.
        holdback = max((len(s) for s in configs[0].stop), default=1) - 1

        def chunk(index=None, delta=None, finish=None, **extra) -> str:
            body = {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                    "model": state.model_name, "system_fingerprint": None,
                    "choices": [] if index is None else [{"index": index, "delta": delta or {}, "logprobs": None,
                                                          "finish_reason": finish}]}
            body.update(extra)
            return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

        async def body():
            received = ["" for _ in jobs]
            sent = ["" for _ in jobs]
            try:
                for i in range(len(jobs)):
                    yield chunk(i, {"role": "assistant", "content": ""})
                done = 0
                while done < len(jobs):
                    index, piece = await events.get()
                    if piece is None:
                        done += 1
                        continue
                    received[index] += piece
                    safe = received[index][:len(received[index]) - holdback] if holdback else received[index]
                    if len(safe) > len(sent[index]):
                        yield chunk(index, {"content": safe[len(sent[index]):]})
                        sent[index] = safe
                try:
                    gens = [j.future.result() for j in jobs]
                    interaction_id = await record(gens)
                except PersonalignError as exc:
                    err = _from_personalign(exc)
                    yield f"data: {json.dumps({'error': {'message': err.message, 'type': err.type, 'code': err.code}})}\n\n"
                    yield "data: [DONE]\n\n"
                    return
                for i, g in enumerate(gens):
                    rest = g.text[len(sent[i]):] if g.text.startswith(sent[i]) else ""
                    if rest:
                        yield chunk(i, {"content": rest})
                extra = {"interaction_id": interaction_id,
                         "personalign": S.PersonalignInfo(interaction_id=interaction_id, **info).model_dump()}
                for i, g in enumerate(gens):
                    yield chunk(i, {}, _FINISH[g.finish_reason], **(extra if i == len(gens) - 1 else {}))
                if include_usage:
                    completion_tokens = sum(len(g.token_ids) for g in gens)
                    yield chunk(usage={"prompt_tokens": gens[0].prompt_tokens, "completion_tokens": completion_tokens,
                                       "total_tokens": gens[0].prompt_tokens + completion_tokens})
                yield "data: [DONE]\n\n"
            except Exception:  # noqa: BLE001 - headers are sent: the error must travel in the stream
                log.exception("streamed completion failed")
                yield f"data: {json.dumps({'error': {'message': 'internal server error', 'type': 'server_error'}})}\n\n"
                yield "data: [DONE]\n\n"
            finally:
                for j in jobs:
                    j.future.cancel()  # no-op once decoding started; drops rows nobody will read

        return StreamingResponse(body(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    # -------------------------------------------------------------------------- feedback
    @app.post("/v1/feedback", response_model=S.FeedbackResponse, status_code=201, tags=["feedback"])
    async def feedback(req: S.FeedbackRequest, who: Caller):
        user = acting_user(who, req.user)
        try:
            rec = await run_in_threadpool(lambda: state.store.add_feedback(
                user, req.interaction_id, rating=req.rating, choice=req.choice, edited_answer=req.edit,
                comment=req.comment))
        except UnknownUserError:
            # A user with no stored rows has no interactions: same answer as any unknown id.
            raise ApiError(404, f"unknown interaction {req.interaction_id} for user {user!r}", "not_found_error",
                           param="interaction_id", code="not_found") from None
        learned = None
        if rec.choice is not None or rec.edited_answer is not None:
            try:  # the next request already decodes with the moved weights
                learned = (await run_in_threadpool(update_user, state.store, user)).weights
            except Exception:  # noqa: BLE001 - the feedback is stored; the next update folds it in
                log.exception("online weight update failed for %r", user)
        return S.FeedbackResponse(
            feedback_id=rec.id, interaction_id=rec.interaction_id, user=user, rating=rec.rating, choice=rec.choice,
            edited=rec.edited_answer is not None, signals=rec.signals,
            inferred=[{"action": r.action, "preference": r.preference.to_dict()} for r in rec.inferred],
            learned_weights=learned)

    # -------------------------------------------------------------------------- preferences
    def pref_out(p) -> S.PreferenceOut:
        d = p.to_dict()
        d.pop("user", None)
        return S.PreferenceOut(**d)

    @app.get("/v1/users/{user}/preferences", response_model=S.PreferenceList, tags=["preferences"])
    async def list_preferences(user: UserPath, who: Caller,
                               history: Annotated[bool, Query(description="Include superseded and retracted ones.")] = False):
        user = acting_user(who, user)
        try:
            rows = await run_in_threadpool(state.store.list_preferences, user, history)
        except UnknownUserError:
            if not who.is_admin or await user_exists(user):
                rows = []  # a user with a key but nothing stored yet
            else:
                raise
        return S.PreferenceList(user=user, preferences=[pref_out(p) for p in rows])

    @app.post("/v1/users/{user}/preferences", response_model=S.PreferenceWrite, status_code=201, tags=["preferences"])
    async def add_preference(user: UserPath, body: S.PreferenceCreate, who: Caller):
        user = acting_user(who, user)
        result = await run_in_threadpool(lambda: state.store.add_preference(
            user, body.text, weight=body.weight, scope=body.scope, source="server"))
        return S.PreferenceWrite(action=result.action, preference=pref_out(result.preference),
                                 superseded=[p.id for p in result.superseded])

    @app.delete("/v1/users/{user}/preferences/{preference_id}", response_model=S.PreferenceOut, tags=["preferences"])
    async def retract_preference(user: UserPath, preference_id: IdPath, who: Caller):
        user = acting_user(who, user)
        return pref_out(await run_in_threadpool(state.store.retract, user, preference_id))

    # -------------------------------------------------------------------------- privacy
    @app.get("/v1/users/{user}/export", tags=["privacy"],
             responses={200: {"description": "Everything stored about the user (format personalign.memory/1)",
                              "content": {"application/json": {"schema": {"type": "object"}}}}})
    async def export_user(user: UserPath, who: Caller):
        user = acting_user(who, user)
        try:
            return await run_in_threadpool(state.store.export_user, user)
        except UnknownUserError:
            raise ApiError(404, f"nothing is stored for user {user!r}", "not_found_error", code="not_found") from None

    @app.delete("/v1/users/{user}", response_model=S.Forgotten, tags=["privacy"])
    async def forget_user(user: UserPath, who: Caller):
        """Deletes every memory row about the user and every API key of the user."""
        user = acting_user(who, user)

        deleted = await run_in_threadpool(state.store.forget_user, user)  # rows and keys, one transaction
        return S.Forgotten(user=user, deleted={**deleted, "api_keys": deleted.get("api_keys", 0)})

    # -------------------------------------------------------------------------- admin
    @app.post("/v1/admin/users", response_model=S.IssuedKey, status_code=201, tags=["admin"])
    async def create_user(body: S.UserCreate, _who: Admin):
        if await run_in_threadpool(state.keys.has_user, body.user):
            raise ApiError(409, f"user {body.user!r} already has a key; POST /v1/admin/users/{body.user}/keys "
                                "issues another", "conflict_error", param="user", code="user_exists")
        key_id, key = await run_in_threadpool(state.keys.issue, body.user)
        return S.IssuedKey(user=body.user, key_id=key_id, api_key=key)

    @app.post("/v1/admin/users/{user}/keys", response_model=S.IssuedKey, status_code=201, tags=["admin"])
    async def issue_key(user: UserPath, _who: Admin):
        if not await user_exists(user):
            raise UnknownUserError(user)
        key_id, key = await run_in_threadpool(state.keys.issue, user)
        return S.IssuedKey(user=user, key_id=key_id, api_key=key)

    @app.delete("/v1/admin/users/{user}/keys/{key_id}", tags=["admin"],
                responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}})
    async def revoke_key(user: UserPath, key_id: Annotated[str, PathParam(min_length=1, max_length=32)], _who: Admin):
        if not await run_in_threadpool(state.keys.revoke, user, key_id):
            raise ApiError(404, f"user {user!r} has no key {key_id!r}", "not_found_error", code="not_found")
        return {"user": user, "revoked": key_id}

    @app.get("/v1/admin/users", response_model=S.UserListing, tags=["admin"])
    async def list_users(_who: Admin):
        def listing():
            keys, stored = state.keys.users(), set(state.store.users())
            return [S.UserSummary(user=u, keys=keys.get(u, 0), in_memory=u in stored)
                    for u in sorted(set(keys) | stored)]
        return S.UserListing(users=await run_in_threadpool(listing))

    # -------------------------------------------------------------------------- misc
    @app.get("/v1/me", response_model=S.Me, tags=["misc"])
    async def me(who: Caller):
        return S.Me(role=who.role, user=who.user, model=state.model_name)

    @app.get("/v1/models", response_model=S.ModelList, tags=["misc"])
    async def models(_who: Caller):
        return S.ModelList(data=[S.ModelCard(id=state.model_name, created=state.created, owned_by="personalign")])

    @app.get("/healthz", response_model=S.Health, tags=["misc"])
    async def healthz():
        return S.Health(status="ok", model=state.model_name, queue=state.batcher.pending,
                        batching=state.batcher.stats.to_dict())

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC_DIR / "index.html", headers=_PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
