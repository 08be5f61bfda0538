"""What routes depend on: the server's state, the caller's key, and which user a request may act for.

`create_app` puts one `ServerState` on `app.state.personalign`; routes take it, and the caller, as
FastAPI dependencies (`State`, `Caller`, `Admin`), so the routers hold no globals.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi import Path as PathParam
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from personalign.server import schemas as S
from personalign.server.auth import KeyStore, Principal
from personalign.server.batching import Batcher
from personalign.server.config import ServerConfig
from personalign.server.errors import ApiError
from personalign.server.ratelimit import RateLimiter, retry_after_header
from personalign.server.upstream import Upstream


@dataclass
class ServerState:
    """The engine, the store and what is derived from them once, at start. In upstream mode without a
    local model, engine, batcher and tokenizer are None."""

    engine: object | None
    store: object
    config: ServerConfig
    keys: KeyStore
    batcher: Batcher | None
    upstream: Upstream | None  # upstream mode: where base and prompt answers are generated
    model_name: str
    created: int
    tokenizer: object | None
    positions: int | None        # the base model's positions (None: its config does not say)
    default_weight: float         # a trained PersRM's recommended PAD weight, else 1
    limiter: RateLimiter | None = None  # per-key rate limiting (ServerConfig.rate_limit), None: off


def get_state(request: Request) -> ServerState:
    return request.app.state.personalign


State = Annotated[ServerState, Depends(get_state)]

bearer = HTTPBearer(auto_error=False, description="An API key: the admin key or a user key.")


async def principal(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
                    state: State) -> Principal:
    challenge = {"WWW-Authenticate": "Bearer"}
    if creds is None:
        raise ApiError(401, "missing API key: send the header 'Authorization: Bearer <key>'",
                       "authentication_error", code="missing_api_key", headers=challenge)
    found = await run_in_threadpool(state.keys.authenticate, creds.credentials)
    if found is None:
        raise ApiError(401, "invalid API key", "authentication_error", code="invalid_api_key", headers=challenge)
    if state.limiter is not None and not found.is_admin:
        wait = await run_in_threadpool(state.limiter.take, found.key_id)
        if wait is not None:
            raise ApiError(429, f"rate limit exceeded for this API key ({state.limiter.describe()}); retry in "
                           f"{wait:.2f} s", "rate_limit_error", code="rate_limit_exceeded",
                           headers={"Retry-After": retry_after_header(wait)})
    return found


Caller = Annotated[Principal, Depends(principal)]


async def admin(who: Caller) -> Principal:
    if not who.is_admin:
        raise ApiError(403, "this route needs the admin key", "permission_error", code="admin_only")
    return who


Admin = Annotated[Principal, Depends(admin)]

UserPath = Annotated[S.Text, PathParam(min_length=1, max_length=200, description="User name.")]
IdPath = Annotated[int, PathParam(ge=1, le=S.MAX_ID)]


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


async def user_exists(state: ServerState, user: str) -> bool:
    """Whether `user` has a key or anything stored."""
    def check():
        return state.keys.has_user(user) or user in state.store.users()
    return await run_in_threadpool(check)
