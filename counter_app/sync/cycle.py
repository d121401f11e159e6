"""What one sync cycle reports, and when a failed push is retried (the back-off)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timezone

from counter_app.domain.errors import CounterError


def utc_key(moment: datetime) -> str:
    """A moment as a fixed-width UTC string: ``next_attempt_at`` values compare as text."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_utc_key(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: after n failures, half of min(cap, base * 2**n) plus a random
    part of up to that half again; never less than the platform's Retry-After, which gets the same jitter
    on top (so that counters refused together do not come back together)."""

    base_s: float = 1.0
    cap_s: float = 300.0

    def delay(self, attempts: int, rng: random.Random, *, retry_after: float | None = None) -> float:
        half = min(self.cap_s, self.base_s * float(2 ** min(max(attempts, 0), 30))) / 2
        return max(float(retry_after or 0.0), half) + rng.uniform(0, half)


@dataclass
class SyncReport:
    """What one cycle did."""

    delivered: int = 0
    duplicates: int = 0
    rejected: int = 0
    retrying: int = 0
    batches: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    errors_zh: list[str] = field(default_factory=list)
    pushed_all: bool = False
    pulled_all: bool = False
    paused_s: float | None = None  # the engine pauses this long after a failed push
    busy: bool = False  # the platform asked for the pause (429/503)
    out_of_time: bool = False  # the cycle's deadline ended it with work left
    timed_out: bool = False  # a call got no complete answer within its deadline

    @property
    def ok(self) -> bool:
        return not self.errors

    def _error(self, exc: CounterError) -> None:
        self.errors.append(exc.en)
        self.errors_zh.append(exc.zh)
