"""A settings dialog only a supervisor opens (打印机设置, 外设设置): the supervisor approves in the real 主管授权
dialog, their id and PIN are checked on the worker while the stored settings load, then one dialog at a time
opens over the window; locking or logging out closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog

from counter_app.domain.commands import SupervisorApproval
from counter_app.ui.ops import QueryOp


class SupervisedDialog:
    """``load(approval)`` runs on the worker and returns the settings the dialog edits (it refuses a wrong PIN);
    ``make(settings, supervisor_id)`` builds the dialog on the UI thread. ``dialog`` is the one open, or None."""

    def __init__(self, window: Any, action_name: Callable[[], str],
                 load: Callable[[SupervisorApproval], dict[str, Any]],
                 make: Callable[[dict[str, Any], str], QDialog]) -> None:
        self.window = window
        self.action_name = action_name  # the approval's wording, in the current language
        self.load = load
        self.make = make
        self.dialog: QDialog | None = None
        self.approving = False

    def open(self) -> None:
        window, ctx = self.window, self.window.ctx
        if ctx.session is None or window.locked or self.approving:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        approval = ctx.approver(self.action_name()) if ctx.approver is not None else None
        if approval is None:
            window.notify(window.tr("主管未授权，操作已取消"))
            return
        self.approving = True

        def refused(error: Any) -> None:
            self.approving = False
            window.report_error(error)

        QueryOp(ctx, lambda: self.load(approval)) \
            .success(lambda current: self._show(current, approval.supervisor_id)).failure(refused).run()

    def close(self) -> None:
        """Locking or logging out: the supervisor's dialog must not stay over the lock screen."""
        if self.dialog is not None:
            self.dialog.reject()

    def _show(self, current: dict[str, Any], supervisor_id: str) -> None:
        self.approving = False
        if self.dialog is not None or self.window.locked or self.window.ctx.session is None:
            return
        dialog = self.make(current, supervisor_id)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.window.activateWindow()  # no window manager at the counter: take the keyboard back
