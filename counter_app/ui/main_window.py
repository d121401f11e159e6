"""The counter's main window: status strip, side bar and the six workspaces (F1..F6), the shift gate,
the lock screen, the scanner router and the "what changed" broadcast."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.changes import Change
from counter_app.app.session import Session
from counter_app.ui.banner import StatusStrip
from counter_app.ui.context import UiContext
from counter_app.ui.customer_screen import open_customer_display
from counter_app.ui.focus import FocusKeeper
from counter_app.ui.login import LockScreen
from counter_app.ui.scanner import InputWatcher
from counter_app.ui.trace import trace
from counter_app.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog
from counter_app.ui.window_commands import WindowCommands
from counter_app.ui.workspaces.base import Workspace
from counter_app.ui.workspaces.bill import BillWorkspace
from counter_app.ui.workspaces.member import MemberWorkspace
from counter_app.ui.workspaces.parcel import ParcelWorkspace
from counter_app.ui.workspaces.pickup import PickupWorkspace
from counter_app.ui.workspaces.report import ReportWorkspace
from counter_app.ui.workspaces.sale import SaleWorkspace
from counter_app.ui.workspaces.sync import SyncWorkspace

log = logging.getLogger(__name__)

BUSY_AFTER_MS = 1000
SIDE_BAR_MAX = 190  # px: with the widest workspace (800) and the margins, the window fits a 1024 screen


# The workspaces in function-key order; each class carries its key, titles and shortcut.
WORKSPACES: tuple[type[Workspace], ...] = (PickupWorkspace, SaleWorkspace, BillWorkspace, MemberWorkspace,
                                           ReportWorkspace, SyncWorkspace, ParcelWorkspace)

WorkspaceFactory = Callable[[UiContext], Workspace]


class _Bridge(QObject):
    """Carries the change notice from whatever thread ran the service to the GUI thread."""

    changed = Signal(object)


class MainWindow(WindowCommands):
    """The counter window. Workspaces rely on ``ctx`` (session, runner, approver, language, settings, sync,
    receipts, the error handler); the window sets ``ctx.window`` to itself."""

    logged_out = Signal()
    language_switched = Signal(str)

    def __init__(self, ctx: UiContext, *, factories: dict[str, WorkspaceFactory] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        ctx.window = self
        self.locked = False
        self.printer_opener = self._printer_opener()
        self.drawer_dialog: QDialog | None = None

        self.banner = StatusStrip(ctx)
        self.side_bar = QListWidget()
        self.side_bar.setObjectName("SideBar")
        self.side_bar.setFocusPolicy(Qt.StrongFocus)
        self.side_bar.setFixedWidth(150)
        self.side_bar.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # sized to its titles, never scrolled
        self.side_bar.setWordWrap(True)  # a title longer than SIDE_BAR_MAX takes two lines
        self.stack = QStackedWidget()
        self.stack.setObjectName("workspaces")
        self.gate = QFrame()
        self.gate.setObjectName("ShiftGate")
        self.gate.setAttribute(Qt.WA_StyledBackground, True)
        self.gate_text = QLabel()
        self.gate_text.setObjectName("gate_text")
        self.gate_button = QPushButton()
        self.gate_button.setObjectName("gate_open_shift")
        self.gate_button.setProperty("primary", True)
        self.gate_button.clicked.connect(self.open_shift)
        # The gate sits under the F-keys, in the side bar's spare height: above the workspaces it made the window
        # taller than a 768-pixel screen.
        self.gate_text.setWordWrap(True)
        gate_layout = QVBoxLayout(self.gate)
        gate_layout.setContentsMargins(10, 10, 10, 10)
        gate_layout.addWidget(self.gate_text)
        gate_layout.addWidget(self.gate_button)

        self.workspaces: list[Workspace] = []
        self.specs = list(WORKSPACES)
        for spec in WORKSPACES:
            factory = (factories or {}).get(spec.key)
            workspace = factory(ctx) if factory is not None else spec(ctx)
            if isinstance(workspace, ReportWorkspace):  # the report screen's 签退 button
                workspace.close_shift_requested.connect(self.close_shift)
            self.workspaces.append(workspace)
            self.stack.addWidget(workspace)
            item = QListWidgetItem()
            item.setData(Qt.UserRole, spec.key)
            self.side_bar.addItem(item)
        self.side_bar.currentRowChanged.connect(self._row_changed)
        self.customer_display = open_customer_display(self)  # 客显: second screen, or when configured

        content = QVBoxLayout()
        content.setContentsMargins(12, 12, 12, 12)  # 2×12 + side bar 190 + parcel screen 805 ≤ 1024
        content.setSpacing(10)
        content.addWidget(self.stack, 1)
        side = QWidget()
        side.setObjectName("SideColumn")
        side.setAttribute(Qt.WA_StyledBackground, True)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 8)
        side_layout.setSpacing(0)
        side_layout.addWidget(self.side_bar, 1)
        gate_margin = QHBoxLayout()
        gate_margin.setContentsMargins(6, 0, 6, 0)
        gate_margin.addWidget(self.gate)
        side_layout.addLayout(gate_margin)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(side)
        body.addLayout(content, 1)
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.setSpacing(0)
        work_layout.addWidget(self.banner)
        work_layout.addLayout(body, 1)
        self.lock_screen = LockScreen(ctx)
        self.lock_screen.unlocked.connect(self.unlock)
        self.pages = QStackedWidget()
        self.pages.addWidget(work)
        self.pages.addWidget(self.lock_screen)
        self.setCentralWidget(self.pages)

        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(160)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.busy_label.hide()
        self.busy_bar.hide()
        self.busy_timer = QTimer(self)
        self.busy_timer.setSingleShot(True)
        self.busy_timer.setInterval(BUSY_AFTER_MS)
        self.busy_timer.timeout.connect(self._show_busy)
        ctx.runner.busy_changed.connect(self._busy_changed)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.set_idle_minutes(ctx.settings.idle_lock_minutes)

        self._build_actions()
        self.watcher = InputWatcher(self)
        QApplication.instance().installEventFilter(self.watcher)
        self.focus_keeper = FocusKeeper(self, self.take_keyboard)  # after every dialog (no window manager)
        QApplication.instance().installEventFilter(self.focus_keeper)

        self._bridge = _Bridge(self)
        self._bridge.changed.connect(self.on_counter_changed)
        bridge_ref = weakref.ref(self._bridge)

        def relay(change: Change) -> None:
            bridge = bridge_ref()
            if bridge is not None:
                try:
                    bridge.changed.emit(change)
                except RuntimeError:  # the window is gone; the counter outlives it
                    pass

        self._unsubscribe = ctx.counter.subscribe(relay)
        self.resize(1366, 768)
        self.retranslate()
        self.side_bar.setCurrentRow(0)
        self.update_gate()
        self.banner.start()
        self.note_activity()

    # --- construction -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("邮政营业柜台"))
        for index, spec in enumerate(self.specs):
            title = self.workspaces[index].title() or (spec.title_en if self.ctx.language.startswith("en")
                                                       else spec.title_zh)
            self.side_bar.item(index).setText(f"{spec.shortcut}   {title}")
            self.workspace_actions[index].setText(title)
        # Wide enough for the longest title in this language, up to SIDE_BAR_MAX: a longer one ("F4   Members &
        # points") wraps onto a second line, never clipped; 1024-pixel counter screens need every other pixel
        # for the workspace (issue 11: the English side bar pushed the window past a 1024 screen).
        self.side_bar.ensurePolished()
        metrics = self.side_bar.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.side_bar.item(i).text()) for i in range(self.side_bar.count()))
        self.side_bar.setFixedWidth(min(SIDE_BAR_MAX, max(150, longest + 48)))
        self.gate.setFixedWidth(self.side_bar.maximumWidth() - 12)  # the 签到 notice under the F-keys
        self.open_shift_action.setText(self.tr("签到开班"))
        self.close_shift_action.setText(self.tr("签退点钞"))
        self.lock_action.setText(self.tr("锁屏"))
        self.language_action.setText(self.tr("English"))
        self.sync_action.setText(self.tr("立即同步"))
        self.printer_action.setText(self.tr("打印机设置"))
        self.drawer_action.setText(self.tr("开钱箱（主管）"))
        self.books_action.setText(self.tr("尾箱与轧帐"))
        self.logout_action.setText(self.tr("注销"))
        self.quit_action.setText(self.tr("退出"))
        self.business_menu.setTitle(self.tr("业务(&B)"))
        self.shift_menu.setTitle(self.tr("班次(&T)"))
        self.system_menu.setTitle(self.tr("系统(&Y)"))
        self.gate_text.setText(self.tr("尚未签到：请先签到开班，录入备用金后才能办理业务。"))
        self.gate_button.setText(self.tr("签到开班 (F9)"))
        self.busy_label.setText(self.tr("正在处理，请稍候…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- workspaces ---------------------------------------------------------------------------------------

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.workspaces):
            self.stack.setCurrentIndex(row)
            trace("workspace", key=self.workspaces[row].key)
            self.stack.setEnabled(self.usable(self.workspaces[row]))
            if self.usable(self.workspaces[row]):
                self.workspaces[row].activated()

    def usable(self, workspace: Workspace) -> bool:
        """A workspace works inside an open shift; one that needs none (日结) works without one too."""
        return self.has_shift() or not getattr(workspace, "needs_shift", True)

    def switch_to(self, which: int | str) -> Workspace:
        """Show a workspace by index or key (what F1..F6 and the side bar do)."""
        index = which if isinstance(which, int) else [s.key for s in self.specs].index(which)
        self.side_bar.setCurrentRow(index)
        return self.workspaces[index]

    def current_workspace(self) -> Workspace:
        return self.workspaces[self.stack.currentIndex()]

    def workspace(self, key: str) -> Workspace:
        return self.workspaces[[s.key for s in self.specs].index(key)]

    def take_keyboard(self) -> None:
        """Focus where the clerk works now: the lock screen's PIN, 签到, or the workspace's code field."""
        if self.locked:
            form = self.lock_screen.form
            (form.pin if form.clerk_id.text() else form.clerk_id).setFocus()
        elif not self.has_shift():
            self.gate_button.setFocus()
        else:
            field = self.current_workspace().code_field()
            (field if field is not None and field.isEnabled() else self.side_bar).setFocus()

    def scans_routable(self) -> bool:
        return not self.locked and self.has_shift() and self.pages.currentIndex() == 0

    def route_scan(self, text: str) -> None:
        """A scanner burst typed outside any field: the current workspace handles it."""
        log.info("scan routed to %s", self.current_workspace().key)
        self.current_workspace().handle_scan(text)

    # --- shift and session --------------------------------------------------------------------------------

    def has_shift(self) -> bool:
        return self.ctx.session is not None and bool(self.ctx.session.shift_id)

    def update_gate(self) -> None:
        """Workspaces work only inside an open shift; otherwise say so and offer 签到."""
        open_ = self.has_shift()
        trace("shift", open=open_)
        self.gate.setVisible(not open_)
        self.stack.setEnabled(self.usable(self.current_workspace()))
        self.open_shift_action.setEnabled(not open_ and not self.locked and self.ctx.session is not None)
        self.close_shift_action.setEnabled(open_ and not self.locked)
        self.banner.refresh()
        if self.usable(self.current_workspace()):
            self.current_workspace().activated()
        if not open_ and not self.locked:
            self.gate_button.setFocus()

    def open_shift(self) -> OpenShiftDialog | None:
        if self.ctx.session is None or self.has_shift() or self.locked:
            return None
        dialog = OpenShiftDialog(self.ctx, self)
        dialog.opened.connect(lambda _opened: self.update_gate())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def close_shift(self) -> CloseShiftDialog | None:
        if not self.has_shift() or self.locked:
            return None
        dialog = CloseShiftDialog(self.ctx, self)
        dialog.closed.connect(lambda _closed: self.update_gate())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def set_session(self, session: Session | None) -> None:
        self.ctx.session = session
        for workspace in self.workspaces:  # the next clerk sees nothing of the last one's forms
            workspace.reset_for_new_clerk()
        self.update_gate()
        self._broadcast(Change(session=True))

    # --- language, sync, messages -------------------------------------------------------------------------

    def notify(self, text: str, msecs: int = 6000) -> None:
        self.statusBar().showMessage(text, msecs)

    def report_error(self, error: BaseException) -> str:
        """Show an error to the clerk through the one handler (or the status line without one)."""
        message = self.ctx.report_error(error)
        if self.ctx.errors is None:
            self.notify(message)
        return message

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self.busy_timer.start()
        else:
            self.busy_timer.stop()
            self.busy_label.hide()
            self.busy_bar.hide()

    def _show_busy(self) -> None:
        self.busy_label.show()
        self.busy_bar.show()

    # --- "what changed" broadcast -------------------------------------------------------------------------

    def on_counter_changed(self, change: Change) -> None:
        """On the GUI thread: refresh the strip and tell every workspace."""
        if change.touches("shift_open", "shift_close") or change.settings:
            self.banner.refresh()
        self.banner.poll()  # the queue grew (or emptied): 待上传 follows
        self._broadcast(change)

    def _broadcast(self, change: Change) -> None:
        for workspace in self.workspaces:
            try:
                workspace.on_changed(change)
            except Exception as exc:  # noqa: BLE001 - one workspace failing must not stop the others
                log.exception("workspace %s failed on change %r", workspace.key, change)
                self.report_error(exc)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        if event.spontaneous() and not self.quitting and not self.confirm_leaving(True):  # a title bar's ×
            event.ignore()
            return
        self._unsubscribe()  # the counter outlives the window: stop hearing its changes
        QApplication.instance().removeEventFilter(self.watcher)
        QApplication.instance().removeEventFilter(self.focus_keeper)
        self.idle_timer.stop()
        self.banner.stop()
        super().closeEvent(event)
