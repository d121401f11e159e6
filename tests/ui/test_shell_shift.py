"""签到 gates the workspaces; 签退 counts the drawer and needs a supervisor for a difference."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.domain.services import queries
from counter_app.ui.shift_dialogs import OpenShiftDialog


def journal(ctx, kind):
    return [e for e in queries.journal_entries(ctx.counter.uow()) if e["kind"] == kind]


def test_workspaces_are_refused_until_a_shift_is_open(qtbot, make_window):
    window = make_window(shift=False)
    assert window.gate.isVisible()
    assert not window.stack.isEnabled()
    assert "请先签到" in window.gate_text.text()
    assert window.banner.shift.text() == "未签到"

    dialog = window.open_shift()
    qtbot.keyClicks(dialog.float_fen, "12.345c")
    assert dialog.float_fen.text() == "12.34"  # an amount field takes no third decimal and no letter
    dialog.float_fen.clear()
    qtbot.keyClicks(dialog.float_fen, "500")
    with qtbot.waitSignal(dialog.opened, timeout=10_000):
        qtbot.keyClick(dialog.float_fen, Qt.Key_Return)
    assert window.has_shift()
    assert not window.gate.isVisible()
    assert window.stack.isEnabled()
    assert window.banner.shift.text() == "班次已开"
    [opened] = journal(window.ctx, "shift_open")
    assert opened["payload"] == {"float_fen": 50000}


def test_open_shift_button_is_reachable_by_f9(qtbot, make_window):
    window = make_window(shift=False)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.side_bar.setFocus()
    qtbot.keyClick(window.side_bar, Qt.Key_F9)
    qtbot.waitUntil(lambda: window.findChild(OpenShiftDialog) is not None, timeout=5_000)
    dialog = window.findChild(OpenShiftDialog)
    assert dialog.focusWidget() is dialog.float_fen


def close_dialog_ready(qtbot, window):
    dialog = window.close_shift()
    qtbot.waitUntil(lambda: dialog.expected_fen is not None, timeout=10_000)
    return dialog


def answer_confirmation(qtbot, dialog, answer="签退"):
    """The real confirmation box (window-modal, opened without a nested loop): click one of its buttons."""
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible(), timeout=5_000)
    box = dialog.confirm_box
    assert "确认签退" in box.text()
    next(b for b in box.buttons() if b.text() == answer).click()


def close_confirmed(qtbot, dialog):
    dialog.ok.click()
    with qtbot.waitSignal(dialog.closed, timeout=10_000):
        answer_confirmation(qtbot, dialog)


def test_close_shift_even_needs_no_supervisor(qtbot, make_window, approver):
    window = make_window()
    dialog = close_dialog_ready(qtbot, window)
    assert dialog.expected.text() == "¥500.00"
    dialog.counts[10000].setValue(5)
    assert dialog.difference.text() == "无差额"
    close_confirmed(qtbot, dialog)
    assert approver.calls == []
    assert not window.has_shift()
    assert window.gate.isVisible()
    [closed] = journal(window.ctx, "shift_close")
    assert closed["payload"]["supervisor_id"] is None


def test_close_shift_with_a_difference_asks_a_supervisor(qtbot, make_window, approver):
    window = make_window()
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(4)
    dialog.counts[5000].setValue(1)
    dialog.counts[10].setValue(3)
    assert dialog.counted.text() == "¥450.30"
    assert dialog.difference.text() == "短款 ¥49.70"
    assert dialog.difference.property("tone") == "short"
    close_confirmed(qtbot, dialog)
    assert approver.calls == ["签退：现金短款 ¥49.70"]
    [closed] = journal(window.ctx, "shift_close")
    assert closed["payload"]["supervisor_id"] == "9001"
    assert closed["payload"]["difference_fen"] == -4970


def test_close_shift_cash_over_is_named(qtbot, make_window):
    window = make_window()
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(6)
    assert dialog.difference.text() == "长款 ¥100.00"


def test_cancelled_supervisor_keeps_the_shift_open(qtbot, make_window, approver):
    approver.answer = None
    window = make_window()
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(1)
    dialog.ok.click()
    answer_confirmation(qtbot, dialog)
    assert dialog.error.text() == "有现金差额，需主管授权后才能签退"
    assert window.has_shift()
    assert journal(window.ctx, "shift_close") == []


def test_a_wrong_supervisor_pin_asks_again(qtbot, make_window, approver):
    from counter_app.domain.commands import SupervisorApproval

    answers = [SupervisorApproval("9001", "0000"), SupervisorApproval("9001", "8888")]
    window = make_window()
    window.ctx.approver = lambda action: (approver.calls.append(action), answers.pop(0))[1]
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(1)
    close_confirmed(qtbot, dialog)
    assert len(approver.calls) == 2
    assert "主管密码错误" in approver.calls[1]


def test_report_screens_close_shift_button_opens_the_cash_count(qtbot, make_window):
    from counter_app.ui.shift_dialogs import CloseShiftDialog
    from counter_app.ui.workspaces.report import ReportWorkspace

    window = make_window(factories={"report": ReportWorkspace})
    report = window.switch_to("report")
    report.close_shift_requested.emit()
    qtbot.waitUntil(lambda: window.findChild(CloseShiftDialog) is not None, timeout=5_000)


def test_close_shift_with_a_difference_and_the_real_supervisor_dialog(qtbot, make_window):
    """The shell's own approver (as the app builds it), over the close dialog: the supervisor types 9001 and
    their PIN into the real 主管授权 dialog and the close records them (the fakes above are about the wording)."""
    from counter_app.ui.supervisor import dialog_approver
    from tests.ui.ws_helpers import answer_supervisor

    window = make_window()
    window.ctx.approver = dialog_approver(lambda: window)  # what build_main_window sets up
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(4)
    dialog.counts[5000].setValue(1)
    seen: list[str] = []
    dialog.ok.click()
    answer_supervisor(qtbot, seen)
    with qtbot.waitSignal(dialog.closed, timeout=15_000):
        answer_confirmation(qtbot, dialog)
    assert seen[0] == "签退：现金短款 ¥50.00" and seen[1] == "主管工号|主管密码"
    [closed] = journal(window.ctx, "shift_close")
    assert closed["payload"]["supervisor_id"] == "9001" and closed["payload"]["difference_fen"] == -5000
    assert not window.has_shift()
