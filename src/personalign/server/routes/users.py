"""One user's data: their preferences (list, add, retract, undo), learned weights, and privacy (export, forget).

Every route acts for the user in its path, which a user key may only name as its own
(`deps.acting_user`).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from personalign.dimensions import DIMENSIONS
from personalign.feedback import term_specs
from personalign.memory.errors import UnknownUserError
from personalign.server import schemas as S
from personalign.server.deps import Caller, IdPath, State, UserPath, acting_user, user_exists
from personalign.server.errors import ApiError

router = APIRouter()


def _pref_out(p) -> S.PreferenceOut:
    d = p.to_dict()
    d.pop("user", None)
    return S.PreferenceOut(**d)


@router.get("/v1/users/{user}/preferences", response_model=S.PreferenceList, tags=["preferences"])
async def list_preferences(
        user: UserPath, who: Caller, state: State,
        history: Annotated[bool, Query(description="Include superseded and retracted ones.")] = False):
    user = acting_user(who, user)
    try:
        rows = await run_in_threadpool(state.store.list_preferences, user, history)
    except UnknownUserError:
        if not who.is_admin or await user_exists(state, user):
            rows = []  # a user with a key but nothing stored yet
        else:
            raise
    return S.PreferenceList(user=user, preferences=[_pref_out(p) for p in rows])


@router.post("/v1/users/{user}/preferences", response_model=S.PreferenceWrite, status_code=201, tags=["preferences"])
async def add_preference(user: UserPath, body: S.PreferenceCreate, who: Caller, state: State):
    user = acting_user(who, user)
    result = await run_in_threadpool(lambda: state.store.add_preference(
        user, body.text, weight=body.weight, scope=body.scope, source="server"))
    return S.PreferenceWrite(action=result.action, preference=_pref_out(result.preference),
                             superseded=[p.id for p in result.superseded])


@router.delete("/v1/users/{user}/preferences/{preference_id}", response_model=S.PreferenceOut, tags=["preferences"])
async def retract_preference(user: UserPath, preference_id: IdPath, who: Caller, state: State):
    user = acting_user(who, user)
    return _pref_out(await run_in_threadpool(state.store.retract, user, preference_id))


@router.post("/v1/users/{user}/preferences/{preference_id}/undo", response_model=S.UndoResult, tags=["preferences"])
async def undo_preference(user: UserPath, preference_id: IdPath, who: Caller, state: State):
    """Takes an active preference back as if it had never arrived (a captured one, say): it is retracted
    and what it superseded is active again."""
    user = acting_user(who, user)
    retracted, restored = await run_in_threadpool(state.store.undo, user, preference_id)
    return S.UndoResult(retracted=_pref_out(retracted), restored=[_pref_out(p) for p in restored])


@router.get("/v1/users/{user}/weights", response_model=S.LearnedWeightsOut, tags=["feedback"])
async def learned_weights(user: UserPath, who: Caller, state: State):
    """The dimension weights the user's feedback taught (read-only; they change through /v1/feedback)."""
    user = acting_user(who, user)
    try:
        learned = await run_in_threadpool(state.store.get_learned_weights, user)
    except UnknownUserError:
        learned = None
    if learned is None:
        if who.is_admin and not await user_exists(state, user):
            raise ApiError(404, f"nothing is stored for user {user!r}", "not_found_error", code="not_found")
        return S.LearnedWeightsOut(user=user, weights=None)
    steering = {d: S.SteeringTerm(pole=_pole(d, learned.weights[d]), wording=wording, term_weight=weight)
                for d, (wording, weight) in term_specs(learned.weights).items()}
    return S.LearnedWeightsOut(user=user, weights=learned.weights, observations=learned.observations,
                               last_feedback_id=learned.last_feedback_id,
                               updated_at=learned.updated_at.isoformat(), steering=steering)


def _pole(dimension: str, weight: float) -> str:
    dim = DIMENSIONS[dimension]
    return dim.high if weight > 0 else dim.low


@router.get("/v1/users/{user}/export", tags=["privacy"],
            responses={200: {"description": "Everything stored about the user (format personalign.memory/1)",
                             "content": {"application/json": {"schema": {"type": "object"}}}}})
async def export_user(user: UserPath, who: Caller, state: State):
    user = acting_user(who, user)
    try:
        return await run_in_threadpool(state.store.export_user, user)
    except UnknownUserError:
        raise ApiError(404, f"nothing is stored for user {user!r}", "not_found_error", code="not_found") from None


@router.delete("/v1/users/{user}", response_model=S.Forgotten, tags=["privacy"])
async def forget_user(user: UserPath, who: Caller, state: State):
    """Deletes every memory row about the user and every API key of the user."""
    user = acting_user(who, user)
    deleted = await run_in_threadpool(state.store.forget_user, user)  # rows and keys, one transaction
    return S.Forgotten(user=user, deleted={**deleted, "api_keys": deleted.get("api_keys", 0)})
