"""Rejections go to the exceptions list and hold back only their own aggregate."""

from __future__ import annotations

from pathlib import Path

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints, RedeemPoints, ResolveException, SupervisorApproval
from platform_sim.admin import member_balance
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, SUPERVISOR, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter, platform_ops


def _overstate_cached_balance(counter, member_id: str) -> None:
    """The cache believes in far more points than the platform holds: the platform will refuse."""
    with counter.uow() as uow:
        uow.conn.execute("UPDATE members SET points_balance = 900000 WHERE member_id = ?", (member_id,))
        uow.commit()


def test_accruals_behind_a_rejected_redemption_land_in_the_same_cycle(platform: PlatformProcess,
                                                                      tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        (m1,), (m2,) = uow.conn.execute("SELECT member_id FROM members LIMIT 2").fetchall()
    _overstate_cached_balance(counter, m1)
    start = member_balance(platform.db_path, m1)
    redeemed = counter.run(services.redeem_points, RedeemPoints(CLERK[0], m1, start + 1, "兑换"))
    accruals = [counter.run(services.accrue_points, AccruePoints(CLERK[0], m1, 7, "之后的累计", SUPERVISOR_APPROVAL)) for _ in range(50)]
    other = counter.run(services.accrue_points, AccruePoints(CLERK[0], m2, 9, "别的会员", SUPERVISOR_APPROVAL))
    report = engine.run_once()
    states = local_outbox(counter)
    assert report.rejected == 1 and report.ok
    assert states[redeemed.recorded.op_id] == "rejected"
    assert all(states[a.recorded.op_id] == "delivered" for a in accruals)  # an accrual depends on no redemption
    assert states[other.recorded.op_id] == "delivered"
    assert report.batches == 1  # the member's 51 operations travelled together, applied in order
    assert member_balance(platform.db_path, m1) == start + 50 * 7
    with counter.uow() as uow:
        message = uow.outbox.get(redeemed.recorded.op_id)
        assert message.reject_code == "insufficient_points" and message.reject_reason
        assert uow.members.get(m1).points_balance == member_balance(platform.db_path, m1)
    assert engine.status().open_exceptions == 1 and engine.status().held == 0
    counter.close()


def test_rejected_order_payment_holds_that_orders_refund_until_a_supervisor_acts(platform: PlatformProcess,
                                                                                 tmp_path: Path) -> None:
    from counter_app.domain.commands import CartLine, PayOrder, PlaceOrder, RefundOrder
    from counter_app.domain.model import Tender

    counter, engine = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        (sku, price), = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 LIMIT 1").fetchall()
        (member_id,) = uow.conn.execute("SELECT member_id FROM members LIMIT 1").fetchone()
    approval = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])
    unpaid = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), None))
    assert engine.run_once().ok
    # Another counter's payment of the same order reaches the platform first (the platform sees it paid) ...
    other, other_engine = new_counter(platform, tmp_path / "other")
    paid_there = _record_raw(other, "order_payment", unpaid.order_no, {
        "order_no": unpaid.order_no, "total_fen": price, "tenders": [Tender("cash", price).as_dict()],
        "change_fen": 0, "member_id": None, "points_earned": 0, "points_redeemed": 0})
    assert other_engine.run_once().ok and local_outbox(other)[paid_there.recorded.op_id] == "delivered"
    # ... so this counter's payment is rejected, and its refund of that payment must wait.
    paid = counter.run(services.pay_order, PayOrder(CLERK[0], unpaid.order_no, (Tender("cash", price),)))
    refund = counter.run(services.refund_order, RefundOrder(CLERK[0], unpaid.order_no, "退货", approval))
    accrual = counter.run(services.accrue_points, AccruePoints(CLERK[0], member_id, 3, "别的业务", SUPERVISOR_APPROVAL))
    report = engine.run_once()
    states = local_outbox(counter)
    assert states[paid.recorded.op_id] == "rejected"
    assert states[refund.recorded.op_id] == "pending"
    assert states[accrual.recorded.op_id] == "delivered"
    assert refund.recorded.op_id not in platform_ops(platform.db_path)
    (held, by), = engine.held()
    assert held.op_id == refund.recorded.op_id and by.op_id == paid.recorded.op_id
    assert engine.status().held == 1
    assert report.rejected == 1
    services.resolve_exception(ResolveException(CLERK[0], paid.recorded.op_id, "acknowledged", approval),
                               counter.uow(), counter.deps)
    engine.run_once()
    assert local_outbox(counter)[refund.recorded.op_id] in ("delivered", "rejected")  # no longer held
    assert engine.held() == []
    other.close()
    counter.close()


