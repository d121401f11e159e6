"""Clerk PIN hashes: what a copy of the database gives a guesser, and hashes written before the cost was named."""

from __future__ import annotations

import base64
import hashlib
import time

import pytest

from counter_app.domain import auth
from tests.conftest import PRODUCTION_PIN_COST


@pytest.fixture
def production_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "PIN_COST", PRODUCTION_PIN_COST)


def test_a_pin_is_hashed_at_the_production_cost_and_checks(production_cost: None) -> None:
    pin_hash = auth.hash_pin("8888")
    assert pin_hash.startswith(f"scrypt${2**14}$") and "8888" not in pin_hash
    assert auth.check_pin("8888", pin_hash)
    assert not auth.check_pin("8889", pin_hash)
    started = time.process_time()
    auth.check_pin("0000", pin_hash)
    # A guesser pays the same per try: 10,000 four-digit PINs take minutes of CPU, not a blink.
    assert time.process_time() - started > 0.005


def test_a_hash_written_before_the_cost_was_named_still_checks() -> None:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"1234", salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()
    assert auth.check_pin("1234", old)
    assert not auth.check_pin("4321", old)


@pytest.mark.parametrize("broken", ["", "md5$abc", "scrypt$3$AAAA$AAAA", "scrypt$16384$not base64!$AAAA",
                                    f"scrypt${2**30}$AAAA$AAAA", "scrypt$x$AAAA$AAAA"])
def test_a_damaged_hash_never_lets_anyone_in(broken: str) -> None:
    assert not auth.check_pin("1234", broken)
