"""The FastAPI application: `create_app` wires the routers, their dependencies, errors and body limits.

It serves OpenAI-compatible chat completions personalized from memory, feedback, preference
management, privacy endpoints, admin key management and the web page.

`create_app(engine, store, config)` builds the app around an already loaded `Engine` and an open
`MemoryStore`; `personalign serve` loads both once and runs the app under uvicorn. It only wires the
parts: the routers (`routes/chat.py`: completions and feedback; `routes/users.py`: preferences and
privacy; `routes/admin.py`: keys; `routes/service.py`: me, models, health, the page), their
dependencies (`deps.py`), the error translation (`errors.py`) and the body limits (`middleware.py`).

Routes (all under Authorization: Bearer <key> except /healthz, / and /static):

    POST   /v1/chat/completions                 OpenAI request shape, plus an optional `personalign` object
    POST   /v1/feedback                         rating / choice A|B / edit / comment on an interaction
    GET    /v1/users/{user}/preferences         ?history=true adds superseded and retracted ones
    POST   /v1/users/{user}/preferences         add one (safety-checked; merges or supersedes)
    DELETE /v1/users/{user}/preferences/{id}    retract one (kept in history)
    POST   /v1/users/{user}/preferences/{id}/undo  retract one and restore what it superseded
    GET    /v1/users/{user}/weights             the dimension weights feedback taught (read-only)
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
param `personalign.preference`. Before retrieval, what the last user message states about the user
("I'm vegan", "keep it short") is stored (`memory.capture`; off with `personalign.capture: false` or
`ServerConfig.capture`), listed in `personalign.captured` and linked to the recorded interaction.

Feedback closes the loop at once: a choice or an edit folds into the user's learned dimension
weights (`feedback.update_user`), which the user's next request decodes with as extra PAD terms; a
user's adapter from `personalign align` is picked up per batch (`server.batch_personalizer`).

Upstream mode (`ServerConfig.upstream_url`, `server/upstream.py`): base and prompt answers are generated
by another OpenAI-compatible server, with everything above unchanged; PAD runs on the local model (a 400
without one) and best-of-n reranks the upstream's samples with it. `engine` may then be None.

Replicas: everything a request reads about a user is in the database (keys and LoRA adapters included), and
the per-user caches follow `users.revision`, so any number of processes on one database serve as one
(tests/test_server_replicas.py). Each replica sweeps its local adapter cache every
`ServerConfig.adapter_sweep_s` (`server.batch_personalizer.AdapterSweeper`), so a user forgotten through
another replica leaves no copy here either. Rate limiting per key (`ServerConfig.rate_limit`, off by
default): `server/ratelimit.py`.

Decoding defaults differ from OpenAI's on purpose: temperature defaults to 0 (greedy), the setting
PAD was evaluated with, so the same request gives the same answer.
"""

import time
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from personalign.errors import ConfigError
from personalign.server import errors
from personalign.server.auth import KeyStore, load_admin_key
from personalign.server.batch_personalizer import AdapterSweeper, Personalizer
from personalign.server.batching import Batcher
from personalign.server.config import ServerConfig, model_positions
from personalign.server.deps import ServerState
from personalign.server.middleware import BodyLimitMiddleware
from personalign.server.ratelimit import RateLimiter
from personalign.server.routes import ROUTERS
from personalign.server.routes.service import STATIC_DIR
from personalign.server.upstream import LOCAL_STRATEGIES, Upstream


def create_app(engine, store, config: ServerConfig | None = None) -> FastAPI:
    """engine: the loaded `Engine`, or None in upstream mode without a local model (`config.upstream_url`)."""
    config = (config or ServerConfig()).validate()
    upstream = None
    if config.upstream_url is not None:
        upstream = Upstream(config.upstream_url, config.upstream_model, timeout_s=config.upstream_timeout_s)
    if engine is None and upstream is None:
        raise ConfigError("a server needs a local model, an upstream (upstream_url), or both")
    if config.default_strategy is None:
        config.default_strategy = "pad" if engine is not None else "prompt"
    if engine is None and config.default_strategy in LOCAL_STRATEGIES:
        raise ConfigError(f"default strategy {config.default_strategy!r} needs a local model; in upstream mode "
                          "without one the default is 'prompt'")
    admin_key, admin_source = load_admin_key(config)
    batcher = None if engine is None else Batcher(
        engine, window_s=config.batch_window_ms / 1000, max_batch=config.max_batch_size,
        max_queue=config.max_queue, personalizer=Personalizer(engine, store))
    state = ServerState(
        engine=engine, store=store, config=config, keys=KeyStore(store.engine, admin_key), batcher=batcher,
        upstream=upstream,
        model_name=config.model_name or (upstream.model if upstream else getattr(engine.base, "name", "personalign")),
        created=int(time.time()),
        tokenizer=engine.base.tokenizer if engine is not None else None,
        positions=model_positions(engine.base.model) if engine is not None else None,
        default_weight=getattr(engine, "default_weight", 1.0) if engine is not None else 1.0,
        limiter=RateLimiter(store.engine, config.rate_limit, config.rate_burst) if config.rate_limit else None)
    sweeper = AdapterSweeper(store, batcher, config.adapter_sweep_s)

    @asynccontextmanager
    async def lifespan(_app):
        if state.batcher is not None:
            state.batcher.start()
        sweeper.start()
        try:
            yield
        finally:
            await run_in_threadpool(sweeper.stop)
            if state.batcher is not None:
                await run_in_threadpool(state.batcher.stop)
            if state.upstream is not None:
                await state.upstream.aclose()

    app = FastAPI(title="personalign", version="0.1.0", lifespan=lifespan, responses=errors.ERROR_RESPONSES,
                  description="Personalized chat completions (OpenAI-compatible), feedback and preference "
                              "memory. Authenticate with `Authorization: Bearer <key>`.")
    app.state.personalign = state
    app.state.admin_key_source = admin_source
    app.add_middleware(BodyLimitMiddleware, limit=config.max_body_bytes, timeout=config.body_timeout_s)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
