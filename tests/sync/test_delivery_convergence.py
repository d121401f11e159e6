"""Delivery through a hostile network converges: every operation reaches the platform exactly once."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import AccruePoints, CartLine, PlaceOrder
from counter_app.domain.model import Tender
from counter_app.sync import Backoff, SyncEngine
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter, platform_ops, platform_query
from tests.sync.fault_proxy import FaultProxy, Schedule

OPS_PER_COUNTER = 2500
FAULTS = {"pass": 0.50, "delay": 0.10, "drop": 0.06, "reset_after": 0.07, "truncate_after": 0.06,
          "lost_after_503": 0.06, "status_500": 0.05, "status_503": 0.05, "status_429": 0.05}


def _make_ops(counter: Counter, rng: random.Random, n: int, accrued: dict[str, int]) -> None:
    """Half paid sales, half points accruals over the pulled members."""
    with counter.uow() as uow:
        members = [r[0] for r in uow.conn.execute("SELECT member_id FROM members ORDER BY member_id")]
        products = [(r[0], r[1]) for r in uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1")]
    for i in range(n):
        if i % 2:
            member = rng.choice(members)
            points = rng.randint(1, 12)  # the branch serves ~50 members: stay under the manual cap (1,000 a day)
            counter.run(services.accrue_points, AccruePoints(CLERK[0], member, points, "测试累计", SUPERVISOR_APPROVAL))
            accrued[member] = accrued.get(member, 0) + points
        else:
            sku, price = rng.choice(products)
            counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), (Tender("cash", price),)))


def _wait_drained(engines: list[SyncEngine], deadline_s: float) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if all(e.status().outbox_pending == 0 for e in engines):
            return
        for e in engines:
            e.request_sync()
        time.sleep(0.1)
    pytest.fail(f"outboxes not drained: {[e.status() for e in engines]}")


def test_5000_operations_from_two_counters_through_faults_land_exactly_once(platform: PlatformProcess,
                                                                            tmp_path: Path) -> None:
    schedule = Schedule(weights=FAULTS, seed=20261125, retry_after="1", max_delay_s=0.3, cover_each_first=True)
    initial = dict(platform_query(platform.db_path, "SELECT member_id, points_balance FROM members"))
    with FaultProxy(platform.port, schedule) as proxy:
        pairs = []
        for name in ("a", "b"):
            # Enrol and pull cleanly, then send everything through the proxy.
            counter, _ = new_counter(platform, tmp_path / name)
            counter.update_settings(platform_url=proxy.url)
            from counter_app.sync import attach_sync

            engine = attach_sync(counter, poll_interval_s=0.5, backoff=Backoff(0.02, 0.3), timeout=(2.0, 5.0))
            assert engine is not None
            pairs.append((counter, engine))
        for _, engine in pairs:
            engine.start()
        accrued: dict[str, int] = {}
        rng = random.Random(7)
        try:
            for counter, _ in pairs:
                _make_ops(counter, rng, OPS_PER_COUNTER, accrued)
            _wait_drained([e for _, e in pairs], 150)
        finally:
            for _, engine in pairs:
                engine.stop()
        tally = dict(proxy.tally)

    on_platform = platform_ops(platform.db_path)
    total = duplicates = 0
    for counter, _ in pairs:
        with counter.uow() as uow:
            duplicates += uow.conn.execute("SELECT COUNT(*) FROM outbox WHERE duplicate = 1").fetchone()[0]
        states = local_outbox(counter)
        with counter.uow() as uow:
            odd = uow.conn.execute("SELECT op_id, state, last_error FROM outbox WHERE state != 'delivered' "
                                   "LIMIT 5").fetchall()
        assert set(states.values()) == {"delivered"}, ("every message is marked delivered", [tuple(r) for r in odd])
        missing = [op for op in states if op not in on_platform]
        assert not missing, f"{len(missing)} operations never reached the platform"
        assert all(on_platform[op][0] == "accepted" for op in states)
        total += len(states)
        counter.close()
    assert total == 2 * (OPS_PER_COUNTER + 1)  # + each shift_open
    assert duplicates > 0, ("answers lost after the platform applied a batch came back as duplicates", tally)
    # Nothing applied twice: each member's balance moved by exactly what was accrued.
    final = dict(platform_query(platform.db_path, "SELECT member_id, points_balance FROM members"))
    for member, points in accrued.items():
        assert final[member] == initial[member] + points, member
    # The schedule really hit us with every kind of fault.
    for action in FAULTS:
        assert tally.get(action, 0) > 0, (action, tally)
