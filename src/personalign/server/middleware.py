"""Request bodies limited before FastAPI reads them: 413 over the size limit, 408 when one does not arrive in time."""
from __future__ import annotations

import asyncio

from personalign.server.errors import ApiError


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
            except TimeoutError:
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
