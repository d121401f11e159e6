"""Receipts of the new ways to pay: a payment code prints its wallet and the acquirer's transaction number; a
cash-on-delivery pickup prints the amount collected, the tenders and the change."""

from __future__ import annotations

from counter_app.printing.layout import layout_receipt
from counter_app.printing.receipts import receipt_for_operation

from .samples import BRANCH, cash_sale, envelope


def _texts(op: dict) -> list[str]:
    return [line.text for line in layout_receipt(receipt_for_operation(op, branch=BRANCH), 48)]


def test_code_payment_prints_the_wallet_and_the_transaction_number() -> None:
    op = cash_sale()
    op["payload"]["tenders"] = [{"method": "wechat_pay", "amount_fen": 3000, "reference": "T4200001234567",
                                 "points": 0}]
    op["payload"]["change_fen"] = 0
    printed = "\n".join(_texts(op))
    assert "微信支付" in printed and "交易号 T4200001234567" in printed and "参考号" not in printed


def test_cod_pickup_prints_what_was_collected() -> None:
    op = envelope("pickup_collected", {
        "order_no": "O202611240001", "collected_at": "2026-11-25T09:30:00+08:00", "verified_by": "code",
        "cod_fen": 12_345, "tenders": [{"method": "cash", "amount_fen": 15_000, "reference": None, "points": 0}],
        "change_fen": 2_655})
    printed = "\n".join(_texts(op))
    assert "代收金额" in printed and "123.45" in printed and "现金" in printed and "26.55" in printed


def test_pickup_paid_online_prints_no_payment() -> None:
    op = envelope("pickup_collected", {"order_no": "O1", "collected_at": "2026-11-25T09:30:00+08:00",
                                       "verified_by": "code"})
    assert "代收金额" not in "\n".join(_texts(op))
