"""A clerk's whole day against the reference platform on loopback: every kind of operation is accepted by
the platform as the counter committed it, an outage is ridden out, a refused offline bill is refunded,
and at the end the counter balances against the platform (轧帐) with no difference."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import (
    AccruePoints,
    CartLine,
    CloseShift,
    CollectPickup,
    OpenShift,
    PayBill,
    PayOrder,
    PlaceOrder,
    RedeemPoints,
    RefundOrder,
    ResolveException,
    SupervisorApproval,
    VoidOrder,
)
from counter_app.domain.model import Tender
from counter_app.domain.services.queries import make_day_report, reconcile_day
from counter_app.store.audit import verify_store
from counter_app.sync import attach_sync
from counter_app.sync.engine import Backoff
from platform_sim import admin
from platform_sim.testing import PlatformProcess, seed_small
from tests.conftest import CLERK, FixedClock, SUPERVISOR, SUPERVISOR_APPROVAL

BOSS = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])


@pytest.fixture
def platform(tmp_path) -> Iterator[PlatformProcess]:
    db = tmp_path / "platform.db"
    seed_small(db)
    server = PlatformProcess(db).start()
    yield server
    server.stop()


def _sync(engine) -> None:
    report = engine.run_once()
    assert report.ok, report.errors


def test_a_day_at_the_counter_balances_with_the_platform(platform, tmp_path) -> None:
    clock = FixedClock()
    counter = Counter(tmp_path / "counter", clock=clock)
    counter.configure(branch_id="B001", counter_id="C07")
    counter.add_clerk(*CLERK)
    counter.add_clerk(*SUPERVISOR)
    from counter_app.sync.enrolment import enrol

    enrol(counter, platform_url=platform.base_url,
          enrolment_code=admin.issue_enrolment_code(platform.db_path, "B001"))
    counter.update_settings(offline_rules={"allow_pending_bills": True})
    engine = attach_sync(counter, backoff=Backoff(base_s=0.01, cap_s=0.05), timeout=(2.0, 5.0))
    _sync(engine)
    with counter.uow() as uow:
        skus = [row[0] for row in uow.conn.execute("SELECT sku FROM catalog WHERE active = 1 LIMIT 3")]
    member_id, phone, balance = admin.member_phones(platform.db_path, limit=1)[0]
    order_no, code = admin.pickup_codes(platform.db_path, "B001", limit=1)[0]
    bill_id, biller, account_no, due = admin.unpaid_bills(platform.db_path, limit=1)[0]

    counter.run(services.open_shift, OpenShift(CLERK[0], 50_000))
    member = services.identify_member(phone, counter.uow(), counter.deps)
    assert member.from_platform and member.member.points_balance == balance
    sale = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(skus[0], 2), CartLine(skus[1], 1)),
                                                         (Tender("cash", 1_000_000),), member_id=member_id))
    found, typed = services.find_pickup(code, counter.uow(), counter.deps)
    assert found.order_no == order_no
    counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, typed))
    bill = services.look_up_bill(biller, account_no, counter.deps)
    assert bill.amount_due_fen == due
    counter.run(services.pay_bill, PayBill(CLERK[0], biller, account_no, due, (Tender("cash", due),),
                                           bill_id=bill.bill_id, period=bill.period))
    counter.run(services.accrue_points, AccruePoints(CLERK[0], member_id, 20, "补录消费积分", SUPERVISOR_APPROVAL))
    counter.run(services.redeem_points, RedeemPoints(CLERK[0], member_id, 10, "兑换"))
    later = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(skus[2], 1),), None))
    dropped = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(skus[2], 1),), None))
    counter.run(services.pay_order, PayOrder(CLERK[0], later.order_no, (Tender("bank_card", later.total_fen,
                                                                                reference="T556677"),)))
    counter.run(services.void_order, VoidOrder(CLERK[0], dropped.order_no, "客户不要了", BOSS))
    counter.run(services.refund_order, RefundOrder(CLERK[0], sale.order_no, "退一件", BOSS,
                                                   amount_fen=sale.total_fen // 4))
    _sync(engine)

    # The platform goes away: the counter keeps serving and takes a bill as pending for an account the
    # platform does not know.
    platform.stop()
    engine.run_once()
    assert not counter.deps.online()
    pending = counter.run(services.pay_bill, PayBill(CLERK[0], "water", "0000-0000", 3_000, (Tender("cash", 3_000),)))
    assert pending.pending
    platform.start()
    clock.advance(minutes=30)
    _sync(engine)
    with counter.uow() as uow:
        (exception,) = uow.outbox.open_exceptions()
    assert exception.op_id == pending.recorded.op_id
    counter.run(services.resolve_exception, ResolveException(CLERK[0], exception.op_id, "refund_done", BOSS,
                                                             note="已退现金"))
    _sync(engine)

    with counter.uow() as uow:
        states = dict(uow.conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
    assert states == {"delivered": 12, "rejected": 1}
    report, differences = reconcile_day(clock.now().date().isoformat(), counter.uow(), counter.deps)
    assert differences == []
    assert report.by_kind["counter_order"]["count"] == 3
    assert admin.member_balance(platform.db_path, member_id) == services.member_view(
        member_id, counter.uow(), counter.deps).member.points_balance

    day = make_day_report(clock.now().date().isoformat(), counter.uow())
    cash = 50_000 + day.by_method["cash"]
    notes, rest = divmod(cash, 10_000)
    count = {10_000: notes, 100: rest // 100, 1: rest % 100}
    closed = counter.run(services.close_shift, CloseShift(CLERK[0], count))
    assert closed.difference_fen == 0
    _sync(engine)
    assert verify_store(counter.store)[0] == []
    engine.stop()
    counter.close()
