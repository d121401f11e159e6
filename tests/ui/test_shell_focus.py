"""Without a window manager the keyboard comes back after every dialog (issue 11, point 5), and the shell's
smaller points (issue 11, point 10): log out and quit ask first while a shift is open (the real message box),
and the lock screen shows no menu bar whose items would do nothing.

The offscreen platform behaves as X11 without a window manager here: when a dialog closes, no window is
active, so a shortcut pressed then does nothing unless the window takes the keyboard back itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from counter_app.ui.supervisor import SupervisorDialog, dialog_approver

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _when_modal(act: Callable[[object], None], kind: type | None = None) -> None:
    """When a modal dialog (of ``kind``) is up: ``act(dialog)`` (works inside ``exec()``'s loop too)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (kind is not None and not isinstance(dialog, kind)):
            QTimer.singleShot(20, attempt)
            return
        act(dialog)

    QTimer.singleShot(0, attempt)


def _escape(qtbot):  # noqa: ANN001, ANN202
    return lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def _press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    """A key where the keyboard is now (the focused widget, else the active window): as a clerk presses it."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no window holds the keyboard"
    qtbot.keyClick(target, key, modifiers)


def _shortcut_acts(qtbot, window) -> None:  # noqa: ANN001
    """After the dialog: F3 then F2 switch workspaces at once, without a click."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
    qtbot.wait(50)
    _press(qtbot, Qt.Key.Key_F3)
    assert window.current_workspace().key == "bill"
    _press(qtbot, Qt.Key.Key_F2)
    assert window.current_workspace().key == "sale"
    assert QApplication.activeWindow() is window


def test_f_keys_work_after_every_dialog_closes(qtbot, ctx, make_window):
    window = make_window(fakes=False)
    ctx.approver = dialog_approver(lambda: window)  # the real supervisor dialog

    # 打印机设置: the supervisor dialog (exec), cancelled with Esc.
    _when_modal(_escape(qtbot), SupervisorDialog)
    _press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    _shortcut_acts(qtbot, window)

    # 开钱箱: the reason dialog (open), cancelled.
    _press(qtbot, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.drawer_dialog is not None, timeout=5_000)
    qtbot.keyClick(window.drawer_dialog, Qt.Key.Key_Escape)
    _shortcut_acts(qtbot, window)

    # 尾箱与轧帐 (open), closed.
    _press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5_000)
    # Closed once its figures are in: closed earlier, its late reload hits deleted widgets (books_dialog.py).
    books = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: bool(books.report_text.toPlainText()) and ctx.runner.running == 0, timeout=10_000)
    qtbot.wait(200)
    books.reject()
    _shortcut_acts(qtbot, window)

    # 签退 (F10): the close-shift dialog, cancelled.
    _press(qtbot, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5_000)
    QApplication.activeModalWidget().reject()
    _shortcut_acts(qtbot, window)

    # 注销 with the shift open: the question, answered 取消.
    _when_modal(lambda box: box.findChild(QPushButton, "confirm_no").click(), QMessageBox)
    _press(qtbot, Qt.Key.Key_L, CTRL_SHIFT)
    _shortcut_acts(qtbot, window)
    assert window.ctx.session is not None  # still logged in


def test_the_keyboard_comes_back_to_the_workspace_field(qtbot, ctx, make_window):
    window = make_window(fakes=False)
    pickup = window.switch_to("pickup")
    _press(qtbot, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.drawer_dialog is not None, timeout=5_000)
    qtbot.keyClick(window.drawer_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pickup.code_field(), timeout=5_000)


def test_logging_out_with_a_shift_open_asks_first(qtbot, ctx, make_window):
    window = make_window(fakes=False)
    seen: list[str] = []
    logged_out: list[bool] = []
    window.logged_out.connect(lambda: logged_out.append(True))

    def answer(button: str) -> Callable[[object], None]:
        def act(box) -> None:  # noqa: ANN001
            seen.append(box.text())
            box.findChild(QPushButton, button).click()
        return act

    _when_modal(answer("confirm_no"), QMessageBox)
    window.logout_action.trigger()
    assert seen == ["本班次尚未签退点钞。确定要注销吗？"] and logged_out == [] and window.ctx.session is not None
    _when_modal(answer("confirm_yes"), QMessageBox)
    window.logout_action.trigger()
    assert logged_out == [True] and window.ctx.session is None


def test_quitting_with_a_shift_open_asks_first_and_without_one_does_not(qtbot, ctx, make_window):
    window = make_window(fakes=False)
    seen: list[str] = []

    def cancel(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        box.findChild(QPushButton, "confirm_no").click()

    _when_modal(cancel, QMessageBox)
    window.quit_action.trigger()
    assert seen == ["本班次尚未签退点钞。确定要退出程序吗？"] and window.isVisible()

    def accept(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        box.findChild(QPushButton, "confirm_yes").click()

    _when_modal(accept, QMessageBox)
    window.quit_action.trigger()
    assert len(seen) == 2 and not window.isVisible()


def test_quitting_without_a_shift_asks_nothing(qtbot, ctx, make_window):
    window = make_window(shift=False, fakes=False)
    window.quit_action.trigger()  # a question here would hang the test: none is asked
    assert not window.isVisible()


def test_the_lock_screen_shows_no_menu_bar(qtbot, ctx, make_window):
    window = make_window(fakes=False)
    assert window.menuBar().isVisible()
    window.lock()
    assert not window.menuBar().isVisible()
    assert all(not a.isEnabled() for a in window.session_actions)
    window.unlock(window.ctx.session)
    assert window.menuBar().isVisible()
