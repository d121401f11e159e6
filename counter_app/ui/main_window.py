"""The counter's main window: status strip, side bar and the six workspaces (F1..F6), the shift gate,
the lock screen, the scanner router and the "what changed" broadcast."""

from __future__ import annotations

import importlib
import inspect
import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.banner import StatusStrip
from counter_app.ui.context import Session, UiContext
from counter_app.ui.i18n import LanguageManager, normalise
from counter_app.ui.login import LockScreen
from counter_app.ui.printer_dialog import PrinterDialog, load_for_supervisor
from counter_app.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog
from counter_app.ui.workspaces.base import Workspace

log = logging.getLogger(__name__)

DEFAULT_IDLE_LOCK_MINUTES = 5
BUSY_AFTER_MS = 1000
# A scanner types a whole code in a burst: at least this many characters, each within SCAN_GAP_S of the last.
SCAN_MIN_CHARS = 4
SCAN_GAP_S = 0.050


@dataclass(frozen=True)
class WorkspaceSpec:
    key: str
    module: str
    title_zh: str
    title_en: str
    shortcut: str


WORKSPACES = (
    WorkspaceSpec("pickup", "counter_app.ui.workspaces.pickup", "提货", "Pickup", "F1"),
    WorkspaceSpec("sale", "counter_app.ui.workspaces.sale", "销售/下单", "Sale / order", "F2"),
    WorkspaceSpec("bill", "counter_app.ui.workspaces.bill", "缴费", "Bill payment", "F3"),
    WorkspaceSpec("member", "counter_app.ui.workspaces.member", "会员", "Members", "F4"),
    WorkspaceSpec("report", "counter_app.ui.workspaces.report", "日结", "Day close", "F5"),
    WorkspaceSpec("sync", "counter_app.ui.workspaces.sync", "同步", "Sync", "F6"),
    WorkspaceSpec("parcel", "counter_app.ui.workspaces.parcel", "寄递", "Parcels", "F7"),
)

WorkspaceFactory = Callable[[UiContext], Workspace]


def workspace_class(module_name: str) -> type[Workspace]:
    """The ``Workspace`` subclass defined in ``module_name`` (ImportError/LookupError when there is none)."""
    module = importlib.import_module(module_name)
    found = [obj for _, obj in inspect.getmembers(module, inspect.isclass)
             if issubclass(obj, Workspace) and obj is not Workspace and obj.__module__ == module.__name__]
    if not found:
        raise LookupError(f"{module_name} defines no Workspace subclass")
    # Prefer the most derived class if a module defines helpers and the workspace itself.
    found.sort(key=lambda cls: len(cls.__mro__), reverse=True)
    return found[0]


