"""The main window's commands: its actions and menus (F1..F6, 签到/签退, lock, language, sync, printer
settings, log out, quit), the idle lock and the lock screen, log out and quit (asking first while a shift is
open), the supervisor's printer settings, the language switch and 立即同步."""

from __future__ import annotations

from collections.abc import Callable
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

from counter_app.app.changes import Change
from counter_app.app.session import Session
from counter_app.app.printer import load_for_supervisor
from counter_app.ui.confirm import ask
from counter_app.ui.context import UiContext
from counter_app.ui.devices_dialog import install_device_settings
from counter_app.ui.drawer_dialog import DrawerDialog, open_drawer_command
from counter_app.ui.i18n import switch_language
from counter_app.ui.ops import QueryOp
from counter_app.ui.printer_dialog import PrinterDialog
from counter_app.ui.supervised_dialog import SupervisedDialog
from counter_app.ui.trace import trace

if TYPE_CHECKING:
    from counter_app.ui.workspaces.base import Workspace

log = logging.getLogger("counter_app.ui.main_window")


class WindowCommands(QMainWindow):
    """The commands half of ``MainWindow`` (which derives from it): it builds the actions and runs them."""

    ctx: UiContext
    locked: bool
    specs: list[type[Workspace]]
    printer_opener: SupervisedDialog
    devices_opener: SupervisedDialog  # 系统 > 外设设置 (devices_dialog.install_device_settings)
    quitting = False  # the clerk confirmed 退出: closing needs no second question
    language_switched: SignalInstance

    if TYPE_CHECKING:  # the window's own
        def switch_to(self, which: int | str) -> Workspace: ...
        def open_shift(self) -> object: ...
        def close_shift(self) -> object: ...
        def update_gate(self) -> None: ...
        def set_session(self, session: Session | None) -> None: ...
        def retranslate(self) -> None: ...
        def notify(self, text: str, msecs: int = 6000) -> None: ...
        def report_error(self, error: BaseException) -> str: ...
        def has_shift(self) -> bool: ...
        def _broadcast(self, change: Change) -> None: ...

    def _switch_slot(self, index: int) -> Callable[[], object]:
        return lambda: self.switch_to(index)

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
            self.workspace_actions.append(self._action(spec.shortcut, self._switch_slot(index), f"action_{spec.key}"))
        self.open_shift_action = self._action("F9", self.open_shift, "action_open_shift")
        self.close_shift_action = self._action("F10", self.close_shift, "action_close_shift")
        self.lock_action = self._action("F11", self.lock, "action_lock")
        self.language_action = self._action("Ctrl+Shift+E", self.toggle_language, "action_language")  # F12 is 收款 in the workspaces
        self.sync_action = self._action("Ctrl+R", self.request_sync, "action_sync_now")
        self.logout_action = self._action("Ctrl+Shift+L", self.request_logout, "action_logout")
        self.quit_action = self._action("Ctrl+Q", self.request_quit, "action_quit")
        self.printer_action = self._action("Ctrl+Shift+P", self.printer_settings, "action_printer_settings")
        self.drawer_action = self._action("Ctrl+Shift+D", self.open_drawer, "action_open_drawer")
        self.books_action = self._action("Ctrl+Shift+B", self.open_books, "action_books")  # 尾箱与轧帐 (issue 16)
        self.business_menu = self.menuBar().addMenu("")
        for action in self.workspace_actions:
            self.business_menu.addAction(action)
        self.shift_menu = self.menuBar().addMenu("")
        self.shift_menu.addActions([self.open_shift_action, self.close_shift_action, self.books_action])
        self.system_menu = self.menuBar().addMenu("")
        self.system_menu.addActions([self.sync_action, self.printer_action, self.drawer_action, self.language_action,
                                     self.lock_action, self.logout_action, self.quit_action])
        self.session_actions = [*self.workspace_actions, self.open_shift_action, self.close_shift_action,
                                self.lock_action, self.sync_action, self.printer_action, self.drawer_action,
                                self.logout_action, self.books_action]
        install_device_settings(self)  # 系统 > 外设设置 (counter_app/ui/devices_dialog.py)

    # --- idle lock ----------------------------------------------------------------------------------------

    def set_idle_minutes(self, minutes: float) -> None:
        self.set_idle_timeout_ms(int(minutes * 60_000))

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
        self.menuBar().setVisible(False)  # its items would look enabled and do nothing
        for workspace in self.workspaces:  # the last sale's figures and messages are not left for whoever unlocks
            workspace.clear_results()
        self.printer_opener.close()  # the supervisor's dialog must not stay over the lock screen
        self.lock_screen.lock_for(self.ctx.session)
        trace("locked")
        log.info("counter locked (clerk %s)", self.ctx.session.clerk_id)

    def unlock(self, session: Session) -> None:
        previous = self.ctx.session
        self.locked = False
        for action in self.session_actions:
            action.setEnabled(True)
        self.pages.setCurrentIndex(0)
        self.menuBar().setVisible(True)
        trace("unlocked")
        if previous is None or previous.clerk_id != session.clerk_id:
            self.set_session(session)
        else:
            previous.shift_id = session.shift_id
            self.update_gate()
        self.note_activity()

    def logout(self) -> None:
        self.idle_timer.stop()
        self.printer_opener.close()
        self.ctx.session = None
        self.logged_out.emit()

    # --- leaving with a shift open --------------------------------------------------------------------------

    def confirm_leaving(self, quitting: bool) -> bool:
        """With a shift open (the cash not counted), the clerk confirms logging out or quitting."""
        if not self.has_shift():
            return True
        if quitting:
            text, yes = self.tr("本班次尚未签退点钞。确定要退出程序吗？"), self.tr("退出程序")
        else:
            text, yes = self.tr("本班次尚未签退点钞。确定要注销吗？"), self.tr("注销")
        return ask(self, self.tr("班次未签退"), text, yes=yes, no=self.tr("取消"))

    def request_logout(self) -> None:
        """注销 (Ctrl+Shift+L): asks first when a shift is open."""
        if self.ctx.session is not None and not self.locked and self.confirm_leaving(False):
            self.logout()

    def request_quit(self) -> None:
        """退出 (Ctrl+Q): asks first when a shift is open."""
        if self.confirm_leaving(True):
            self.quitting = True
            self.close()

    def open_books(self) -> None:
        """尾箱与轧帐: the cash box, the X report, corrections and the Z (counter_app/ui/books_dialog.py)."""
        if self.ctx.session is None or self.locked:
            return
        from counter_app.ui.books_dialog import BooksDialog

        dialog = BooksDialog(self.ctx, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose, True)
        self.books_dialog = dialog
        dialog.open()

    # --- printer settings (supervisor) ---------------------------------------------------------------------

    def printer_settings(self) -> None:
        """打印机设置: a supervisor approves with their own id and PIN (checked on the worker), then the dialog
        opens with the stored settings (ui/supervised_dialog.py)."""
        self.printer_opener.open()

    @property
    def printer_dialog(self) -> PrinterDialog | None:
        dialog = self.printer_opener.dialog
        return dialog if isinstance(dialog, PrinterDialog) else None

    @property
    def devices_dialog(self) -> QDialog | None:
        return self.devices_opener.dialog

    def _printer_opener(self) -> SupervisedDialog:
        counter = self.ctx.counter
        return SupervisedDialog(
            self, lambda: self.tr("打印机设置"), lambda approval: load_for_supervisor(counter, approval),
            lambda current, supervisor_id: PrinterDialog(self.ctx, current, self, supervisor_id=supervisor_id))

    # --- 开钱箱 (supervisor) ---------------------------------------------------------------------------------

    def open_drawer(self) -> None:
        """The reason first (a dialog that does not block), then the supervisor, the journal, the drawer."""
        if self.ctx.session is None or self.locked:
            return
        dialog = DrawerDialog(self)
        self.drawer_dialog = dialog

        def closed(result: int) -> None:
            self.drawer_dialog = None
            reason = dialog.reason.currentText().strip()
            dialog.deleteLater()
            self.activateWindow()  # no window manager at the counter: take the keyboard back
            if result == DrawerDialog.DialogCode.Accepted:
                open_drawer_command(self.ctx, self, reason, self.notify)

        dialog.finished.connect(closed)
        dialog.open()

    def toggle_language(self) -> None:
        self.set_language("zh_CN" if self.ctx.language.startswith("en") else "en")

    def set_language(self, language: str) -> None:
        switch_language(self.ctx, language)
        self.retranslate()
        self._broadcast(Change(language=True))
        self.language_switched.emit(self.ctx.language)

    def request_sync(self) -> None:
        engine = self.ctx.sync
        if engine is None:
            self.notify(self.tr("本柜台未连接平台，业务已保存在本机"))
            return
        QueryOp(self.ctx, lambda: engine.request_sync(pull=True, retry_now=True)).run()
        self.notify(self.tr("已请求同步"))

