"""The counter application: QApplication, font, language, style, the one error handler, first-run set-up,
then the login window and the main window. The counter itself comes from ``app.compose.build``."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.app.logs import configure_logging
from counter_app.app.compose import App, build
from counter_app.app.session import Session
from counter_app.app.settings import Settings, load_settings
from counter_app.bootstrap import Counter
from counter_app.domain.errors import CounterError
from counter_app.ui.context import UiContext
from counter_app.ui.errors import ErrorHandler
from counter_app.ui.fonts import has_cjk_glyphs, install_app_font
from counter_app.ui.i18n import LanguageManager, normalise, switch_language
from counter_app.ui.login import LoginWindow
from counter_app.ui.main_window import MainWindow, WorkspaceFactory
from counter_app.ui.ops import QueryOp
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.style import apply_style
from counter_app.ui.supervisor import dialog_approver
from counter_app.ui.trace import install_tracer
from counter_app.ui.worker import Runner

log = logging.getLogger(__name__)

__all__ = ["ErrorHandler", "Shell", "build_context", "build_main_window", "context_for", "prepare_application",
           "run_app"]


def build_context(counter: Counter, *, language: str = "zh_CN", runner: Runner | None = None) -> UiContext:
    """A UI context for ``counter`` with its settings loaded (read once at start)."""
    # Printing has a runner of its own: waiting for a printer never holds a thread that commits operations.
    return UiContext(counter=counter, runner=runner or Runner(), language=normalise(language),
                     settings=load_settings(counter), print_runner=Runner(max_threads=1))


def context_for(app: App, *, language: str = "zh_CN", runner: Runner | None = None) -> UiContext:
    """The UI context over what the composition root built: its counter, sync engine and receipts."""
    ctx = build_context(app.counter, language=language, runner=runner)
    ctx.app, ctx.sync, ctx.receipts = app, app.sync, app.receipts
    ctx.print_runner = Runner(max_threads=1)  # printing never waits in the commit pool
    return ctx


def build_main_window(ctx: UiContext, *, factories: dict[str, WorkspaceFactory] | None = None) -> MainWindow:
    """The main window for ``ctx`` (session set or not), without running the event loop."""
    if ctx.languages is None:
        ctx.languages = LanguageManager(QCoreApplication.instance())
    if ctx.languages.language != normalise(ctx.language):
        switch_language(ctx, ctx.language)
    if ctx.errors is None:
        ctx.errors = ErrorHandler(ctx, parent=QCoreApplication.instance())
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
    install_tracer(app)  # only with $COUNTER_APP_UI_TRACE (the real-window smoke test)
    return app


class Shell(QObject):
    """What the app shows when: set-up on first run, the login window, the main window, back on logout."""

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.login: LoginWindow | None = None
        self.window: MainWindow | None = None
        self.setup: SetupDialog | None = None

    def start(self) -> None:
        if self.ctx.settings.is_configured:
            self.show_login()
            return
        self.setup = SetupDialog(self.ctx)
        self.setup.configured.connect(self.after_setup)
        self.setup.rejected.connect(QCoreApplication.instance().quit)
        self.setup.show()

    def after_setup(self, settings: Settings) -> None:
        """The first-run set-up was saved (and enrolled): the sync engine starts now, not at the next start."""
        app = self.ctx.app
        if self.ctx.sync is None and app is not None and settings.is_enrolled:
            def enabled(engine: object) -> None:
                self.ctx.sync = app.sync  # the banner polls ctx.sync, so it shows the link state from now on

            def started() -> object:
                engine = app.enable_sync()
                app.start()
                return engine

            QueryOp(self.ctx, started).success(enabled) \
                .failure(lambda error: log.warning("sync not attached: %s", error.en)).run()
        self.show_login()

    def show_login(self) -> None:
        if self.login is None:
            self.login = LoginWindow(self.ctx)
            self.login.logged_in.connect(self.logged_in)
            self.login.language_requested.connect(lambda lang: switch_language(self.ctx, lang))
        self.login.branch.setText(self.ctx.settings.counter_line())
        if self.window is not None:
            self.window.hide()
        self.login.show()
        self.login.activateWindow()
        self.login.form.clerk_id.setFocus()

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
        if self.ctx.print_runner is not None:  # receipts being printed finish; queued ones wait for the next start
            self.ctx.print_runner.wait_idle()


def run_app(*, data_dir: Path | str | None, language: str = "zh_CN") -> int:
    """Open the counter window (the ``counter-app`` default command); returns the exit code."""
    qt_app = prepare_application()
    try:
        app = build(data_dir, claim=True)
    except CounterError as error:  # a newer or damaged database, or already open: say so, touch nothing
        lang = "en" if normalise(language) == "en" else "zh"
        QMessageBox.critical(None, "counter_app", error.message(lang))
        return 2
    configure_logging()  # the rotating, masked log (no PIN, token, card reference or full phone)
    ctx = context_for(app, language=language)
    ctx.languages = LanguageManager(qt_app)
    switch_language(ctx, language)
    errors = ErrorHandler(ctx, parent=qt_app)
    ctx.errors = errors
    errors.install()
    try:
        app.start()
    except Exception:  # noqa: BLE001 - the counter works offline without its engine
        log.exception("sync engine failed to start; working offline")
    shell = Shell(ctx)
    shell.start()
    if os.environ.get("COUNTER_APP_STARTUP_PROBE"):
        # bench/ui_startup.py: report once the first window is on screen, then leave.
        def probe() -> None:
            print("counter-app-ready", flush=True)
            qt_app.quit()

        QTimer.singleShot(0, probe)
    try:
        return int(qt_app.exec())
    finally:
        shell.shutdown()
        errors.uninstall()
        app.close()
