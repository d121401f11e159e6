"""One error shape for every refusal, a request id on every answer, and the body size limit."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections import deque
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from platform_sim.models import MAX_BODY_BYTES

log = logging.getLogger("platform_sim")

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

_STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 422: "validation_failed",
    429: "too_many_requests",
}


class ApiError(Exception):
    """A refusal answered with the error shape: status, stable code, Chinese / English message."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_payload(code: str, message: str, request_id: str) -> dict[str, Any]:
    """The body of every error answer."""
    return {"error": {"code": code, "message": message, "request_id": request_id}}


def request_id_of(scope: Scope) -> str:
    """The request id the middleware gave this request (a fresh one if it somehow has none)."""
    state = scope.setdefault("state", {})
    if "request_id" not in state:
        state["request_id"] = uuid.uuid4().hex
    return str(state["request_id"])


def error_response(request: Request, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """Build the JSON error answer for ``request``."""
    return JSONResponse(error_payload(code, message, request_id_of(request.scope)), status_code=status,
                        headers=headers)


def _describe_validation(exc: RequestValidationError) -> str:
    """A short English list of what failed validation, naming where."""
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure to the one error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI reports unparsable JSON as a validation error; it is a malformed request (400).
        if any(err.get("type") == "json_invalid" for err in exc.errors()):
            return error_response(request, 400, "malformed_json", "请求不是有效的 JSON / the body is not valid JSON")
        return error_response(request, 422, "validation_failed",
                              f"请求内容不符合接口定义 / {_describe_validation(exc)}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        # Keep the exception's headers: a 405 says which methods are allowed (Allow).
        return error_response(request, exc.status_code, code, str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error in %s %s (request %s)", request.method, request.url.path,
                      request_id_of(request.scope))
        # The 500 answer leaves from outside the request id middleware: it carries the id itself.
        return error_response(request, 500, "internal_error", "平台内部错误 / internal error",
                              {REQUEST_ID_HEADER: request_id_of(request.scope)})


class RequestIdAndSizeMiddleware:
    """Give each request an id (echoed as X-Request-ID) and refuse bodies over the limit with 413.

    The limit is checked twice: on the declared Content-Length, and on the bytes actually received,
    because a chunked body declares nothing.
    """

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        given = headers.get(REQUEST_ID_HEADER.lower(), "")
        request_id = given if _SAFE_REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(send_with_id, request_id)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body.extend(message.get("body", b""))
            more = bool(message.get("more_body", False))
            if len(body) > self.max_body:
                await self._too_large(send_with_id, request_id)
                return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_id)

    async def _too_large(self, send: Send, request_id: str) -> None:
        """Answer 413 with the error shape without reading the rest of the body."""
        payload = json.dumps(error_payload(
            "payload_too_large", f"请求过大 / the body is over {self.max_body} bytes", request_id)).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})


class RateLimiter:
    """Sliding-window limit of events per key: enough to stop guessing codes or scraping phones."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        """Drop events that left the window; return what is left for ``key``."""
        events = self._events.setdefault(key, deque())
        while events and now - events[0] > self.window_s:
            events.popleft()
        return events

    def blocked(self, key: str) -> bool:
        """True when ``key`` has used up its events in the current window."""
        with self._lock:
            return len(self._trim(key, time.monotonic())) >= self.limit

    def hit(self, key: str) -> None:
        """Count one event for ``key``."""
        with self._lock:
            self._trim(key, time.monotonic()).append(time.monotonic())

    def check_and_hit(self, key: str) -> bool:
        """Count one event; True if it was still within the limit."""
        with self._lock:
            events = self._trim(key, time.monotonic())
            if len(events) >= self.limit:
                return False
            events.append(time.monotonic())
            return True


def too_many(retry_after_s: int) -> ApiError:
    """The 429 refusal."""
    return ApiError(429, "too_many_requests", "请求过于频繁，请稍后再试 / too many requests, retry later",
                    headers={"Retry-After": str(retry_after_s)})
