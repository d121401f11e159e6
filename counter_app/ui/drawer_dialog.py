"""系统 > 开钱箱 (Ctrl+Shift+D): the cash drawer opened outside a sale. The clerk picks a reason (typing one
needs a Chinese input method, which many counters lack, so the common ones are listed), a supervisor
approves with their own id and PIN, the opening is journaled, and only then is the drawer kicked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from counter_app.domain import services
from counter_app.domain.commands import OpenDrawer
from counter_app.domain.services.drawer import DRAWER_REASONS
from counter_app.ui.ops import CollectionOp, QueryOp

if TYPE_CHECKING:
    from counter_app.ui.context import UiContext


class DrawerDialog(QDialog):
    """The reason for opening the drawer: one of the common reasons, or typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawer_dialog")
        self.prompt = QLabel()
        self.reason = QComboBox()
        self.reason.setObjectName("drawer_reason")
        self.reason.setEditable(True)
        self.reason.addItems(list(DRAWER_REASONS))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("开钱箱"))
        self.prompt.setText(self.tr("开钱箱原因（需主管授权，将记入流水）："))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def open_drawer_command(ctx: UiContext, parent: QWidget, reason: str, notify: Any) -> None:
    """After the reason: the supervisor approves, the opening is journaled, then the printer kicks the drawer."""
    session = ctx.session
    if session is None or ctx.approver is None:
        return
    approval = ctx.approver(parent.tr("开钱箱"))
    if approval is None:
        notify(parent.tr("主管未授权，操作已取消"))
        return
    receipts = ctx.receipts

    def journaled(_: Any) -> None:
        if receipts is None:
            notify(parent.tr("已记录开钱箱，但本机未设置打印机/钱箱"))
            return
        QueryOp(ctx, receipts.open_drawer, runner=ctx.print_runner) \
            .success(lambda _r: notify(parent.tr("钱箱已打开（已记入流水）"))) \
            .failure(lambda error: notify(parent.tr("已记录开钱箱，但钱箱未能打开：%1").replace(
                "%1", ctx.message(error)))) \
            .run()

    cmd = OpenDrawer(session.clerk_id, reason, approval)
    CollectionOp(ctx, services.open_drawer, cmd).success(journaled) \
        .failure(lambda error: notify(ctx.message(error))).run()
