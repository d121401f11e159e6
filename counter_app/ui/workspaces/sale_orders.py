"""销售/下单's order look-up (订单查询): find an order by its number to pay it later, void it or refund it,
each void and refund approved by a supervisor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from counter_app.domain import services
from counter_app.domain.commands import RefundOrder, VoidOrder
from counter_app.domain.errors import CounterError
from counter_app.domain.model import Order
from counter_app.domain.money import format_fen
from counter_app.ui.widgets import MoneyEdit

if TYPE_CHECKING:
    from counter_app.ui.workspaces.base import CounterWorkspace

    _Base = CounterWorkspace
else:
    _Base = object

STATUS_ZH = {"unpaid": "未付款", "paid": "已付款", "voided": "已作废", "refunded": "已退款",
             "partly_refunded": "部分退款"}
STATUS_EN = {"unpaid": "Unpaid", "paid": "Paid", "voided": "Voided", "refunded": "Refunded",
             "partly_refunded": "Partly refunded"}



class SaleOrders(_Base):
    """Mixin of ``SaleWorkspace``: the 订单查询 tab."""

    order: Order | None
    tabs: QTabWidget

    if TYPE_CHECKING:  # provided by the other parts of SaleWorkspace
        def _focus(self, widget: QWidget) -> None: ...
        def update_change(self) -> None: ...

    def _build_order_page(self) -> QWidget:
        self.order_no = QLineEdit()
        self.order_no.setPlaceholderText(self.tr("订单号，回车"))
        self.order_no.returnPressed.connect(self.look_up_order)
        self.order_info = QLabel()
        self.order_info.setObjectName("order_info")
        self.order_info.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("作废 / 退款原因"))
        self.refund_amount = MoneyEdit()
        self.refund_amount.setPlaceholderText(self.tr("留空为全额"))

        void = self.action(self.tr("作废"), ["Ctrl+D"], self.void, name="void")
        refund = self.action(self.tr("退款"), ["Ctrl+Shift+R"], self.refund, name="refund")

        order_page = QWidget()
        order_layout = QVBoxLayout(order_page)
        order_layout.setContentsMargins(8, 8, 8, 8)
        order_layout.addWidget(self.field(self.tr("订单号"), self.order_no, "order_no", hint="Alt+O"))
        order_layout.addWidget(self.order_info)
        order_layout.addWidget(self.field(self.tr("原因"), self.reason, "reason"))
        order_layout.addWidget(self.field(self.tr("退款金额"), self.refund_amount, "amount"))
        order_buttons = QHBoxLayout()
        order_buttons.addWidget(void)
        order_buttons.addWidget(refund)
        order_layout.addLayout(order_buttons)
        order_layout.addStretch(1)

        return order_page

    # -- orders: look up, void, refund ---------------------------------------------------------------

    def look_up_order(self, clear: bool = True) -> None:
        order_no = self.order_no.text().strip()
        if not order_no:
            self.fields["order_no"].show_error(self.tr("请输入订单号"))
            self._focus(self.order_no)
            return
        counter = self.ctx.counter
        if self.tabs.currentIndex() != 1:
            self._focus(self.order_no)
        self.call(lambda: services.queries.get_order(order_no, counter.uow()), self.show_order,
                  default_field="order_no", clear=clear)

    def show_order(self, order: Order) -> None:
        self.order = order
        status = (STATUS_EN if self.lang == "en" else STATUS_ZH).get(order.status, order.status)
        refundable = order.refundable_fen
        self.order_info.setText(self.tr("订单 %1　状态：%2　应收 %3　已付 %4　已退 %5　可退 %6")
                                .replace("%1", order.order_no).replace("%2", status)
                                .replace("%3", format_fen(order.total_fen)).replace("%4", format_fen(order.paid_fen))
                                .replace("%5", format_fen(order.refunded_fen)).replace("%6", format_fen(refundable)))
        self.order_info.setProperty("status", order.status)
        self.update_change()

    def _need_order(self) -> Order | None:
        if self.order is None or self.order.order_no != self.order_no.text().strip():
            self.fields["order_no"].show_error(self.tr("请先输入订单号并回车查询"))
            self._focus(self.order_no)
            return None
        return self.order

    def _order_and_clerk(self) -> tuple[Order, str] | None:
        """The order looked up and the clerk, for a void or a refund (whose refusals show on this tab)."""
        self.tabs.setCurrentIndex(1)
        order = self._need_order()
        clerk_id = self.clerk_id()
        if order is None or clerk_id is None:
            return None
        self.clear_errors()
        return order, clerk_id

    def _reason_given(self, missing: str) -> bool:
        if self.reason.text().strip():
            return True
        self.fields["reason"].show_error(missing)
        self._focus(self.reason)
        return False

    def void(self) -> None:
        found = self._order_and_clerk()
        if found is None or not self._reason_given(self.tr("请填写作废原因")):
            return
        order, clerk_id = found
        approval = self.ask_supervisor(self.tr("作废订单 %1").replace("%1", order.order_no))
        if approval is None:
            return
        cmd = VoidOrder(clerk_id, order.order_no, self.reason.text().strip(), approval)
        self.write(services.void_order, cmd, self._voided, default_field="order_no")

    def _voided(self, result: Any) -> None:
        self.reason.clear()
        self.say(self.tr("订单 %1 已作废").replace("%1", result.order_no))
        self.print_receipt(result.recorded.op_id)
        self.look_up_order(clear=False)

    def refund(self) -> None:
        found = self._order_and_clerk()
        if found is None:
            return
        order, clerk_id = found
        try:
            amount = self.refund_amount.fen_or_none(field="amount")
        except CounterError as error:
            self.show_error(error)
            return
        if not self._reason_given(self.tr("请填写退款原因")):
            return
        approval = self.ask_supervisor(self.tr("退款：订单 %1").replace("%1", order.order_no))
        if approval is None:
            return
        cmd = RefundOrder(clerk_id, order.order_no, self.reason.text().strip(), approval, amount_fen=amount)
        self.write(services.refund_order, cmd, self._refunded, default_field="order_no")

    def _refunded(self, result: Any) -> None:
        self.reason.clear()
        self.refund_amount.clear()
        self.say(self.tr("已退款 %1（订单 %2），请按原付款方式退还客户").replace("%1", format_fen(result.amount_fen))
                 .replace("%2", result.order_no))
        self.print_receipt(result.recorded.op_id)
        self.look_up_order(clear=False)

