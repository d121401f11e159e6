"""UI fixtures: a UI context over the real seeded ``counter`` (tests/conftest.py), an injected supervisor
approver and error presenter (a real modal box would hang an offscreen run), and stand-in workspaces."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from counter_app.app.changes import Change
from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift, SupervisorApproval
from counter_app.ui.app import ErrorHandler, build_context, build_main_window
from counter_app.ui.context import Session, UiContext
from counter_app.ui.fonts import install_app_font
from counter_app.ui.i18n import switch_language
from counter_app.ui.main_window import WORKSPACES, MainWindow
from counter_app.ui.style import apply_style
from counter_app.ui.worker import Runner
from counter_app.ui.workspaces.base import Workspace


class FakeApprover:
    """Stands in for the supervisor dialog in tests about something else (the shell's flow, the printer
    settings' fields): records what was asked, answers with ``answer``. The real dialog is driven with a real
    supervisor's PIN in test_supervisor_dialog.py."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.answer: SupervisorApproval | None = SupervisorApproval("9001", "8888")

    def __call__(self, action: str) -> SupervisorApproval | None:
        self.calls.append(action)
        return self.answer


class FakeWorkspace(Workspace):
    """A workspace with a code field that records scans, submitted codes and change broadcasts."""

    def __init__(self, ctx: UiContext, key: str) -> None:
        self.key = key
        spec = next(s for s in WORKSPACES if s.key == key)
        self.title_zh, self.title_en, self.shortcut = spec.title_zh, spec.title_en, spec.shortcut
        super().__init__(ctx)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.submitted: list[str] = []
        self.scans: list[str] = []
        self.changes: list[tuple[str, bool]] = []
        self.code.returnPressed.connect(lambda: self.submitted.append(self.code.text()))
        QVBoxLayout(self).addWidget(self.code)

    def code_field(self) -> QLineEdit:
        return self.code

    def handle_scan(self, text: str) -> None:
        self.scans.append(text)
        super().handle_scan(text)

    def on_changed(self, change: Change) -> None:
        """Records (what changed, heard on the GUI thread): the operation kind or the flag that is set."""
        flags = [name for name in ("settings", "sync", "print_jobs", "clerks", "session", "language")
                 if getattr(change, name)]
        what = change.kind if change.operations else (flags[0] if flags else "")
        self.changes.append((what or "", threading.current_thread() is threading.main_thread()))


@pytest.fixture(scope="session")
def styled_app(qapp, tmp_path_factory):  # noqa: ANN001 - pytest-qt fixture
    """The application with the CJK font and the style sheet, as the real app has them."""
    import os

    os.environ["COUNTER_APP_QM_DIR"] = str(tmp_path_factory.mktemp("qm"))
    install_app_font(qapp)
    apply_style(qapp)
    return qapp


@pytest.fixture
def approver() -> FakeApprover:
    return FakeApprover()


@pytest.fixture
def shown_errors() -> list[str]:
    """Every message the one error handler showed the clerk."""
    return []


@pytest.fixture
def ctx(styled_app, counter: Counter, approver: FakeApprover, shown_errors: list[str]) -> Iterator[UiContext]:
    ctx = build_context(counter, runner=Runner())
    ctx.approver = approver
    ctx.errors = ErrorHandler(ctx, presenter=lambda _title, text: shown_errors.append(text))
    yield ctx
    if ctx.languages is not None:
        switch_language(ctx, "zh_CN")  # before draining the worker: a language change may reload screens
    ctx.runner.wait_idle()


def open_shift_now(ctx: UiContext, float_fen: int = 50_000) -> str:
    """Open the session clerk's shift through the service (test set-up, not the dialog)."""
    opened = ctx.counter.run(services.open_shift, OpenShift(ctx.session.clerk_id, float_fen))
    ctx.session.shift_id = opened.shift.shift_id
    return opened.shift.shift_id


@pytest.fixture
def make_window(qtbot, ctx: UiContext) -> Callable[..., MainWindow]:
    """``make_window(shift=True, fakes=True)``: a shown main window for clerk 1001."""

    def make(*, shift: bool = True, fakes: bool = True, clerk: tuple[str, str, str] = ("1001", "王芳", "clerk"),
             factories: dict | None = None) -> MainWindow:
        ctx.session = Session(*clerk)
        if shift:
            open_shift_now(ctx)
        if factories is None and fakes:
            factories = {s.key: (lambda c, k=s.key: FakeWorkspace(c, k)) for s in WORKSPACES}
        window = build_main_window(ctx, factories=factories)
        qtbot.add_widget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):  # shortcuts and focus work only in the active window
            window.activateWindow()
        return window

    return make
