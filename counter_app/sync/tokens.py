"""The device token: one holder every platform client of a counter shares, and its rotation before expiry.

The platform's tokens expire (90 days by default) and ``POST /devices/token`` answers a new one; the token
used for that call keeps working for an overlap (24 h by default). The engine rotates at the start of a
cycle once less than ``min(30 days, a third of the token's life)`` remains, or when the expiry is unknown
(a counter enrolled before tokens expired). The new token is stored durably first and only then used: a
crash between the platform's answer and the store leaves the old token, still valid during the overlap,
and the next cycle asks again (the platform keeps the old token's overlap when asked with it). No token
ever reaches a log line. The answer also carries the branch secret: a counter enrolled before branch secrets
existed stores it and pulls its members and manifest again, keyed with it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from counter_app.store import sync_state
from counter_app.store.uow import Store

if TYPE_CHECKING:
    from counter_app.sync.client import PlatformClient

log = logging.getLogger("counter_app.sync.tokens")

EXPIRES_KEY = "token_expires_at"  # settings: when the stored token stops working (the platform's word)
RECEIVED_KEY = "token_received_at"  # settings: when this counter got it (its own clock)
ROTATE_BEFORE = timedelta(days=30)
# Test hook: called after the platform answered a rotation and before the new token is stored.
after_rotation_answer: Callable[[], None] | None = None


class TokenBox:
    """The current token, shared by the engine's, the look-ups' and the payments' clients (thread-safe)."""

    def __init__(self, token: str | None) -> None:
        self._token = token
        self._lock = threading.Lock()

    def get(self) -> str | None:
        with self._lock:
            return self._token

    def set(self, token: str) -> None:
        with self._lock:
            self._token = token


def _parse(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.astimezone(timezone.utc)


def rotation_due(store: Store, now: datetime) -> bool:
    """True when the stored token should be rotated now: its expiry unknown, or near."""
    expires = _parse(sync_state.get_setting(store, EXPIRES_KEY))
    if expires is None:
        return True
    received = _parse(sync_state.get_setting(store, RECEIVED_KEY))
    life = (expires - received) if received is not None else ROTATE_BEFORE * 3
    margin = min(ROTATE_BEFORE, max(life, timedelta(0)) / 3)
    return expires - _aware(now) <= margin


def rotate(client: PlatformClient, store: Store, now: datetime) -> str:
    """Ask for a new token, store it (with its expiry) durably, then use it; returns the new expiry.
    A PlatformError passes through untouched (the old token stays in use)."""
    reply = client.rotate_token()
    if after_rotation_answer is not None:
        after_rotation_answer()
    values = {"token": reply.token, EXPIRES_KEY: reply.token_expires_at,
              RECEIVED_KEY: _aware(now).isoformat(timespec="seconds")}
    learnt = reply.branch_secret and reply.branch_secret != sync_state.get_setting(store, "branch_secret")
    if learnt:  # enrolled before branch secrets: the cached keys are pulled again, salted with it
        values["branch_secret"] = str(reply.branch_secret)
    sync_state.set_settings(store, values)
    if learnt:
        sync_state.restart_keyed_pulls(store)
    client.tokens.set(reply.token)
    log.info("device token rotated; the new one is valid until %s, the old one until %s",
             reply.token_expires_at, reply.previous_token_valid_until)
    return reply.token_expires_at


def remember_enrolment(values: dict[str, object], expires_at: str | None, now: datetime) -> None:
    """Add the enrolled token's expiry (when the platform said it) to the settings enrolment stores."""
    if expires_at:
        values[EXPIRES_KEY] = expires_at
        values[RECEIVED_KEY] = _aware(now).isoformat(timespec="seconds")
