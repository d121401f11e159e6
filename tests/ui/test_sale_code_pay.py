"""付款码 on F2 for real: Alt+M opens the payment-code dialog for the amount due, a confirmed payment completes
the sale and prints it; a declined or cancelled one leaves the cart as it was; offline the clerk is told at
once which methods work. The customer display (客显) opened by the main window follows the sale. Against the
reference platform on loopback (it plays the acquirer: the code's last four digits choose the outcome)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.app.settings import Settings
from counter_app.domain import services
from counter_app.domain.codepay import State
from counter_app.ui.app import build_main_window
from counter_app.ui.code_pay_dialog import CodePayDialog
from counter_app.ui.workspaces.sale import SaleWorkspace
from platform_sim import admin

from .ws_helpers import (  # noqa: F401
    approver,
    ctx,
    engine,
    go_offline,
    online,
    platform,
    receipts,
    settle,
    show,
    type_enter,
    type_text,
)

PAID = "134567890123450000"       # WeChat, paid at once
DECLINED = "134567890123451003"   # WeChat, declined (余额不足)
WAITING = "284567890123451001"    # Alipay, waits for the password, paid at the second query


@pytest.fixture
def counter(online):
    return online.counter


def _product(counter) -> tuple[str, str, int]:
    with counter.uow() as uow:
        return uow.conn.execute("SELECT sku, name, price_fen FROM catalog WHERE active = 1 AND price_fen > 0"
                                " ORDER BY price_fen LIMIT 1").fetchone()


def _orders(counter) -> list[dict]:
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "counter_order"]


def _sale_with_one_item(qtbot, ctx, counter) -> tuple[SaleWorkspace, str, int]:
    ws = show(qtbot, SaleWorkspace(ctx))
    ws.code_poll_interval_s = 0.3
    sku, name, price = _product(counter)
    type_enter(qtbot, ws.product, sku)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: ws.total.text().endswith(f"{price // 100}.{price % 100:02d}"), timeout=5000)
    return ws, name, price


def _open_code_pay(qtbot, ws) -> CodePayDialog:
    qtbot.keyClick(ws.product, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is not None and ws.code_pay_dialog.isVisible(), timeout=3000)
    return ws.code_pay_dialog


def _scan(qtbot, dialog: CodePayDialog, code: str) -> None:
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)


def test_alt_m_takes_a_payment_code_for_the_cart_completes_the_sale_and_prints(qtbot, ctx, counter, engine,
                                                                               receipts):
    ws, _, price = _sale_with_one_item(qtbot, ctx, counter)
    assert "Alt+M" in ws.findChild(type(ws.reprint_button), "code_pay").text()
    dialog = _open_code_pay(qtbot, ws)
    assert dialog.due.text().endswith(f"{price // 100}.{price % 100:02d}")
    _scan(qtbot, dialog, PAID)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=15_000)  # closed by itself on success
    settle(qtbot, ctx)
    [order] = _orders(counter)
    [tender] = order["payload"]["tenders"]
    assert tender["method"] == "wechat_pay" and tender["amount_fen"] == price and tender["reference"]
    assert "收款成功" in ws.message.text() and order["payload"]["order_no"] in ws.message.text()
    assert not ws.cart and [op for op, _ in receipts.printed] == [order["op_id"]]


def test_a_declined_code_leaves_the_cart_and_says_why(qtbot, ctx, counter, engine, receipts):
    ws, name, _ = _sale_with_one_item(qtbot, ctx, counter)
    dialog = _open_code_pay(qtbot, ws)
    _scan(qtbot, dialog, DECLINED)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
    assert dialog.result.payment.state == State.DECLINED and "余额不足" in dialog.status.text()
    assert "余额不足" in ws.message.text() and "购物车已保留" in ws.message.text()
    dialog.close_button.click()
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=3000)
    assert [ln.product.name for ln in ws.cart.lines] == [name]  # the cart as it was: take another method
    assert "余额不足" in ws.message.text()
    assert _orders(counter) == [] and receipts.printed == []
    # Another code (the customer topped up): a fresh dialog, the sale completes once.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws, timeout=3000)  # the keyboard is back
    dialog = _open_code_pay(qtbot, ws)
    _scan(qtbot, dialog, PAID)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=15_000)
    settle(qtbot, ctx)
    assert len(_orders(counter)) == 1 and not ws.cart


def test_closing_the_dialog_before_a_scan_keeps_the_cart(qtbot, ctx, counter, engine):
    ws, name, _ = _sale_with_one_item(qtbot, ctx, counter)
    dialog = _open_code_pay(qtbot, ws)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=3000)
    assert [ln.product.name for ln in ws.cart.lines] == [name]
    assert "已取消付款码收款" in ws.message.text()
    assert _orders(counter) == []


def test_offline_the_code_method_is_refused_at_once_naming_the_methods_that_work(qtbot, ctx, counter, online,
                                                                                 platform, engine):
    ws, name, _ = _sale_with_one_item(qtbot, ctx, counter)
    go_offline(platform, online)
    qtbot.keyClick(ws.product, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert ws.code_pay_dialog is None  # no dialog to scan into
    shown = ws.error_beside("tender") or ws.message.text()
    assert "付款码暂不可用" in shown and all(m in shown for m in ("现金", "银行卡", "预付卡", "积分"))
    assert [ln.product.name for ln in ws.cart.lines] == [name]


def test_the_customer_display_follows_the_sale_and_the_code_payment(qtbot, ctx, counter, engine, platform,
                                                                    receipts):
    ctx.settings = Settings({**ctx.settings.raw, "customer_display": True})  # one screen here: turned on
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    display = window.customer_display
    assert display is not None and display.isVisible() and display.isWindow()
    ws = window.switch_to("sale")
    ws.code_poll_interval_s = 0.3
    sku, name, price = _product(counter)
    type_enter(qtbot, ws.product, sku)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: display.lines.count() == 1 and "￥" in display.due.text(), timeout=5000)
    assert name in display.lines.item(0).text()
    member_id, phone, _ = admin.member_phones(platform.db_path, limit=1)[0]
    type_enter(qtbot, ws.member, phone)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: display.member.text().startswith("会员"), timeout=5000)
    assert phone not in display.member.text() and phone[-4:] in display.member.text()  # masked only
    type_text(qtbot, ws.cash, "1")  # ¥1.00 in cash, the code pays the rest
    qtbot.waitUntil(lambda: "实收" in display.tendered.text(), timeout=3000)
    dialog = _open_code_pay(qtbot, ws)
    assert display.status.text() == "请出示付款码"
    _scan(qtbot, dialog, WAITING)
    qtbot.waitUntil(lambda: display.status.text() == "请在手机上输入支付密码", timeout=10_000)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=15_000)
    [order] = _orders(counter)
    assert sorted(t["method"] for t in order["payload"]["tenders"]) == ["alipay", "cash"]
    assert display.lines.count() == 0 and "谢谢惠顾" in display.status.text() and "￥" in display.due.text()
    settle(qtbot, ctx)
    window.close()
    assert not display.isVisible()  # it goes with the counter window
    QApplication.processEvents()


def test_one_screen_and_no_setting_opens_no_customer_display(qtbot, ctx):
    assert not ctx.settings.customer_display
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    assert window.customer_display is None
