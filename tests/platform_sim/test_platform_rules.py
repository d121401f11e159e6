"""Business rules of POST /operations/batch: each refusal with its code and a Chinese / English reason."""

from __future__ import annotations

import httpx
import pytest

from platform_sim.admin import cancel_pickup, member_balance, unpaid_bills
from platform_sim.testing import PlatformProcess, enrol
from tests.platform_sim.platform_helpers import (
    DAY, active_product, auth, card, cash, db_rows, op, points_tender, push_one, redemption, sale, set_balance,
)


def _rejected(result: dict, code: str) -> None:
    """The operation was rejected with this code and a bilingual reason."""
    assert (result["status"], result["code"]) == ("rejected", code), result
    assert " / " in result["reason"]


def _awaiting(platform: PlatformProcess, branch: str) -> str:
    """An awaiting pickup order of a branch."""
    rows = db_rows(platform.db_path, "SELECT order_no FROM orders WHERE source = 'online' AND branch_id = ?"
                   " AND status = 'awaiting' ORDER BY change_seq DESC LIMIT 1", branch)
    return rows[0]["order_no"]


@pytest.fixture(scope="module")
def product(platform: PlatformProcess) -> tuple[str, int]:
    """An active product's sku and price."""
    return active_product(platform.db_path)


def test_refuses_unknown_sku(client: httpx.Client, token: str) -> None:
    _rejected(push_one(client, token, op("counter_order", sale("NO-SUCH-SKU", 1000))), "unknown_sku")


