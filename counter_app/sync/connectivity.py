"""Online / degraded / offline, derived from the results of real calls (no pinging of its own).

* online: the last call got a proper answer from the platform.
* degraded: the platform is reachable but answers badly (429, 5xx, malformed replies, slow, refused
  credentials); counters apply the offline rules while it lasts.
* offline: the last call did not reach the platform (refused, reset, timed out connecting); the sync
  engine's next attempt is the probe.
"""

from __future__ import annotations

import logging
import threading
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

    @property
    def online(self) -> bool:
        return self.state == ONLINE


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
            new = self.state
        if new != old:
            log.info("platform link %s -> %s", old, new)
            for listener in list(self._listeners):
                try:
                    listener(old, new)
                except Exception:
                    log.exception("connectivity listener failed")
