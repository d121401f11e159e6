"""提货's 货到付款: a cash-on-delivery order (代收金额 on the manifest) taken by cash, bank card or prepaid card,
split allowed, before it is handed over; the payment code is the other way in (pickup_codepay.py).

The domain assembles and checks the payment lines (``domain.cart``, ``services.collect_pickup``); this mixin
collects them, shows the change and what is still due as the clerk types, refuses the hand-over until the
amount is covered, and follows the customer display. Offline (with the cached manifest) the service takes
only cash and prepaid card: the bank card line is then not offered and the clerk is told at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from counter_app.app.changes import Change
from counter_app.domain.cart import assemble_tenders, summarise
from counter_app.domain.errors import CounterError
from counter_app.domain.model import PickupOrder, Tender
from counter_app.domain.money import format_fen
from counter_app.ui.customer_display import CustomerView
from counter_app.ui.widgets import ERROR_STYLE, AmountDisplay, MoneyEdit
from counter_app.ui.workspaces.sale_tenders import pair, typed_cards

if TYPE_CHECKING:
    from counter_app.ui.workspaces.pickup import PickupWorkspace

    _Base = PickupWorkspace
else:
    _Base = object


class PickupCod(_Base):
    """Mixin of ``PickupWorkspace``: the 货到付款 box (amount to collect, tenders, change)."""

    def _build_cod_box(self) -> QGroupBox:
        self.cod_due = AmountDisplay(18)
        self.cod_due.setObjectName("cod_due")
        self.cod_cash = MoneyEdit()
        self.cod_bank_amount = MoneyEdit()
        self.cod_bank_ref = QLineEdit()
        self.cod_bank_ref.setPlaceholderText(self.tr("终端参考号（勿输卡号）"))
        self.cod_prepaid_amount = MoneyEdit()
        self.cod_prepaid_ref = QLineEdit()
        self.cod_prepaid_ref.setPlaceholderText(self.tr("预付卡参考号"))
        self.cod_change = AmountDisplay(18)
        self.cod_change.setObjectName("cod_change")
        self.cod_short = QLabel()
        self.cod_short.setObjectName("cod_short")
        self.cod_offline = QLabel(self.tr("离线：代收货款只收现金或预付卡"))
        self.cod_offline.setObjectName("cod_offline")
        self.cod_offline.setStyleSheet(ERROR_STYLE)
        self.cod_offline.setVisible(False)
        for edit in self._cod_edits():
            edit.textChanged.connect(self.update_cod_change)
        self.cod_cash.returnPressed.connect(self.hand_over)
        self.routes["reference"] = lambda: "reference" if self._cod_bank_used() or not self._cod_prepaid_used() \
            else "prepaid_reference"

        box = QGroupBox(self.tr("货到付款（可组合）"))
        box.setObjectName("cod")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        figures = QHBoxLayout()  # one row: what to collect and the change, both in sight as the clerk types
        figures.addWidget(QLabel(self.tr("代收金额")))
        figures.addWidget(self.cod_due, 1)
        figures.addSpacing(12)
        figures.addWidget(QLabel(self.tr("找零")))
        figures.addWidget(self.cod_change, 1)
        layout.addLayout(figures)
        rows = [
            self.field(self.tr("现金实收"), self.cod_cash, "tender", below=True),
            self.field(self.tr("银行卡"), pair(self.cod_bank_amount, self.cod_bank_ref), "reference",
                       below=True),
            self.field(self.tr("预付卡"), pair(self.cod_prepaid_amount, self.cod_prepaid_ref),
                       "prepaid_reference", below=True),
        ]
        width = max(row.caption.sizeHint().width() for row in rows)
        for row in rows:
            row.caption.setMinimumWidth(width)
            layout.addWidget(row)
        # What is still due beside the cash; offline, the note takes the bank card's place (rows stay few:
        # the right column must fit a 768-pixel screen).
        cash_grid = rows[0].layout()
        assert isinstance(cash_grid, QGridLayout)
        cash_grid.addWidget(self.cod_short, 0, 2)
        self.cod_bank_row = rows[1]
        layout.insertWidget(layout.indexOf(rows[1]) + 1, self.cod_offline)
        box.setToolTip(self.tr("现金实收框中回车：交付。银行卡/预付卡只填参考号时按剩余代收金额支付；只有现金可以找零"))
        box.setVisible(False)
        self.cod_box = box
        return box

    def _cod_edits(self) -> tuple[QLineEdit, ...]:
        return (self.cod_cash, self.cod_bank_amount, self.cod_bank_ref, self.cod_prepaid_amount, self.cod_prepaid_ref)

    def _cod_bank_used(self) -> bool:
        return bool(self.cod_bank_amount.text().strip() or self.cod_bank_ref.text().strip())

    def _cod_prepaid_used(self) -> bool:
        return bool(self.cod_prepaid_amount.text().strip() or self.cod_prepaid_ref.text().strip())

    def cod_due_fen(self) -> int:
        return self.found.cod_fen if self.found is not None else 0

    def _cod_online(self) -> bool:
        return self.ctx.counter.deps.online()

    # -- the order shown changed -------------------------------------------------------------------------

    def update_cod(self, order: PickupOrder | None) -> None:
        """A new order (or none): the box only for an amount to collect, its fields empty."""
        self.clear_cod_tenders()
        due = order.cod_fen if order is not None else 0
        self.cod_box.setVisible(bool(due))
        self.cod_due.set_fen(due or None)
        self._cod_link_changed()
        if due:
            self.update_cod_change()
        elif self.customer_display is not None and self.code_pay_dialog is None:
            self.customer_display.idle()

    def clear_cod_tenders(self) -> None:
        for edit in self._cod_edits():
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.cod_short.clear()
        self.cod_change.set_fen(None)

    def _cod_link_changed(self) -> None:
        """Offline only cash and prepaid card: the bank card line is not offered (a card already typed stays
        editable, so that it can be taken out; the hand-over refuses it)."""
        offline = self.cod_box.isVisibleTo(self) and not self._cod_online()
        self.cod_offline.setVisible(offline)
        bank = not offline or self._cod_bank_used()
        for edit in (self.cod_bank_amount, self.cod_bank_ref):
            edit.setEnabled(bank)
        self.cod_bank_row.setVisible(bank)

    def refresh(self, change: Change) -> None:
        super().refresh(change)
        if self.cod_due_fen():  # the link is looked at again on any notice and as the clerk types
            self._cod_link_changed()

    def cod_hint(self) -> str:
        """What the clerk is told when a cash-on-delivery order is found."""
        due = format_fen(self.cod_due_fen())
        if self._cod_online():
            return self.tr("货到付款：请收取代收金额 %1（现金 / 银行卡 / 预付卡，或 Alt+M 付款码），再交付").replace("%1", due)
        return self.tr("货到付款：请收取代收金额 %1；离线时只能收现金或预付卡").replace("%1", due)

    # -- tenders ---------------------------------------------------------------------------------------

    def _cod_typed(self) -> tuple[Tender, ...]:
        """The payment lines typed in (a card without an amount pays what the others leave)."""
        cards = typed_cards(((self.cod_prepaid_amount, self.cod_prepaid_ref, "prepaid_card", "prepaid_reference"),
                             (self.cod_bank_amount, self.cod_bank_ref, "bank_card", "reference")))
        return assemble_tenders(self.cod_due_fen(), cash_fen=self.cod_cash.fen_or_none(field="tender"), cards=cards)

    def update_cod_change(self) -> None:
        """The live change and what is still due as the clerk types; the customer display follows."""
        due = self.cod_due_fen()
        if not due:
            return
        self._cod_link_changed()
        try:
            tenders = self._cod_typed()
        except CounterError:
            self.cod_change.set_fen(None)
            self.cod_short.clear()
            self._cod_tell_customer(CustomerView((), due))
            return
        summary = summarise(due, tenders)
        self.cod_change.set_fen(summary.change_fen)
        self.cod_short.setText(self.tr("还差 %1").replace("%1", format_fen(summary.short_fen))
                               if summary.short_fen else "")
        self._cod_tell_customer(CustomerView((), due, summary.paid_fen, summary.change_fen))

    def _cod_tell_customer(self, view: CustomerView) -> None:
        if self.customer_display is not None and self.code_pay_dialog is None:
            self.customer_display.show_view(view)

    def cod_tenders(self) -> tuple[Tender, ...] | None:
        """The tenders for the hand-over: () for an order paid online, None (refused, said beside the tenders)
        while they do not cover the amount to collect or offline take a bank card."""
        due = self.cod_due_fen()
        if not due:
            return ()
        self.clear_errors()
        try:
            tenders = self._cod_typed()
        except CounterError as error:
            self.show_error(error, default_field="tender")
            return None
        short = summarise(due, tenders).short_fen if tenders else due
        if short:
            self.fields["tender"].show_error(self.tr("货到付款：代收金额 %1，还差 %2，收齐后才能交付")
                                             .replace("%1", format_fen(due)).replace("%2", format_fen(short)))
            self.cod_cash.setFocus()
            return None
        if not self._cod_online() and any(t.method == "bank_card" for t in tenders):
            self._cod_link_changed()
            self.fields["reference"].show_error(self.tr("离线状态下代收货款只能收现金或预付卡，请去掉银行卡"))
            return None
        return tenders

    def cod_collected(self, result: Any) -> str:
        """After the hand-over: the customer display keeps the figures with a thank-you; the message's tail."""
        payload = result.recorded.payload
        due = int(payload.get("cod_fen") or 0)
        if not due:
            return ""
        change = int(payload.get("change_fen") or 0)
        if self.customer_display is not None and self.code_pay_dialog is None:
            self.customer_display.show_view(CustomerView((), due, due + change, change, paid=True))
        return self.tr("；代收 %1，找零 %2").replace("%1", format_fen(due)).replace("%2", format_fen(change))

    def clear_results(self) -> None:
        """Also on lock: the tenders typed are not left for whoever unlocks (nothing is taken until the
        hand-over, so nothing is lost)."""
        super().clear_results()
        if self.cod_due_fen():
            self.clear_cod_tenders()
            self.update_cod_change()
