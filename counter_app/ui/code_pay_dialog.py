"""付款码收款: the clerk scans the customer's payment code; the payment runs off the GUI thread, each step shown
here and on the customer display. Only a confirmed payment completes the sale (the service records it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.domain import services
from counter_app.domain.codepay import STATE_NAMES_EN, STATE_NAMES_ZH, CodePayment, State
from counter_app.domain.commands import CollectPickup, PlaceOrder
from counter_app.domain.errors import CounterError
from counter_app.domain.money import format_fen
from counter_app.ui.context import UiContext
from counter_app.ui.customer_display import CustomerDisplay


class CodePayDialog(QDialog):
    """Takes one payment code for ``sale`` (its other tenders are the rest of a split payment), or for a
    cash-on-delivery pickup (``CollectPickup``)."""

    step = Signal(object)  # a CodePayment, from the worker thread to the GUI thread

    def __init__(self, ctx: UiContext, sale: PlaceOrder | CollectPickup, due_fen: int, *,
                 display: CustomerDisplay | None = None,
                 poll_interval_s: float = services.codepay.POLL_INTERVAL_S,
                 on_done: Callable[[services.CodePaymentResult], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.sale, self.display = ctx, sale, display
        self.poll_interval_s = poll_interval_s
        self.on_done = on_done
        self.result: services.CodePaymentResult | None = None
        en = ctx.language.startswith("en")
        self._names = STATE_NAMES_EN if en else STATE_NAMES_ZH
        self.setWindowTitle("Payment code" if en else "付款码收款")
        layout = QVBoxLayout(self)
        self.due = QLabel(("Due: " if en else "应收：") + format_fen(due_fen))
        self.code = QLineEdit()
        self.code.setObjectName("paymentCode")
        self.code.setPlaceholderText("Scan the customer's payment code" if en else "请扫描顾客的付款码")
        self.status = QLabel("Ask for the payment code" if en else "请顾客出示付款码")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.close_button = QPushButton("Close" if en else "关闭")
        self.close_button.clicked.connect(self.reject)
        for widget in (self.due, self.code, self.status, self.close_button):
            layout.addWidget(widget)
        self.code.returnPressed.connect(self.submit)
        self.step.connect(self._show_step)
        if display is not None:
            display.show_code_payment(None, due_fen)

    def submit(self) -> None:
        """The scanner finished typing the code: ask and settle on a worker thread."""
        code = self.code.text().strip()
        self.code.setEnabled(False)
        self.close_button.setEnabled(False)  # the payment must reach a result before the clerk leaves
        counter = self.ctx.counter

        def work() -> services.CodePaymentResult:
            payment = services.ask_code_payment(services.AskCodePayment(self.sale.clerk_id, code, self.sale),
                                                counter.uow(), counter.deps)
            self.step.emit(payment)
            return services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, code=code,
                                                poll_interval_s=self.poll_interval_s, on_step=self.step.emit)

        self.ctx.runner.run(work, on_success=self._done, on_failure=self._failed)

    def reject(self) -> None:
        """Esc or the window's close: only once the payment has a result (never while it is running)."""
        if self.close_button.isEnabled():
            super().reject()

    def _show_step(self, payment: CodePayment) -> None:
        text = self._names[payment.state]
        if payment.state == State.DECLINED and payment.reason:
            text = f"{text}：{payment.reason}"
        self.status.setText(text)
        if self.display is not None:
            self.display.show_code_payment(payment.state, payment.amount_fen)

    def _done(self, result: Any) -> None:
        self.result = result
        self._show_step(result.payment)
        self.close_button.setEnabled(True)
        if not result.payment.final:
            self.status.setText(self.status.text() + ("; no result yet: see the sync screen"
                                                      if self.ctx.language.startswith("en")
                                                      else "；结果未明，已转入同步页待处理，请勿重复收款"))
        if result.placed is not None:
            self.ctx.counter.changed(result.placed.recorded.kind)
        if self.on_done is not None:
            self.on_done(result)

    def _failed(self, error: CounterError) -> None:
        self.status.setText(self.ctx.message(error))
        self.code.setEnabled(True)
        self.code.clear()
        self.close_button.setEnabled(True)
        self.code.setFocus()


def open_code_pay(owner: QWidget, dialog: CodePayDialog, on_closed: Callable[[int], None]) -> CodePayDialog:
    """Open ``dialog`` over ``owner`` (window-modal, the code field ready for the scanner); ``on_closed`` when
    it is closed. ``owner`` keeps it as its last payment-code dialog (``replace_dialog``)."""
    dialog.setObjectName("CodePayDialog")
    replace_dialog(owner, dialog)
    dialog.finished.connect(on_closed)
    dialog.open()
    dialog.code.setFocus()
    return dialog


def replace_dialog(owner: QWidget, dialog: CodePayDialog) -> None:
    """Keep ``dialog`` as ``owner``'s last payment-code dialog and delete the one before (its payment has a
    result: a dialog cannot be closed before). Not WA_DeleteOnClose: with it, PySide6 crashed in ~QDialog
    (the deferred delete after the pickup screen's dialog closed, tests/ui/test_pickup_code_pay.py)."""
    previous = getattr(owner, "_last_code_pay_dialog", None)
    if previous is not None:
        previous.deleteLater()
    owner._last_code_pay_dialog = dialog  # type: ignore[attr-defined]
