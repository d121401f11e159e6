"""提货 Pickup: scan or type the pickup code (or the order number), check the order, hand it over."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import services
from counter_app.domain.commands import CollectPickup
from counter_app.domain.model import PickupOrder
from counter_app.domain.money import format_fen
from counter_app.ui.context import UiContext
from counter_app.ui.widgets import AmountDisplay, fill_table, make_table
from counter_app.ui.workspaces.base import CounterWorkspace
from counter_app.ui.workspaces.pickup_cod import PickupCod
from counter_app.ui.workspaces.pickup_codepay import PickupCodePay


class PickupWorkspace(PickupCod, PickupCodePay, CounterWorkspace):
    key = "pickup"
    title_zh = "提货"
    title_en = "Pickup"
    shortcut = "F1"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("提货码或订单号"))  # "回车查询" is beside it
        self._fit_placeholder()
        self.code.returnPressed.connect(self.enter)
        code_field = self.field(self.tr("提货码"), self.code, "pickup_code", hint=self.tr("回车查询"))
        # Offline, where the platform's manifest says so: the recipient's phone's last 4 digits, as the customer
        # says them (the screen shows the order's last 4 to compare); shown only for such an order.
        self.second = QLineEdit()
        self.second.setObjectName("second_factor")
        self.second.setMaxLength(4)
        self.second.returnPressed.connect(self.hand_over)
        self.second_field = self.field(self.tr("手机后4位"), self.second, "second_factor",
                                       hint=self.tr("离线提货需核对收件人手机号后4位"))
        self.second_field.setVisible(False)

        self.order_no = QLabel()
        self.order_no.setObjectName("order_no")
        self.customer = QLabel()
        self.customer.setObjectName("customer")
        self.lines = make_table([self.tr("商品"), self.tr("数量"), self.tr("单价"), self.tr("金额")],
                                numeric=(1, 2, 3))
        self.lines.setObjectName("lines")
        for column in (1, 2, 3):  # the product name takes what the figures leave
            self.lines.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.total = AmountDisplay(30)
        self.total.setObjectName("total")
        self.confirm = self.action(self.tr("确认交付"), ["Ctrl+Return", "Ctrl+Enter"], self.hand_over,
                                   name="confirm")
        self.confirm.setEnabled(False)
        code_pay = self._build_code_pay()  # 货到付款 by payment code (pickup_codepay.py)
        cod_box = self._build_cod_box()  # 货到付款 by cash and cards (pickup_cod.py)

        for label in (self.order_no, self.customer):
            font = label.font()
            font.setPointSize(font.pointSize() + 3)
            font.setBold(True)
            label.setFont(font)
        self.confirm.setProperty("primary", True)
        info_box = QGroupBox(self.tr("订单"))
        info = QGridLayout(info_box)
        info.addWidget(QLabel(self.tr("订单号")), 0, 0)
        info.addWidget(self.order_no, 0, 1)
        info.addWidget(QLabel(self.tr("收货人")), 1, 0)
        info.addWidget(self.customer, 1, 1)
        info.addWidget(QLabel(self.tr("合计")), 2, 0)
        info.addWidget(self.total, 2, 1)
        info.setColumnStretch(1, 1)

        left = QVBoxLayout()
        left.addWidget(code_field)
        left.addWidget(self.second_field)
        left.addWidget(self.lines, 1)
        left.addWidget(self.hint(self.tr(  # under the lines: the right column keeps its height for 货到付款
            "回车：查询；查到后再按回车或 Ctrl+Enter：确认交付。仅凭订单号交付需要主管授权。Ctrl+P：重打小票")))
        right = QVBoxLayout()
        right.addWidget(info_box)
        right.addWidget(cod_box)
        right.addWidget(self.confirm)
        right.addWidget(code_pay)
        right.addWidget(self.message)
        right.addWidget(self.print_row())
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

        self.found: PickupOrder | None = None
        self.found_code: str | None = None
        self.found_for = ""

    def _fit_placeholder(self) -> None:
        """The code field is never narrower than its placeholder (it was cut to "扫描或输入提货码 / 订…"):
        its text, the 8 px padding and the 2 px border on each side, and a little air."""
        self.code.ensurePolished()
        self.code.setMinimumWidth(self.code.fontMetrics().horizontalAdvance(self.code.placeholderText()) + 32)

    def retranslate_state(self) -> None:
        super().retranslate_state()
        self._fit_placeholder()

    def code_field(self) -> QLineEdit:
        return self.code

    def enter(self) -> None:
        """Enter: look the text up, or confirm the order already shown for the same text."""
        text = self.code.text().strip()
        if self.found is not None and text and text == self.found_for:
            self.hand_over()
        else:
            self.look_up()

    def look_up(self) -> None:
        text = self.code.text().strip()
        self.show_order(None, None)
        self.clear_results()  # a new pickup: the last one's 提货完成 and 小票已打印 are history
        counter = self.ctx.counter
        self.call(lambda: services.find_pickup(text, counter.uow(), counter.deps),
                  lambda result: self._found(text, result), default_field="pickup_code")

    def _found(self, text: str, result: tuple[PickupOrder, str | None]) -> None:
        order, code = result
        self.show_order(order, code)
        self.found_for = text
        if code is None:
            self.say(self.tr("凭订单号查到订单；交付需要主管授权（Ctrl+Enter）"))
        else:
            self.say(self.tr("提货码正确，请核对商品后确认交付（回车 / Ctrl+Enter）"))
        self.code.setFocus()
        if order.cod_fen:  # cash on delivery: the tenders first
            self.say(self.cod_hint())
            self.cod_cash.setFocus()

    def show_order(self, order: PickupOrder | None, code: str | None) -> None:
        self.found, self.found_code = order, code
        self.confirm.setEnabled(order is not None)
        self.update_code_pay(order)
        self.second.clear()
        self.second_field.setVisible(bool(order is not None and order.second_factor and code
                                          and not self.ctx.counter.deps.online()))
        self.update_cod(order)
        if order is None:
            self.found_for = ""
            self.order_no.clear()
            self.customer.clear()
            self.total.set_fen(None)
            fill_table(self.lines, [])
            return
        self.order_no.setText(order.order_no)
        self.customer.setText(f"{order.customer_name_masked}  {order.phone_masked}")
        self.total.set_fen(order.total_fen)
        fill_table(self.lines, [[ln.get("name", ln.get("sku")), ln.get("qty"),
                                 format_fen(int(ln.get("unit_price_fen", 0))), format_fen(int(ln.get("amount_fen", 0)))]
                                for ln in order.lines])

    def hand_over(self) -> None:
        order, code = self.found, self.found_code
        if order is None:
            self.fields["pickup_code"].show_error(self.tr("请先扫描或输入提货码并回车查询"))
            return
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        tenders = self.cod_tenders()  # 货到付款: None while they do not cover the amount to collect
        if tenders is None:
            return
        approval = None
        if not code:
            approval = self.ask_supervisor(self.tr("凭订单号提货（无提货码）"))
            if approval is None:
                return
        cmd = CollectPickup(clerk_id, order.order_no, code=code, approval=approval, tenders=tenders,
                            second_factor=self.second.text().strip() or None)
        self.confirm.setEnabled(False)
        self.write(services.collect_pickup, cmd, self._collected, on_failure=lambda _: self.confirm.setEnabled(True),
                   default_field="pickup_code")

    def _collected(self, result: Any) -> None:
        order_no = result.order.order_no
        self.show_order(None, None)
        self.code.clear()
        self.code.setFocus()
        self.say(self.tr("提货完成：订单 %1 已交付").replace("%1", order_no) + self.cod_collected(result))
        self.print_receipt(result.recorded.op_id)

    def reset_for_new_clerk(self) -> None:
        self.show_order(None, None)
        self.code.clear()
        super().reset_for_new_clerk()
