"""销售/下单 Counter order: scan or search products into a cart, identify the member, take the tenders and
sell (or take the order to pay later); look an order up to pay, void or refund it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import services
from counter_app.domain.commands import PayOrder, PlaceOrder, RefundOrder, VoidOrder
from counter_app.domain.errors import CounterError, InvalidInput
from counter_app.domain.model import CartLine, Order, Product, Tender
from counter_app.domain.money import format_fen
from counter_app.domain.pricing import MAX_QTY
from counter_app.ui.context import UiContext
from counter_app.ui.widgets import (
    AmountDisplay,
    CounterWorkspace,
    MoneyEdit,
    fill_table,
    level_name,
    setup_table,
)

STATUS_ZH = {"unpaid": "未付款", "paid": "已付款", "voided": "已作废", "refunded": "已退款",
             "partly_refunded": "部分退款"}
STATUS_EN = {"unpaid": "Unpaid", "paid": "Paid", "voided": "Voided", "refunded": "Refunded",
             "partly_refunded": "Partly refunded"}


class CartTable(QTableWidget):
    """The cart: + and - change the selected line's quantity, Del removes it."""

    def __init__(self, workspace: SaleWorkspace) -> None:
        super().__init__()
        self.workspace = workspace

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.workspace.change_qty(+1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.workspace.change_qty(-1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.workspace.remove_line()
        else:
            super().keyPressEvent(event)


class SaleWorkspace(CounterWorkspace):
    key = "sale"
    title_zh = "销售/下单"
    title_en = "Counter order"
    shortcut = "F2"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.cart: list[list[Any]] = []  # [Product, qty]
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
        self.still_due = QLabel()
        self.still_due.setObjectName("still_due")
        self.still_due.setAlignment(Qt.AlignmentFlag.AlignRight)

        # -- tenders
        self.cash = MoneyEdit()
        self.bank_amount = MoneyEdit()
        self.bank_ref = QLineEdit()
        self.bank_ref.setPlaceholderText(self.tr("终端参考号（勿输卡号）"))
        self.prepaid_amount = MoneyEdit()
        self.prepaid_ref = QLineEdit()
        self.prepaid_ref.setPlaceholderText(self.tr("预付卡参考号"))
        self.points = QLineEdit()
        self.points.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.points.setPlaceholderText(self.tr("积分数"))
        self.points_amount = QLabel()
        self.points_amount.setObjectName("points_amount")
        for edit in (self.cash, self.bank_amount, self.bank_ref, self.prepaid_amount, self.prepaid_ref, self.points):
            edit.textChanged.connect(self.update_change)
        self.cash.returnPressed.connect(self.pay)
        self.routes["reference"] = lambda: "reference" if self._bank_used() or not self._prepaid_used() \
            else "prepaid_reference"
        self.routes["total"] = lambda: "tender"

        # -- order look-up
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

        pay = self.action(self.tr("收款"), ["F12", "Ctrl+Return", "Ctrl+Enter"], self.pay, name="pay")
        later = self.action(self.tr("下单不付款"), ["Ctrl+T"], self.take_order, name="take_order")
        new = self.action(self.tr("新交易"), ["Ctrl+N"], self.new_sale, name="new_sale")
        void = self.action(self.tr("作废"), ["Ctrl+D"], self.void, name="void")
        refund = self.action(self.tr("退款"), ["Ctrl+Shift+R"], self.refund, name="refund")
        for key, target in (("F7", self.product), ("F8", self.member), ("Alt+C", self.cash), ("Alt+O", self.order_no)):
            self._focus_key(key, target)

        # -- layout: left, the cart and the order look-up as two tabs over the member row; right, the money.
        cart_page = QWidget()
        cart_layout = QVBoxLayout(cart_page)
        cart_layout.setContentsMargins(8, 8, 8, 8)
        product_row = QHBoxLayout()
        product_row.addWidget(self.field(self.tr("商品"), self.product, "product", hint="F7", below=True), 5)
        product_row.addWidget(self.field(self.tr("数量"), self.qty, "qty", below=True), 1)
        cart_layout.addLayout(product_row)
        cart_layout.addWidget(self.picks)
        cart_layout.addWidget(self.cart_table, 1)
        cart_layout.addWidget(self.hint(self.tr(
            "回车添加商品（多个结果时用方向键选择后回车）；在购物车中 +/- 改数量，Del 删除；数量框回车改所选行数量")))

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

        self.tabs = QTabWidget()
        self.tabs.setObjectName("sale_tabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(cart_page, self.tr("购物车 (F7)"))
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
            "F12 / Ctrl+Enter：收款（购物车为空时为所查订单付款）；Ctrl+T：下单不付款；Ctrl+N：新交易；"
            "Ctrl+D：作废；Ctrl+Shift+R：退款；Ctrl+P：重打小票。银行卡/预付卡只填参考号时按剩余应收金额支付")))

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
        tender_box = QGroupBox(self.tr("付款（可组合）"))
        tender_box.setObjectName("tenders")
        tender_layout = QVBoxLayout(tender_box)
        tender_layout.setContentsMargins(0, 6, 0, 0)
        tender_layout.setSpacing(4)
        tender_fields = [
            self.field(self.tr("现金实收"), self.cash, "tender", hint="Alt+C", below=True),
            self.field(self.tr("银行卡"), self._pair(self.bank_amount, self.bank_ref), "reference", below=True),
            self.field(self.tr("预付卡"), self._pair(self.prepaid_amount, self.prepaid_ref), "prepaid_reference",
                       below=True),
            self.field(self.tr("积分抵扣"), self._pair(self.points, self.points_amount), "points", below=True),
        ]
        width = max(f.caption.sizeHint().width() for f in tender_fields)
        for tender_field in tender_fields:
            tender_field.caption.setMinimumWidth(width)
            tender_layout.addWidget(tender_field)
        right.addWidget(tender_box)
        change_row = QHBoxLayout()
        change_row.addWidget(QLabel(self.tr("找零")))
        change_row.addWidget(self.still_due, 1)
        change_row.addWidget(self.change)
        right.addLayout(change_row)
        pay.setProperty("primary", True)
        right.addWidget(pay)
        right.addWidget(self.message)
        right.addWidget(self.print_row())
        right.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 11)
        layout.addLayout(right, 9)
        self.update_change()

    # -- small layout helpers ------------------------------------------------------------------------

    @staticmethod
    def _pair(first: QWidget, second: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first, 2)
        row.addWidget(second, 3)
        return box

    def _focus_key(self, key: str, target: QLineEdit) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: (self._focus(target), target.selectAll()))

    def _focus(self, widget: QWidget) -> None:
        """Focus ``widget``, first bringing up the tab (cart or order look-up) it lives on."""
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget) and self.tabs.currentIndex() != index:
                self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def _tab_changed(self, index: int) -> None:
        (self.product if index == 0 else self.order_no).setFocus()

    def code_field(self) -> QLineEdit:
        return self.product

    def activated(self) -> None:
        target = self.product if self.tabs.currentIndex() == 0 else self.order_no
        target.setFocus()
        target.selectAll()

    def handle_scan(self, text: str) -> None:
        self._focus(self.product)
        super().handle_scan(text)

    # -- products ------------------------------------------------------------------------------------

    def search(self) -> None:
        text = self.product.text().strip()
        if not text:
            return
        counter = self.ctx.counter
        self._focus(self.product)
        self.picks.setVisible(False)
        self.call(lambda: services.queries.search_products(text, counter.uow()),
                  lambda found: self._searched(text, found), default_field="product")

    def _searched(self, text: str, found: list[Product]) -> None:
        if not found:
            self.fields["product"].show_error(self.tr("未找到商品：%1").replace("%1", text))
            self.product.selectAll()
            return
        if len(found) == 1:
            self.add_product(found[0])
            return
        self.picks.clear()
        for product in found:
            item = QListWidgetItem(f"{product.name}  {format_fen(product.price_fen)}  [{product.sku}]")
            item.setData(Qt.ItemDataRole.UserRole, product)
            self.picks.addItem(item)
        self.picks.setVisible(True)
        self.picks.setCurrentRow(0)
        self.picks.setFocus()
        self.say(self.tr("找到 %1 个商品，请用方向键选择后回车").replace("%1", str(len(found))))

    def _picked(self, item: QListWidgetItem) -> None:
        self.picks.setVisible(False)
        self.add_product(item.data(Qt.ItemDataRole.UserRole))

    def add_product(self, product: Product) -> None:
        qty = 1
        for row, line in enumerate(self.cart):
            if line[0].sku == product.sku:
                if line[1] + qty > MAX_QTY:
                    self.fields["qty"].show_error(self.tr("数量不能超过 %1").replace("%1", str(MAX_QTY)))
                    return
                line[1] += qty
                self._cart_changed(row)
                break
        else:
            self.cart.append([product, qty])
            self._cart_changed(len(self.cart) - 1)
        self.message.clear()
        self.product.clear()
        self._focus(self.product)

    def _selected_row(self) -> int:
        row = self.cart_table.currentRow()
        if 0 <= row < len(self.cart):
            return row
        return len(self.cart) - 1

    def change_qty(self, delta: int) -> None:
        row = self._selected_row()
        if row < 0:
            return
        qty = self.cart[row][1] + delta
        if qty <= 0:
            self.remove_line()
            return
        if qty > MAX_QTY:
            self.fields["qty"].show_error(self.tr("数量不能超过 %1").replace("%1", str(MAX_QTY)))
            return
        self.fields["qty"].clear_error()
        self.cart[row][1] = qty
        self._cart_changed(row)

    def set_qty(self) -> None:
        row = self._selected_row()
        field = self.fields["qty"]
        if row < 0:
            field.show_error(self.tr("请先添加商品"))
            return
        text = self.qty.text().strip()
        if not text.isdigit() or int(text) <= 0:
            field.show_error(self.tr("数量必须是正整数"))
            return
        if int(text) > MAX_QTY:
            field.show_error(self.tr("数量不能超过 %1").replace("%1", str(MAX_QTY)))
            return
        field.clear_error()
        self.cart[row][1] = int(text)
        self.qty.clear()
        self._cart_changed(row)
        self._focus(self.product)

    def remove_line(self) -> None:
        row = self._selected_row()
        if row < 0:
            return
        del self.cart[row]
        self._cart_changed(min(row, len(self.cart) - 1))

    def _cart_changed(self, select: int) -> None:
        fill_table(self.cart_table, [[p.name, format_fen(p.price_fen), qty, format_fen(p.price_fen * qty)]
                                     for p, qty in self.cart], keys=[p.sku for p, _ in self.cart])
        if 0 <= select < len(self.cart):
            self.cart_table.setCurrentCell(select, 0)
        self.requote()

    def requote(self) -> None:
        self._quote_gen += 1
        gen = self._quote_gen
        lines = [(p.sku, qty) for p, qty in self.cart]
        member_id = self.member_id
        counter = self.ctx.counter

        def quoted(quote: dict[str, int]) -> None:
            if gen == self._quote_gen:
                self.quote = quote
                self.update_change()

        self.ctx.runner.run(lambda: services.queries.quote_order(lines, member_id, counter.uow()),
                            on_success=quoted, on_failure=self.show_error)

    # -- member --------------------------------------------------------------------------------------

    def identify(self) -> None:
        text = self.member.text().strip()
        counter = self.ctx.counter
        self.call(lambda: services.identify_member(text, counter.uow(), counter.deps), self._identified,
                  default_field="member")

    def _identified(self, view: Any) -> None:
        m = view.member
        self.member_id = m.member_id
        self.member_info.setText(self.tr("%1 %2 %3　积分 %4，可用 %5").replace("%1", m.name_masked)
                                 .replace("%2", m.phone_masked).replace("%3", level_name(m.level, self.lang))
                                 .replace("%4", str(m.points_balance)).replace("%5", str(view.redeemable)))
        self.requote()
        self._focus(self.product)

    def clear_member(self) -> None:
        self.member_id = None
        self.member.clear()
        self.member_info.setText(self.tr("未识别会员"))
        self.requote()

    # -- tenders -------------------------------------------------------------------------------------

    def _bank_used(self) -> bool:
        return bool(self.bank_amount.text().strip() or self.bank_ref.text().strip())

    def _prepaid_used(self) -> bool:
        return bool(self.prepaid_amount.text().strip() or self.prepaid_ref.text().strip())

    def due_fen(self) -> int:
        if self.cart or self.order is None:
            return self.quote["total_fen"]
        return int(self.order.total_fen)

    def tenders(self) -> tuple[Tender, ...]:
        """The payment lines typed in; a card with a reference but no amount pays what is left."""
        due = self.due_fen()
        fen_per_point = max(1, int(self.quote.get("redeem_fen_per_point", 1)))
        lines: list[Tender] = []
        points_text = self.points.text().strip()
        if points_text:
            if not points_text.isdigit() or int(points_text) <= 0:
                raise InvalidInput("points_invalid", "积分必须是正整数", "Points are a whole number above zero",
                                   field="points")
            pts = int(points_text)
            lines.append(Tender("points", pts * fen_per_point, points=pts))
        cash = self.cash.fen_or_none(field="tender")
        cards = []
        for amount_edit, ref_edit, method, name in ((self.prepaid_amount, self.prepaid_ref, "prepaid_card",
                                                     "prepaid_reference"),
                                                    (self.bank_amount, self.bank_ref, "bank_card", "reference")):
            if amount_edit.text().strip() or ref_edit.text().strip():
                cards.append((amount_edit.fen_or_none(field=name), ref_edit.text().strip(), method))
        explicit = sum(t.amount_fen for t in lines) + (cash or 0) + sum(a or 0 for a, _, _ in cards)
        for amount, ref, method in cards:
            if amount is None:
                amount = max(0, due - explicit)
                explicit += amount
            lines.append(Tender(method, amount, reference=ref or None))
        if cash:
            lines.append(Tender("cash", cash))
        return tuple(lines)

    def update_change(self) -> None:
        """Totals and the live change due as the clerk types the cash received."""
        q = self.quote
        if self.cart or self.order is None:
            self.subtotal.set_fen(q["subtotal_fen"])
            self.discount.set_fen(q["discount_fen"])
        self.total.set_fen(self.due_fen())
        try:
            tenders = self.tenders()
        except CounterError:
            self.change.set_fen(None)
            self.still_due.clear()
            return
        points_fen = sum(t.amount_fen for t in tenders if t.method == "points")
        self.points_amount.setText(format_fen(points_fen) if points_fen else "")
        paid = sum(t.amount_fen for t in tenders)
        due = self.due_fen()
        if not tenders:
            self.change.set_fen(None)
            self.still_due.clear()
        elif paid >= due:
            self.change.set_fen(paid - due)
            self.still_due.clear()
        else:
            self.change.set_fen(0)
            self.still_due.setText(self.tr("还差 %1").replace("%1", format_fen(due - paid)))

    def _clear_tenders(self) -> None:
        for edit in (self.cash, self.bank_amount, self.bank_ref, self.prepaid_amount, self.prepaid_ref, self.points):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.points_amount.clear()
        self.still_due.clear()

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
        return tuple(CartLine(p.sku, qty) for p, qty in self.cart)

    def _reset_sale(self) -> None:
        self.cart.clear()
        fill_table(self.cart_table, [])
        self._clear_tenders()
        self.member_id = None
        self.member.clear()
        self.member_info.setText(self.tr("未识别会员"))
        self.quote = dict(self.quote, subtotal_fen=0, discount_fen=0, total_fen=0)
        self._quote_gen += 1

    def _sold(self, placed: Any) -> None:
        self._reset_sale()
        self.order = None
        self.order_info.clear()
        self.update_change()
        self.change.set_fen(placed.change_fen)
        self.total.set_fen(placed.total_fen)
        text = self.tr("收款成功：订单 %1，应收 %2，找零 %3").replace("%1", placed.order_no) \
            .replace("%2", format_fen(placed.total_fen)).replace("%3", format_fen(placed.change_fen))
        if placed.points_earned:
            text += self.tr("，积分 +%1").replace("%1", str(placed.points_earned))
        self.say(text)
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

    def void(self) -> None:
        self.tabs.setCurrentIndex(1)  # its refusals are shown beside the order fields
        order = self._need_order()
        clerk_id = self.clerk_id()
        if order is None or clerk_id is None:
            return
        self.clear_errors()
        if not self.reason.text().strip():
            self.fields["reason"].show_error(self.tr("请填写作废原因"))
            self._focus(self.reason)
            return
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
        self.tabs.setCurrentIndex(1)  # its refusals are shown beside the order fields
        order = self._need_order()
        clerk_id = self.clerk_id()
        if order is None or clerk_id is None:
            return
        self.clear_errors()
        try:
            amount = self.refund_amount.fen_or_none(field="amount")
        except CounterError as error:
            self.show_error(error)
            return
        if not self.reason.text().strip():
            self.fields["reason"].show_error(self.tr("请填写退款原因"))
            self._focus(self.reason)
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

    def refresh(self, what: str) -> None:
        if what == "settings":
            self.requote()
