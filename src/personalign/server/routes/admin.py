"""Admin-only key management: create a user with its first key, issue more keys, revoke one, list users."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from personalign.memory.errors import UnknownUserError
from personalign.server import schemas as S
from personalign.server.deps import Admin, State, UserPath, user_exists
from personalign.server.errors import ApiError

router = APIRouter()


@router.post("/v1/admin/users", response_model=S.IssuedKey, status_code=201, tags=["admin"])
async def create_user(body: S.UserCreate, _who: Admin, state: State):
    if await run_in_threadpool(state.keys.has_user, body.user):
        raise ApiError(409, f"user {body.user!r} already has a key; POST /v1/admin/users/{body.user}/keys "
                            "issues another", "conflict_error", param="user", code="user_exists")
    key_id, key = await run_in_threadpool(state.keys.issue, body.user)
    return S.IssuedKey(user=body.user, key_id=key_id, api_key=key)


@router.post("/v1/admin/users/{user}/keys", response_model=S.IssuedKey, status_code=201, tags=["admin"])
async def issue_key(user: UserPath, _who: Admin, state: State):
    if not await user_exists(state, user):
        raise UnknownUserError(user)
    key_id, key = await run_in_threadpool(state.keys.issue, user)
    return S.IssuedKey(user=user, key_id=key_id, api_key=key)


@router.delete("/v1/admin/users/{user}/keys/{key_id}", tags=["admin"],
               responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}})
async def revoke_key(user: UserPath, key_id: Annotated[str, PathParam(min_length=1, max_length=32)], _who: Admin,
                     state: State):
    if not await run_in_threadpool(state.keys.revoke, user, key_id):
        raise ApiError(404, f"user {user!r} has no key {key_id!r}", "not_found_error", code="not_found")
    return {"user": user, "revoked": key_id}


@router.get("/v1/admin/users", response_model=S.UserListing, tags=["admin"])
async def list_users(_who: Admin, state: State):
    def listing():
        keys, stored = state.keys.users(), set(state.store.users())
        return [S.UserSummary(user=u, keys=keys.get(u, 0), in_memory=u in stored)
                for u in sorted(set(keys) | stored)]
    return S.UserListing(users=await run_in_threadpool(listing))
