"""An 8-hour outage on a movable clock: the counter keeps working under the offline rules, then drains in order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from counter_app.domain import services
from counter_app.domain.commands import (
    AccruePoints,
    CartLine,
    CollectPickup,
    PayBill,
    PlaceOrder,
    RedeemPoints,
    ResolveException,
    SupervisorApproval,
    VoidOrder,
)
from counter_app.domain.errors import Refused
from counter_app.domain.model import Tender
from counter_app.sync import attach_sync
from platform_sim.admin import member_balance, pickup_codes, unpaid_bills
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, FixedClock, SUPERVISOR, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter, platform_ops
from tests.sync.fault_proxy import FaultProxy, Schedule

APPROVAL = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])


def test_eight_hour_outage_keeps_offline_rules_and_drains_in_order_after(platform: PlatformProcess,
                                                                         tmp_path: Path) -> None:
    clock = FixedClock()
    with FaultProxy(platform.port, Schedule()) as proxy:
        counter, _ = new_counter(platform, tmp_path / "c", clock=clock)
        counter.update_settings(platform_url=proxy.url, offline_rules={
            "offline_redeem_cap_per_member_day": 300, "allow_pending_bills": False,
            "pending_bill_max_fen": 50_000, "pending_bill_shift_max_fen": 200_000})
        engine = attach_sync(counter)
        assert engine is not None
        assert engine.run_once().ok and engine.status().state == "online"
        uow = counter.uow
        deps = counter.deps
        with uow() as u:
            member_id, cached_balance = u.conn.execute(
                "SELECT member_id, points_balance FROM members ORDER BY points_balance DESC LIMIT 1").fetchone()
            sku, price = u.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 LIMIT 1").fetchone()
        assert cached_balance >= 500
        start_balance = member_balance(platform.db_path, member_id)
        order_no, code = pickup_codes(platform.db_path, "B001", limit=1)[0]
        (good_bill, biller, account, amount), (_, biller2, account2, amount2) = unpaid_bills(platform.db_path, 2)[:2]

        # The link goes down.
        proxy.schedule.forced = "drop"
        assert not engine.run_once().ok
        assert engine.status().state == "offline" and not deps.online()

        unpaid = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), None))
        accrued = 0
        for step in range(16):  # 8 hours in half hours
            clock.advance(minutes=30)
            counter.run(services.accrue_points, AccruePoints(CLERK[0], member_id, 10, "离线累计", SUPERVISOR_APPROVAL))
            accrued += 10
            counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), (Tender("cash", price),)))
            report = engine.run_once()  # each attempt is the probe; it fails and waits
            assert not report.ok and engine.status().state == "offline"
            if step == 2:
                counter.run(services.void_order, VoidOrder(CLERK[0], unpaid.order_no, "顾客不要了", APPROVAL))
            if step == 4:
                # Pickups: only what the cached manifest holds can be verified.
                with pytest.raises(Refused) as refused:
                    services.find_pickup("000000", uow(), deps)
                assert refused.value.code == "pickup_cannot_verify_offline"
                found, matched = services.find_pickup(code, uow(), deps)
                assert found.order_no == order_no and matched == code
                counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, code))
            if step == 6:
                # Redemption: within the cached balance and the daily offline cap (300).
                counter.run(services.redeem_points, RedeemPoints(CLERK[0], member_id, 200, "兑换"))
                with pytest.raises(Refused) as refused:
                    counter.run(services.redeem_points, RedeemPoints(CLERK[0], member_id, 200, "兑换"))
                assert refused.value.code == "points_offline_limit"
                counter.run(services.redeem_points, RedeemPoints(CLERK[0], member_id, 100, "兑换"))
            if step == 8:
                # Bills: refused offline by default ...
                with pytest.raises(Refused) as refused:
                    counter.run(services.pay_bill, PayBill(CLERK[0], biller, account, amount, (Tender("cash", amount),)))
                assert refused.value.code == "bill_offline_refused"
                # ... pending within limits where the branch allows it.
                rules = counter.settings()["offline_rules"] | {"allow_pending_bills": True}
                counter.update_settings(offline_rules=rules)
                with pytest.raises(Refused) as refused:
                    counter.run(services.pay_bill, PayBill(CLERK[0], biller, account, 60_000,
                                                           (Tender("cash", 60_000),)))
                assert refused.value.code == "bill_offline_over_limit"
                counter.run(services.pay_bill, PayBill(CLERK[0], biller, account, amount, (Tender("cash", amount),)))
                wrong = counter.run(services.pay_bill, PayBill(CLERK[0], biller2, account2, amount2 + 1,
                                                               (Tender("cash", amount2 + 1),)))
        status = engine.status()
        assert status.outbox_pending >= 36
        assert status.oldest_unsent_age_s is not None and status.oldest_unsent_age_s >= 8 * 3600 - 1

        # The link returns: the queue drains, each aggregate in commit order.
        proxy.schedule.forced = None
        clock.advance(minutes=5)
        report = engine.run_once()
        assert engine.status().state == "online"
        assert report.rejected == 1 and report.retrying == 0
        states = local_outbox(counter)
        assert states[wrong.recorded.op_id] == "rejected"
        assert sum(1 for s in states.values() if s == "pending") == 0
        on_platform = platform_ops(platform.db_path)
        assert on_platform[unpaid.recorded.op_id] == ("accepted", "counter_order")
        void_ops = [op for op, (status_, kind) in on_platform.items() if kind == "void"]
        assert len(void_ops) == 1 and on_platform[void_ops[0]][0] == "accepted"  # the void came after its order
        assert member_balance(platform.db_path, member_id) == start_balance + accrued - 300
        assert engine.status().open_exceptions == 1

        # A supervisor books the refund of the rejected pending bill; the exception closes.
        resolved = services.resolve_exception(
            ResolveException(CLERK[0], wrong.recorded.op_id, "refund_done", APPROVAL, note="户号金额不符，退还现金"),
            uow(), deps)
        assert resolved.refund is not None
        assert engine.status().open_exceptions == 0
        counter.close()


def test_clerk_pressing_sync_sends_at_once_what_was_waiting_out_a_retry_delay(platform: PlatformProcess,
                                                                              tmp_path: Path) -> None:
    from counter_app.domain.commands import AccruePoints
    from counter_app.sync.engine import Backoff

    with FaultProxy(platform.port, Schedule()) as proxy:
        counter, _ = new_counter(platform, tmp_path / "c", open_shift=True)
        counter.update_settings(platform_url=proxy.url)
        # A real-world backoff: after a failure a message waits a minute or more.
        engine = attach_sync(counter, poll_interval_s=3600, backoff=Backoff(base_s=60, cap_s=300))
        with counter.uow() as uow:
            member_id = uow.conn.execute("SELECT member_id FROM members LIMIT 1").fetchone()[0]
        proxy.schedule.forced = "drop"
        accrued = counter.run(services.accrue_points, AccruePoints(CLERK[0], member_id, 5, "补录", SUPERVISOR_APPROVAL))
        engine.run_once()
        assert local_outbox(counter)[accrued.recorded.op_id] == "pending"
        proxy.schedule.forced = None  # the link is back
        engine.start()
        try:
            engine.request_sync()  # a wake-up alone leaves the message waiting out its delay
            engine.request_sync(pull=True, retry_now=True)  # the clerk pressed 同步
            deadline = time.monotonic() + 10
            while local_outbox(counter)[accrued.recorded.op_id] != "delivered":
                assert time.monotonic() < deadline, "the clerk's sync did not send the message"
                time.sleep(0.05)
        finally:
            engine.stop()
        assert accrued.recorded.op_id in platform_ops(platform.db_path)
        counter.close()
