"""签到 (open a shift with a cash float) and 签退 (close it with a cash count by denomination)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.domain.errors import CounterError
from counter_app.domain.money import parse_fen
from counter_app.ui.close_shift_dialog import CloseShiftDialog
from counter_app.ui.context import UiContext
from counter_app.ui.ops import CollectionOp
from counter_app.ui.shift_base import ShiftDialog, denomination_label
from counter_app.ui.style import repolish
from counter_app.ui.widgets import accept_money_only


class OpenShiftDialog(ShiftDialog):
    """签到: the cash float put in the drawer; ``opened(ShiftOpened)`` once the service committed it."""

    opened = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("OpenShiftDialog")
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.who = QLabel()
        self.float_label = QLabel()
        self.float_fen = QLineEdit()
        self.float_fen.setObjectName("float")
        self.float_fen.setAlignment(Qt.AlignRight)
        self.float_fen.setMaxLength(12)
        accept_money_only(self.float_fen)
        self.error = QLabel()
        self.error.setObjectName("float_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.ok = QPushButton()
        self.ok.setObjectName("open_shift_ok")
        self.ok.setProperty("primary", True)
        self.cancel = QPushButton()
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        self.float_fen.returnPressed.connect(self.submit)
        self._plain_buttons(self.ok, self.cancel)
        self.float_fen.textEdited.connect(lambda _t: self._set_error(""))

        grid = QGridLayout()
        grid.addWidget(self.float_label, 0, 0)
        grid.addWidget(self.float_fen, 0, 1)
        grid.addWidget(self.error, 1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.who)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        self.float_fen.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("签到开班"))
        self.title.setText(self.tr("签到开班"))
        session = self.ctx.session
        self.who.setText(f"{session.name}（{session.clerk_id}）" if session else "")
        self.float_label.setText(self.tr("备用金（元）"))
        self.float_fen.setPlaceholderText(self.tr("例如 500.00"))
        self.ok.setText(self.tr("签到 (Enter)"))
        self.cancel.setText(self.tr("取消 (Esc)"))

    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.float_fen.setProperty("error", bool(text))
        repolish(self.float_fen)

    def submit(self) -> None:
        if not self.ok.isEnabled() or self.ctx.session is None:
            return
        try:
            float_fen = parse_fen(self.float_fen.text(), field="float")
        except CounterError as error:
            self._set_error(self.ctx.message(error))
            self.float_fen.setFocus()
            return
        self._set_error("")
        self.ok.setEnabled(False)
        self.busy = True
        cmd = OpenShift(self.ctx.session.clerk_id, float_fen)
        CollectionOp(self.ctx, services.open_shift, cmd, initiator=self).success(self._done).failure(self._failed).run()

    def first_field(self) -> QWidget:
        return self.float_fen

    def _done(self, opened: services.ShiftOpened) -> None:
        self.busy = False
        self.ok.setEnabled(True)
        if self.ctx.session is not None:
            self.ctx.session.shift_id = opened.shift.shift_id
        self.opened.emit(opened)
        self.accept()

    def _failed(self, error: CounterError) -> None:
        self.busy = False
        self.ok.setEnabled(True)
        self._set_error(self.ctx.message(error))

__all__ = ["CloseShiftDialog", "OpenShiftDialog", "denomination_label"]
