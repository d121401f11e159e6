"""Pickups against the cached manifest, bill payments' offline rules, points accrual and redemption."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import (
    AccruePoints,
    CollectPickup,
    OpenShift,
    PayBill,
    RedeemPoints,
    ResolveException,
    SupervisorApproval,
)
from counter_app.domain.errors import InvalidInput, NotAllowed, Refused
from counter_app.domain.model import Tender
from tests.conftest import PICKUP, PICKUP_CODE, SUPERVISOR_APPROVAL

BOSS = SupervisorApproval("9001", "8888")


@pytest.fixture
def shift(counter):
    return counter.run(services.open_shift, OpenShift("1001", 50_000)).shift


def test_pickup_found_by_code_and_collected(counter, shift) -> None:
    order, code = services.find_pickup(PICKUP_CODE, counter.uow(), counter.deps)
    assert order.order_no == PICKUP.order_no and code == PICKUP_CODE
    done = counter.run(services.collect_pickup, CollectPickup("1001", order.order_no, code))
    assert done.recorded.payload["verified_by"] == "code"


def test_refuses_pickup_already_collected(counter, shift) -> None:
    counter.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, PICKUP_CODE))
    with pytest.raises(Refused) as err:
        services.find_pickup(PICKUP.order_no, counter.uow(), counter.deps)
    assert err.value.code == "pickup_already_collected"
    with pytest.raises(Refused) as err:
        services.find_pickup(PICKUP_CODE, counter.uow(), counter.deps)
    assert err.value.code == "pickup_already_collected"
    with pytest.raises(Refused):
        counter.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, PICKUP_CODE))


def test_refuses_wrong_pickup_code(counter, shift) -> None:
    with pytest.raises(Refused) as err:
        counter.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, "000000"))
    assert err.value.code == "pickup_code_wrong" and err.value.field == "pickup_code"


def test_offline_code_not_in_cache_cannot_be_verified(counter, shift) -> None:
    with pytest.raises(Refused) as err:
        services.find_pickup("999999", counter.uow(), counter.deps)
    assert err.value.code == "pickup_cannot_verify_offline"
    assert "离线" in err.value.zh


def test_handover_by_order_number_alone_needs_a_supervisor(counter, shift) -> None:
    with pytest.raises(NotAllowed):
        counter.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no))
    done = counter.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, approval=BOSS))
    assert done.recorded.payload["verified_by"] == "order_no"


def test_offline_bill_payment_is_refused_unless_the_branch_allows_pending(counter, shift) -> None:
    cmd = PayBill("1001", "electricity", "3100123456", 12_000, (Tender("cash", 12_000),))
    with pytest.raises(Refused) as err:
        counter.run(services.pay_bill, cmd)
    assert err.value.code == "bill_offline_refused"
    counter.update_settings(offline_rules={"allow_pending_bills": True, "pending_bill_max_fen": 20_000,
                                           "pending_bill_shift_max_fen": 30_000})
    paid = counter.run(services.pay_bill, cmd)
    assert paid.pending and paid.recorded.payload["pending"] is True
    with pytest.raises(Refused) as err:
        counter.run(services.pay_bill, PayBill("1001", "water", "7700", 25_000, (Tender("cash", 25_000),)))
    assert err.value.code == "bill_offline_over_limit"
    with pytest.raises(Refused) as err:
        counter.run(services.pay_bill, PayBill("1001", "water", "7700", 19_000, (Tender("cash", 19_000),)))
    assert err.value.code == "bill_offline_shift_limit"


def test_bill_account_and_biller_are_checked(counter, shift) -> None:
    with pytest.raises(InvalidInput):
        counter.run(services.pay_bill, PayBill("1001", "tax", "1", 100, (Tender("cash", 100),)))
    with pytest.raises(InvalidInput):
        counter.run(services.pay_bill, PayBill("1001", "water", "12;DROP", 100, (Tender("cash", 100),)))


def test_accrual_and_redemption_change_the_spendable_points(counter, shift) -> None:
    counter.run(services.accrue_points, AccruePoints("1001", "M0001", 300, "补录消费积分", SUPERVISOR_APPROVAL))
    counter.run(services.redeem_points, RedeemPoints("1001", "M0001", 1_000, "兑换邮政帆布袋"))
    view = services.member_view("M0001", counter.uow(), counter.deps)
    assert (view.unconfirmed_plus, view.unconfirmed_minus) == (300, 1_000)
    # Offline: cached 5,000 minus 1,000 unconfirmed, then the daily offline cap of 5,000 less 1,000 used.
    assert view.redeemable == 4_000


def test_redemption_never_overdraws(counter, shift) -> None:
    with pytest.raises(Refused) as err:
        counter.run(services.redeem_points, RedeemPoints("1001", "M0001", 5_001, "兑换"))
    assert err.value.field == "points"


def test_offline_redemption_is_capped_per_member_per_day(counter, shift) -> None:
    counter.update_settings(offline_rules={"offline_redeem_cap_per_member_day": 1_500})
    counter.run(services.redeem_points, RedeemPoints("1001", "M0001", 1_000, "兑换"))
    with pytest.raises(Refused) as err:
        counter.run(services.redeem_points, RedeemPoints("1001", "M0001", 600, "兑换"))
    assert err.value.code == "points_offline_limit"
    counter.run(services.redeem_points, RedeemPoints("1001", "M0001", 500, "兑换"))


def test_member_found_by_phone_or_card_offline_from_the_cache(counter) -> None:
    assert services.identify_member("13812341234", counter.uow(), counter.deps).member.member_id == "M0001"
    assert services.identify_member("8800123456", counter.uow(), counter.deps).member.member_id == "M0001"
    with pytest.raises(InvalidInput):
        services.identify_member("12", counter.uow(), counter.deps)


def test_rejected_pending_bill_is_refunded_by_a_supervisor(counter, shift) -> None:
    counter.update_settings(offline_rules={"allow_pending_bills": True})
    paid = counter.run(services.pay_bill, PayBill("1001", "gas", "GAS001", 8_000, (Tender("cash", 10_000),)))
    from counter_app.store import outbox  # the sync engine's part, done by hand here

    conn = counter.store.connection()
    outbox.mark_rejected(conn, paid.recorded.op_id, code="bill_unknown", reason="户号不存在", result=None, at="t")
    resolved = counter.run(services.resolve_exception,
                           ResolveException("1001", paid.recorded.op_id, "refund_done", BOSS, note="已退现金"))
    assert resolved.refund.payload["amount_fen"] == 8_000
    assert resolved.refund.payload["tenders"] == [{"method": "cash", "amount_fen": 8_000, "reference": None,
                                                   "points": 0}]
    with counter.uow() as uow:
        assert uow.outbox.open_exceptions() == []


def test_refuses_a_looked_up_bill_already_paid_or_a_different_amount(counter, shift) -> None:
    paid_elsewhere = PayBill("1001", "water", "3100123456", 4_500, (Tender("cash", 4_500),), bill_id="BL1",
                             bill_status="paid", amount_due_fen=4_500)
    with pytest.raises(Refused) as err:
        counter.run(services.pay_bill, paid_elsewhere)
    assert err.value.code == "bill_not_unpaid"
    wrong_amount = PayBill("1001", "water", "3100123456", 4_000, (Tender("cash", 4_000),), bill_id="BL1",
                           bill_status="unpaid", amount_due_fen=4_500)
    with pytest.raises(Refused) as err:
        counter.run(services.pay_bill, wrong_amount)
    assert err.value.code == "bill_amount_differs" and err.value.field == "amount"
    with counter.uow() as uow:
        assert uow.conn.execute("SELECT COUNT(*) FROM bill_payments").fetchone()[0] == 0
