"""The cash box (尾箱): moves from and to the safe and between counters are journaled operations, and the drawer's
expected cash (float + moves + cash taken − change − cash refunds) is right at any moment and at close."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.cashbox import CollectCash, ConfirmCashTransfer, HandBackCash, TransferCash
from counter_app.domain.commands import CartLine, CloseShift, OpenShift, PlaceOrder, RefundOrder, SupervisorApproval
from counter_app.domain.errors import InvalidInput, NotAllowed, Refused
from counter_app.domain.model import Tender
from counter_app.domain.services.cashbox import (
    collect_cash,
    confirm_cash_transfer,
    drawer_position,
    hand_back_cash,
    transfer_cash,
)

BOSS = SupervisorApproval("9001", "8888")


def _rules(counter, **rules) -> None:
    counter.update_settings(books_rules=rules)


def _expected(counter) -> int:
    position, hidden = drawer_position("1001", counter.uow())
    assert not hidden and position is not None
    return position.expected_fen


def test_expected_cash_follows_moves_sales_change_split_payments_and_refunds(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    assert _expected(counter) == 50_000
    counter.run(collect_cash, CollectCash("1001", 20_000, "零钞不足"))
    assert _expected(counter) == 70_000
    # 2 x 2.50 = 5.00: 10.00 cash given, 5.00 change.
    counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 1000),)))
    assert _expected(counter) == 70_500
    # 4 x 2.50 = 10.00 split: 3.00 cash, 7.00 bank card; only the cash counts for the drawer.
    sale = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 4),),
                                                        (Tender("cash", 300), Tender("bank_card", 700, "RRN001"))))
    assert _expected(counter) == 70_800
    counter.run(services.refund_order, RefundOrder("1001", sale.order_no, "退货", BOSS, amount_fen=300))
    counter.run(hand_back_cash, HandBackCash("1001", 30_000, "大额上缴"))
    counter.run(transfer_cash, TransferCash("1001", "C02", 5_000, "调剂零钞"))
    expected = 50_000 + 20_000 + 500 + 300 - 30_000 - 5_000 - _cash_refunded(counter)
    assert _expected(counter) == expected
    closed = counter.run(services.close_shift, CloseShift("1001", _count_of(expected)))
    assert closed.expected_cash_fen == expected and closed.difference_fen == 0


def _cash_refunded(counter) -> int:
    with counter.uow().read() as uow:
        entry = next(e for e in uow.journal.entries(limit=100) if e["kind"] == "refund")
    return sum(t["amount_fen"] for t in entry["payload"]["tenders"] if t["method"] == "cash")


def _count_of(fen: int) -> dict[int, int]:
    count: dict[int, int] = {}
    for denomination in (10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1):
        pieces, fen = divmod(fen, denomination)
        if pieces:
            count[denomination] = pieces
    return count


def test_every_cash_move_is_journaled_with_its_reason(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 10_000))
    moved = counter.run(collect_cash, CollectCash("1001", 5_000, "领备用金"))
    assert moved.recorded.kind == "cash_collect"
    assert moved.recorded.payload == {"amount_fen": 5_000, "reason": "领备用金", "supervisor_id": None}
    assert moved.position.expected_fen == 15_000
    with pytest.raises(InvalidInput) as err:
        counter.run(collect_cash, CollectCash("1001", 5_000, "  "))
    assert err.value.code == "reason_required"


def test_a_cash_move_above_the_branch_limit_needs_a_supervisor(counter) -> None:
    _rules(counter, cash_move_supervisor_above_fen=100_000)
    counter.run(services.open_shift, OpenShift("1001", 10_000))
    counter.run(collect_cash, CollectCash("1001", 100_000, "整数以内"))
    with pytest.raises(NotAllowed) as err:
        counter.run(collect_cash, CollectCash("1001", 100_001, "超过上限"))
    assert err.value.code == "supervisor_required" and "主管" in err.value.zh
    moved = counter.run(collect_cash, CollectCash("1001", 100_001, "超过上限", BOSS))
    assert moved.recorded.payload["supervisor_id"] == "9001"


def test_cannot_hand_back_more_than_the_drawer_holds(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 10_000))
    with pytest.raises(Refused) as err:
        counter.run(hand_back_cash, HandBackCash("1001", 10_001, "上缴"))
    assert err.value.code == "cash_insufficient"
    assert _expected(counter) == 10_000


def test_a_transfer_is_confirmed_by_the_other_counter_once(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 10_000))
    with pytest.raises(InvalidInput):
        counter.run(transfer_cash, TransferCash("1001", "C01", 1_000, "给自己"))
    confirmed = counter.run(confirm_cash_transfer, ConfirmCashTransfer("1001", "tc0212abc", "C02", 2_000))
    assert confirmed.recorded.payload["transfer_no"] == "TC0212ABC"
    assert _expected(counter) == 12_000
    with pytest.raises(Refused) as err:
        counter.run(confirm_cash_transfer, ConfirmCashTransfer("1001", "TC0212ABC", "C02", 2_000))
    assert err.value.code == "transfer_already_confirmed"


def test_an_over_short_within_the_branch_threshold_needs_no_supervisor(counter) -> None:
    _rules(counter, over_short_threshold_fen=1_000)
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    closed = counter.run(services.close_shift, CloseShift("1001", {10_000: 4, 5_000: 1, 1_000: 4}))
    assert closed.difference_fen == -1_000 and closed.recorded.payload["supervisor_id"] is None
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    with pytest.raises(NotAllowed) as err:
        counter.run(services.close_shift, CloseShift("1001", {10_000: 4, 5_000: 1, 1_000: 3}))
    assert err.value.code == "supervisor_required" and "短款" in err.value.zh
    closed = counter.run(services.close_shift, CloseShift("1001", {10_000: 4, 5_000: 1, 1_000: 3}, BOSS))
    assert closed.difference_fen == -2_000 and closed.recorded.payload["supervisor_id"] == "9001"


def test_a_blind_count_hides_the_expected_figure_until_the_count_is_entered(counter) -> None:
    _rules(counter, blind_count=True)
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    assert drawer_position("1001", counter.uow()) == (None, True)
    position, hidden = drawer_position("1001", counter.uow(), counted=True)
    assert not hidden and position is not None and position.expected_fen == 50_000
