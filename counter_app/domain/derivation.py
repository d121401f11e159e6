"""The keyed, slow derivations of what the counter caches (issue 13; docs/privacy.md).

The platform sends, per member, ``phone_key`` = scrypt(phone) and, per pickup, ``code_key`` =
HMAC(scrypt(code), order_no), both salted with the branch's secret (sent at enrolment, kept in the settings,
never logged). A look-up derives once from what the clerk typed and compares: ~70 ms for a phone, ~150 ms for
a pickup code, while a guesser with a copy of the database pays the same for every guess. The same functions
live in platform_sim/privacy.py; a test keeps them equal.
"""

from __future__ import annotations

import hashlib
import hmac

PHONE_COST = 2**14  # scrypt n for phones (~70 ms here): 7e9 possible mobile numbers, no digit kept
CODE_COST = 2**15  # scrypt n for pickup codes (~150 ms): 1e6 six-digit codes
BLOCK_SIZE = 8
PARALLELISM = 1
MAX_MEMORY = 64 * 1024 * 1024


def _scrypt(purpose: str, secret: str, text: str, cost: int) -> bytes:
    return hashlib.scrypt(text.encode("utf-8"), salt=f"counter_app/{purpose}|{secret}".encode("utf-8"), n=cost,
                          r=BLOCK_SIZE, p=PARALLELISM, maxmem=MAX_MEMORY, dklen=32)


def phone_key(secret: str, phone: str) -> str:
    """The cached form of a member's phone: scrypt salted with the branch secret, hex."""
    return _scrypt("phone", secret, phone, PHONE_COST).hex()


def pickup_code_base(secret: str, code: str) -> bytes:
    """The slow half of a pickup code's key: derive once per typed code, then ``pickup_code_key`` per order."""
    return _scrypt("pickup", secret, code, CODE_COST)


def pickup_code_key(base: bytes, order_no: str) -> str:
    """The cached form of a pickup code for one order: HMAC-SHA256(base, order_no), hex."""
    return hmac.new(base, order_no.encode("utf-8"), hashlib.sha256).hexdigest()


def same_key(a: str, b: str) -> bool:
    """Constant-time comparison of two keys."""
    return hmac.compare_digest(a.encode(), b.encode())
