"""签退: count the drawer by denomination, see the expected cash (after the count under the branch's blind count,
盲点), confirm, and the 签退 slip prints; a cash difference needs a supervisor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import services
from counter_app.domain.cashbox import CashPosition
from counter_app.domain.commands import CloseShift, SupervisorApproval
from counter_app.domain.errors import CounterError
from counter_app.domain.money import format_fen
from counter_app.domain.services.cashbox import drawer_position
from counter_app.domain.services.shifts import DENOMINATIONS_FEN
from counter_app.ui.context import UiContext
from counter_app.ui.ops import CollectionOp, QueryOp
from counter_app.ui.shift_base import ShiftDialog, denomination_label
from counter_app.ui.style import repolish
from counter_app.ui.supervisor import is_supervisor_refusal

COUNTING, CLOSING, CLOSED = "counting", "closing", "closed"


class CloseShiftDialog(ShiftDialog):
    """签退. ``blind`` when the branch counts blind: the expected figure stays hidden until the clerk has entered
    the count (``ok`` first says 点钞完毕), and the count is then locked. ``ok`` asks for confirmation
    (``confirm_box``) before the close; after it the dialog shows the result and the slip's print status."""

    closed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CloseShiftDialog")
        self.expected_fen: int | None = None
        self.blind = False
        self.state = COUNTING
        self.confirm_box: QMessageBox | None = None
        self.result: services.ShiftClosed | None = None
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.notes_box = QGroupBox()
        self.coins_box = QGroupBox()
        self.counts: dict[int, QSpinBox] = {}
        self.subtotals: dict[int, QLabel] = {}
        notes, coins = QGridLayout(self.notes_box), QGridLayout(self.coins_box)
        for denomination in DENOMINATIONS_FEN:
            grid = notes if denomination >= 100 else coins
            row = grid.rowCount()
            spin = QSpinBox()
            spin.setObjectName(f"count_{denomination}")
            spin.setRange(0, 100_000)
            spin.setButtonSymbols(QAbstractSpinBox.NoButtons)
            spin.setAlignment(Qt.AlignRight)
            spin.setMinimumWidth(90)
            spin.valueChanged.connect(self._recount)
            subtotal = QLabel(format_fen(0))
            subtotal.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            subtotal.setMinimumWidth(120)
            grid.addWidget(QLabel(denomination_label(denomination)), row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(subtotal, row, 2)
            self.counts[denomination] = spin
            self.subtotals[denomination] = subtotal
        coins.setRowStretch(coins.rowCount(), 1)

        self.expected_caption, self.counted_caption, self.difference_caption = QLabel(), QLabel(), QLabel()
        self.expected = QLabel("…")
        self.expected.setObjectName("expected")
        self.counted = QLabel(format_fen(0))
        self.counted.setObjectName("counted")
        self.difference = QLabel("")
        self.difference.setObjectName("difference")
        for label in (self.expected, self.counted, self.difference):
            label.setProperty("role", "amount")
            label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.error = QLabel()
        self.error.setObjectName("close_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.slip = QLabel()
        self.slip.setObjectName("slip_status")
        self.slip.setWordWrap(True)
        self.ok = QPushButton()
        self.ok.setObjectName("close_shift_ok")
        self.ok.setProperty("primary", True)
        self.ok.setEnabled(False)
        self.cancel = QPushButton()
        self.ok.clicked.connect(lambda: self.submit())
        self.cancel.clicked.connect(self.reject)
        self._plain_buttons(self.ok, self.cancel)

        boxes = QHBoxLayout()
        boxes.addWidget(self.notes_box, 3)
        boxes.addWidget(self.coins_box, 2)
        totals = QGridLayout()
        totals.addWidget(self.expected_caption, 0, 0)
        totals.addWidget(self.expected, 0, 1)
        totals.addWidget(self.counted_caption, 1, 0)
        totals.addWidget(self.counted, 1, 1)
        totals.addWidget(self.difference_caption, 2, 0)
        totals.addWidget(self.difference, 2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(boxes)
        layout.addLayout(totals)
        layout.addWidget(self.slip)
        layout.addLayout(buttons)
        self.setMinimumWidth(760)
        self.retranslate()
        self.counts[DENOMINATIONS_FEN[0]].setFocus()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("签退点钞"))
        self.title.setText(self.tr("签退完成") if self.state == CLOSED
                           else self.tr("签退点钞：请按面额录入张数 / 枚数"))
        self.notes_box.setTitle(self.tr("纸币"))
        self.coins_box.setTitle(self.tr("硬币 / 角币"))
        self.expected_caption.setText(self.tr("应有现金"))
        self.counted_caption.setText(self.tr("实点现金"))
        self.difference_caption.setText(self.tr("差额"))
        if self.state == CLOSED:
            self.ok.setText(self.tr("完成 (Enter)"))
        elif self.hidden():
            self.ok.setText(self.tr("点钞完毕，显示应有现金 (Ctrl+Enter)"))
        else:
            self.ok.setText(self.tr("确认签退 (Ctrl+Enter)"))
        self.ok.setShortcut("Return" if self.state == CLOSED else "Ctrl+Return")
        self.cancel.setText(self.tr("取消 (Esc)"))
        self._recount()

    # -- the expected figure ----------------------------------------------------------------------------

    def hidden(self) -> bool:
        """Under a blind count the expected figure is not shown before the count is entered."""
        return self.blind and self.expected_fen is None

    def load(self, *, counted: bool = False) -> None:
        """Fetch the drawer on the Runner (hidden under a blind count until ``counted``)."""
        session = self.ctx.session
        if session is None:
            return
        uow, clerk_id = self.ctx.counter.uow(), session.clerk_id
        QueryOp(self.ctx, lambda: drawer_position(clerk_id, uow, counted=counted)).success(self._loaded) \
            .failure(self._failed).run()

    def _loaded(self, drawer: tuple[CashPosition | None, bool]) -> None:
        position, hidden = drawer
        self.blind = self.blind or hidden
        self.expected_fen = None if position is None else position.expected_fen
        self.ok.setEnabled(True)
        self.retranslate()

    def reveal(self) -> None:
        """盲点: the count is entered; lock it and show what the drawer should hold."""
        for spin in self.counts.values():
            spin.setReadOnly(True)
        self.ok.setEnabled(False)
        self.load(counted=True)

    def cash_count(self) -> dict[int, int]:
        return {d: spin.value() for d, spin in self.counts.items() if spin.value()}

    def counted_fen(self) -> int:
        return sum(d * n for d, n in self.cash_count().items())

    def _recount(self) -> None:
        for denomination, spin in self.counts.items():
            self.subtotals[denomination].setText(format_fen(denomination * spin.value()))
        counted = self.counted_fen()
        self.counted.setText(format_fen(counted))
        if self.expected_fen is None:
            self.expected.setText(self.tr("盲点：点钞完毕后显示") if self.blind else "…")
            self.difference.setText("")
            return
        self.expected.setText(format_fen(self.expected_fen))
        self.difference.setText(self.difference_text())
        diff = counted - self.expected_fen
        self.difference.setProperty("tone", "over" if diff > 0 else "short" if diff < 0 else "even")
        repolish(self.difference)

    def difference_text(self) -> str:
        diff = self.difference_fen() or 0
        if diff > 0:
            return self.tr("长款 %1").replace("%1", format_fen(diff))
        if diff < 0:
            return self.tr("短款 %1").replace("%1", format_fen(-diff))
        return self.tr("无差额")

    def difference_fen(self) -> int | None:
        return None if self.expected_fen is None else self.counted_fen() - self.expected_fen

    # -- closing ----------------------------------------------------------------------------------------

    def submit(self) -> None:
        """The ok button: reveal a blind count, else ask to confirm the close, or (closed) finish."""
        if self.state == CLOSED:
            if not self.busy:
                self.accept()
            return
        if self.ctx.session is None or self.state != COUNTING or not self.ok.isEnabled():
            return
        if self.hidden():
            self.reveal()
            return
        if self.expected_fen is not None:
            self.confirm()

    def confirm(self) -> QMessageBox:
        """签退 is final: a real question (window-modal, not a nested loop) before anything is written."""
        box = QMessageBox(QMessageBox.Question, self.tr("确认签退"), self.tr(
            "确认签退？\n实点现金 %1，应有现金 %2（%3）。\n签退后本班次结束，并打印签退单。")
            .replace("%1", format_fen(self.counted_fen())).replace("%2", format_fen(self.expected_fen or 0))
            .replace("%3", self.difference_text()), QMessageBox.NoButton, self)
        box.setObjectName("confirm_close_shift")
        yes = box.addButton(self.tr("签退"), QMessageBox.AcceptRole)
        no = box.addButton(self.tr("取消"), QMessageBox.RejectRole)
        box.setDefaultButton(yes)
        box.setEscapeButton(no)

        def answered(button: QAbstractButton) -> None:
            self.confirm_box = None
            if button is yes:
                self._send()

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()
        return box

    def _send(self, approval: SupervisorApproval | None = None, *, ask_reason: str = "") -> None:
        if self.ctx.session is None or self.expected_fen is None:
            return
        diff = self.difference_fen()
        if approval is None and (diff or ask_reason):
            approval = self._ask_supervisor(diff or 0, ask_reason)
            if approval is None:
                self.error.setText(self.tr("有现金差额，需主管授权后才能签退"))
                return
        self.error.clear()
        self.ok.setEnabled(False)
        self.busy = True
        self.state = CLOSING
        cmd = CloseShift(self.ctx.session.clerk_id, self.cash_count(), approval)
        CollectionOp(self.ctx, services.close_shift, cmd, initiator=self).success(self._done).failure(self._failed) \
            .run()

    def _ask_supervisor(self, diff: int, reason: str) -> SupervisorApproval | None:
        if self.ctx.approver is None:
            return None
        kind = self.tr("长款") if diff > 0 else self.tr("短款")
        action = self.tr("签退：现金%1 %2").replace("%1", kind).replace("%2", format_fen(abs(diff)))
        return self.ctx.approver(f"{action}\n{reason}" if reason else action)

    def first_field(self) -> QWidget:
        return self.counts[DENOMINATIONS_FEN[0]]

    def _done(self, closed: services.ShiftClosed) -> None:
        self.busy = False
        self.state = CLOSED
        self.result = closed
        if self.ctx.session is not None:
            self.ctx.session.shift_id = None
        for spin in self.counts.values():
            spin.setReadOnly(True)
        self.cancel.setVisible(False)
        self.ok.setEnabled(True)
        self.retranslate()
        self.ok.setFocus()
        self.closed.emit(closed)
        self.print_slip(closed.recorded.op_id)

    def print_slip(self, op_id: str) -> None:
        """The 签退 slip (queued with the close): printed now, waited for a bounded time; a failure leaves it
        queued, and 日结 (F5) reprints it from the journal."""
        receipts = self.ctx.receipts
        if receipts is None:
            self.slip.setText(self.tr("本机未配置小票打印机，签退单未打印"))
            return
        self.busy = True  # the dialog stays until the printer answered (the answer comes back here)
        self.slip.setText(self.tr("正在打印签退单…"))

        def printed(_confirmed: object) -> None:
            self.busy = False
            self.slip.setText(self.tr("签退单已打印"))

        def failed(error: CounterError) -> None:
            self.busy = False
            self.slip.setText(self.tr("签退单打印失败：%1（可在日结页重打）").replace("%1", self.ctx.message(error)))

        QueryOp(self.ctx, lambda: receipts.print_receipt(op_id), runner=self.ctx.print_runner).success(printed) \
            .failure(failed).run()

    def _failed(self, error: CounterError) -> None:
        self.busy = False
        if self.state == CLOSING:
            self.state = COUNTING
        self.ok.setEnabled(True)
        message = self.ctx.message(error)
        self.error.setText(message)
        if self.state == COUNTING and is_supervisor_refusal(error.code):
            self._send(ask_reason=message)