def test_refuses_inactive_sku(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    rows = db_rows(platform.db_path, "SELECT sku FROM products WHERE active = 0 LIMIT 1")
    if not rows:
        pytest.skip("the small seed has no inactive product")
    _rejected(push_one(client, token, op("counter_order", sale(rows[0]["sku"], 1000))), "unknown_sku")


@pytest.mark.parametrize("breakage", ["line", "subtotal", "total", "tenders", "discount"])
def test_refuses_inconsistent_totals(client: httpx.Client, token: str, product: tuple[str, int], breakage: str) -> None:
    payload = sale(*product, qty=2)
    if breakage == "line":
        payload["lines"][0]["amount_fen"] += 1
    elif breakage == "subtotal":
        payload["subtotal_fen"] += 1
    elif breakage == "total":
        payload["total_fen"] -= 1
    elif breakage == "tenders":
        payload["tenders"] = [cash(payload["total_fen"] - 1)]
    else:
        payload["discount_fen"] = payload["subtotal_fen"] + 1
    _rejected(push_one(client, token, op("counter_order", payload)), "totals_inconsistent")


def test_refuses_change_without_cash(client: httpx.Client, token: str, product: tuple[str, int]) -> None:
    payload = sale(*product, tenders=[card(product[1] + 500)], change=500)
    _rejected(push_one(client, token, op("counter_order", payload)), "change_without_cash")


def test_refuses_operation_for_another_branch_or_counter(client: httpx.Client, token: str,
                                                          product: tuple[str, int]) -> None:
    _rejected(push_one(client, token, op("counter_order", sale(*product), branch="B002")), "branch_mismatch")
    _rejected(push_one(client, token, op("shift_open", {"float_fen": 1}, counter="C09")), "counter_mismatch")


def test_refuses_points_without_member_and_unknown_member(client: httpx.Client, token: str,
                                                          product: tuple[str, int]) -> None:
    _rejected(push_one(client, token, op("counter_order", sale(*product, earned=1))), "member_required")
    _rejected(push_one(client, token, redemption("M99999999", 1)), "unknown_member")


def test_refuses_points_earned_above_the_rule(client: httpx.Client, token: str, product: tuple[str, int]) -> None:
    payload = sale(*product, member_id="M00000030", earned=product[1] // 100 + 1)
    _rejected(push_one(client, token, op("counter_order", payload)), "points_earned_too_high")


def test_refuses_redemption_above_balance(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    set_balance(platform.db_path, "M00000031", 99)
    _rejected(push_one(client, token, redemption("M00000031", 100)), "insufficient_points")
    assert member_balance(platform.db_path, "M00000031") == 99


def test_accepted_counter_order_is_visible_online(client: httpx.Client, token: str, product: tuple[str, int]) -> None:
    payload = sale(*product, qty=2, tenders=[cash(2 * product[1] + 50)], change=50)
    assert push_one(client, token, op("counter_order", payload))["status"] == "accepted"
    resp = client.get(f"/orders/{payload['order_no']}", headers=auth(token))
    assert resp.status_code == 200
    order = resp.json()
    assert (order["source"], order["status"], order["total_fen"], order["branch_id"]) == (
        "counter", "paid", 2 * product[1], "B001")


def test_refuses_reused_order_number(client: httpx.Client, token: str, product: tuple[str, int]) -> None:
    payload = sale(*product)
    assert push_one(client, token, op("counter_order", payload))["status"] == "accepted"
    _rejected(push_one(client, token, op("counter_order", payload)), "order_exists")


def test_pickup_is_collected_once_at_its_own_branch(platform: PlatformProcess, client: httpx.Client,
                                                    token: str) -> None:
    order_no = _awaiting(platform, "B001")
    collect = {"order_no": order_no, "collected_at": "2026-11-25T10:00:00+08:00", "verified_by": "code"}
    assert push_one(client, token, op("pickup_collected", collect))["status"] == "accepted"
    _rejected(push_one(client, token, op("pickup_collected", collect)), "already_collected")
    assert "已提货 / already collected" in push_one(client, token, op("pickup_collected", collect))["reason"]
    assert client.get(f"/orders/{order_no}", headers=auth(token)).json()["status"] == "collected"
    other = {**collect, "order_no": _awaiting(platform, "B002")}
    _rejected(push_one(client, token, op("pickup_collected", other)), "wrong_branch")
    _rejected(push_one(client, token, op("pickup_collected", {**collect, "order_no": "PO-NOPE"})), "unknown_order")


def test_refuses_pickup_of_cancelled_order(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    order_no = _awaiting(platform, "B001")
    cancel_pickup(platform.db_path, order_no)
    collect = {"order_no": order_no, "collected_at": "2026-11-25T10:00:00+08:00", "verified_by": "order_no"}
    _rejected(push_one(client, token, op("pickup_collected", collect)), "order_cancelled")


def test_collected_and_cancelled_pickups_come_back_in_the_next_manifest_pull(
        platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    page = {"has_more": True, "next_cursor": ""}
    while page["has_more"]:  # a page ends early while the platform derives the codes' slow keys
        page = client.get(f"/branches/B001/pickups?limit=1000&cursor={page['next_cursor']}", headers=auth(token)).json()
    cursor = page["next_cursor"]
    order_no = _awaiting(platform, "B001")
    cancel_pickup(platform.db_path, order_no)
    delta = client.get(f"/branches/B001/pickups?cursor={cursor}", headers=auth(token)).json()
    assert [(i["order_no"], i["status"]) for i in delta["items"]] == [(order_no, "cancelled")]


def _bill_payment(bill: tuple[str, str, str, int], *, amount: int | None = None, bill_id: bool = True) -> dict:
    """A bill_payment in cash for a seeded bill."""
    bill_no, biller, account_no, due = bill
    amount = due if amount is None else amount
    return op("bill_payment", {"bill_id": bill_no if bill_id else None, "biller": biller, "account_no": account_no,
                               "period": None, "amount_fen": amount, "tenders": [cash(amount)], "change_fen": 0,
                               "pending": not bill_id, "member_id": None, "points_earned": 0}, aggregate=bill_no)


def test_bill_is_paid_once_for_its_exact_amount(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    first, second = unpaid_bills(platform.db_path, limit=2)
    _rejected(push_one(client, token, _bill_payment(first, amount=first[3] + 10)), "amount_differs")
    assert push_one(client, token, _bill_payment(first))["status"] == "accepted"
    _rejected(push_one(client, token, _bill_payment(first)), "bill_already_paid")
    looked_up = client.get(f"/bills?biller={first[1]}&account_no={first[2]}", headers=auth(token)).json()
    assert looked_up["status"] == "paid" and looked_up["account_no_masked"].endswith(first[2][-4:])
    assert push_one(client, token, _bill_payment(second, bill_id=False))["status"] == "accepted"  # offline, pending


def test_refuses_pending_bill_for_unknown_account(client: httpx.Client, token: str) -> None:
    _rejected(push_one(client, token, _bill_payment(("x", "water", "10999999999", 1000), bill_id=False)),
              "unknown_bill")


def test_unknown_bill_lookup_is_404_with_error_shape(client: httpx.Client, token: str) -> None:
    resp = client.get("/bills?biller=gas&account_no=RQ00000000", headers=auth(token))
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "bill_not_found"


def test_unpaid_order_is_paid_later_or_voided(client: httpx.Client, token: str, product: tuple[str, int]) -> None:
    later = sale(*product, paid=False)
    sale_op = op("counter_order", later)
    assert push_one(client, token, sale_op)["result"]["order_status"] == "unpaid"
    payment = {"order_no": later["order_no"], "total_fen": product[1], "tenders": [card(product[1])],
               "change_fen": 0, "member_id": None, "points_earned": 0, "points_redeemed": 0}
    _rejected(push_one(client, token, op("order_payment", {**payment, "total_fen": product[1] - 1,
                                                          "tenders": [card(product[1] - 1)]})), "amount_differs")
    assert push_one(client, token, op("order_payment", payment))["status"] == "accepted"
    _rejected(push_one(client, token, op("order_payment", payment)), "already_paid")
    void = {"target_op_id": sale_op["op_id"], "order_no": later["order_no"], "reason": "顾客取消", "supervisor_id": "9001"}
    _rejected(push_one(client, token, op("void", void)), "order_paid")

    unpaid = sale(*product, paid=False)
    unpaid_op = op("counter_order", unpaid)
    push_one(client, token, unpaid_op)
    void = {**void, "target_op_id": unpaid_op["op_id"], "order_no": unpaid["order_no"]}
    assert push_one(client, token, op("void", void))["status"] == "accepted"
    _rejected(push_one(client, token, op("void", void)), "already_voided")
    _rejected(push_one(client, token, op("order_payment", {**payment, "order_no": unpaid["order_no"]})),
              "order_voided")


def test_refuses_void_of_unknown_order(client: httpx.Client, token: str) -> None:
    void = {"target_op_id": "0b7c3f1e-1111-4c5e-9f00-000000000000", "order_no": "CO-NOPE", "reason": "x",
            "supervisor_id": "9001"}
    _rejected(push_one(client, token, op("void", void)), "unknown_order")


def test_refund_never_exceeds_what_was_paid(platform: PlatformProcess, client: httpx.Client, token: str,
                                            product: tuple[str, int]) -> None:
    set_balance(platform.db_path, "M00000032", 1000)
    sku, price = product
    payload = sale(sku, price, qty=2, member_id="M00000032", redeemed=100, earned=(2 * price - 100) // 100)
    sale_op = op("counter_order", payload)
    assert push_one(client, token, sale_op)["status"] == "accepted"
    refund = {"target_op_id": sale_op["op_id"], "order_no": payload["order_no"], "amount_fen": price,
              "tenders": [cash(price)], "reason": "退货", "supervisor_id": "9001", "points_reversed": 0,
              "points_restored": 0}
    assert push_one(client, token, op("refund", refund))["result"]["order_status"] == "partially_refunded"
    _rejected(push_one(client, token, op("refund", {**refund, "amount_fen": price + 1, "tenders": [cash(price + 1)]})),
              "refund_exceeds_paid")
    _rejected(push_one(client, token, op("refund", {**refund, "points_restored": 101})), "tender_inconsistent")
    rest = {**refund, "tenders": [cash(price - 100), points_tender(100)], "points_restored": 100,
            "points_reversed": payload["points_earned"]}
    result = push_one(client, token, op("refund", rest))
    assert result["status"] == "accepted" and result["result"]["order_status"] == "refunded"
    assert result["result"]["points_balance"] == 1000
    _rejected(push_one(client, token, op("refund", {**refund, "amount_fen": 1, "tenders": [cash(1)]})),
              "refund_exceeds_paid")


def test_refund_is_never_refused_for_earned_points_the_member_already_spent(
        platform: PlatformProcess, client: httpx.Client, token: str, product: tuple[str, int]) -> None:
    set_balance(platform.db_path, "M00000033", 0)
    sku, price = product
    payload = sale(sku, price, member_id="M00000033", earned=price // 100)
    sale_op = op("counter_order", payload)
    assert push_one(client, token, sale_op)["status"] == "accepted"
    set_balance(platform.db_path, "M00000033", 1)  # the member spent the points online meanwhile
    refund = {"target_op_id": sale_op["op_id"], "order_no": payload["order_no"], "amount_fen": price,
              "tenders": [cash(price)], "reason": "退货", "supervisor_id": "9001",
              "points_reversed": price // 100, "points_restored": 0}
    result = push_one(client, token, op("refund", refund))
    assert result["status"] == "accepted" and result["result"]["order_status"] == "refunded"
    assert result["result"]["points_balance"] == 0
    assert result["result"]["points_not_recovered"] == price // 100 - 1
    assert member_balance(platform.db_path, "M00000033") == 0


def test_refuses_shift_close_whose_difference_does_not_add_up(client: httpx.Client, token: str) -> None:
    close = {"float_fen": 10000, "expected_cash_fen": 50000, "counted_cash_fen": 49000, "difference_fen": 0,
             "supervisor_id": None, "totals": {"by_kind": {}, "by_method": {}}}
    _rejected(push_one(client, token, op("shift_close", close)), "totals_inconsistent")
    assert push_one(client, token, op("shift_close", {**close, "difference_fen": -1000}))["status"] == "accepted"


def test_reconciliation_totals_accepted_operations_of_the_day(platform: PlatformProcess, client: httpx.Client,
                                                              product: tuple[str, int]) -> None:
    token = enrol(platform.base_url, platform.db_path, "B003", "C02")[1]
    sku, price = product
    day = "2026-12-01"
    ops = [op("counter_order", sale(sku, price, tenders=[cash(price + 30)], change=30), branch="B003",
              counter="C02", business_date=day),
           op("counter_order", sale(sku, price, qty=2, tenders=[card(2 * price)]), branch="B003", counter="C02",
              business_date=day),
           op("counter_order", sale("NOPE", price), branch="B003", counter="C02", business_date=day)]
    for operation in ops:
        push_one(client, token, operation)
    resp = client.get(f"/branches/B003/reconciliation?business_date={day}&counter_id=C02", headers=auth(token))
    recon = resp.json()
    assert recon["by_kind"] == {"counter_order": {"count": 2, "amount_fen": 3 * price}}
    assert recon["by_method"] == {"cash": price, "bank_card": 2 * price, "prepaid_card": 0, "points": 0, "wechat_pay": 0,
                                  "alipay": 0}
    assert recon["total_fen"] == 3 * price
    other_day = client.get(f"/branches/B003/reconciliation?business_date={DAY}", headers=auth(token)).json()
    assert other_day["by_kind"] == {}
