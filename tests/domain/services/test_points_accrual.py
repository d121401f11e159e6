"""积分累计 outside a sale: a purchase make-up (补录消费积分) names this counter's sale and is worked out from
it, once; a manual adjustment (人工调整) needs a supervisor and stays within the daily cap."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import (
    AccruePoints,
    CartLine,
    MakeUpPoints,
    OpenShift,
    PlaceOrder,
    RefundOrder,
    SupervisorApproval,
    VoidOrder,
)
from counter_app.domain.errors import NotAllowed, NotFound, Refused
from counter_app.domain.model import MANUAL_ADJUSTMENT_CAP_PER_DAY, Tender
from tests.conftest import SUPERVISOR_APPROVAL


@pytest.fixture
def shift(counter):
    return counter.run(services.open_shift, OpenShift("1001", 50_000)).shift


def _cash_sale(counter, *lines: tuple[str, int], member_id: str | None = None):
    cart = tuple(CartLine(sku, qty) for sku, qty in lines)
    quote = services.queries.quote_order([(sku, qty) for sku, qty in lines], member_id, counter.uow())
    return counter.run(services.place_order, PlaceOrder("1001", cart, (Tender("cash", quote["total_fen"]),),
                                                        member_id=member_id))


def _balance_delta(counter) -> int:
    return services.member_view("M0001", counter.uow(), counter.deps).unconfirmed_plus


def test_a_sale_made_up_earns_what_it_would_have_earned_with_the_card(counter, shift) -> None:
    """128 yuan of stamps and a 480 yuan newspaper subscription (no points): 128 points, and the order is the
    member's from then on."""
    sale = _cash_sale(counter, ("P-STAMP-2026", 1), ("P-NEWS", 1))
    made_up = counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", sale.order_no))
    assert made_up.points == 128 and _balance_delta(counter) == 128
    payload = made_up.recorded.payload
    assert (payload["reason"], payload["ref_op_id"], payload["supervisor_id"]) == \
        ("purchase_makeup", sale.recorded.op_id, None)
    order = services.queries.get_order(sale.order_no, counter.uow())
    assert (order.member_id, order.points_earned) == ("M0001", 128)


def test_a_sale_is_made_up_once_and_only_for_a_sale_that_earns(counter, shift) -> None:
    sale = _cash_sale(counter, ("P-STAMP-2026", 1))
    counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", sale.order_no))
    with pytest.raises(Refused) as again:
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", sale.order_no))
    assert again.value.code == "order_already_accrued" and again.value.field == "order_no"
    with_card = _cash_sale(counter, ("P-STAMP-2026", 1), member_id="M0001")
    with pytest.raises(Refused) as earned:
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", with_card.order_no))
    assert earned.value.code == "order_already_accrued"
    paper = _cash_sale(counter, ("P-NEWS", 1))
    with pytest.raises(Refused) as nothing:
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", paper.order_no))
    assert nothing.value.code == "makeup_nothing" and "没有可补录的积分" in nothing.value.zh
    with pytest.raises(NotFound):
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", "B001C01202611259999ZZ"))
    assert _balance_delta(counter) == 128 + with_card.points_earned


def test_an_unpaid_voided_or_refunded_sale_earns_nothing_more(counter, shift) -> None:
    voided = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-STAMP-2026", 1),), None))
    unpaid = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-STAMP-2026", 1),), None))
    with pytest.raises(Refused) as err:
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", unpaid.order_no))
    assert err.value.code == "order_unpaid"
    counter.run(services.void_order, VoidOrder("1001", voided.order_no, "顾客取消", SUPERVISOR_APPROVAL))
    with pytest.raises(Refused) as err:
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", voided.order_no))
    assert err.value.code == "order_voided"
    refunded = _cash_sale(counter, ("P-STAMP-2026", 1))
    counter.run(services.refund_order, RefundOrder("1001", refunded.order_no, "退货", SUPERVISOR_APPROVAL))
    with pytest.raises(Refused) as err:
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", refunded.order_no))
    assert err.value.code == "makeup_nothing"


def test_refunding_a_made_up_sale_takes_its_points_back(counter, shift) -> None:
    sale = _cash_sale(counter, ("P-STAMP-2026", 1))
    counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", sale.order_no))
    refund = counter.run(services.refund_order, RefundOrder("1001", sale.order_no, "退货", SUPERVISOR_APPROVAL))
    assert refund.recorded.payload["points_reversed"] == 128
    view = services.member_view("M0001", counter.uow(), counter.deps)
    assert (view.unconfirmed_plus, view.unconfirmed_minus) == (128, 128)


def test_the_last_digits_on_the_receipt_find_todays_sale(counter, shift) -> None:
    sale = _cash_sale(counter, ("P-STAMP-2026", 1))
    for _ in range(10):
        _cash_sale(counter, ("P-WATER", 1))
    with pytest.raises(Refused) as err:  # "1" ends the first order's daily number (0001) and the eleventh's
        counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", sale.order_no[-3:-2]))
    assert err.value.code == "order_no_ambiguous"
    made_up = counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", sale.order_no[-6:]))
    assert made_up.recorded.payload["ref_op_id"] == sale.recorded.op_id


def test_a_manual_adjustment_needs_a_supervisor_and_a_note(counter, shift) -> None:
    with pytest.raises(NotAllowed) as none:
        counter.run(services.accrue_points, AccruePoints("1001", "M0001", 50, "集邮活动奖励"))
    assert none.value.code == "supervisor_required"
    with pytest.raises(NotAllowed) as clerk:
        counter.run(services.accrue_points, AccruePoints("1001", "M0001", 50, "集邮活动奖励",
                                                         SupervisorApproval("1001", "1234")))
    assert clerk.value.code == "not_supervisor"
    with pytest.raises(NotAllowed) as wrong:
        counter.run(services.accrue_points, AccruePoints("1001", "M0001", 50, "集邮活动奖励",
                                                         SupervisorApproval("9001", "0000")))
    assert wrong.value.code == "supervisor_pin_wrong"
    done = counter.run(services.accrue_points, AccruePoints("1001", "M0001", 50, "集邮活动奖励", SUPERVISOR_APPROVAL))
    payload = done.recorded.payload
    assert (payload["reason"], payload["note"], payload["supervisor_id"], payload["ref_op_id"]) == \
        ("manual_adjustment", "集邮活动奖励", "9001", None)
    assert _balance_delta(counter) == 50


def test_manual_adjustments_stop_at_the_daily_cap_with_what_is_left(counter, shift, clock) -> None:
    counter.run(services.accrue_points, AccruePoints("1001", "M0001", MANUAL_ADJUSTMENT_CAP_PER_DAY - 100, "活动",
                                                     SUPERVISOR_APPROVAL))
    with pytest.raises(Refused) as err:
        counter.run(services.accrue_points, AccruePoints("1001", "M0001", 101, "活动", SUPERVISOR_APPROVAL))
    assert err.value.code == "manual_accrual_cap" and "还可调整 100 积分" in err.value.zh
    counter.run(services.accrue_points, AccruePoints("1001", "M0001", 100, "活动", SUPERVISOR_APPROVAL))
    assert _balance_delta(counter) == MANUAL_ADJUSTMENT_CAP_PER_DAY
