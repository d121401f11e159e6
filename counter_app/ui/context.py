"""What every screen shares: the counter, the session, the worker runner, the language, the settings,
the sync engine and receipts, and the shell's services (error handler, language manager, main window)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from counter_app.app.session import Session
from counter_app.app.settings import Settings, load_settings
from counter_app.bootstrap import Counter
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.errors import CounterError
from counter_app.ui.worker import Runner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from counter_app.app.compose import App
    from counter_app.receipts import ReceiptService
    from counter_app.sync.engine import SyncEngine
    from counter_app.ui.errors import ErrorHandler
    from counter_app.ui.i18n import LanguageManager

__all__ = ["Session", "UiContext"]

Approver = Callable[[str], SupervisorApproval | None]


@dataclass
class UiContext:
    counter: Counter
    runner: Runner
    language: str = "zh_CN"
    session: Session | None = None
    sync: SyncEngine | None = None
    receipts: ReceiptService | None = None
    # Printing waits on its own runner: waiting for a printer never holds a thread that commits operations.
    print_runner: Runner | None = None
    # Asks a supervisor to approve an action (their own id + PIN); None when cancelled. The shell sets the
    # real dialog (``supervisor.dialog_approver``); a test about something else may pass a function.
    approver: Approver | None = None
    settings: Settings = field(default_factory=Settings)
    app: App | None = None  # the composition root's result, when the shell built one
    languages: LanguageManager | None = None
    errors: ErrorHandler | None = None  # the one error handler
    window: QWidget | None = None  # the main window once built (parent of messages)
    print_runner: Runner | None = None  # printing's own worker thread (None: the main runner)

    def message(self, error: CounterError) -> str:
        """An error in the clerk's language."""
        return error.message("en" if self.language.startswith("en") else "zh")

    def reload_settings(self) -> Settings:
        """Read the settings again (after set-up or the printer dialog saved them); call off the GUI thread."""
        self.settings = load_settings(self.counter)
        return self.settings

    def report_error(self, error: BaseException) -> str:
        """The one way an error reaches the clerk outside a field: the shell's handler (logged, shown in the
        clerk's language, never a traceback)."""
        from counter_app.ui.worker import describe_error

        if self.errors is not None:
            return self.errors.show(error)
        return self.message(describe_error(error))
