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
* Nobody is kept waiting for a refusal: the platform measures the pace at which places free up while requests
  queue, and a request that would wait longer than ``max_wait_s`` at that pace is answered 429 with a
  Retry-After at once, on arrival or as soon as the pace shows it (the newest in the queue first). Before,
  the back of a 200-counter storm's queue waited the whole 5 s only to be told to come back: those counters
  lost 5 s each and the platform sat half idle at the end of the storm.
* A request that still waited ``max_wait_s`` without getting a place (the pace changed under it) is answered
  503 with a Retry-After; it did nothing, so sending it again is safe.

Everything here runs on the server's event loop: no locks are needed.
"""

from __future__ import annotations

import asyncio
import collections
import enum
import json
import math
import statistics
import time
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from platform_sim.errors import error_payload, request_id_of

MAX_RETRY_AFTER_S = 30  # the keep-alive timeout of the server is set above this (see cli.KEEP_ALIVE_S)
PACE_WINDOW = 31
SHED_MARGIN = 0.8  # shed a waiter whose expected wait passes this share of max_wait_s
BUSY_MESSAGE = "平台繁忙，请稍后再试 / platform busy, retry later"


class Turn(enum.Enum):
    """How a wait in the queue ended."""

    ADMITTED = "admitted"
    SHED = "shed"
    TIMED_OUT = "timed out"


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
    # How long a measured pace holds without a new measurement. Within a storm the queue is measured all the
    # time (a moment without waiters does not lose it); after a quiet spell it is forgotten, so that a slow
    # moment (a stalled disk) cannot keep refusing later queues: with nothing queued nothing is measured again.
    pace_memory_s: float = 10.0


class AdmissionControl:
    """ASGI middleware applying :class:`AdmissionLimits` to every API call except the exempt paths."""

    def __init__(self, app: ASGIApp, limits: AdmissionLimits, exempt: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.limits = limits
        self.exempt = exempt
        self.in_flight = 0
        self._queue: collections.deque[asyncio.Future[Turn]] = collections.deque()
        self._held: dict[str, int] = {}
        self._service_s = 0.02  # moving average of one request's time in progress
        # The times between two places freed while backlogged, the latest PACE_WINDOW of them: their median is the
        # pace (a mean jumps with one slow moment, and refusals booked at a jumped pace came back 20 s late).
        self._intervals: collections.deque[float] = collections.deque(maxlen=PACE_WINDOW)
        self._last_freed: float | None = None  # when the last place was freed with requests waiting (monotonic)
        self._paced_at = 0.0  # when the pace was last measured (monotonic)
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
            if len(self._queue) >= self.limits.max_queue or not self._would_be_served_in_time(len(self._queue) + 1):
                await self._refuse(scope, send, 429, "platform_busy", BUSY_MESSAGE)
                return
            self._hold(device)
            try:
                turn = await self._wait_turn()
            except asyncio.CancelledError:
                self._release_device(device)
                raise
            if turn is not Turn.ADMITTED:
                self._release_device(device)
                if turn is Turn.SHED:
                    await self._refuse(scope, send, 429, "platform_busy", BUSY_MESSAGE)
                else:
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

    async def _wait_turn(self) -> Turn:
        """Queue up until a place in progress is handed over, the pace shows the wait would be too long (the
        request is shed), or ``max_wait_s`` runs out."""
        turn: asyncio.Future[Turn] = asyncio.get_running_loop().create_future()
        self._queue.append(turn)
        try:
            return await asyncio.wait_for(asyncio.shield(turn), self.limits.max_wait_s)
        except asyncio.TimeoutError:
            if turn.done():  # handed over (or shed) in the same instant: keep it
                return turn.result()
            turn.cancel()
            self._queue.remove(turn)
            return Turn.TIMED_OUT
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                if turn.result() is Turn.ADMITTED:
                    self._free_place()  # handed over to a request that went away: pass it on
            else:
                turn.cancel()
                self._queue.remove(turn)
            raise

    def _free_place(self) -> None:
        """A place in progress is free: give it to the oldest waiter still waiting, else count it free; while
        requests wait, note the pace and shed those the pace says would wait too long."""
        self.in_flight -= 1
        self._note_pace()
        while self._queue:
            turn = self._queue.popleft()
            if not turn.done():
                self.in_flight += 1
                turn.set_result(Turn.ADMITTED)
                break
        self._shed()

    def _note_pace(self) -> None:
        """The time between two places freed, measured only while requests wait (idle time is not a pace)."""
        now = time.monotonic()
        if not self._queue:
            self._last_freed = None
            return
        if self._last_freed is not None:
            self.pace_s()  # forgets a pace too old to go on from
            self._intervals.append(now - self._last_freed)
            self._paced_at = now
        self._last_freed = now

    def pace_s(self) -> float | None:
        """The measured pace (the median interval), if it was measured lately (``pace_memory_s``)."""
        if self._intervals and time.monotonic() - self._paced_at > self.limits.pace_memory_s:
            self._intervals.clear()
        return statistics.median(self._intervals) if self._intervals else None

    def _would_be_served_in_time(self, position: int) -> bool:
        """Whether the request at ``position`` in the queue (1 = next) gets a place within ``max_wait_s`` at
        the measured pace (with a margin: the pace is an average); no pace measured lately: yes."""
        pace = self.pace_s()
        return pace is None or position * pace <= SHED_MARGIN * self.limits.max_wait_s

    def _shed(self) -> None:
        """Refuse the newest waiters the measured pace would not serve within ``max_wait_s``."""
        while self._queue and not self._would_be_served_in_time(len(self._queue)):
            turn = self._queue.pop()
            if not turn.done():
                turn.set_result(Turn.SHED)

    def _hold(self, device: str) -> None:
        self._held[device] = self._held.get(device, 0) + 1

    def _release_device(self, device: str) -> None:
        left = self._held.get(device, 1) - 1
        if left > 0:
            self._held[device] = left
        else:
            self._held.pop(device, None)

    def retry_after_s(self) -> int:
        """When to come back: when the backlog and those refused before would be served, at the measured pace.

        Each refusal books the next free moment after the requests refused earlier have come back, so the refused
        crowd returns spread over time at the rate the platform serves. It is told to come back a little before
        the queue would run dry (half the allowed wait), so that the platform never sits idle between the crowd
        it served and the crowd it sent away.
        """
        now = time.monotonic()
        pace = self.pace_s() or self._service_s / max(1, self.limits.max_in_flight)
        backlog_done = now + (len(self._queue) + self.in_flight) * pace - self.limits.max_wait_s / 2
        self._promised = min(max(self._promised, backlog_done, now) + pace, now + MAX_RETRY_AFTER_S)
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
