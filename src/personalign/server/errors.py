"""Every server error as OpenAI's error object: `ApiError`, and the handlers that translate the rest.

Library, validation and routing errors are translated into it by the handlers `install` registers on
an app.

The library raises `PersonalignError`s that say what went wrong, not which status it is: unknown ids
are 404, a preference in the wrong state 409, a refused preference 422, a busy or broken store 503,
anything else the caller's input (400). An unexpected exception is logged and answered 500 without
details.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from personalign.errors import PersonalignError
from personalign.memory.errors import (
    PreferenceStateError,
    StoreBusyError,
    StoreError,
    UnknownInteractionError,
    UnknownPreferenceError,
    UnknownUserError,
    UnsafePreferenceError,
)
from personalign.server import schemas as S

log = logging.getLogger("personalign.server")

# The statuses every route may answer, for the OpenAPI document.
ERROR_RESPONSES = {status: {"model": S.ErrorResponse, "description": text} for status, text in {
    400: "Invalid request (the message says which field and why)",
    401: "Missing or invalid API key",
    403: "The key may not access this user or route",
    404: "No such user, interaction, preference or model",
    409: "Conflict with the stored state",
    408: "The request body did not arrive in time",
    413: "Request body too large",
    422: "Refused by the safety boundary",
    429: "Rate limit of this API key exceeded (when the server limits rates); see Retry-After",
    503: "Queue full or store unavailable; retry later",
}.items()}


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


def from_personalign(exc: PersonalignError, *, param: str | None = None) -> ApiError:
    """The API error for a library error. `param`: the request field a refused preference came from."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, (UnknownUserError, UnknownInteractionError, UnknownPreferenceError)):
        return ApiError(404, message, "not_found_error", code="not_found")
    if isinstance(exc, PreferenceStateError):
        return ApiError(409, message, "conflict_error", code="preference_state")
    if isinstance(exc, UnsafePreferenceError):
        return ApiError(422, f"refused by the safety boundary: {message}", "invalid_request_error",
                        param=param or "preference", code=f"unsafe_preference:{exc.verdict.category}")
    if isinstance(exc, StoreBusyError):
        return ApiError(503, f"the preference store is busy, retry later: {message}", "server_error",
                        code="store_busy", headers={"Retry-After": "1"})
    if isinstance(exc, StoreError):
        return ApiError(503, f"the preference store is unavailable: {message}", "server_error",
                        code="store_unavailable")
    return ApiError(400, message, "invalid_request_error", code="invalid_value")


def validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    """(one-line message, offending parameter) for a request that failed schema validation."""
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


def install(app: FastAPI) -> None:
    """Answers every error `app` raises as an ApiError response."""

    @app.exception_handler(ApiError)
    async def _api_error(_req, exc: ApiError):
        return exc.response()

    @app.exception_handler(PersonalignError)
    async def _personalign_error(_req, exc: PersonalignError):
        return from_personalign(exc).response()

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req, exc: RequestValidationError):
        message, param = validation_message(exc)
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
