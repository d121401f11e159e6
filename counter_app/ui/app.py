"""The counter application: QApplication, font, language, style, the one error handler, first-run set-up,
then the login window and the main window."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.bootstrap import Counter
from counter_app.domain.errors import CounterError
from counter_app.ui.context import Session, UiContext
from counter_app.ui.fonts import has_cjk_glyphs, install_app_font
from counter_app.ui.i18n import LanguageManager, normalise
from counter_app.ui.login import LoginWindow
from counter_app.ui.main_window import MainWindow, WorkspaceFactory, switch_language
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.style import apply_style
from counter_app.ui.supervisor import dialog_approver
from counter_app.ui.worker import Runner, describe_error

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
        window = self.ctx.extras.get("window")
        parent = window if isinstance(window, QWidget) and window.isVisible() else None
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, parent)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()  # window-modal, never a nested event loop inside the hook


def build_context(counter: Counter, *, language: str = "zh_CN", runner: Runner | None = None) -> UiContext:
    """A UI context for ``counter`` with its settings loaded (read once at start)."""
    ctx = UiContext(counter=counter, runner=runner or Runner(), language=normalise(language))
    ctx.extras["settings"] = counter.settings()
    return ctx


def attach_optional_services(ctx: UiContext) -> list[str]:
    """The sync engine and the receipt service, when installed; returns what is missing (logged)."""
    missing: list[str] = []
    try:
        from counter_app.sync import attach_sync
    except ImportError as exc:
        log.warning("sync engine not available: %s", exc)
        missing.append("sync")
    else:
        try:
            ctx.sync = attach_sync(ctx.counter)
            if ctx.sync is not None:
                ctx.sync.start()
        except Exception:  # noqa: BLE001 - the counter works offline without it
            log.exception("sync engine failed to start; working offline")
            ctx.sync = None
            missing.append("sync")
    try:
        from counter_app.receipts import ReceiptService
    except ImportError as exc:
        log.warning("receipt service not available: %s", exc)
        missing.append("receipts")
    else:
        try:
            ctx.receipts = ReceiptService(ctx.counter)
            ctx.extras["print_runner"] = Runner(max_threads=1)  # printing never waits in the commit pool
        except Exception:  # noqa: BLE001 - sales go on; receipts can be reprinted later
            log.exception("receipt service failed to start")
            missing.append("receipts")
    ctx.extras["missing_services"] = missing
    return missing


def build_main_window(ctx: UiContext, *, factories: dict[str, WorkspaceFactory] | None = None) -> MainWindow:
    """The main window for ``ctx`` (session set or not), without running the event loop."""
    if "languages" not in ctx.extras:
        ctx.extras["languages"] = LanguageManager(QCoreApplication.instance())
    if ctx.extras["languages"].language != normalise(ctx.language):
        switch_language(ctx, ctx.language)
    if "errors" not in ctx.extras:
        ctx.extras["errors"] = ErrorHandler(ctx, parent=QCoreApplication.instance())
    window = MainWindow(ctx, factories=factories)
    if ctx.approver is None:
        ctx.approver = dialog_approver(lambda: window)
    return window


def prepare_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the CJK font and the style sheet."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("counter_app")
    app.setOrganizationName("counter_app")
    install_app_font(app)
    if not has_cjk_glyphs():
        log.error("the application font has no Chinese glyphs; install fonts-wqy-microhei or set COUNTER_APP_FONT")
    apply_style(app)
    return app


def is_configured(settings: dict[str, Any]) -> bool:
    return bool(settings.get("branch_id")) and bool(settings.get("counter_id"))


class Shell(QObject):
    """What the app shows when: set-up on first run, the login window, the main window, back on logout."""

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.login: LoginWindow | None = None
        self.window: MainWindow | None = None
        self.setup: SetupDialog | None = None

    def start(self) -> None:
        if is_configured(self.ctx.extras.get("settings") or {}):
            self.show_login()
            return
        self.setup = SetupDialog(self.ctx)
        self.setup.configured.connect(self.after_setup)
        self.setup.rejected.connect(QCoreApplication.instance().quit)
        self.setup.show()

    def after_setup(self, settings: dict[str, Any]) -> None:
        """The first-run set-up was saved (and enrolled): attach the sync engine now, not at the next start."""
        self.ctx.extras["settings"] = settings
        if self.ctx.sync is None and settings.get("platform_url") and settings.get("token"):
            # The banner polls ctx.sync, so it shows the link state whenever the engine is there.
            self.ctx.runner.run(lambda: attach_optional_services(self.ctx),
                                on_failure=lambda error: log.warning("sync not attached: %s", error.en))
        self.show_login()

    def show_login(self) -> None:
        if self.login is None:
            self.login = LoginWindow(self.ctx)
            self.login.logged_in.connect(self.logged_in)
            self.login.language_requested.connect(lambda lang: switch_language(self.ctx, lang))
        self.login.branch.setText(self._branch_line())
        if self.window is not None:
            self.window.hide()
        self.login.show()
        self.login.activateWindow()
        self.login.form.clerk_id.setFocus()

    def _branch_line(self) -> str:
        s = self.ctx.extras.get("settings") or {}
        return f"{s.get('branch_name') or s.get('branch_id', '')}  ·  {s.get('counter_id', '')}"

    def logged_in(self, session: Session) -> None:
        if self.window is None:
            self.window = build_main_window(self.ctx)
            self.window.logged_out.connect(self.show_login)
        self.window.set_session(session)
        self.window.note_activity()
        self.window.showMaximized()
        self.window.activateWindow()
        if self.login is not None:
            self.login.hide()
        if session.shift_id is None:
            self.window.open_shift()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.close()
        self.ctx.runner.wait_idle()
        if self.ctx.receipts is not None:  # its print worker stops; queued receipts wait for the next start
            self.ctx.extras.get("print_runner", self.ctx.runner).wait_idle()
            self.ctx.receipts.close()
        if self.ctx.sync is not None:
            try:
                self.ctx.sync.stop()
            except Exception:  # noqa: BLE001 - closing anyway
                log.exception("sync engine did not stop cleanly")


def _configure_logging(data_dir: Path) -> None:
    if logging.getLogger().handlers:
        return
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(data_dir / "counter_app.log", encoding="utf-8"))
    except OSError:
        pass
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def run_app(*, data_dir: Path | str | None, language: str = "zh_CN") -> int:
    """Open the counter window (the ``counter-app`` default command); returns the exit code."""
    app = prepare_application()
    try:
        counter = Counter(Path(data_dir) if data_dir else None)
        counter.claim()
    except CounterError as error:  # a newer or damaged database, or already open: say so, touch nothing
        lang = "en" if normalise(language) == "en" else "zh"
        QMessageBox.critical(None, "counter_app", error.message(lang))
        return 2
    _configure_logging(counter.data_dir)
    ctx = build_context(counter, language=language)
    ctx.extras["languages"] = LanguageManager(app)
    switch_language(ctx, language)
    errors = ErrorHandler(ctx, parent=app)
    ctx.extras["errors"] = errors
    errors.install()
    attach_optional_services(ctx)
    shell = Shell(ctx)
    shell.start()
    if os.environ.get("COUNTER_APP_STARTUP_PROBE"):
        # bench/ui_startup.py: report once the first window is on screen, then leave.
        def probe() -> None:
            print("counter-app-ready", flush=True)
            app.quit()

        QTimer.singleShot(0, probe)
    try:
        return int(app.exec())
    finally:
        shell.shutdown()
        errors.uninstall()
        counter.close()
