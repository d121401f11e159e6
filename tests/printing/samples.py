"""Sample operations of every kind, shaped like docs/operations.md, for the printing tests."""

from __future__ import annotations

from typing import Any

BRANCH = {"branch_id": "B001", "branch_name": "中国邮政阜成门营业厅", "branch_address": "北京市西城区阜成门内大街1号"}
MEMBER = {"member_id": "M0001", "phone_masked": "138****1234"}


def envelope(kind: str, payload: dict[str, Any], *, op_id: str = "0f8fad5b-d9cb-469f-a165-70867728950e") -> dict[str, Any]:
    """An operation envelope around a payload."""
    return {
        "op_id": op_id,
        "kind": kind,
        "branch_id": "B001",
        "counter_id": "C01",
        "clerk_id": "E1001",
        "shift_id": "S20261125-C01",
        "aggregate_id": payload.get("order_no") or "agg",
        "device_seq": 7,
        "occurred_at": "2026-11-25T09:30:00+08:00",
        "business_date": "2026-11-25",
        "payload": payload,
    }


def cash(amount_fen: int) -> dict[str, Any]:
    """A cash tender."""
    return {"method": "cash", "amount_fen": amount_fen, "reference": None, "points": 0}


def cash_sale() -> dict[str, Any]:
    """A paid counter order: two stamps products, a discount, cash with change, a member."""
    return envelope(
        "counter_order",
        {
            "order_no": "CO202611250001",
            "lines": [
                {"sku": "P001", "name": "2026丙午马年生肖邮票小版张", "qty": 2, "unit_price_fen": 1250, "amount_fen": 2500},
                {"sku": "P002", "name": "中国邮政纪念信封（大号）", "qty": 3, "unit_price_fen": 300, "amount_fen": 900},
            ],
            "subtotal_fen": 3400,
            "discount_fen": 400,
            "total_fen": 3000,
            "tenders": [cash(5000)],
            "change_fen": 2000,
            "paid": True,
            "member_id": "M0001",
            "points_earned": 30,
            "points_redeemed": 0,
        },
    )


def card_sale() -> dict[str, Any]:
    """A counter order paid by bank card and points: no cash, so no drawer kick."""
    return envelope(
        "counter_order",
        {
            "order_no": "CO202611250002",
            "lines": [{"sku": "P003", "name": "五常大米 5kg", "qty": 1, "unit_price_fen": 8800, "amount_fen": 8800}],
            "subtotal_fen": 8800,
            "discount_fen": 0,
            "total_fen": 8800,
            "tenders": [
                {"method": "bank_card", "amount_fen": 7800, "reference": "T88123456", "points": 0},
                {"method": "points", "amount_fen": 1000, "reference": None, "points": 1000},
            ],
            "change_fen": 0,
            "paid": True,
            "member_id": "M0001",
            "points_earned": 78,
            "points_redeemed": 1000,
        },
    )


def pickup() -> dict[str, Any]:
    """An online order collected at the counter."""
    return envelope(
        "pickup_collected",
        {
            "order_no": "OL202611240099",
            "collected_at": "2026-11-25T09:31:00+08:00",
            "verified_by": "code",
            "lines": [{"sku": "G01", "name": "洛川苹果礼盒", "qty": 2}],
            "customer_name_masked": "张*",
        },
    )


def bill(*, pending: bool = True) -> dict[str, Any]:
    """An electricity bill paid in cash, taken offline when pending."""
    return envelope(
        "bill_payment",
        {
            "bill_id": None if pending else "BL0001",
            "biller": "electricity",
            "account_no": "0101234567895678",
            "period": "2026-10",
            "amount_fen": 12345,
            "tenders": [cash(13000)],
            "change_fen": 655,
            "pending": pending,
            "member_id": None,
            "points_earned": 0,
        },
    )


def all_kinds() -> list[dict[str, Any]]:
    """One operation of every kind."""
    return [
        cash_sale(),
        card_sale(),
        envelope("counter_order", {**cash_sale()["payload"], "paid": False, "tenders": [], "change_fen": 0}),
        envelope(
            "order_payment",
            {"order_no": "CO202611250003", "total_fen": 1500, "tenders": [cash(2000)], "change_fen": 500,
             "member_id": None, "points_earned": 0, "points_redeemed": 0},
        ),
        pickup(),
        bill(pending=True),
        bill(pending=False),
        envelope("points_accrual", {"member_id": "M0001", "points": 120, "reason": "purchase_makeup",
                                    "note": "订单 B001C01202611250003K7", "ref_op_id": "op-1", "supervisor_id": None}),
        envelope("points_accrual", {"member_id": "M0001", "points": 200, "reason": "manual_adjustment",
                                    "note": "集邮活动奖励", "ref_op_id": None, "supervisor_id": "9001"}),
        envelope("points_redemption", {"member_id": "M0001", "points": 500, "reason": "兑换礼品", "sku": "G02"}),
        envelope("void", {"target_op_id": "op-2", "order_no": "CO202611250004", "reason": "顾客取消", "supervisor_id": "S01"}),
        envelope(
            "refund",
            {"target_op_id": "op-3", "order_no": "CO202611250001", "amount_fen": 1250, "tenders": [cash(1250)],
             "reason": "商品破损", "supervisor_id": "S01", "points_reversed": 12, "points_restored": 0},
        ),
        envelope("shift_open", {"float_fen": 50000}),
        envelope(
            "shift_close",
            {"float_fen": 50000, "expected_cash_fen": 81230, "counted_cash_fen": 81130, "difference_fen": -100,
             "supervisor_id": "S01",
             "totals": {"by_kind": {"counter_order": {"count": 12, "amount_fen": 45600},
                                    "bill_payment": {"count": 3, "amount_fen": 30100}},
                        "by_method": {"cash": 31230, "bank_card": 44470}}},
        ),
    ]
