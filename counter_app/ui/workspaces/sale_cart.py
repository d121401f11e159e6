"""销售/下单's cart: products found by scan, code, name or pinyin initials, quantities changed with + / - / Del
or typed, and the live quote (subtotal, member discount, total) from the domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QTableWidget, QWidget

from counter_app.domain import services
from counter_app.domain.cart import Cart
from counter_app.domain.errors import CounterError
from counter_app.domain.model import Product
from counter_app.domain.money import format_fen
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import fill_table

if TYPE_CHECKING:
    from counter_app.ui.workspaces.base import CounterWorkspace

    _Base = CounterWorkspace
else:
    _Base = object


class CartTable(QTableWidget):
    """The cart: + and - change the selected line's quantity, Del removes it."""

    def __init__(self, workspace: SaleCart) -> None:
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


class SaleCart(_Base):
    """Mixin of ``SaleWorkspace``: the 购物车 tab and the quote."""

    cart: Cart
    member_id: str | None
    quote: dict[str, int]
    _quote_gen: int
    product: QLineEdit
    qty: QLineEdit
    picks: QListWidget
    cart_table: CartTable

    # -- products ------------------------------------------------------------------------------------

    if TYPE_CHECKING:  # provided by the other parts of SaleWorkspace
        def _focus(self, widget: QWidget) -> None: ...
        def update_change(self) -> None: ...

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
        try:
            self.cart, row = self.cart.add(product)
        except CounterError as error:
            self.show_error(error)
            return
        self._cart_changed(row)
        self.clear_results()  # a new line: the last sale's message, change and receipt status are history
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
        try:
            cart = self.cart.change_qty(row, delta)
        except CounterError as error:
            self.show_error(error)
            return
        self.fields["qty"].clear_error()
        removed = len(cart) < len(self.cart)
        self.cart = cart
        self._cart_changed(min(row, len(cart) - 1) if removed else row)

    def set_qty(self) -> None:
        row = self._selected_row()
        field = self.fields["qty"]
        if row < 0:
            field.show_error(self.tr("请先添加商品"))
            return
        text = self.qty.text().strip()
        try:
            self.cart = self.cart.set_qty(row, int(text) if text.isdigit() else -1)
        except CounterError as error:
            self.show_error(error)
            return
        field.clear_error()
        self.qty.clear()
        self._cart_changed(row)
        self._focus(self.product)

    def remove_line(self) -> None:
        row = self._selected_row()
        if row < 0:
            return
        self.cart = self.cart.remove(row)
        self._cart_changed(min(row, len(self.cart) - 1))

    def _cart_changed(self, select: int) -> None:
        fill_table(self.cart_table, [[line.product.name, format_fen(line.product.price_fen), line.qty,
                                      format_fen(line.amount_fen)] for line in self.cart.lines],
                   keys=[line.product.sku for line in self.cart.lines])
        if 0 <= select < len(self.cart):
            self.cart_table.setCurrentCell(select, 0)
        self.requote()

    def requote(self) -> None:
        self._quote_gen += 1
        gen = self._quote_gen
        lines = [(line.sku, line.qty) for line in self.cart.order_lines()]
        member_id = self.member_id
        counter = self.ctx.counter

        def quoted(quote: dict[str, int]) -> None:
            if gen == self._quote_gen:
                self.quote = quote
                self.update_change()

        QueryOp(self.ctx, lambda: services.queries.quote_order(lines, member_id, counter.uow())).success(quoted) \
            .failure(self.show_error).run()

