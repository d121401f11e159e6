"""提货's 付款码: a cash-on-delivery order (货到付款) paid by the customer's payment code, online only. The order
is verified (pickup code, or a supervisor for the order number) when the code is asked for, and handed over
in the same transaction as the confirmed payment; a declined or cancelled code hands nothing over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPushButton

from counter_app.domain import services
from counter_app.domain.commands import CollectPickup
from counter_app.domain.errors import CounterError
from counter_app.domain.model import PickupOrder
from counter_app.domain.money import format_fen
from counter_app.ui.code_pay_dialog import CodePayDialog, open_code_pay
from counter_app.ui.customer_display import CustomerDisplay
from counter_app.ui.supervisor import restore_focus

if TYPE_CHECKING:
    from counter_app.ui.workspaces.pickup import PickupWorkspace

    _Base = PickupWorkspace
else:
    _Base = object


class PickupCodePay(_Base):
    """Mixin of ``PickupWorkspace``: the 付款码 button for the amount to collect (代收金额)."""

    code_poll_interval_s = services.codepay.POLL_INTERVAL_S

    def _build_code_pay(self) -> QPushButton:
        self.code_pay_dialog: CodePayDialog | None = None
        self.customer_display: CustomerDisplay | None = None  # set when the window opened one
        button = self.action(self.tr("付款码收代收款"), ["Alt+M"], self.pay_cod_by_code, name="code_pay")
        button.setEnabled(False)
        self.code_pay_button = button
        return button

    def update_code_pay(self, order: PickupOrder | None) -> None:
        """The order shown changed: the button only for an order with an amount to collect."""
        due = order.cod_fen if order is not None else 0
        self.code_pay_button.setEnabled(bool(due))
        if due:
            self.code_pay_button.setToolTip(self.tr("货到付款，代收金额 %1").replace("%1", format_fen(due)))

    def pay_cod_by_code(self) -> None:
        order, code = self.found, self.found_code
        if order is None or not order.cod_fen or self.code_pay_dialog is not None:
            return
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        if self._writing:  # a hand-over of this order is still being recorded
            self.complain(self.tr("正在办理上一笔业务，请稍候"))
            return
        self.clear_errors()
        try:
            services.check_code_pay_available(self.ctx.counter.deps)
            tenders = self._cod_typed()  # split: the code pays what the typed cash and cards leave (pickup_cod.py)
        except CounterError as error:
            self.show_error(error, default_field="tender" if self.cod_box.isVisible() else "pickup_code")
            return
        due = order.cod_fen - sum(t.amount_fen for t in tenders)
        if due <= 0:
            self.fields["tender"].show_error(self.tr("其他付款已足额，无需付款码支付"))
            return
        approval = None
        if not code:
            approval = self.ask_supervisor(self.tr("凭订单号提货（无提货码）"))
            if approval is None:
                return
        pickup = CollectPickup(clerk_id, order.order_no, code=code, approval=approval, tenders=tenders)
        dialog = CodePayDialog(self.ctx, pickup, due, display=self.customer_display,
                               on_done=self._cod_code_paid,
                               poll_interval_s=self.code_poll_interval_s, parent=self)
        self.code_pay_dialog = open_code_pay(self, dialog, self._cod_code_pay_closed)

    def _cod_code_paid(self, result: Any) -> None:
        if result.placed is not None:
            dialog = self.code_pay_dialog
            self._collected(result.placed)
            if dialog is not None:
                dialog.accept()
            return
        payment = result.payment
        if payment.final:
            reason = f"（{payment.reason}）" if payment.reason else ""
            self.complain(self.tr("付款码未收款成功%1，订单未交付，请换一种方式收款").replace("%1", reason))
        else:
            self.complain(self.tr(
                "付款码支付结果未明，系统将撤销这笔扣款（见同步页），请勿让顾客重复付款；订单未交付"))

    def _cod_code_pay_closed(self, _code: int) -> None:
        dialog, self.code_pay_dialog = self.code_pay_dialog, None
        if dialog is not None and dialog.result is None:
            self.say(self.tr("已取消付款码收款，订单未交付"))
        if self.customer_display is not None:
            self.customer_display.idle()
        self.update_cod_change()  # the order still to collect: the display shows its figures again
        restore_focus(self)  # no window manager at the counter: the keyboard comes back here
        self.code.setFocus()
