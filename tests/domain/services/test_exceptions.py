"""The exceptions list (异常单): money handed back for what the platform refused, once."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import (
    CartLine,
    CloseShift,
    OpenShift,
    PayBill,
    PlaceOrder,
    RefundOrder,
    ResolveException,
    SupervisorApproval,
)
from counter_app.domain.errors import Refused
from counter_app.domain.model import Tender
from counter_app.domain.services.queries import make_day_report
from counter_app.store import outbox

BOSS = SupervisorApproval("9001", "8888")


@pytest.fixture
def shift(counter):
    return counter.run(services.open_shift, OpenShift("1001", 50_000)).shift


def _reject(counter, op_id: str) -> None:
    """The sync engine's part, done by hand: the platform refused the operation."""
    outbox.mark_rejected(counter.store.connection(), op_id, code="unknown_sku", reason="商品已下架", result=None,
                         at="t")


def test_rejected_sale_refunded_from_the_exceptions_list_cannot_be_refunded_again(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 500),)))
    _reject(counter, sold.recorded.op_id)
    counter.run(services.resolve_exception, ResolveException("1001", sold.recorded.op_id, "refund_done", BOSS,
                                                             note="已退现金"))
    with pytest.raises(Refused):
        counter.run(services.refund_order, RefundOrder("1001", sold.order_no, "客户退货", BOSS))
    with counter.uow() as uow:
        assert uow.shifts.cash_movements(shift.shift_id)[2] == 500  # the drawer paid 500 out, once


def test_rejected_sale_already_refunded_is_not_refunded_again_from_the_exceptions_list(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 500),)))
    _reject(counter, sold.recorded.op_id)
    counter.run(services.refund_order, RefundOrder("1001", sold.order_no, "客户退货", BOSS))
    with pytest.raises(Refused):
        counter.run(services.resolve_exception, ResolveException("1001", sold.recorded.op_id, "refund_done", BOSS,
                                                                 note="已退现金"))
    with counter.uow() as uow:
        assert uow.shifts.cash_movements(shift.shift_id)[2] == 500


def test_rejected_unpaid_order_has_no_money_to_hand_back(counter, shift) -> None:
    taken = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), None))
    _reject(counter, taken.recorded.op_id)
    with pytest.raises(Refused):
        counter.run(services.resolve_exception, ResolveException("1001", taken.recorded.op_id, "refund_done", BOSS,
                                                                 note="退款", refund_tenders=(Tender("cash", 500),)))


def test_money_handed_back_today_for_a_bill_refused_from_yesterday_is_left_out_of_todays_report(counter, clock,
                                                                                                  shift) -> None:
    counter.update_settings(offline_rules={"allow_pending_bills": True})
    paid = counter.run(services.pay_bill, PayBill("1001", "gas", "GAS001", 8_000, (Tender("cash", 8_000),)))
    counter.run(services.close_shift, CloseShift("1001", {10_000: 5, 5_000: 1, 1_000: 3}))
    clock.advance(days=1)
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    _reject(counter, paid.recorded.op_id)  # the platform refuses it overnight
    counter.run(services.resolve_exception, ResolveException("1001", paid.recorded.op_id, "refund_done", BOSS,
                                                             note="已退现金"))
    today = make_day_report(clock.now().date().isoformat(), counter.uow())
    # The platform accepts such a refund once and leaves it out of its totals (it moved nothing there).
    assert "refund" not in today.by_kind
    assert today.by_method["cash"] == 0


def test_refused_refund_hands_nothing_back_a_second_time(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 500),)))
    refunded = counter.run(services.refund_order, RefundOrder("1001", sold.order_no, "客户退货", BOSS))
    _reject(counter, refunded.recorded.op_id)  # e.g. the member had spent the points it takes back
    with pytest.raises(Refused) as err:
        counter.run(services.resolve_exception, ResolveException("1001", refunded.recorded.op_id, "refund_done", BOSS,
                                                                 note="已退款"))
    assert err.value.code == "exception_nothing_to_refund"
    with counter.uow() as uow:
        assert uow.shifts.cash_movements(shift.shift_id)[2] == 500


def test_money_handed_back_for_a_refused_sale_takes_the_change_off_the_cash_once(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),),
                                                         (Tender("cash", 300), Tender("cash", 300))))
    assert sold.change_fen == 100
    _reject(counter, sold.recorded.op_id)
    resolved = counter.run(services.resolve_exception, ResolveException("1001", sold.recorded.op_id, "refund_done",
                                                                        BOSS, note="已退现金"))
    assert sum(t["amount_fen"] for t in resolved.refund.payload["tenders"]) == 500
