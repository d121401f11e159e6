"""主管授权 for real: refunds and voids on F2 open the REAL supervisor dialog (the
shell's approver), a supervisor types their own id and PIN (demo supervisor 9001 / 8888), and the service
records their id (the printer settings' case is in test_shell_printer.py).

The dialog is modal (``exec``): a zero-delay timer set before the action types into it once it is up, so
no modal dialog is ever left hanging."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain import services
from counter_app.ui.supervisor import SupervisorDialog, dialog_approver
from counter_app.ui.workspaces.sale import SaleWorkspace

from .ws_helpers import (  # noqa: F401
    answer_supervisor,
    approver,
    cancel_supervisor,
    ctx,
    receipts,
    settle,
    show,
    type_enter,
    type_text,
)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
STAMP = "6901234567892"


def _entries(counter, kind):
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == kind]


def _real_sale_workspace(qtbot, ctx):
    ws = SaleWorkspace(ctx)
    ctx.approver = dialog_approver(lambda: ws)  # the shell's approver, not a stand-in
    return show(qtbot, ws)


def test_dialog_builds_with_its_labels_in_both_languages(qtbot):
    dialog = SupervisorDialog("退款：订单 X")
    qtbot.addWidget(dialog)
    assert dialog.form.labelForField(dialog.supervisor_id) is dialog.id_label
    assert dialog.id_label.text() == "主管工号" and dialog.pin_label.text() == "主管密码"


def test_refund_with_the_real_supervisor_dialog_records_the_supervisor(qtbot, ctx, counter):
    ws = _real_sale_workspace(qtbot, ctx)
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    type_text(qtbot, ws.cash, "200")
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    order_no = _entries(counter, "counter_order")[0]["payload"]["order_no"]
    type_enter(qtbot, ws.order_no, order_no)
    settle(qtbot, ctx)
    type_text(qtbot, ws.reason, "damaged")

    seen: list[str] = []
    answer_supervisor(qtbot, seen)
    qtbot.keyClick(ws.reason, Qt.Key.Key_R, CTRL_SHIFT)
    settle(qtbot, ctx)

    assert order_no in seen[0] and seen[1] == "主管工号|主管密码"
    [refund] = _entries(counter, "refund")
    assert refund["payload"]["supervisor_id"] == "9001" and refund["payload"]["amount_fen"] == 12800
    assert services.queries.get_order(order_no, counter.uow()).status == "refunded"
    assert "已退款" in ws.message.text()


def test_void_with_the_real_supervisor_dialog_and_a_cancel_first(qtbot, ctx, counter):
    ws = _real_sale_workspace(qtbot, ctx)
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # pay later
    settle(qtbot, ctx)
    order_no = _entries(counter, "counter_order")[0]["payload"]["order_no"]
    type_text(qtbot, ws.reason, "customer changed mind")

    seen: list[str] = []
    cancel_supervisor(seen)
    qtbot.keyClick(ws.reason, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert order_no in seen[0] and "主管未授权" in ws.message.text()
    assert _entries(counter, "void") == []
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws)  # the keyboard comes back: shortcuts work

    answer_supervisor(qtbot, seen)
    qtbot.keyClick(ws.reason, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert len(seen) == 3
    [void] = _entries(counter, "void")
    assert void["payload"]["supervisor_id"] == "9001"
    assert services.queries.get_order(order_no, counter.uow()).status == "voided"


def test_a_wrong_supervisor_pin_is_refused_and_nothing_is_voided(qtbot, ctx, counter):
    ws = _real_sale_workspace(qtbot, ctx)
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    order_no = _entries(counter, "counter_order")[0]["payload"]["order_no"]
    type_text(qtbot, ws.reason, "wrong item")

    answer_supervisor(qtbot, [], pin="0000")
    qtbot.keyClick(ws.reason, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert _entries(counter, "void") == []
    assert services.queries.get_order(order_no, counter.uow()).status == "unpaid"
    assert "密码" in (ws.message.text() + ws.error_beside("order_no"))

