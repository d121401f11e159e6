"""货到付款 on F1 paid by payment code, for real against the reference platform: the pickup code found, Alt+M
opens the payment-code dialog for the amount to collect, the confirmed payment hands the order over and prints;
a declined code hands nothing over; an order paid online has no code button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.ui.customer_display import CustomerDisplay
from counter_app.ui.workspaces.pickup import PickupWorkspace
from platform_sim import admin
from tests.sync.test_cod_pickups import COD_FEN, _make_cod

from .ws_helpers import (  # noqa: F401
    approver,
    ctx,
    engine,
    online,
    platform,
    receipts,
    settle,
    show,
    type_enter,
)


@pytest.fixture
def counter(online):
    return online.counter


def _cod_order_found(qtbot, ctx, online, platform) -> tuple[PickupWorkspace, str]:
    order_no, code = _make_cod(platform)
    assert online.engine.run_once().ok  # the manifest now carries the amount to collect
    ws = show(qtbot, PickupWorkspace(ctx))
    ws.code_poll_interval_s = 0.2
    type_enter(qtbot, ws.code, code)
    settle(qtbot, ctx)
    assert ws.found is not None and ws.found.cod_fen == COD_FEN and ws.code_pay_button.isEnabled()
    return ws, order_no


def _collected(counter, order_no: str) -> list[dict]:
    return [e for e in services.queries.journal_entries(counter.uow())
            if e["kind"] == "pickup_collected" and e["payload"]["order_no"] == order_no]


def test_cod_paid_by_code_hands_the_order_over_and_prints(qtbot, ctx, counter, online, platform, engine, receipts):
    ws, order_no = _cod_order_found(qtbot, ctx, online, platform)
    ws.customer_display = display = CustomerDisplay()  # what the main window does when there is one
    qtbot.addWidget(display)
    display.place()
    qtbot.keyClick(ws.code, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is not None and ws.code_pay_dialog.isVisible(), timeout=3000)
    dialog = ws.code_pay_dialog
    assert dialog.due.text().endswith("123.45")
    assert display.status.text() == "请出示付款码" and display.due.text().endswith("123.45")
    qtbot.keyClicks(dialog.code, "284567890123451001")  # Alipay: waits for the password, paid at the 2nd query
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: display.status.text() == "请在手机上输入支付密码", timeout=10_000)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=15_000)
    settle(qtbot, ctx)
    [entry] = _collected(counter, order_no)
    assert [(t["method"], t["amount_fen"]) for t in entry["payload"]["tenders"]] == [("alipay", COD_FEN)]
    assert order_no in ws.message.text() and [op for op, _ in receipts.printed] == [entry["op_id"]]
    assert ws.found is None and not ws.code_pay_button.isEnabled()
    assert display.status.text() == "" and display.due.text() == ""  # ready for the next customer


def test_a_declined_code_hands_nothing_over(qtbot, ctx, counter, online, platform, engine, receipts):
    ws, order_no = _cod_order_found(qtbot, ctx, online, platform)
    qtbot.keyClick(ws.code, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is not None, timeout=3000)
    dialog = ws.code_pay_dialog
    qtbot.keyClicks(dialog.code, "134567890123451003")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15_000)
    assert "余额不足" in ws.message.text() and "订单未交付" in ws.message.text()
    dialog.close_button.click()
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=3000)
    assert _collected(counter, order_no) == [] and ws.found is not None and receipts.printed == []


def test_an_order_paid_online_has_no_code_payment(qtbot, ctx, counter, platform, engine):
    _, code = admin.pickup_codes(platform.db_path, "B001", limit=1)[0]
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code, code)
    settle(qtbot, ctx)
    assert ws.found is not None and not ws.found.cod_fen and not ws.code_pay_button.isEnabled()
    qtbot.keyClick(ws.code, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert ws.code_pay_dialog is None
