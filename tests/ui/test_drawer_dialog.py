"""系统 > 开钱箱 for real: Ctrl+Shift+D opens the reason dialog, the clerk picks a listed reason by keyboard,
the REAL supervisor dialog takes 9001/8888, the opening is journaled, and only then does the printer kick
the drawer (a network printer on loopback that answers its status)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from counter_app.domain import services
from counter_app.receipts import ReceiptService
from counter_app.ui.drawer_dialog import DrawerDialog
from counter_app.ui.supervisor import SupervisorDialog, dialog_approver
from tests.printing.escpos_decoder import decode
from tests.printing.fake_printer import FakePrinter

pytestmark = pytest.mark.timeout(60)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _answer_supervisor(qtbot, pin: str) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SupervisorDialog):
            QTimer.singleShot(20, answer)
            return
        qtbot.keyClicks(dialog.supervisor_id, "9001")
        qtbot.keyClick(dialog.supervisor_id, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.pin, pin)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def _drawer_entries(ctx):
    return [e for e in services.queries.journal_entries(ctx.counter.uow()) if e["kind"] == "drawer_opened"]


def test_supervisor_opens_the_drawer_by_keyboard_and_it_is_journaled_then_kicked(qtbot, make_window, ctx):
    window = make_window()
    ctx.approver = dialog_approver(lambda: window)  # the shell's approver, not a stand-in
    receipts = ReceiptService(ctx.counter)
    ctx.receipts = receipts
    try:
        with FakePrinter() as printer:
            ctx.counter.update_settings(printer={"kind": "network", "host": printer.host, "port": printer.port,
                                                 "timeout_s": 2.0, "paper_mm": 80, "drawer_pin": 2})
            qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)
            qtbot.waitUntil(lambda: isinstance(window.drawer_dialog, DrawerDialog), timeout=5_000)
            dialog = window.drawer_dialog
            assert dialog.windowTitle() == "开钱箱"
            qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)  # the second listed reason
            reason = dialog.reason.currentText()
            _answer_supervisor(qtbot, "8888")
            qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: len(_drawer_entries(ctx)) == 1, timeout=10_000)
            (entry,) = _drawer_entries(ctx)
            assert entry["payload"] == {"reason": reason, "supervisor_id": "9001"}
            (job,) = printer.wait_for_jobs(1)
            assert decode(job).drawer_kicks == [2]
            qtbot.waitUntil(lambda: "钱箱已打开" in window.statusBar().currentMessage(), timeout=10_000)
    finally:
        receipts.close()


def test_a_wrong_supervisor_pin_opens_nothing_and_records_nothing(qtbot, make_window, ctx):
    window = make_window()
    ctx.approver = dialog_approver(lambda: window)
    with FakePrinter() as printer:
        ctx.counter.update_settings(printer={"kind": "network", "host": printer.host, "port": printer.port,
                                             "timeout_s": 2.0, "paper_mm": 80, "drawer_pin": 2})
        receipts = ReceiptService(ctx.counter)
        ctx.receipts = receipts
        try:
            window.drawer_action.trigger()
            qtbot.waitUntil(lambda: window.drawer_dialog is not None, timeout=5_000)
            _answer_supervisor(qtbot, "0000")
            window.drawer_dialog.buttons.button(window.drawer_dialog.buttons.StandardButton.Ok).click()
            qtbot.waitUntil(lambda: "主管密码错误" in window.statusBar().currentMessage(), timeout=10_000)
            assert _drawer_entries(ctx) == [] and printer.jobs == []
        finally:
            receipts.close()
