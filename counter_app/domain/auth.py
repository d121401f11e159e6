"""Clerk PINs: scrypt hashes and the lockout rule."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from datetime import datetime, timedelta

MAX_FAILED_ATTEMPTS = 5
LOCKOUT_MINUTES = 15
# scrypt cost: about 50 ms a check here, slow for a guesser, unnoticeable at the counter.
_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """An ``scrypt$salt$hash`` string for ``pin``."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_pin(pin: str, pin_hash: str) -> bool:
    """True if ``pin`` matches ``pin_hash`` (constant-time comparison)."""
    try:
        scheme, salt_b64, digest_b64 = pin_hash.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    salt = base64.b64decode(salt_b64)
    expected = base64.b64decode(digest_b64)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return hmac.compare_digest(digest, expected)


def is_locked(locked_until: str | None, now: datetime) -> bool:
    return locked_until is not None and datetime.fromisoformat(locked_until) > now


def after_failure(failed_attempts: int, now: datetime) -> tuple[int, str | None]:
    """The new failure count and, from the fifth failure on, the time the lock ends."""
    failed = failed_attempts + 1
    if failed >= MAX_FAILED_ATTEMPTS:
        return failed, (now + timedelta(minutes=LOCKOUT_MINUTES)).isoformat(timespec="seconds")
    return failed, None


def valid_pin_format(pin: str) -> bool:
    return pin.isdigit() and 4 <= len(pin) <= 8
