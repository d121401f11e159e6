"""The clock check: on every reply from the platform the counter compares its clock with the platform's
(the HTTP Date header) and warns, in the log and on a banner, beyond ``THRESHOLD_S``. Operations keep the
counter's local time and their journal sequence: a wrong clock never reorders or merges them."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from counter_app.domain.ports import Clock

log = logging.getLogger(__name__)

THRESHOLD_S = 120.0
WARN_EVERY_S = 600.0  # while the clock stays wrong, one log line per ten minutes


@dataclass(frozen=True)
class ClockStatus:
    """The last comparison: the counter's clock minus the platform's, in seconds (None: not yet compared)."""

    offset_s: float | None
    threshold_s: float = THRESHOLD_S

    @property
    def ok(self) -> bool:
        return self.offset_s is None or abs(self.offset_s) <= self.threshold_s

    def banner(self, language: str = "zh") -> str:
        """The banner text, or "" when the clock is right."""
        if self.ok or self.offset_s is None:
            return ""
        minutes = abs(self.offset_s) / 60
        if language.startswith("en"):
            way = "ahead of" if self.offset_s > 0 else "behind"
            return (f"This PC's clock is {minutes:.0f} min {way} the platform's: ask IT to set the time. "
                    "Operations keep their order and are not affected.")
        way = "快" if self.offset_s > 0 else "慢"
        return f"本机时钟比平台{way} {minutes:.0f} 分钟，请联系技术人员校准时间（业务顺序不受影响）。"


class ClockWatch:
    """Fed by the platform client with each reply's Date; keeps the offset and logs when it goes wrong."""

    def __init__(self, clock: Clock, *, threshold_s: float = THRESHOLD_S) -> None:
        self.clock = clock
        self.threshold_s = threshold_s
        self._offset: float | None = None
        self._warned = False
        self._last_warning = float("-inf")
        self._lock = threading.Lock()

    def note(self, server: datetime) -> None:
        offset = (self.clock.now() - server).total_seconds()
        with self._lock:
            self._offset = offset
            wrong = abs(offset) > self.threshold_s
            changed, self._warned = wrong != self._warned, wrong
            due = wrong and (changed or time.monotonic() - self._last_warning >= WARN_EVERY_S)
            if due:
                self._last_warning = time.monotonic()
        if due:
            log.warning("clock: this counter is %+.0f s off the platform's clock (threshold %.0f s)", offset,
                        self.threshold_s)
        elif changed:
            log.info("clock: back within %.0f s of the platform's clock (%+.0f s)", self.threshold_s, offset)

    def status(self) -> ClockStatus:
        with self._lock:
            return ClockStatus(self._offset, self.threshold_s)

