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
from platform_sim.testing import PlatformProcess, enrol, request_json, seed_small
from tests.conftest import CLERK, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter, platform_query

TOKEN_LIFE_S = 10.0


@pytest.fixture(scope="module")
def short_lived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """A platform whose tokens live 10 s (and a rotated one 1 h more, capped at its own expiry), with B001's
    slow keys derived beforehand (a fresh device per page), so that a counter's first pull is quick."""
    db = tmp_path_factory.mktemp("platform") / "platform.db"
    seed_small(db)
    server = PlatformProcess(db, extra_args=("--token-days", str(TOKEN_LIFE_S / 86400), "--token-overlap-hours", "1"))
    server.start()
    for path in ("/members", "/branches/B001/pickups"):
        cursor, more = "", True
        while more:
            token = enrol(server.base_url, server.db_path, "B001", "C99")[1]
            status, page = request_json("GET", f"{server.api_url}{path}?limit=500" + (f"&cursor={cursor}" if cursor
                                        else ""), headers={"Authorization": f"Bearer {token}"})
            assert status == 200, page
            cursor, more = page["next_cursor"], page["has_more"]
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
    ends = time.monotonic() + 2.5 * TOKEN_LIFE_S  # two and a half lifetimes: no token survives it unrotated
    while time.monotonic() < ends:
        counter.run(services.accrue_points, AccruePoints(CLERK[0], member, 1, "测试累计", SUPERVISOR_APPROVAL))
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
    counter.run(services.accrue_points, AccruePoints(CLERK[0], _member(counter), 2, "测试累计", SUPERVISOR_APPROVAL))
    engine = attach_sync(counter, backoff=Backoff(0.01, 0.05), timeout=(2.0, 5.0))
    assert engine is not None
    report = engine.run_once(pull=False)
    assert report.ok and set(local_outbox(counter).values()) == {"delivered"}, report.errors
    renewed = str(sync_state.get_setting(counter.store, "token"))
    assert renewed != stored and _device_token_hash(platform, device_id) == token_hash(renewed)
    assert not tokens.rotation_due(counter.store, datetime.now(timezone.utc))


def test_a_counter_enrolled_before_branch_secrets_learns_its_secret_at_rotation(platform: PlatformProcess,
                                                                                tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", open_shift=False)
    secret = sync_state.get_setting(counter.store, "branch_secret")
    with counter.uow() as uow:  # as an older release left it: no secret, no known expiry, keys of no salt
        uow.conn.execute("DELETE FROM settings WHERE key IN ('branch_secret', ?, ?)",
                         (tokens.EXPIRES_KEY, tokens.RECEIVED_KEY))
        uow.conn.execute("UPDATE members SET phone_key = NULL")
        uow.commit()
    assert engine.run_once().ok
    assert sync_state.get_setting(counter.store, "branch_secret") == secret
    with counter.uow() as uow:
        assert uow.conn.execute("SELECT COUNT(*) FROM members WHERE phone_key IS NULL").fetchone()[0] == 0
    counter.close()
