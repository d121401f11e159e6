"""Clerk PINs: scrypt hashes and the lockout rule."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from datetime import datetime, timedelta

MAX_FAILED_ATTEMPTS = 5
LOCKOUT_MINUTES = 15
# scrypt cost: about 50 ms a check here, slow for a guesser, unnoticeable at the counter. The hash names its
# cost, so raising it later leaves the PINs set before still checkable; a lower cost is read but never written
# outside the tests (which lower ``PIN_COST`` for speed, as Django's test settings pick a fast hasher).
PIN_COST = 2**14
_R, _P = 8, 1


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """An ``scrypt$<cost>$salt$hash`` string for ``pin``."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=PIN_COST, r=_R, p=_P, dklen=32)
    return f"scrypt${PIN_COST}$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_pin(pin: str, pin_hash: str) -> bool:
    """True if ``pin`` matches ``pin_hash`` (constant-time comparison). Hashes written before the cost was
    named (``scrypt$salt$hash``) used 2**14."""
    parts = pin_hash.split("$")
    if len(parts) == 3:
        parts.insert(1, str(2**14))
    if len(parts) != 4 or parts[0] != "scrypt" or not parts[1].isdigit():
        return False
    cost = int(parts[1])
    if cost < 2 or cost & (cost - 1) or cost > 2**20:
        return False
    try:
        salt = base64.b64decode(parts[2], validate=True)
        expected = base64.b64decode(parts[3], validate=True)
    except ValueError:
        return False
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=cost, r=_R, p=_P, dklen=32)
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
