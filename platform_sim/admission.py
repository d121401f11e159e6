"""Admission control: a bounded number of requests in progress, a bounded queue, an immediate refusal beyond.

When thousands of counters come back after an outage at once, answering everyone late is worse than
answering some at once with "come back in N seconds": a request waits in the queue only while it can still
be served and answered within the counter's whole-call deadline (10 s), and a refused counter knows when to
come back.

* At most ``max_in_flight`` requests run at a time; the next ones wait in one queue, served in arrival order.
* The queue holds at most ``max_queue`` requests; beyond it the answer is 429 at once, with a Retry-After
  estimated from the backlog (what is queued and what was refused lately, at the measured service time).
* One device (one bearer token; one client address before enrolment) holds at most ``per_device`` places,
  running or queued: a counter that fires many requests is refused, not its neighbours.
* A request that waited ``max_wait_s`` without getting a place is answered 503 with a Retry-After; it did
  nothing, so sending it again is safe.

Everything here runs on the server's event loop: no locks are needed.
"""

from __future__ import annotations

import asyncio
import collections
import json
import math
import time
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from platform_sim.errors import error_payload, request_id_of

MAX_RETRY_AFTER_S = 30  # the keep-alive timeout of the server is set above this (see cli.KEEP_ALIVE_S)


@dataclass(frozen=True)
class AdmissionLimits:
    """The bounds; ``max_in_flight`` 0 turns admission control off."""

    max_in_flight: int = 8
    max_queue: int = 256
    per_device: int = 2
    # Half the counter's 10 s whole-call deadline: a request admitted at the last moment still has time to run
    # and answer. At 10 s, a 200-counter storm under load had 364 pushes time out at the counter after the
    # platform had admitted them, and 15,100 operations answered `duplicate` when sent again.
    max_wait_s: float = 5.0


class AdmissionControl:
    """ASGI middleware applying :class:`AdmissionLimits` to every API call except the exempt paths."""

    def __init__(self, app: ASGIApp, limits: AdmissionLimits, exempt: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.limits = limits
        self.exempt = exempt
        self.in_flight = 0
        self._queue: collections.deque[asyncio.Future[None]] = collections.deque()
        self._held: dict[str, int] = {}
        self._service_s = 0.02  # moving average of one request's time in progress
        self._promised = 0.0  # when the last refused request was told to come back (monotonic)
        self.refused_total = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limits.max_in_flight <= 0 or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        device = _device_key(scope)
        if self._held.get(device, 0) >= self.limits.per_device:
            await self._refuse(scope, send, 429, "too_many_requests",
                               "本设备同时请求过多，请稍后再试 / too many requests from this device at once")
            return
        if self.in_flight >= self.limits.max_in_flight or self._queue:
            if len(self._queue) >= self.limits.max_queue:
                await self._refuse(scope, send, 429, "platform_busy", "平台繁忙，请稍后再试 / platform busy, retry later")
                return
            self._hold(device)
            try:
                admitted = await self._wait_turn()
            except asyncio.CancelledError:
                self._release_device(device)
                raise
            if not admitted:
                self._release_device(device)
                await self._refuse(scope, send, 503, "platform_busy",
                                   "平台繁忙，排队超时，请稍后再试 / platform busy, queued too long, retry later")
                return
        else:
            self._hold(device)
            self.in_flight += 1
        started = time.monotonic()
        try:
            await self.app(scope, receive, send)
        finally:
            self._service_s = 0.9 * self._service_s + 0.1 * (time.monotonic() - started)
            self._release_device(device)
            self._free_place()

    async def _wait_turn(self) -> bool:
        """Queue up; True once a place in progress was handed over, False if the wait ran out."""
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append(turn)
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.limits.max_wait_s)
            return True
        except asyncio.TimeoutError:
            if turn.done():  # handed over in the same instant: keep it
                return True
            turn.cancel()
            self._queue.remove(turn)
            return False
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._free_place()  # handed over to a request that went away: pass it on
            else:
                turn.cancel()
                self._queue.remove(turn)
            raise

    def _free_place(self) -> None:
        """A place in progress is free: give it to the oldest waiter still waiting, else count it free."""
        self.in_flight -= 1
        while self._queue:
            turn = self._queue.popleft()
            if not turn.done():
                self.in_flight += 1
                turn.set_result(None)
                return

    def _hold(self, device: str) -> None:
        self._held[device] = self._held.get(device, 0) + 1

    def _release_device(self, device: str) -> None:
        left = self._held.get(device, 1) - 1
        if left > 0:
            self._held[device] = left
        else:
            self._held.pop(device, None)

    def retry_after_s(self) -> int:
        """When to come back: after the backlog, and after those refused before, at the measured pace.

        Each refusal books the next free moment after the queue has drained and after the requests refused
        earlier have come back, so the refused crowd returns spread over time at the rate the platform serves.
        """
        now = time.monotonic()
        pace = self._service_s / max(1, self.limits.max_in_flight)
        backlog_done = now + (len(self._queue) + self.in_flight) * pace
        self._promised = min(max(self._promised, backlog_done) + pace, now + MAX_RETRY_AFTER_S)
        return max(1, math.ceil(self._promised - now))

    async def _refuse(self, scope: Scope, send: Send, status: int, code: str, message: str) -> None:
        """Answer at once with the error shape and a Retry-After; the body was never looked at."""
        retry_after = self.retry_after_s()
        self.refused_total += 1
        body = json.dumps(error_payload(code, message, request_id_of(scope))).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"retry-after", str(retry_after).encode())]})
        await send({"type": "http.response.body", "body": body})


def _device_key(scope: Scope) -> str:
    """Who holds a place: the bearer token (never logged), else the client address."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return "t:" + value.decode("latin-1")
    client = scope.get("client")
    return "a:" + (client[0] if client else "unknown")
