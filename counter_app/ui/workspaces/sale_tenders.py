"""销售/下单's tenders: cash, bank card, prepaid card and points as typed, the live change and what is still
due. The domain assembles the payment lines (``domain.cart``); this mixin only collects and shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.domain.cart import CardEntry, assemble_tenders, parse_points, summarise
from counter_app.domain.errors import CounterError
from counter_app.domain.model import Order, Tender
from counter_app.domain.money import format_fen
from counter_app.ui.widgets import AmountDisplay, MoneyEdit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from counter_app.ui.workspaces.base import CounterWorkspace

    _Base = CounterWorkspace
else:
    _Base = object


def pair(first: QWidget, second: QWidget) -> QWidget:
    """An amount and its reference side by side (the card lines of F2's and F1's tender boxes)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(first, 2)
    row.addWidget(second, 3)
    return box


def typed_cards(rows: Iterable[tuple[MoneyEdit, QLineEdit, str, str]]) -> tuple[CardEntry, ...]:
    """The card lines typed in, from (amount, reference, method, field name) rows; a row left empty is none."""
    return tuple(CardEntry(method, amount.fen_or_none(field=name), ref.text())
                 for amount, ref, method, name in rows if amount.text().strip() or ref.text().strip())


class SaleTenders(_Base):
    """Mixin of ``SaleWorkspace``: the 付款 box and its figures."""

    cart: Any
    order: Order | None
    quote: dict[str, int]
    subtotal: AmountDisplay
    discount: AmountDisplay
    total: AmountDisplay
    change: AmountDisplay
    still_due: QLabel

    if TYPE_CHECKING:  # provided by the other parts of SaleWorkspace
        def pay(self) -> None: ...

    def _build_tender_box(self) -> QGroupBox:
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


        tender_box = QGroupBox(self.tr("付款（可组合）"))
        tender_box.setObjectName("tenders")
        tender_layout = QVBoxLayout(tender_box)
        tender_layout.setContentsMargins(0, 6, 0, 0)
        tender_layout.setSpacing(4)
        tender_fields = [
            self.field(self.tr("现金实收"), self.cash, "tender", hint=self.tr("Alt+C，回车收款"), below=True),
            self.field(self.tr("银行卡"), self._pair(self.bank_amount, self.bank_ref), "reference", below=True),
            self.field(self.tr("预付卡"), self._pair(self.prepaid_amount, self.prepaid_ref), "prepaid_reference",
                       below=True),
            self.field(self.tr("积分抵扣"), self._pair(self.points, self.points_amount), "points", below=True),
        ]
        width = max(f.caption.sizeHint().width() for f in tender_fields)
        for tender_field in tender_fields:
            tender_field.caption.setMinimumWidth(width)
            tender_layout.addWidget(tender_field)
        return tender_box

    _pair = staticmethod(pair)

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
        """The payment lines typed in (the domain assembles them; a card without an amount pays the rest)."""
        cards = typed_cards(((self.prepaid_amount, self.prepaid_ref, "prepaid_card", "prepaid_reference"),
                             (self.bank_amount, self.bank_ref, "bank_card", "reference")))
        return assemble_tenders(self.due_fen(), cash_fen=self.cash.fen_or_none(field="tender"), cards=cards,
                                points=parse_points(self.points.text()),
                                fen_per_point=int(self.quote.get("redeem_fen_per_point", 1)))

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
        summary = summarise(self.due_fen(), tenders)
        self.points_amount.setText(format_fen(summary.points_fen) if summary.points_fen else "")
        self.change.set_fen(summary.change_fen)
        self.still_due.setText(self.tr("还差 %1").replace("%1", format_fen(summary.short_fen))
                               if summary.short_fen else "")

    def _clear_tenders(self) -> None:
        for edit in (self.cash, self.bank_amount, self.bank_ref, self.prepaid_amount, self.prepaid_ref, self.points):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.points_amount.clear()
        self.still_due.clear()

