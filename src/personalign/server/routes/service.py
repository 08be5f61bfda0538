"""The service itself: the caller (`/v1/me`), the model (`/v1/models`), health (`/healthz`), the page (`/`).

The page's files are mounted at /static by `create_app`."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from personalign.server import schemas as S
from personalign.server.deps import Caller, State

STATIC_DIR = Path(__file__).parent.parent / "static"
_PAGE_HEADERS = {
    # The page loads nothing from elsewhere and runs no inline script.
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter()


@router.get("/v1/me", response_model=S.Me, tags=["misc"])
async def me(who: Caller, state: State):
    return S.Me(role=who.role, user=who.user, model=state.model_name)


@router.get("/v1/models", response_model=S.ModelList, tags=["misc"])
async def models(_who: Caller, state: State):
    return S.ModelList(data=[S.ModelCard(id=state.model_name, created=state.created, owned_by="personalign")])


@router.get("/healthz", response_model=S.Health, tags=["misc"])
async def healthz(state: State):
    batcher = state.batcher
    return S.Health(status="ok", model=state.model_name, queue=batcher.pending if batcher else 0,
                    batching=batcher.stats.to_dict() if batcher else {},
                    upstream=state.upstream.url if state.upstream else None, local_model=state.engine is not None)


@router.get("/", include_in_schema=False)
async def page():
    return FileResponse(STATIC_DIR / "index.html", headers=_PAGE_HEADERS)
