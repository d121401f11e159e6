"""Online / degraded / offline, derived from the results of real calls (no pinging of its own).

* online: the last call got a proper answer from the platform.
* degraded: the platform is reachable but answers badly (429, 5xx, malformed replies, slow, refused
  credentials); counters apply the offline rules while it lasts.
* offline: the last call did not reach the platform (refused, reset, or no complete answer within the
  call's deadline); while offline the sync engine probes the platform's health every few seconds.

Beside the state, a pause: after a failed push (429, 503, 5xx, a timeout, no link) the whole engine waits
until it ends, and while the platform said it is busy (429/503) no call of any kind leaves the counter
("平台繁忙，N 秒后自动重试").
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from counter_app.domain.errors import PlatformError

log = logging.getLogger("counter_app.sync")

ONLINE = "online"
DEGRADED = "degraded"
OFFLINE = "offline"


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows: link state, queue, last success, open exceptions."""

    state: str
    outbox_pending: int
    oldest_unsent_at: str | None
    oldest_unsent_age_s: float | None
    last_success_at: str | None
    open_exceptions: int
    last_error: str | None = None
    consecutive_failures: int = 0
    retry_in_s: float | None = None  # the engine is paused this long yet (None: not paused)
    busy: bool = False  # the pause is the platform's own request (429/503 with Retry-After)
    held: int = 0  # messages waiting behind an open exception (异常单)

    @property
    def online(self) -> bool:
        return self.state == ONLINE

    def headline_zh(self) -> str | None:
        """"平台繁忙，N 秒后自动重试" while the platform asked the counter to wait, else None."""
        if self.busy and self.retry_in_s:
            return f"平台繁忙，{max(1, round(self.retry_in_s))} 秒后自动重试"
        return None

    def headline_en(self) -> str | None:
        if self.busy and self.retry_in_s:
            return f"The platform is busy; retrying in {max(1, round(self.retry_in_s))} s"
        return None


StateListener = Callable[[str, str], None]


class Connectivity:
    """The link state, updated by every platform call's outcome (thread-safe)."""

    def __init__(self, initial: str = OFFLINE) -> None:
        self._lock = threading.Lock()
        self.state = initial
        self.consecutive_failures = 0
        self.last_error: str | None = None
        self.last_ok_at: datetime | None = None
        self._listeners: list[StateListener] = []
        self._paused_until = 0.0  # time.monotonic()
        self._busy = False
        self._timed_out_at = float("-inf")  # time.monotonic() of the last call left without an answer

    # ---- the pause ---------------------------------------------------------------------------------------

    def pause(self, seconds: float, *, busy: bool) -> None:
        """Nothing is pushed or pulled for ``seconds``; ``busy``: the platform asked for it (429/503), so
        look-ups wait too."""
        with self._lock:
            self._paused_until = time.monotonic() + max(0.0, seconds)
            self._busy = busy

    def resume(self) -> None:
        """The pause ends now (the link came back, or the clerk pressed 立即同步)."""
        with self._lock:
            self._paused_until = 0.0
            self._busy = False

    def pause_remaining(self) -> float:
        return max(0.0, self._paused_until - time.monotonic())

    def busy_remaining(self) -> float:
        """How long the platform still asked everyone to wait (0 when it did not)."""
        return self.pause_remaining() if self._busy else 0.0

    def hung_within(self, seconds: float) -> bool:
        """Offline because a call got no answer at all within the last ``seconds`` (a platform that accepts
        and never answers): a look-up the clerk waits on need not wait out its deadline again."""
        return self.state == OFFLINE and time.monotonic() - self._timed_out_at < seconds

    def subscribe(self, listener: StateListener) -> None:
        """``listener(old, new)`` on every change of state (called on the calling thread)."""
        self._listeners.append(listener)

    def is_online(self) -> bool:
        return self.state == ONLINE

    def observe(self, outcome: str, error: PlatformError | None) -> None:
        """A call's outcome: "ok", "unreachable" or "error" (see ``PlatformClient``)."""
        with self._lock:
            old = self.state
            if outcome == "ok":
                self.state = ONLINE
                self.consecutive_failures = 0
                self.last_error = None
                self.last_ok_at = datetime.now().astimezone()
            else:
                self.consecutive_failures += 1
                self.state = OFFLINE if outcome == "unreachable" else DEGRADED
                self.last_error = error.en if error is not None else outcome
                if error is not None and error.details.get("timed_out"):
                    self._timed_out_at = time.monotonic()
            new = self.state
        if new != old:
            log.info("platform link %s -> %s", old, new)
            for listener in list(self._listeners):
                try:
                    listener(old, new)
                except Exception:
                    log.exception("connectivity listener failed")
