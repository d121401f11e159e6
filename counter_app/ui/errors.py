"""The one way errors reach the clerk: logged with their traceback, shown as a message in the clerk's
language, never a traceback, exception name or English code."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.domain.errors import CounterError
from counter_app.ui.context import UiContext
from counter_app.ui.worker import describe_error

log = logging.getLogger(__name__)

Presenter = Callable[[str, str], None]


class ErrorHandler(QObject):
    """The one way errors reach the clerk: logged with their traceback, shown as a message in the clerk's
    language. Installed as ``sys.excepthook`` and ``threading.excepthook``; other threads are marshalled to
    the GUI thread. ``presenter(title, text)`` is injectable (a modal box would hang an offscreen test)."""

    _show_later = Signal(object)

    def __init__(self, ctx: UiContext, *, presenter: Presenter | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.presenter = presenter or self._message_box
        self.shown: list[str] = []
        self._show_later.connect(self.show, Qt.QueuedConnection)
        self._previous: tuple[Any, Any] | None = None

    def message_for(self, error: BaseException) -> str:
        return self.ctx.message(describe_error(error))

    def show(self, error: BaseException) -> str:
        message = self.message_for(error)
        self.shown.append(message)
        title = QCoreApplication.translate("ErrorHandler", "提示")
        try:
            self.presenter(title, message)
        except Exception:  # noqa: BLE001 - the error path itself must never crash the counter
            log.exception("could not show an error message")
        return message

    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if not isinstance(exc, CounterError):
            log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        if threading.current_thread() is threading.main_thread():
            self.show(exc)
        else:
            self._show_later.emit(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _message_box(self, title: str, text: str) -> None:
        window = self.ctx.window
        parent = window if isinstance(window, QWidget) and window.isVisible() else None
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, parent)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()  # window-modal, never a nested event loop inside the hook
