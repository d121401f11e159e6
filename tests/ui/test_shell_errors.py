"""Errors reach the clerk through one handler, in their language, never as a traceback."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt

from counter_app.app.changes import Change
from counter_app.domain import services
from counter_app.domain.errors import Refused
from counter_app.ui.login import LoginWindow
from counter_app.ui.worker import UNEXPECTED_EN, UNEXPECTED_ZH


def test_an_unexpected_service_exception_becomes_the_clerk_message(qtbot, ctx, monkeypatch):
    def broken_login(cmd, uow, deps):
        raise RuntimeError("sqlite3.OperationalError: secret internal detail")

    monkeypatch.setattr(services, "login", broken_login)
    window = LoginWindow(ctx)
    qtbot.add_widget(window)
    qtbot.keyClicks(window.form.clerk_id, "1001")
    qtbot.keyClicks(window.form.pin, "1234")
    qtbot.keyClick(window.form.pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.form.pin_error.text() != "", timeout=10_000)
    assert window.form.pin_error.text() == UNEXPECTED_ZH
    assert "secret" not in window.form.pin_error.text()


def test_the_excepthook_logs_and_shows_a_clerk_message(ctx, shown_errors, caplog):
    handler = ctx.errors
    try:
        raise KeyError("a programming slip")
    except KeyError:
        handler.excepthook(*sys.exc_info())
    assert shown_errors == [UNEXPECTED_ZH]
    assert "Traceback" not in shown_errors[0]
    assert "a programming slip" in caplog.text  # the traceback goes to the log, not to the clerk


def test_a_counter_error_is_shown_in_the_clerk_language(ctx, shown_errors):
    handler = ctx.errors
    ctx.language = "en"
    handler.show(Refused("no_open_shift", "请先签到（开班）再办理业务", "Open a shift before serving customers"))
    handler.show(RuntimeError("x"))
    assert shown_errors == ["Open a shift before serving customers", UNEXPECTED_EN]


def test_a_workspace_failing_on_a_change_is_reported_not_raised(qtbot, make_window, shown_errors):
    window = make_window()

    def explode(what):
        raise ValueError("boom")

    window.workspace("bill").on_changed = explode
    window.on_counter_changed(Change.operation("bill_payment"))
    assert shown_errors == [UNEXPECTED_ZH]
    assert ("bill_payment", True) in window.workspace("report").changes  # the others still heard it


def test_errors_from_other_threads_are_shown_on_the_gui_thread(qtbot, ctx, shown_errors):
    import threading

    handler = ctx.errors

    def fail():
        try:
            raise RuntimeError("in a thread")
        except RuntimeError:
            handler.excepthook(*sys.exc_info())

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: shown_errors == [UNEXPECTED_ZH], timeout=5_000)
