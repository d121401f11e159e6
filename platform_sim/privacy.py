"""Hashes and masks the platform shares with counters: never a full phone, name or pickup code."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# Keyed, deliberately slow derivations of what a counter caches (issue 13; docs/privacy.md): scrypt with the
# branch's secret in the salt. Phones: n=2**14 (~70 ms); pickup codes (10**6 of them): n=2**15 (~150 ms).
# The counter holds the same functions (counter_app/domain/derivation.py); a test keeps them equal.
PHONE_COST = 2**14
CODE_COST = 2**15


def sha256_hex(text: str) -> str:
    """Lowercase hex sha256 of a UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def phone_hash(phone: str) -> str:
    """Hash a counter uses to find a cached member by phone: sha256 of the 11 digits."""
    return sha256_hex(phone)


def pickup_code_hash(order_no: str, code: str) -> str:
    """Hash a counter checks a typed pickup code against: sha256(f"{order_no}:{code}")."""
    return sha256_hex(f"{order_no}:{code}")


def token_hash(token: str) -> str:
    """Stored form of a device token: the platform never keeps a token in clear."""
    return sha256_hex(token)


def new_token() -> str:
    """A fresh bearer token for an enrolled device."""
    return secrets.token_urlsafe(32)


def mask_phone(phone: str) -> str:
    """``13812341234`` -> ``138****1234``."""
    if len(phone) < 8:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def mask_name(name: str) -> str:
    """``张三`` -> ``张*``, ``欧阳小明`` -> ``欧**明``: the surname stays so the clerk can greet."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_account(account_no: str) -> str:
    """Show only the last four characters of a utility account number."""
    if len(account_no) <= 4:
        return account_no
    return "*" * (len(account_no) - 4) + account_no[-4:]


def new_branch_secret() -> str:
    """The per-branch secret sent to a counter at enrolment (salt of the derivations below)."""
    return secrets.token_hex(32)


def _scrypt(purpose: str, secret: str, text: str, cost: int) -> bytes:
    return hashlib.scrypt(text.encode("utf-8"), salt=f"counter_app/{purpose}|{secret}".encode("utf-8"), n=cost,
                          r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)


def phone_key(secret: str, phone: str) -> str:
    """What a counter caches to find a member by typed phone: scrypt(phone) salted with the branch secret."""
    return _scrypt("phone", secret, phone, PHONE_COST).hex()


def pickup_code_key(secret: str, order_no: str, code: str) -> str:
    """What a counter caches to check a typed pickup code: HMAC(scrypt(code), order_no). One scrypt per typed
    code, then a cheap HMAC per manifest entry: the look-up stays one derivation, the guess stays slow."""
    return hmac.new(_scrypt("pickup", secret, code, CODE_COST), order_no.encode("utf-8"), hashlib.sha256).hexdigest()
