"""Operations map to receipts: the right title, masked phone and account, card reference only."""

from __future__ import annotations

import pytest

from counter_app.printing.layout import layout_receipt
from counter_app.printing.receipts import mask_account, mask_phone, receipt_for_operation

from .samples import BRANCH, MEMBER, all_kinds, bill, card_sale, cash_sale, envelope

TITLES = {
    "counter_order": "销售小票",
    "order_payment": "付款凭证",
    "pickup_collected": "提货凭证",
    "bill_payment": "缴费凭证",
    "points_accrual": "积分凭证",
    "points_redemption": "积分凭证",
    "void": "作废凭证",
    "refund": "退款凭证",
    "shift_open": "签到单",
    "shift_close": "签退单",
}


def texts(op: dict, columns: int = 48, **options: object) -> list[str]:
    """The laid-out text lines of an operation's receipt."""
    receipt = receipt_for_operation(op, branch=BRANCH, **options)  # type: ignore[arg-type]
    return [line.text for line in layout_receipt(receipt, columns)]


@pytest.mark.parametrize("op", [op for op in all_kinds() if op["payload"].get("paid", True)], ids=lambda op: op["kind"])
def test_every_kind_gets_its_title_branch_clerk_and_operation_id(op: dict) -> None:
    printed = texts(op)
    assert TITLES[op["kind"]] in printed
    assert "中国邮政阜成门营业厅" in printed
    assert any("营业员 E1001" in text for text in printed)
    assert any(text.endswith("0f8fad5b-d9cb-469f-a165-70867728950e") for text in printed)
    assert any(text.endswith("2026-11-25 09:30:00") for text in printed)


def test_unpaid_counter_order_is_not_called_a_sale_and_says_unpaid() -> None:
    op = envelope("counter_order", {**cash_sale()["payload"], "paid": False, "tenders": [], "change_fen": 0})
    printed = texts(op)
    assert "订单凭证" in printed and "销售小票" not in printed
    assert any("未付款" in text for text in printed)


def test_member_phone_is_printed_masked_even_when_given_in_full() -> None:
    printed = texts(cash_sale(), member={"phone": "13812341234"}, points_balance=1230)
    assert any(text.endswith("138****1234") for text in printed)
    assert not any("13812341234" in text for text in printed)


def test_masks_keep_only_what_identifies_nothing() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("138****1234") == "138****1234"
    assert mask_account("0101234567895678") == "****5678"
    assert mask_account("1234") == "****34"


def test_card_payment_shows_the_terminal_reference_and_points_spent() -> None:
    printed = texts(card_sale(), member=MEMBER)
    assert any("银行卡(参考号 T88123456)" in text for text in printed)
    assert any("积分抵扣(1000分)" in text for text in printed)
    assert any(text.startswith("使用积分") and text.endswith("-1000") for text in printed)


def test_bill_shows_biller_in_chinese_and_has_no_order_qr() -> None:
    receipt = receipt_for_operation(bill(), branch=BRANCH)
    assert receipt.bill is not None and receipt.bill.biller_label == "电费"
    assert receipt.qr_payload is None and receipt.pending


def test_tracking_qr_uses_the_branch_url_template_when_there_is_one() -> None:
    branch = {**BRANCH, "tracking_url_template": "https://mall.example/o/{order_no}"}
    assert receipt_for_operation(cash_sale(), branch=branch).qr_payload == "https://mall.example/o/CO202611250001"


def test_refund_lists_what_goes_back_and_points_reversed() -> None:
    op = next(op for op in all_kinds() if op["kind"] == "refund")
    printed = texts(op)
    assert "退款方式" in printed
    assert any(text.startswith("退款金额") and text.endswith("￥12.50") for text in printed)
    assert any(text.startswith("扣回积分") and text.endswith("-12") for text in printed)


def test_shift_close_shows_cash_count_shortfall_and_totals() -> None:
    op = next(op for op in all_kinds() if op["kind"] == "shift_close")
    printed = texts(op, 32)
    assert any(text.startswith("短款") and text.endswith("￥1.00") for text in printed)
    assert any(text.startswith("实点现金") and text.endswith("￥811.30") for text in printed)
    assert any(text.startswith("线下销售 12笔") and text.endswith("￥456.00") for text in printed)
    assert any(text.startswith("银行卡") and text.endswith("￥444.70") for text in printed)
    assert any(text.startswith("主管签字") for text in printed)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        receipt_for_operation(envelope("teleport", {}), branch=BRANCH)


def test_an_accrual_receipt_names_its_reason_in_chinese_with_the_note_and_supervisor() -> None:
    made_up, manual = [op for op in all_kinds() if op["kind"] == "points_accrual"]
    printed = "\n".join(texts(made_up))
    assert "补录消费积分" in printed and "订单 B001C01202611250003K7" in printed
    assert "purchase_makeup" not in printed and "主管" not in printed
    printed = "\n".join(texts(manual))
    assert "人工调整" in printed and "集邮活动奖励" in printed and "9001" in printed
    assert "manual_adjustment" not in printed
