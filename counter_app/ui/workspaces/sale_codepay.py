"""销售/下单's 付款码: the key and button that open the payment-code dialog for what is still due, and the
customer display (客显) following the cart, the amount due, the tendered amount and the change.

Only a confirmed payment completes the sale (the service records it with the payment); anything else leaves
the cart as it was, with a message saying why. Offline the method is refused at once, naming the methods
that work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPushButton

from counter_app.domain import services
from counter_app.domain.cart import summarise
from counter_app.domain.codepay import State
from counter_app.domain.commands import PlaceOrder
from counter_app.domain.errors import CounterError
from counter_app.ui.code_pay_dialog import CodePayDialog, open_code_pay
from counter_app.ui.customer_display import CustomerDisplay, CustomerView
from counter_app.ui.supervisor import restore_focus

if TYPE_CHECKING:
    from counter_app.ui.workspaces.sale import SaleWorkspace

    _Base = SaleWorkspace
else:
    _Base = object

CODE_PAY_KEYS = ["Alt+M"]  # M for mobile: F9 opens the shift, Alt+C/Alt+O are taken on this screen


class SaleCodePay(_Base):
    """Mixin of ``SaleWorkspace``: 付款码收款 and what the customer display shows."""

    code_poll_interval_s = services.codepay.POLL_INTERVAL_S  # how often a waiting payment is queried

    def _build_code_pay(self) -> QPushButton:
        """The 付款码收款 button (Alt+M), its use in its tool tip."""
        self.customer_display: CustomerDisplay | None = None  # set when the window opened one
        # Told what the customer may see now (a ``CustomerView``), on the GUI thread: the customer display.
        self.customer_listeners: list[Callable[[CustomerView], None]] = []
        self.code_pay_dialog: CodePayDialog | None = None
        self.member_masked = ""
        button = self.action(self.tr("付款码收款"), CODE_PAY_KEYS, self.pay_by_code, name="code_pay")
        button.setToolTip(self.tr(
            "Alt+M：付款码收款（微信/支付宝）；已填的其他付款先收，付款码付剩余金额；离线时不可用"))
        return button

    # -- the customer display --------------------------------------------------------------------------

    def update_change(self) -> None:
        super().update_change()
        if self.code_pay_dialog is None:  # while a code is being paid, the display shows its progress
            self._tell_customer(self._customer_view())

    def _tell_customer(self, view: CustomerView) -> None:
        for listener in self.customer_listeners:
            listener(view)

    def _customer_view(self) -> CustomerView:
        if not self.cart and self.order is None:
            return CustomerView()
        lines = tuple((ln.product.name, ln.qty, ln.amount_fen) for ln in self.cart.lines) if self.cart else ()
        due = self.due_fen()
        try:
            summary = summarise(due, self.tenders())
        except CounterError:
            return CustomerView(lines, due, member_masked=self.member_masked)
        return CustomerView(lines, due, summary.paid_fen, summary.change_fen, self.member_masked)

    def show_paid(self, placed: Any) -> None:
        """The sale is done: its total, tendered and change stay on the display with a thank-you."""
        tendered = placed.total_fen + placed.change_fen
        self._tell_customer(CustomerView((), placed.total_fen, tendered, placed.change_fen, paid=True))

    # -- 付款码 ----------------------------------------------------------------------------------------

    def pay_by_code(self) -> None:
        """Alt+M: the payment-code dialog for what the other tenders leave due."""
        clerk_id = self.clerk_id()
        if clerk_id is None or self.code_pay_dialog is not None:
            return
        self.clear_errors()
        if not self.cart:
            self.fields["product"].show_error(self.tr("付款码收款请先添加商品"))
            self._focus(self.product)
            return
        try:
            services.check_code_pay_available(self.ctx.counter.deps)
            tenders = self.tenders()
        except CounterError as error:
            self.show_error(error, default_field="tender")
            return
        sale = PlaceOrder(clerk_id, self._lines(), tenders, member_id=self.member_id)
        due = self.due_fen() - sum(t.amount_fen for t in tenders)
        if due <= 0:
            self.fields["tender"].show_error(self.tr("其他付款已足额，无需付款码支付"))
            return
        dialog = CodePayDialog(self.ctx, sale, due, display=self.customer_display, on_done=self._code_paid,
                               poll_interval_s=self.code_poll_interval_s, parent=self)
        self.code_pay_dialog = open_code_pay(self, dialog, self._code_pay_closed)

    def _code_paid(self, result: Any) -> None:
        payment = result.payment
        if result.placed is not None:
            dialog = self.code_pay_dialog
            self._sold(result.placed)
            if dialog is not None:
                dialog.accept()
            return
        if payment.state == State.CONFIRMED:  # confirmed earlier (a resumed payment): nothing more here
            return
        if payment.final:
            reason = f"（{payment.reason}）" if payment.reason else ""
            self.complain(self.tr("付款码未收款成功%1，购物车已保留，请换一种方式收款")
                          .replace("%1", reason))
        else:
            self.complain(self.tr(
                "付款码支付结果未明，系统将撤销这笔扣款（见同步页），请勿让顾客重复付款；购物车已保留"))

    def _code_pay_closed(self, _code: int) -> None:
        dialog, self.code_pay_dialog = self.code_pay_dialog, None
        result = dialog.result if dialog is not None else None
        if result is None:
            self.say(self.tr("已取消付款码收款，购物车已保留"))
        if result is None or result.placed is None:
            self.update_change()  # the display shows the cart again (a paid sale's thank-you stays up)
        restore_focus(self)  # no window manager at the counter: the keyboard comes back here
        self._focus(self.product)
