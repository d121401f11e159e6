"""Crashes on either side lose nothing and apply nothing twice."""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import AccruePoints
from counter_app.sync import Backoff, attach_sync
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter, platform_ops, platform_query

KILLS = 100


def _accrue(counter: Counter, rng: random.Random, members: list[str], n: int, accrued: dict[str, int]) -> None:
    for _ in range(n):
        member = rng.choice(members)
        points = rng.randint(1, 6)  # the branch serves ~50 members: stay under the manual cap (1,000 a day)
        counter.run(services.accrue_points, AccruePoints(CLERK[0], member, points, "测试累计", SUPERVISOR_APPROVAL))
        accrued[member] = accrued.get(member, 0) + points


def _members(counter: Counter) -> list[str]:
    with counter.uow() as uow:
        return [r[0] for r in uow.conn.execute("SELECT member_id FROM members ORDER BY member_id")]


def _sync_child(data_dir: str, seed: int) -> None:
    """The child process: a fresh counter on the same data dir, syncing in small batches until killed."""
    rng = random.Random(seed)
    counter = Counter(Path(data_dir))
    engine = attach_sync(counter, batch_size=rng.randint(1, 6), backoff=Backoff(0.01, 0.05), timeout=(2.0, 5.0))
    assert engine is not None
    while True:
        engine.run_once(pull=rng.random() < 0.2)
        time.sleep(0.005)


def _check_exactly_once(platform: PlatformProcess, counter: Counter, initial: dict[str, int],
                        accrued: dict[str, int]) -> None:
    states = local_outbox(counter)
    assert set(states.values()) == {"delivered"}
    on_platform = platform_ops(platform.db_path)
    assert all(op in on_platform and on_platform[op][0] == "accepted" for op in states)
    final = dict(platform_query(platform.db_path, "SELECT member_id, points_balance FROM members"))
    for member, points in accrued.items():
        assert final[member] == initial[member] + points, f"{member}: points applied twice or lost"


def _drain(counter: Counter, rounds: int = 200) -> None:
    engine = attach_sync(counter, backoff=Backoff(0.0, 0.0))
    assert engine is not None
    for _ in range(rounds):
        engine.run_once(pull=False)
        if engine.status().outbox_pending == 0:
            return
        time.sleep(0.02)
    raise AssertionError(f"not drained: {engine.status()}")


def test_client_killed_100_times_mid_delivery_loses_nothing_and_applies_nothing_twice(
        platform: PlatformProcess, tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    members = _members(counter)
    initial = dict(platform_query(platform.db_path, "SELECT member_id, points_balance FROM members"))
    rng = random.Random(4242)
    accrued: dict[str, int] = {}
    _accrue(counter, rng, members, 3000, accrued)
    ctx = multiprocessing.get_context("fork")
    killed_busy = 0
    for i in range(KILLS):
        counter.close()  # no connection of ours crosses the fork
        child = ctx.Process(target=_sync_child, args=(str(counter.data_dir), i), daemon=True)
        child.start()
        time.sleep(rng.uniform(0.01, 0.12))
        os.kill(child.pid, 9)
        child.join(5)
        assert child.exitcode == -9
        killed_busy += any(s == "pending" for s in local_outbox(counter).values())
        _accrue(counter, rng, members, 20, accrued)
    assert killed_busy > KILLS // 2, "most kills happened with messages still being delivered"
    _drain(counter)
    _check_exactly_once(platform, counter, initial, accrued)
    counter.close()


def test_platform_killed_and_restarted_mid_batch_loses_nothing_and_applies_nothing_twice(
        platform: PlatformProcess, tmp_path: Path) -> None:
    # Another branch's members than the first test's: the manual accrual cap is per member, branch and day.
    counter, engine = new_counter(platform, tmp_path / "c", poll_interval_s=0.2, branch_id="B002")
    members = _members(counter)
    initial = dict(platform_query(platform.db_path, "SELECT member_id, points_balance FROM members"))
    rng = random.Random(99)
    accrued: dict[str, int] = {}
    _accrue(counter, rng, members, 3000, accrued)
    engine.start()
    try:
        for crash in (platform.kill, platform.stop, platform.kill):
            start_pending = engine.status().outbox_pending
            deadline = time.monotonic() + 20
            while engine.status().outbox_pending > start_pending - 150 and time.monotonic() < deadline:
                time.sleep(0.002)
            crash()  # mid-batch: the engine is pushing continuously
            _accrue(counter, rng, members, 50, accrued)  # the counter keeps working meanwhile
            time.sleep(0.3)
            assert engine.status().state in ("offline", "degraded")
            platform.start()
        deadline = time.monotonic() + 60
        while engine.status().outbox_pending and time.monotonic() < deadline:
            engine.request_sync()
            time.sleep(0.05)
    finally:
        engine.stop()
    assert engine.status().outbox_pending == 0
    _check_exactly_once(platform, counter, initial, accrued)
    counter.close()