class PlaceholderWorkspace(Workspace):
    """Stands in for a workspace whose module is missing or failed to load, so the shell still runs."""

    def __init__(self, ctx: UiContext, spec: WorkspaceSpec, problem: str = "",
                 parent: QWidget | None = None) -> None:
        self.key = spec.key
        self.title_zh, self.title_en, self.shortcut = spec.title_zh, spec.title_en, spec.shortcut
        super().__init__(ctx, parent)
        self.problem = problem
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "hint")
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.last_code = ""
        self.code.returnPressed.connect(lambda: setattr(self, "last_code", self.code.text()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addWidget(self.code)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.notice.setText(self.tr("该功能模块尚未安装或加载失败，请联系技术支持。"))
        self.code.setPlaceholderText(self.tr("扫码或输入编码"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def code_field(self) -> QLineEdit:
        return self.code


def is_editable(widget: QWidget | None) -> bool:
    """True when keystrokes in ``widget`` type text (so a scan there is the field's own business)."""
    if widget is None:
        return False
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


class InputWatcher(QObject):
    """Application event filter: notes activity for the idle lock and turns scanner bursts into scans.

    A scanner acts as a keyboard: a burst of at least SCAN_MIN_CHARS characters, each within SCAN_GAP_S of
    the last, then Enter. Typed while no editable field has focus, the burst goes to the current workspace's
    ``handle_scan``; in an editable field it is left alone (the field gets it).
    """

    ACTIVITY = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.TouchBegin)

    def __init__(self, window: MainWindow, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.buffer: list[str] = []
        self.last = 0.0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind in self.ACTIVITY and isinstance(obj, QWidget) and obj.window() is self.window:
            self.window.note_activity()
        if kind == QEvent.KeyPress and isinstance(obj, QWidget):
            focus = QApplication.focusWidget()
            if obj is (focus or obj.window()):
                return self._key(obj, event)  # type: ignore[arg-type]
        return False

    def _key(self, obj: QWidget, event: QKeyEvent) -> bool:
        if obj.window() is not self.window or not self.window.scans_routable():
            self.buffer = []
            return False
        if is_editable(QApplication.focusWidget()):
            self.buffer = []
            return False
        now = self.clock()
        if self.buffer and now - self.last > SCAN_GAP_S:
            self.buffer = []
        key = event.key()
        if key in (Qt.Key_Return, Qt.Key_Enter):
            text, self.buffer = "".join(self.buffer), []
            if len(text) >= SCAN_MIN_CHARS:
                self.window.route_scan(text)
                return True
            return False
        text = event.text()
        plain = not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            self.buffer.append(text)
            self.last = now
            return True  # with no field focused the key would go nowhere useful; hold it as a possible scan
        self.buffer = []
        return False


class _Bridge(QObject):
    """Carries ``Counter.changed`` from whatever thread ran the service to the GUI thread."""

    changed = Signal(str)


def switch_language(ctx: UiContext, language: str) -> str:
    """Install ``language``'s translators for the whole application and record it in the context."""
    manager = ctx.extras.get("languages")
    if manager is None:
        manager = ctx.extras["languages"] = LanguageManager(QCoreApplication.instance())
    ctx.language = manager.set_language(normalise(language))
    # Deliver the LanguageChange events now, so every label reads the new language when this returns.
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)
    return ctx.language


class MainWindow(QMainWindow):
    """The counter window. Workspaces rely on: ``ctx`` (session, runner, approver, language, sync, receipts),
    ``ctx.extras["report_error"](exc)``, ``ctx.extras["notify"](text)`` and ``ctx.extras["window"]``."""

    logged_out = Signal()
    language_switched = Signal(str)

    def __init__(self, ctx: UiContext, *, factories: dict[str, WorkspaceFactory] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        ctx.extras["window"] = self
        ctx.extras.setdefault("notify", self.notify)
        ctx.extras.setdefault("report_error", self.report_error)
        self.locked = False
        self.printer_dialog: PrinterDialog | None = None
        self._printer_approving = False

        self.banner = StatusStrip(ctx)
        self.side_bar = QListWidget()
        self.side_bar.setObjectName("SideBar")
        self.side_bar.setFocusPolicy(Qt.StrongFocus)
        self.side_bar.setFixedWidth(150)
        self.side_bar.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # sized to its titles, never scrolled
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
        gate_layout = QHBoxLayout(self.gate)
        gate_layout.setContentsMargins(18, 12, 18, 12)
        gate_layout.addWidget(self.gate_text, 1)
        gate_layout.addWidget(self.gate_button)

        self.workspaces: list[Workspace] = []
        self.specs: list[WorkspaceSpec] = []
        self.load_problems: dict[str, str] = {}
        for spec in WORKSPACES:
            workspace = self._make_workspace(spec, (factories or {}).get(spec.key))
            if hasattr(workspace, "close_shift_requested"):  # the report screen's 签退 button
                workspace.close_shift_requested.connect(self.close_shift)
            self.workspaces.append(workspace)
            self.specs.append(spec)
            self.stack.addWidget(workspace)
            item = QListWidgetItem()
            item.setData(Qt.UserRole, spec.key)
            self.side_bar.addItem(item)
        self.side_bar.currentRowChanged.connect(self._row_changed)

        content = QVBoxLayout()
        content.setContentsMargins(16, 12, 16, 12)
        content.setSpacing(10)
        content.addWidget(self.gate)
        content.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.side_bar)
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
        self.set_idle_minutes((ctx.extras.get("settings") or {}).get("idle_lock_minutes",
                                                                     DEFAULT_IDLE_LOCK_MINUTES))

        self._build_actions()
        self.watcher = InputWatcher(self)
        QApplication.instance().installEventFilter(self.watcher)

        self._bridge = _Bridge(self)
        self._bridge.changed.connect(self.on_counter_changed)
        bridge_ref = weakref.ref(self._bridge)

        def relay(what: str) -> None:
            bridge = bridge_ref()
            if bridge is not None:
                try:
                    bridge.changed.emit(what)
                except RuntimeError:  # the window is gone; the counter outlives it
                    pass

        ctx.counter.subscribe(relay)
        self.resize(1366, 768)
        self.retranslate()
        self.side_bar.setCurrentRow(0)
        self.update_gate()
        self.banner.start()
        self.note_activity()

    # --- construction -------------------------------------------------------------------------------------

    def _make_workspace(self, spec: WorkspaceSpec, factory: WorkspaceFactory | None) -> Workspace:
        try:
            if factory is not None:
                return factory(self.ctx)
            return workspace_class(spec.module)(self.ctx)
        except Exception as exc:  # noqa: BLE001 - a broken workspace must not keep the counter shut
            if isinstance(exc, ModuleNotFoundError) and exc.name == spec.module:
                log.warning("workspace %s not installed yet; showing a placeholder", spec.module)
            else:
                log.exception("workspace %s failed to load; showing a placeholder", spec.module)
            self.load_problems[spec.key] = f"{type(exc).__name__}: {exc}"
            return PlaceholderWorkspace(self.ctx, spec, self.load_problems[spec.key])

    def _action(self, shortcut: str, slot: Callable[[], Any], name: str) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.workspace_actions: list[QAction] = []
        for index, spec in enumerate(self.specs):
            self.workspace_actions.append(
                self._action(spec.shortcut, lambda _checked=False, i=index: self.switch_to(i),
                             f"action_{spec.key}"))
        self.open_shift_action = self._action("F9", self.open_shift, "action_open_shift")
        self.close_shift_action = self._action("F10", self.close_shift, "action_close_shift")
        self.lock_action = self._action("F11", self.lock, "action_lock")
        self.language_action = self._action("Ctrl+Shift+E", self.toggle_language, "action_language")  # F12 is 收款 in the workspaces
        self.sync_action = self._action("Ctrl+R", self.request_sync, "action_sync_now")
        self.logout_action = self._action("Ctrl+Shift+L", self.logout, "action_logout")
        self.quit_action = self._action("Ctrl+Q", self.close, "action_quit")
        self.printer_action = self._action("Ctrl+Shift+P", self.printer_settings, "action_printer_settings")
        self.business_menu = self.menuBar().addMenu("")
        for action in self.workspace_actions:
            self.business_menu.addAction(action)
        self.shift_menu = self.menuBar().addMenu("")
        self.shift_menu.addActions([self.open_shift_action, self.close_shift_action])
        self.system_menu = self.menuBar().addMenu("")
        self.system_menu.addActions([self.sync_action, self.printer_action, self.language_action, self.lock_action,
                                     self.logout_action, self.quit_action])
        self.session_actions = [*self.workspace_actions, self.open_shift_action, self.close_shift_action,
                                self.lock_action, self.sync_action, self.printer_action, self.logout_action]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("邮政营业柜台"))
        for index, spec in enumerate(self.specs):
            title = self.workspaces[index].title() or (spec.title_en if self.ctx.language.startswith("en")
                                                       else spec.title_zh)
            self.side_bar.item(index).setText(f"{spec.shortcut}   {title}")
            self.workspace_actions[index].setText(title)
        # Wide enough for the longest title in this language ("F4   Members & points"): never clipped.
        self.side_bar.ensurePolished()
        metrics = self.side_bar.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.side_bar.item(i).text()) for i in range(self.side_bar.count()))
        # No wider than that either: 1024-pixel counter screens need every pixel for the workspace.
        self.side_bar.setFixedWidth(max(150, longest + 48))
        self.open_shift_action.setText(self.tr("签到开班"))
        self.close_shift_action.setText(self.tr("签退点钞"))
        self.lock_action.setText(self.tr("锁屏"))
        self.language_action.setText(self.tr("English"))
        self.sync_action.setText(self.tr("立即同步"))
        self.printer_action.setText(self.tr("打印机设置"))
        self.logout_action.setText(self.tr("注销"))
        self.quit_action.setText(self.tr("退出"))
        self.business_menu.setTitle(self.tr("业务(&B)"))
        self.shift_menu.setTitle(self.tr("班次(&S)"))
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
            if self.has_shift():
                self.workspaces[row].activated()

    def switch_to(self, which: int | str) -> Workspace:
        """Show a workspace by index or key (what F1..F6 and the side bar do)."""
        index = which if isinstance(which, int) else [s.key for s in self.specs].index(which)
        self.side_bar.setCurrentRow(index)
        return self.workspaces[index]

    def current_workspace(self) -> Workspace:
        return self.workspaces[self.stack.currentIndex()]

    def workspace(self, key: str) -> Workspace:
        return self.workspaces[[s.key for s in self.specs].index(key)]

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
        self.gate.setVisible(not open_)
        self.stack.setEnabled(open_)
        self.open_shift_action.setEnabled(not open_ and not self.locked and self.ctx.session is not None)
        self.close_shift_action.setEnabled(open_ and not self.locked)
        self.banner.refresh()
        if open_:
            self.current_workspace().activated()
        elif not self.locked:
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
        self.update_gate()
        self._broadcast("session")

    # --- idle lock ----------------------------------------------------------------------------------------

    def set_idle_minutes(self, minutes: Any) -> None:
        try:
            value = float(minutes)
        except (TypeError, ValueError):
            value = DEFAULT_IDLE_LOCK_MINUTES
        self.set_idle_timeout_ms(int(value * 60_000))

    def set_idle_timeout_ms(self, msecs: int) -> None:
        """0 turns the idle lock off."""
        self.idle_ms = max(0, int(msecs))
        self.note_activity()

    def note_activity(self) -> None:
        if self.idle_ms and not self.locked and self.ctx.session is not None:
            self.idle_timer.start(self.idle_ms)
        else:
            self.idle_timer.stop()

    def lock(self) -> None:
        """锁屏: hide the counter until the clerk's PIN is typed again (or another clerk logs in)."""
        if self.locked or self.ctx.session is None:
            return
        self.locked = True
        self.idle_timer.stop()
        for action in self.session_actions:
            action.setEnabled(False)
        self.pages.setCurrentIndex(1)
        if self.printer_dialog is not None:  # the supervisor's dialog must not stay over the lock screen
            self.printer_dialog.reject()
        self.lock_screen.lock_for(self.ctx.session)
        log.info("counter locked (clerk %s)", self.ctx.session.clerk_id)

    def unlock(self, session: Session) -> None:
        previous = self.ctx.session
        self.locked = False
        for action in self.session_actions:
            action.setEnabled(True)
        self.pages.setCurrentIndex(0)
        if previous is None or previous.clerk_id != session.clerk_id:
            self.set_session(session)
        else:
            previous.shift_id = session.shift_id
            self.update_gate()
        self.note_activity()

    def logout(self) -> None:
        self.idle_timer.stop()
        if self.printer_dialog is not None:
            self.printer_dialog.reject()
        self.ctx.session = None
        self.logged_out.emit()

    # --- printer settings (supervisor) ---------------------------------------------------------------------

    def printer_settings(self) -> None:
        """打印机设置: a supervisor approves with their own id and PIN (checked on the worker), then the dialog
        opens with the stored settings; ``printer_dialog`` holds it while it is open."""
        if self.ctx.session is None or self.locked:
            return
        if self.printer_dialog is not None:
            self.printer_dialog.raise_()
            self.printer_dialog.activateWindow()
            return
        if self._printer_approving:
            return
        approval = self.ctx.approver(self.tr("打印机设置")) if self.ctx.approver is not None else None
        if approval is None:
            self.notify(self.tr("主管未授权，操作已取消"))
            return
        self._printer_approving = True
        counter = self.ctx.counter

        def refused(error: Any) -> None:
            self._printer_approving = False
            self.report_error(error)

        self.ctx.runner.run(lambda: load_for_supervisor(counter, approval),
                            on_success=lambda current: self._open_printer_dialog(current, approval.supervisor_id),
                            on_failure=refused)

    def _open_printer_dialog(self, current: dict[str, Any], supervisor_id: str) -> None:
        self._printer_approving = False
        if self.printer_dialog is not None or self.locked or self.ctx.session is None:
            return
        dialog = PrinterDialog(self.ctx, current, self, supervisor_id=supervisor_id)
        self.printer_dialog = dialog
        dialog.finished.connect(lambda _result: self._printer_dialog_closed(dialog))
        dialog.open()

    def _printer_dialog_closed(self, dialog: PrinterDialog) -> None:
        if self.printer_dialog is dialog:
            self.printer_dialog = None
        dialog.deleteLater()

    # --- language, sync, messages -------------------------------------------------------------------------

    def toggle_language(self) -> None:
        self.set_language("zh_CN" if self.ctx.language.startswith("en") else "en")

    def set_language(self, language: str) -> None:
        switch_language(self.ctx, language)
        self.retranslate()
        self._broadcast("language")
        self.language_switched.emit(self.ctx.language)

    def request_sync(self) -> None:
        engine = self.ctx.sync
        if engine is None:
            self.notify(self.tr("本柜台未连接平台，业务已保存在本机"))
            return
        self.ctx.runner.run(lambda: engine.request_sync(pull=True, retry_now=True), on_failure=self.report_error)
        self.notify(self.tr("已请求同步"))

    def notify(self, text: str, msecs: int = 6000) -> None:
        self.statusBar().showMessage(text, msecs)

    def report_error(self, error: BaseException) -> str:
        """Show an error to the clerk through the one handler; returns the message shown."""
        handler = self.ctx.extras.get("errors")
        if handler is not None:
            return handler.show(error)
        from counter_app.ui.worker import describe_error

        message = self.ctx.message(describe_error(error))
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

    def on_counter_changed(self, what: str) -> None:
        """On the GUI thread: refresh the strip and tell every workspace."""
        if what in ("shift_open", "shift_close"):
            self.banner.refresh()
        self.banner.poll()  # the queue grew (or emptied): 待上传 follows
        self._broadcast(what)

    def _broadcast(self, what: str) -> None:
        for workspace in self.workspaces:
            try:
                workspace.on_changed(what)
            except Exception as exc:  # noqa: BLE001 - one workspace failing must not stop the others
                log.exception("workspace %s failed on change %r", workspace.key, what)
                self.report_error(exc)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        QApplication.instance().removeEventFilter(self.watcher)
        self.idle_timer.stop()
        self.banner.stop()
        super().closeEvent(event)
