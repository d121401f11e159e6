"""销售/下单 Counter order: scan or search products into a cart, identify the member, take the tenders and
sell (or take the order to pay later); look an order up to pay, void or refund it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.changes import Change
from counter_app.domain import services
from counter_app.domain.commands import PayOrder, PlaceOrder
from counter_app.domain.cart import Cart
from counter_app.domain.errors import CounterError
from counter_app.domain.model import CartLine, Order
from counter_app.domain.money import format_fen
from counter_app.ui.context import UiContext
from counter_app.ui.widgets import (
    AmountDisplay,
    fill_table,
    level_name,
    setup_table,
)
from counter_app.ui.workspaces.base import CounterWorkspace
from counter_app.ui.workspaces.sale_cart import CartTable, SaleCart
from counter_app.ui.workspaces.sale_codepay import SaleCodePay
from counter_app.ui.workspaces.sale_orders import SaleOrders
from counter_app.ui.workspaces.sale_tenders import SaleTenders



class SaleWorkspace(SaleCart, SaleOrders, SaleCodePay, SaleTenders, CounterWorkspace):
    key = "sale"
    title_zh = "销售/下单"
    title_en = "Sale"
    shortcut = "F2"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.cart = Cart()
        self.member_id: str | None = None
        self.quote: dict[str, int] = {"subtotal_fen": 0, "discount_fen": 0, "total_fen": 0,
                                      "redeem_fen_per_point": 1}
        self._quote_gen = 0
        self.order: Order | None = None

        # -- products and cart
        self.product = QLineEdit()
        self.product.setPlaceholderText(self.tr("扫码 / 商品编码 / 名称 / 拼音首字母，回车"))
        self.product.returnPressed.connect(self.search)
        self.picks = QListWidget()
        self.picks.setObjectName("picks")
        self.picks.setVisible(False)
        self.picks.itemActivated.connect(self._picked)
        self.qty = QLineEdit()
        self.qty.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.qty.setPlaceholderText("1")
        self.qty.setMaximumWidth(80)
        self.qty.returnPressed.connect(self.set_qty)
        self.cart_table = CartTable(self)
        self.cart_table.setObjectName("cart")
        setup_table(self.cart_table, [self.tr("商品"), self.tr("单价"), self.tr("数量"), self.tr("金额")],
                    numeric=(1, 2, 3))
        header = self.cart_table.horizontalHeader()
        for column in (1, 2, 3):  # the product name takes what the figures leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        # -- member
        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("手机号 / 会员卡号，回车"))
        self.member.returnPressed.connect(self.identify)
        self.member_info = QLabel(self.tr("未识别会员"))
        self.member_info.setObjectName("member_info")
        clear_member = self.action(self.tr("清除会员"), ["Ctrl+M"], self.clear_member, name="clear_member")

        # -- totals
        self.subtotal = AmountDisplay(14)
        self.subtotal.setObjectName("subtotal")
        self.discount = AmountDisplay(14)
        self.discount.setObjectName("discount")
        self.total = AmountDisplay(34)
        self.total.setObjectName("total")
        self.change = AmountDisplay(30)
        self.change.setObjectName("change")
        self.change_label = QLabel(self.tr("找零"))  # 上笔找零 while it shows the last sale's change
        self.change_label.setObjectName("change_label")
        self.still_due = QLabel()
        self.still_due.setObjectName("still_due")
        self.still_due.setAlignment(Qt.AlignmentFlag.AlignRight)

        tender_box = self._build_tender_box()
        order_page = self._build_order_page()

        pay = self.action(self.tr("收款"), ["F12", "Ctrl+Return", "Ctrl+Enter"], self.pay, name="pay")
        later = self.action(self.tr("下单不付款"), ["Ctrl+T"], self.take_order, name="take_order")
        new = self.action(self.tr("新交易"), ["Ctrl+N"], self.new_sale, name="new_sale")
        code_pay = self._build_code_pay()
        # F7 is the window's 邮件收寄 key: the product field has its own Alt+S (S for 商品/search).
        for key, target in (("Alt+S", self.product), ("F8", self.member), ("Alt+C", self.cash),
                            ("Alt+O", self.order_no), ("Alt+L", self.order_search)):
            self._focus_key(key, target)

        # -- layout: left, the cart and the order look-up as two tabs over the member row; right, the money.
        cart_page = QWidget()
        cart_layout = QVBoxLayout(cart_page)
        cart_layout.setContentsMargins(8, 8, 8, 8)
        product_row = QHBoxLayout()
        product_row.addWidget(self.field(self.tr("商品 (Alt+S)"), self.product, "product", below=True), 5)
        product_row.addWidget(self.field(self.tr("数量"), self.qty, "qty", below=True), 1)
        cart_layout.addLayout(product_row)
        cart_layout.addWidget(self.picks)
        cart_layout.addWidget(self.cart_table, 1)
        cart_layout.addWidget(self.hint(self.tr(
            "回车添加商品（多个结果时用方向键选择后回车）；在购物车中 +/- 改数量，Del 删除；数量框回车改所选行数量")))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("sale_tabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(cart_page, self.tr("购物车 (Alt+S)"))
        self.tabs.addTab(order_page, self.tr("订单查询：付款 / 作废 / 退款 (Alt+O)"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.member.setMinimumWidth(190)  # a whole phone number stays readable
        self.member_info.setWordWrap(True)
        member_row = QHBoxLayout()
        member_row.addWidget(self.field(self.tr("会员"), self.member, "member", hint="F8", below=True), 1)
        member_row.addWidget(clear_member)
        sale_buttons = QHBoxLayout()
        sale_buttons.addWidget(later)
        sale_buttons.addWidget(new)
        left = QVBoxLayout()
        left.addWidget(self.tabs, 1)
        left.addLayout(member_row)
        left.addWidget(self.member_info)
        left.addLayout(sale_buttons)
        left.addWidget(self.hint(self.tr(
            "现金实收框中回车、F12 或 Ctrl+Enter：收款（购物车为空时为所查订单付款）；Ctrl+T：下单不付款；"
            "Ctrl+N：新交易；Alt+L：今日订单；Ctrl+D：作废；Ctrl+Shift+R：退款；Ctrl+P：重打小票。"
            "银行卡/预付卡只填参考号时按剩余应收金额支付")))

        right = QVBoxLayout()
        totals = QGridLayout()
        totals.addWidget(QLabel(self.tr("小计")), 0, 0)
        totals.addWidget(self.subtotal, 0, 1)
        totals.addWidget(QLabel(self.tr("会员优惠")), 0, 2)
        totals.addWidget(self.discount, 0, 3)
        totals.addWidget(QLabel(self.tr("应收")), 1, 0)
        totals.addWidget(self.total, 1, 1, 1, 3)
        totals.setColumnStretch(1, 1)
        totals.setColumnStretch(3, 1)
        right.addLayout(totals)
        right.addWidget(tender_box)
        change_row = QHBoxLayout()
        change_row.addWidget(self.change_label)
        change_row.addWidget(self.still_due, 1)
        change_row.addWidget(self.change)
        right.addLayout(change_row)
        pay.setProperty("primary", True)
        right.addWidget(pay)
        right.addWidget(code_pay)
        right.addWidget(self.message)
        right.addWidget(self.print_row())
        right.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 11)
        layout.addLayout(right, 9)
        self.update_change()

    # -- small layout helpers ------------------------------------------------------------------------

    def _focus_key(self, key: str, target: QLineEdit) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self._focus_all(target))

    def _focus_all(self, target: QLineEdit) -> None:
        self._focus(target)
        target.selectAll()

    def _focus(self, widget: QWidget) -> None:
        """Focus ``widget``, first bringing up the tab (cart or order look-up) it lives on."""
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget) and self.tabs.currentIndex() != index:
                self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def _tab_changed(self, index: int) -> None:
        (self.product if index == 0 else self.order_no).setFocus()
        if index == 1:
            self.load_todays_orders()

    def code_field(self) -> QLineEdit:
        return self.product

    def activated(self) -> None:
        target = self.product if self.tabs.currentIndex() == 0 else self.order_no
        target.setFocus()
        target.selectAll()

    def handle_scan(self, text: str) -> None:
        self._focus(self.product)
        super().handle_scan(text)

    # -- member --------------------------------------------------------------------------------------

    def identify(self) -> None:
        text = self.member.text().strip()
        counter = self.ctx.counter
        self.call(lambda: services.identify_member(text, counter.uow(), counter.deps), self._identified,
                  default_field="member")

    def _identified(self, view: Any) -> None:
        m = view.member
        self.member_id = m.member_id
        self.member_masked = m.phone_masked
        self.member_info.setText(self.tr("%1 %2 %3　积分 %4，可用 %5").replace("%1", m.name_masked)
                                 .replace("%2", m.phone_masked).replace("%3", level_name(m.level, self.lang))
                                 .replace("%4", str(m.points_balance)).replace("%5", str(view.redeemable)))
        self.requote()
        self._focus(self.product)

    def clear_member(self) -> None:
        self.member_id = None
        self.member_masked = ""
        self.member.clear()
        self.member_info.setText(self.tr("未识别会员"))
        self.requote()

    # -- selling -------------------------------------------------------------------------------------

    def pay(self) -> None:
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        self.clear_errors()
        try:
            tenders = self.tenders()
        except CounterError as error:
            self.show_error(error)
            return
        if self.cart:
            cmd: Any = PlaceOrder(clerk_id, self._lines(), tenders, member_id=self.member_id)
            self.write(services.place_order, cmd, self._sold, default_field="tender")
        elif self.order is not None and self.order.status == "unpaid":
            cmd = PayOrder(clerk_id, self.order.order_no, tenders)
            self.write(services.pay_order, cmd, self._sold, default_field="tender")
        else:
            self.fields["product"].show_error(self.tr("请先添加商品"))
            self._focus(self.product)

    def take_order(self) -> None:
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        cmd = PlaceOrder(clerk_id, self._lines(), None, member_id=self.member_id)
        self.write(services.place_order, cmd, self._taken, default_field="product")

    def _lines(self) -> tuple[CartLine, ...]:
        return self.cart.order_lines()

    def _reset_sale(self) -> None:
        self.cart = Cart()
        fill_table(self.cart_table, [])
        self._clear_tenders()
        self.member_id = None
        self.member_masked = ""
        self.member.clear()
        self.member_info.setText(self.tr("未识别会员"))
        self.quote = dict(self.quote, subtotal_fen=0, discount_fen=0, total_fen=0)
        self._quote_gen += 1

    def _sold(self, placed: Any) -> None:
        self._reset_sale()
        self.order = None
        self.order_info.clear()
        self.update_change()  # 应收 is the (empty) next cart's: a clerk must never read the last total as current
        self.change.set_fen(placed.change_fen)  # the change still to hand over, marked as the last sale's
        self.change_label.setText(self.tr("上笔找零"))
        text = self.tr("收款成功：订单 %1，应收 %2，找零 %3").replace("%1", placed.order_no) \
            .replace("%2", format_fen(placed.total_fen)).replace("%3", format_fen(placed.change_fen))
        if placed.points_earned:
            text += self.tr("，积分 +%1").replace("%1", str(placed.points_earned))
        self.say(text)
        self.show_paid(placed)
        self._focus(self.product)
        self.print_receipt(placed.recorded.op_id)

    def _taken(self, placed: Any) -> None:
        self._reset_sale()
        self.update_change()
        self.say(self.tr("已下单（未付款）：订单 %1，应收 %2").replace("%1", placed.order_no)
                 .replace("%2", format_fen(placed.total_fen)))
        self.order_no.setText(placed.order_no)
        self.print_receipt(placed.recorded.op_id)
        self.look_up_order(clear=False)

    def new_sale(self) -> None:
        self._reset_sale()
        self.order = None
        self.order_info.clear()
        self.clear_errors()
        self.update_change()
        self._focus(self.product)

    def update_change(self) -> None:
        """The current cart's figures; the last sale's change (上笔找零) gives way to them."""
        self.change_label.setText(self.tr("找零"))
        super().update_change()

    def clear_results(self) -> None:
        """The last sale's 应收/找零 and messages give way to the current cart's figures."""
        super().clear_results()
        self.update_change()

    def reset_for_new_clerk(self) -> None:
        self._reset_sale()
        self.order = None
        for edit in (self.product, self.qty, self.order_no, self.refund_amount):
            edit.clear()
        self.picks.clear()
        self.picks.setVisible(False)
        self.order_info.clear()
        self.clear_order_form()
        self.tabs.setCurrentIndex(0)
        super().reset_for_new_clerk()

    def refresh(self, change: Change) -> None:
        if change.settings:
            self.requote()
