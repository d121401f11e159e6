"""签到 (open a shift with a cash float) and 签退 (close it with a cash count by denomination)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.session import DrawerState, drawer_state
from counter_app.domain import services
from counter_app.domain.commands import CloseShift, OpenShift, SupervisorApproval
from counter_app.domain.errors import CounterError
from counter_app.domain.money import format_fen, parse_fen
from counter_app.domain.services.shifts import DENOMINATIONS_FEN
from counter_app.ui.context import UiContext
from counter_app.ui.ops import CollectionOp, QueryOp
from counter_app.ui.style import repolish
from counter_app.ui.supervisor import is_supervisor_refusal
from counter_app.ui.widgets import accept_money_only


def denomination_label(fen: int) -> str:
    """¥100, ¥1, 5角, 2分: how a clerk names a note or coin."""
    if fen >= 100:
        return f"¥{fen // 100}"
    if fen >= 10:
        return f"{fen // 10}角"
    return f"{fen}分"


class _ShiftDialog(QDialog):
    """Enter never closes these by accident; Esc does nothing while the service call runs."""

    busy = False

    def first_field(self) -> QWidget | None:
        return None

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        field = self.first_field()
        if field is not None:
            field.setFocus()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def _plain_buttons(self, *buttons: QPushButton) -> None:
        for button in buttons:
            button.setAutoDefault(False)
            button.setDefault(False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass


class OpenShiftDialog(_ShiftDialog):
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


class CloseShiftDialog(_ShiftDialog):
    """签退: count the drawer by denomination; expected vs counted, 长款/短款, a supervisor for a difference."""

    closed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CloseShiftDialog")
        self.expected_fen: int | None = None
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
        layout.addLayout(buttons)
        self.setMinimumWidth(760)
        self.retranslate()
        self.counts[DENOMINATIONS_FEN[0]].setFocus()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("签退点钞"))
        self.title.setText(self.tr("签退点钞：请按面额录入张数 / 枚数"))
        self.notes_box.setTitle(self.tr("纸币"))
        self.coins_box.setTitle(self.tr("硬币 / 角币"))
        self.expected_caption.setText(self.tr("应有现金"))
        self.counted_caption.setText(self.tr("实点现金"))
        self.difference_caption.setText(self.tr("差额"))
        self.ok.setText(self.tr("确认签退 (Ctrl+Enter)"))
        self.ok.setShortcut("Ctrl+Return")
        self.cancel.setText(self.tr("取消 (Esc)"))
        self._recount()

    def load(self) -> None:
        """Fetch the expected cash on the Runner."""
        session = self.ctx.session
        if session is None:
            return
        counter, clerk_id = self.ctx.counter, session.clerk_id
        QueryOp(self.ctx, lambda: drawer_state(counter, clerk_id)).success(self._loaded).failure(self._failed).run()

    def _loaded(self, state: DrawerState | None) -> None:
        if state is None:
            self.error.setText(self.tr("当前没有已签到的班次"))
            return
        self.expected_fen = state.expected_fen
        self.ok.setEnabled(True)
        self._recount()

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
            self.expected.setText("…")
            self.difference.setText("")
            return
        self.expected.setText(format_fen(self.expected_fen))
        diff = counted - self.expected_fen
        if diff > 0:
            text, tone = self.tr("长款 %1").replace("%1", format_fen(diff)), "over"
        elif diff < 0:
            text, tone = self.tr("短款 %1").replace("%1", format_fen(-diff)), "short"
        else:
            text, tone = self.tr("无差额"), "even"
        self.difference.setText(text)
        self.difference.setProperty("tone", tone)
        repolish(self.difference)

    def difference_fen(self) -> int | None:
        return None if self.expected_fen is None else self.counted_fen() - self.expected_fen

    def submit(self, approval: SupervisorApproval | None = None, *, ask_reason: str = "") -> None:
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
        if self.ctx.session is not None:
            self.ctx.session.shift_id = None
        self.closed.emit(closed)
        self.accept()

    def _failed(self, error: CounterError) -> None:
        self.busy = False
        self.ok.setEnabled(True)
        message = self.ctx.message(error)
        self.error.setText(message)
        if is_supervisor_refusal(error.code):
            self.submit(ask_reason=message)
