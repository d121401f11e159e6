"""The books dialog driven for real: a cash move through the worker shows on the X report, a correction is
answered with a supervisor, and the Z is refused while a shift is open."""

from __future__ import annotations

from counter_app.domain.services.dayclose import books_report
from counter_app.store.books import save_corrections
from counter_app.ui.books_dialog import BooksDialog
from counter_app.ui.context import Session
from tests.ui.conftest import open_shift_now

DAY = "2026-11-25"


def _dialog(qtbot, ctx) -> BooksDialog:
    dialog = BooksDialog(ctx)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None)
    return dialog


def test_a_cash_collection_is_journaled_and_shows_on_the_x_report(qtbot, ctx) -> None:
    ctx.session = Session("1001", "王芳", "clerk")
    open_shift_now(ctx, 50_000)
    dialog = _dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.amount, "200.00")
    dialog.reason.setText("领零钞")
    dialog.buttons["collect"].click()
    qtbot.waitUntil(lambda: "已记账" in dialog.status.text())
    assert "¥700.00" in dialog.status.text()
    qtbot.waitUntil(lambda: "尾箱调拨" in dialog.report_text.toPlainText()
                    and "200.00" in dialog.report_text.toPlainText())
    assert books_report(DAY, ctx.counter.uow()).cash_moves == {"cash_collect": {"count": 1, "amount_fen": 20_000}}


def test_a_hand_back_above_the_limit_asks_the_supervisor(qtbot, ctx, approver) -> None:
    ctx.counter.update_settings(books_rules={"cash_move_supervisor_above_fen": 10_000})
    ctx.session = Session("1001", "王芳", "clerk")
    open_shift_now(ctx, 50_000)
    dialog = _dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.amount, "300")
    dialog.reason.setText("上缴")
    dialog.buttons["hand_back"].click()
    qtbot.waitUntil(lambda: "已记账" in dialog.status.text())
    assert approver.calls == ["尾箱上缴"]


def test_a_correction_is_accepted_with_a_supervisor_and_the_z_waits_for_the_shift(qtbot, ctx, approver) -> None:
    ctx.session = Session("1001", "王芳", "clerk")
    open_shift_now(ctx, 50_000)
    with ctx.counter.uow() as uow:
        save_corrections(uow.conn, [{"correction_id": "CR1", "business_date": DAY, "amount_fen": -300,
                                     "reason": "手续费", "op_id": None, "issued_at": f"{DAY}T10:00:00"}], at="now")
        uow.commit()
    dialog = _dialog(qtbot, ctx)
    assert dialog.corrections.count() == 1 and "待处理" in dialog.corrections.item(0).text()
    dialog.corrections.setCurrentRow(0)
    dialog.reason.setText("同意")
    dialog.accept_button.click()
    qtbot.waitUntil(lambda: "已确认" in dialog.status.text())
    qtbot.waitUntil(lambda: dialog.corrections.count() == 1 and "已确认" in dialog.corrections.item(0).text())
    assert approver.calls == ["更正确认"]
    dialog.close_day_button.click()
    qtbot.waitUntil(lambda: "签退" in dialog.status.text())
    assert dialog.status.property("role") == "error"


def test_the_main_window_opens_the_books_dialog(qtbot, make_window) -> None:
    window = make_window(fakes=True)
    window.books_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "books_dialog", None) is not None and window.books_dialog.isVisible())
    dialog = window.books_dialog
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert "中途轧帐(X)" in dialog.report_text.toPlainText()
    assert window.books_action.text() == "尾箱与轧帐"
    dialog.close()


def test_closing_the_books_before_the_report_loads_does_not_crash(qtbot, make_window, monkeypatch) -> None:
    """Ctrl+Shift+B then Esc at once: the X report arrives after the dialog is deleted and must be dropped
    (it raised "Internal C++ object (QPlainTextEdit) already deleted" in a slot, which pytest-qt fails on)."""
    import threading

    import shiboken6

    import counter_app.ui.books_dialog as books_module

    gate = threading.Event()
    real_report = books_module.books_report

    def slow_report(*args, **kwargs):  # noqa: ANN002, ANN003 - the real report, held back until the dialog is gone
        gate.wait(10)
        return real_report(*args, **kwargs)

    monkeypatch.setattr(books_module, "books_report", slow_report)
    window = make_window(fakes=True)
    window.books_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "books_dialog", None) is not None and window.books_dialog.isVisible())
    dialog = window.books_dialog
    dialog.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    gate.set()
    qtbot.waitUntil(lambda: window.ctx.runner.running == 0, timeout=10_000)
    qtbot.wait(50)  # the late report is delivered (and dropped) on the GUI thread
    assert window.isVisible()


def test_a_hand_back_above_the_limit_with_the_real_supervisor_dialog(qtbot, ctx) -> None:
    """The shell's approver over the books dialog: the real 主管授权 dialog, 9001 and their PIN typed in."""
    from counter_app.domain.services import queries
    from counter_app.ui.supervisor import dialog_approver
    from tests.ui.ws_helpers import answer_supervisor

    ctx.counter.update_settings(books_rules={"cash_move_supervisor_above_fen": 10_000})
    ctx.session = Session("1001", "王芳", "clerk")
    open_shift_now(ctx, 50_000)
    dialog = _dialog(qtbot, ctx)
    ctx.approver = dialog_approver(lambda: dialog)
    qtbot.keyClicks(dialog.amount, "300")
    dialog.reason.setText("上缴")
    seen: list[str] = []
    answer_supervisor(qtbot, seen)
    dialog.buttons["hand_back"].click()
    qtbot.waitUntil(lambda: "已记账" in dialog.status.text(), timeout=10_000)
    assert seen[0].startswith("尾箱上缴") and seen[1] == "主管工号|主管密码"
    [move] = [e for e in queries.journal_entries(ctx.counter.uow()) if e["kind"] == "cash_handback"]
    assert move["payload"]["amount_fen"] == 30_000 and move["payload"]["supervisor_id"] == "9001"
