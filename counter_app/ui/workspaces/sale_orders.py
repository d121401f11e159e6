"""销售/下单's order look-up (订单查询): find an order by its number to pay it later, void it or refund it,
each void and refund approved by a supervisor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from counter_app.domain import services
from counter_app.domain.commands import RefundOrder, VoidOrder
from counter_app.domain.errors import CounterError
from counter_app.domain.model import Order
from counter_app.domain.money import format_fen
from counter_app.domain.order_lookup import ORDER_REASONS, OrderSummary
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import MoneyEdit, ReasonBox, fill_table, make_table, selected_key

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
        self._orders_gen = 0
        self.order_search = QLineEdit()
        self.order_search.setPlaceholderText(self.tr("订单号尾号或金额，↓ 选择"))
        self.order_search.textEdited.connect(lambda _text: self.load_todays_orders())
        self.order_search.returnPressed.connect(self._search_entered)
        self.todays_orders = make_table([self.tr("时间"), self.tr("订单号"), self.tr("金额"), self.tr("状态")],
                                        numeric=(2,))
        self.todays_orders.setObjectName("todays_orders")
        header = self.todays_orders.horizontalHeader()
        for column in (0, 2, 3):  # the order number takes what the others leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.todays_orders.activated.connect(self._order_chosen)
        self.todays_orders.clicked.connect(self._order_chosen)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.order_search)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._into_list)
        self.order_no = QLineEdit()
        self.order_no.setPlaceholderText(self.tr("订单号，回车"))
        self.order_no.returnPressed.connect(self.look_up_order)
        self.order_info = QLabel()
        self.order_info.setObjectName("order_info")
        self.order_info.setWordWrap(True)
        self.reason = ReasonBox(ORDER_REASONS, self.tr("作废 / 退款原因：选择或输入"))
        self.refund_amount = MoneyEdit()
        self.refund_amount.setPlaceholderText(self.tr("留空为全额"))

        void = self.action(self.tr("作废"), ["Ctrl+D"], self.void, name="void")
        refund = self.action(self.tr("退款"), ["Ctrl+Shift+R"], self.refund, name="refund")

        order_page = QWidget()
        order_layout = QVBoxLayout(order_page)
        order_layout.setContentsMargins(8, 8, 8, 8)
        find_row = QHBoxLayout()  # one row: the search over today's orders, and the number itself
        find_row.addWidget(self.field(self.tr("今日订单"), self.order_search, "order_search", hint="Alt+L", below=True))
        find_row.addWidget(self.field(self.tr("订单号"), self.order_no, "order_no", hint="Alt+O", below=True), 1)
        order_layout.addLayout(find_row)
        order_layout.addWidget(self.todays_orders, 1)
        order_layout.addWidget(self.order_info)
        order_layout.addWidget(self.field(self.tr("原因"), self.reason, "reason"))
        order_layout.addWidget(self.field(self.tr("退款金额"), self.refund_amount, "amount"))
        order_buttons = QHBoxLayout()
        order_buttons.addWidget(void)
        order_buttons.addWidget(refund)
        order_layout.addLayout(order_buttons)

        return order_page

    # -- today's orders: the look-up list --------------------------------------------------------------

    def load_todays_orders(self) -> None:
        """Today's orders of this counter narrowed by the search text (last digits or amount), newest first."""
        self._orders_gen += 1
        gen, text, counter = self._orders_gen, self.order_search.text().strip(), self.ctx.counter

        def show(orders: list[OrderSummary]) -> None:
            if gen != self._orders_gen:  # a later keystroke asked again
                return
            names = STATUS_EN if self.lang == "en" else STATUS_ZH
            fill_table(self.todays_orders, [[o.created_at[11:16], o.order_no, format_fen(o.total_fen),
                                             names.get(o.status, o.status)] for o in orders],
                       keys=[o.order_no for o in orders])
            if orders:
                self.todays_orders.setCurrentCell(0, 0)

        QueryOp(self.ctx, lambda: services.queries.todays_orders(text, counter.uow(), counter.deps)) \
            .success(show).failure(self.show_error).run()

    def _into_list(self) -> None:
        if self.todays_orders.rowCount():
            self.todays_orders.setFocus()
            self.todays_orders.setCurrentCell(max(self.todays_orders.currentRow(), 0), 0)

    def _search_entered(self) -> None:
        """Enter in the search field: the one order found is chosen; with several, the list takes the arrows."""
        if self.todays_orders.rowCount() == 1:
            self._order_chosen()
        else:
            self._into_list()

    def _order_chosen(self, _index: QModelIndex | None = None) -> None:
        order_no = selected_key(self.todays_orders)
        if order_no is None:
            return
        self.order_no.setText(order_no)
        self.look_up_order()
        self._focus(self.reason)

    def clear_order_form(self) -> None:
        """The look-up list, its search and the reason (a new clerk starts with nothing of the last one's)."""
        self.order_search.clear()
        fill_table(self.todays_orders, [])
        self.reason.clear_text()

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
        self.reason.clear_text()
        self.load_todays_orders()
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
        self.reason.clear_text()
        self.load_todays_orders()
        self.refund_amount.clear()
        self.say(self.tr("已退款 %1（订单 %2），请按原付款方式退还客户").replace("%1", format_fen(result.amount_fen))
                 .replace("%2", result.order_no))
        self.print_receipt(result.recorded.op_id)
        self.look_up_order(clear=False)

