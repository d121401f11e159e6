"""Token rotation (issue 13): the counter rotates its expiring device token before it expires, stores the new
one durably before using it, never logs it, and a kill between the platform's answer and the store does not
lock it out (the old token keeps its overlap)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import AccruePoints
from counter_app.store import sync_state
from counter_app.sync import Backoff, attach_sync, tokens
from platform_sim.privacy import token_hash
from platform_sim.testing import PlatformProcess, seed_small
from tests.conftest import CLERK
from tests.sync.conftest import local_outbox, new_counter, platform_query

TOKEN_LIFE_S = 4.0


@pytest.fixture(scope="module")
def short_lived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """A platform whose tokens live 4 s (and a rotated one 1 h more, capped at its own expiry)."""
    db = tmp_path_factory.mktemp("platform") / "platform.db"
    seed_small(db)
    server = PlatformProcess(db, extra_args=("--token-days", str(TOKEN_LIFE_S / 86400), "--token-overlap-hours", "1"))
    server.start()
    yield server
    server.stop()


def _member(counter: Counter) -> str:
    with counter.uow() as uow:
        return str(uow.conn.execute("SELECT member_id FROM members ORDER BY member_id LIMIT 1").fetchone()[0])


def _device_token_hash(platform: PlatformProcess, device_id: str) -> str:
    return str(platform_query(platform.db_path, "SELECT token_hash FROM devices WHERE device_id = ?", (device_id,))[0][0])


def test_counter_rotates_its_token_before_expiry_and_keeps_delivering(
        short_lived: PlatformProcess, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    counter, engine = new_counter(short_lived, tmp_path / "c")
    member = _member(counter)
    first = sync_state.get_setting(counter.store, "token")
    seen = {first}
    ends = time.monotonic() + 3 * TOKEN_LIFE_S  # three lifetimes of a token: it cannot survive unrotated
    while time.monotonic() < ends:
        counter.run(services.accrue_points, AccruePoints(CLERK[0], member, 1, "测试累计"))
        report = engine.run_once(pull=False)
        assert report.ok, report.errors
        seen.add(sync_state.get_setting(counter.store, "token"))
        time.sleep(0.25)
    assert len(seen) >= 3, "the token was not rotated before each expiry"
    assert set(local_outbox(counter).values()) == {"delivered"}
    current = sync_state.get_setting(counter.store, "token")
    assert engine.client._token == current  # the stored token is the one in use
    text = caplog.text + (short_lived.log_path.read_text() if short_lived.log_path.exists() else "")
    assert "device token rotated" in caplog.text
    assert not any(token in text for token in seen), "a device token reached a log"


def _rotate_then_die(data_dir: str) -> None:
    """The child: a counter that dies (SIGKILL-like) right after the platform answered a rotation."""
    tokens.after_rotation_answer = lambda: os._exit(9)
    counter = Counter(Path(data_dir))
    engine = attach_sync(counter, backoff=Backoff(0.01, 0.05), timeout=(2.0, 5.0))
    assert engine is not None
    engine.run_once(pull=False)
    os._exit(0)  # not reached when the rotation happened


def test_a_counter_killed_between_rotation_and_store_is_not_locked_out(platform: PlatformProcess,
                                                                      tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    device_id = str(sync_state.get_setting(counter.store, "device_id"))
    stored = str(sync_state.get_setting(counter.store, "token"))
    now = datetime.now(timezone.utc)
    # The counter believes its 90-day token expires in 2 days (the platform's overlap is its default, 24 h).
    sync_state.set_settings(counter.store, {tokens.EXPIRES_KEY: (now + timedelta(days=2)).isoformat(),
                                            tokens.RECEIVED_KEY: (now - timedelta(days=88)).isoformat()})
    ctx = multiprocessing.get_context("fork")
    for _ in range(3):
        counter.close()
        child = ctx.Process(target=_rotate_then_die, args=(str(counter.data_dir),))
        child.start()
        child.join(30)
        assert child.exitcode == 9, "the child did not die after the rotation answer"
        counter = Counter(tmp_path / "c")
        # The platform rotated (its current token is one the counter never stored); the counter kept the old.
        assert _device_token_hash(platform, device_id) != token_hash(stored)
        assert sync_state.get_setting(counter.store, "token") == stored
    counter.run(services.accrue_points, AccruePoints(CLERK[0], _member(counter), 2, "测试累计"))
    engine = attach_sync(counter, backoff=Backoff(0.01, 0.05), timeout=(2.0, 5.0))
    assert engine is not None
    report = engine.run_once(pull=False)
    assert report.ok and set(local_outbox(counter).values()) == {"delivered"}, report.errors
    renewed = str(sync_state.get_setting(counter.store, "token"))
    assert renewed != stored and _device_token_hash(platform, device_id) == token_hash(renewed)
    assert not tokens.rotation_due(counter.store, datetime.now(timezone.utc))
