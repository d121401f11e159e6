"""Counter orders: sale with change, pay later, void and refund by a supervisor, points on the way."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import (
    CartLine,
    OpenShift,
    PayOrder,
    PlaceOrder,
    RefundOrder,
    SupervisorApproval,
    VoidOrder,
)
from counter_app.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from counter_app.domain.model import Tender
from counter_app.domain.services.queries import get_order

BOSS = SupervisorApproval("9001", "8888")


@pytest.fixture
def shift(counter):
    return counter.run(services.open_shift, OpenShift("1001", 50_000)).shift


def _outbox_kinds(counter) -> list[str]:
    with counter.uow() as uow:
        return [m.kind for m in uow.outbox.pending()]


def test_cash_sale_gives_change_and_writes_order_journal_and_outbox(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-STAMP-2026", 1), CartLine("P-WATER", 2)),
                                                         (Tender("cash", 20_000),)))
    assert (sold.total_fen, sold.change_fen, sold.paid) == (13_300, 6_700, True)
    order = get_order(sold.order_no, counter.uow())
    assert order.status == "paid" and order.paid_fen == 13_300
    assert [ln.qty for ln in order.lines] == [1, 2]
    assert _outbox_kinds(counter) == ["shift_open", "counter_order"]
    assert sold.recorded.payload["change_fen"] == 6_700


def test_member_gets_discount_and_points(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-TEA", 1),), (Tender("cash", 40_000),),
                                                         member_id="M0001"))
    assert sold.discount_fen == 36_800 * 500 // 10_000  # gold: 5 %
    assert sold.points_earned == (36_800 - sold.discount_fen) // 100
    view = services.member_view("M0001", counter.uow(), counter.deps)
    assert view.unconfirmed_plus == sold.points_earned


def test_points_tender_is_limited_by_the_balance(counter, shift) -> None:
    with pytest.raises(Refused) as err:
        counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-TEA", 1),),
                                                      (Tender("points", 34_960, points=34_960),), member_id="M0001"))
    assert err.value.code in ("points_overdrawn", "points_offline_limit")
    paid = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),),
                                                         (Tender("points", 500, points=500),), member_id="M0001"))
    assert paid.points_redeemed == 500 and paid.points_earned == 0


def test_points_tender_needs_a_member(counter, shift) -> None:
    with pytest.raises(Refused) as err:
        counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 1),),
                                                      (Tender("points", 250, points=250),)))
    assert err.value.code == "points_need_member"


def test_split_payment_card_and_cash(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-STAMP-2026", 1),),
                                                         (Tender("bank_card", 10_000, reference="T00123"),
                                                          Tender("cash", 5_000))))
    assert sold.change_fen == 2_200
    order = get_order(sold.order_no, counter.uow())
    assert [t.method for t in order.tenders] == ["bank_card", "cash"]
    assert order.tenders[0].reference == "T00123"


def test_refuses_unknown_product_and_empty_cart(counter, shift) -> None:
    with pytest.raises(NotFound) as err:
        counter.run(services.place_order, PlaceOrder("1001", (CartLine("NOPE", 1),), (Tender("cash", 100),)))
    assert err.value.field == "product"
    with pytest.raises(InvalidInput):
        counter.run(services.place_order, PlaceOrder("1001", (), (Tender("cash", 100),)))


def test_order_taken_unpaid_can_be_paid_later(counter, shift) -> None:
    taken = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-NEWS", 1),), None))
    assert not taken.paid
    assert get_order(taken.order_no, counter.uow()).status == "unpaid"
    paid = counter.run(services.pay_order, PayOrder("1001", taken.order_no, (Tender("cash", 50_000),)))
    assert paid.change_fen == 2_000
    assert get_order(taken.order_no, counter.uow()).status == "paid"
    with pytest.raises(Refused):
        counter.run(services.pay_order, PayOrder("1001", taken.order_no, (Tender("cash", 50_000),)))


def test_void_of_unpaid_order_needs_a_supervisor_and_adds_an_entry(counter, shift) -> None:
    taken = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-NEWS", 1),), None))
    with pytest.raises(NotAllowed) as err:
        counter.run(services.void_order, VoidOrder("1001", taken.order_no, "客户取消", SupervisorApproval("1001", "1234")))
    assert err.value.code == "not_supervisor"
    with pytest.raises(NotAllowed) as err:
        counter.run(services.void_order, VoidOrder("1001", taken.order_no, "客户取消", SupervisorApproval("9001", "0000")))
    assert err.value.code == "supervisor_pin_wrong"
    voided = counter.run(services.void_order, VoidOrder("1001", taken.order_no, "客户取消", BOSS))
    assert voided.recorded.payload["supervisor_id"] == "9001"
    order = get_order(taken.order_no, counter.uow())
    assert order.status == "voided"
    assert order.total_fen == 48_000  # the original row is untouched
    assert _outbox_kinds(counter)[-2:] == ["counter_order", "void"]


def test_refuses_to_void_a_paid_order(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 1),), (Tender("cash", 250),)))
    with pytest.raises(Refused) as err:
        counter.run(services.void_order, VoidOrder("1001", sold.order_no, "错单", BOSS))
    assert err.value.code == "void_paid_order"


def test_partial_then_full_refund_never_exceeds_what_was_paid(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-STAMP-2026", 1),),
                                                         (Tender("bank_card", 10_000, reference="T1"),
                                                          Tender("cash", 5_000))))
    first = counter.run(services.refund_order, RefundOrder("1001", sold.order_no, "少一版", BOSS, amount_fen=2_000))
    assert first.tenders == (Tender("cash", 2_000),)
    assert get_order(sold.order_no, counter.uow()).status == "partly_refunded"
    with pytest.raises(Refused) as err:
        counter.run(services.refund_order, RefundOrder("1001", sold.order_no, "全退", BOSS, amount_fen=20_000))
    assert err.value.code == "refund_too_much"
    rest = counter.run(services.refund_order, RefundOrder("1001", sold.order_no, "全退", BOSS))
    assert rest.amount_fen == 10_800
    # Cash net of change was 2,800; 2,000 went back before, so 800 cash and 10,000 to the card now.
    assert {t.method: t.amount_fen for t in rest.tenders} == {"cash": 800, "bank_card": 10_000}
    assert get_order(sold.order_no, counter.uow()).status == "refunded"


def test_refund_needs_a_supervisor(counter, shift) -> None:
    sold = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 1),), (Tender("cash", 250),)))
    with pytest.raises(NotAllowed):
        counter.run(services.refund_order, RefundOrder("1001", sold.order_no, "x", SupervisorApproval("1001", "1234")))


def test_refuses_a_reason_longer_than_the_platform_takes(counter, shift) -> None:
    taken = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-NEWS", 1),), None))
    with pytest.raises(InvalidInput) as err:
        counter.run(services.void_order, VoidOrder("1001", taken.order_no, "长" * 201, BOSS))
    assert err.value.code == "reason_too_long" and err.value.field == "reason"


def test_points_earned_on_paying_a_later_order_count_the_prices_it_was_taken_at(counter, shift) -> None:
    taken = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 4),), None, member_id="M0001"))
    assert taken.total_fen == 1_000
    with counter.uow() as uow:  # the catalog pull brings a new price before the customer comes back to pay
        product = uow.catalog.get("P-WATER")
        uow.catalog.upsert(type(product)(**{**product.__dict__, "price_fen": 2_500}))
        uow.commit()
    paid = counter.run(services.pay_order, PayOrder("1001", taken.order_no, (Tender("cash", 1_000),)))
    # 1 point per 100 fen of what was paid: the platform refuses more than total_fen // 100.
    assert paid.points_earned == 10