class _Recorded:
    def __init__(self, recorded) -> None:
        self.recorded = recorded


def _record_raw(counter, kind: str, aggregate_id: str, payload: dict) -> _Recorded:
    """Journal an operation without its service's checks, through the unit of work like any other."""
    import uuid

    from counter_app.domain.model import Operation
    from counter_app.domain.operations import payload_of

    now = counter.deps.clock.now()
    with counter.uow() as uow:
        shift = uow.shifts.open_for(CLERK[0], uow.settings.branch().counter_id)
        recorded = uow.record(Operation(str(uuid.uuid4()), aggregate_id, CLERK[0], shift.shift_id,
                                        now.isoformat(timespec="seconds"), shift.business_date,
                                        payload_of(kind, payload)))
        uow.commit()
    return _Recorded(recorded)


def test_operation_breaking_the_contract_is_isolated_and_the_rest_of_its_batch_delivered(
        platform: PlatformProcess, tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        members = [r[0] for r in uow.conn.execute("SELECT member_id FROM members LIMIT 5")]
    ops = [counter.run(services.accrue_points, AccruePoints(CLERK[0], m, 3, "累计", SUPERVISOR_APPROVAL)) for m in members]
    # A message the contract refuses (a reason over 200 characters, as an older release could have written
    # it; today's services refuse it up front): the platform refuses the whole batch with 422.
    bad = _record_raw(counter, "points_accrual", members[2],
                      {"member_id": members[2], "points": 3, "reason": "长" * 250, "ref_op_id": None})
    after = counter.run(services.accrue_points, AccruePoints(CLERK[0], members[3], 3, "累计", SUPERVISOR_APPROVAL))
    report = engine.run_once()
    states = local_outbox(counter)
    assert states[bad.recorded.op_id] == "rejected"
    with counter.uow() as uow:
        assert uow.outbox.get(bad.recorded.op_id).reject_code == "contract_invalid"
    assert all(states[o.recorded.op_id] == "delivered" for o in ops)
    assert states[after.recorded.op_id] == "delivered"
    assert bad.recorded.op_id not in platform_ops(platform.db_path)
    assert report.rejected == 1
    counter.close()


def test_duplicate_answer_never_turns_a_member_balance_back_to_what_it_was_then(platform: PlatformProcess,
                                                                                tmp_path: Path) -> None:
    from counter_app.domain.commands import CartLine, PlaceOrder
    from counter_app.store import sync_state
    from counter_app.sync.contract import wire_operation

    counter, engine = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        (member_id,) = uow.conn.execute("SELECT member_id FROM members LIMIT 1").fetchone()
        (sku,) = uow.conn.execute("SELECT sku FROM catalog WHERE active = 1 LIMIT 1").fetchone()
    engine.run_once()
    # An order for the member reaches the platform, but the answer is lost (a timeout): still pending here,
    # and it waits out a retry delay.
    first = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), None, member_id=member_id))
    (message,) = [m for m in sync_state.next_batch(counter.store, now="9999", limit=10)
                  if m.op_id == first.recorded.op_id]
    engine.client.push_batch([wire_operation(message.envelope)])
    sync_state.schedule_retries(counter.store, [(first.recorded.op_id, "9999")], error="timeout")
    # Meanwhile the member earns points; that answer arrives, and a pull follows.
    counter.run(services.accrue_points, AccruePoints(CLERK[0], member_id, 7, "补录", SUPERVISOR_APPROVAL))
    assert engine.run_once().ok
    sync_state.make_due_now(counter.store)
    report = engine.run_once()
    assert report.duplicates == 1
    with counter.uow() as uow:
        assert uow.members.get(member_id).points_balance == member_balance(platform.db_path, member_id)
    counter.close()
