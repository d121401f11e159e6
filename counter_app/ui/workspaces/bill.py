"""缴费 Bill payment: choose the biller, look the account up online, take the amount due; offline, where the
branch allows it, take the payment as pending (待确认)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.changes import Change
from counter_app.domain import services
from counter_app.domain.cart import CardEntry, assemble_tenders, summarise
from counter_app.domain.commands import PayBill
from counter_app.domain.errors import CounterError
from counter_app.domain.model import BILLERS, Bill, Tender
from counter_app.domain.money import format_fen
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import AmountDisplay, MoneyEdit, biller_name
from counter_app.ui.workspaces.base import CounterWorkspace


BILL_STATUS_ZH = {"paid": "已缴清"}
BILL_STATUS_EN = {"paid": "paid"}


class BillWorkspace(CounterWorkspace):
    key = "bill"
    title_zh = "缴费"
    title_en = "Bills"
    shortcut = "F3"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.bill: Bill | None = None
        self.allow_pending = False
        self.pending_mode = False

        self.billers = QButtonGroup(self)
        biller_row = QGridLayout()
        for number, biller in enumerate(BILLERS, start=1):
            button = QRadioButton()
            button.setObjectName(f"biller_{biller}")
            button.setProperty("biller", biller)
            self.billers.addButton(button, number)
            biller_row.addWidget(button, (number - 1) // 3, (number - 1) % 3)
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        self._name_billers()
        self.billers.button(1).setChecked(True)
        self.billers.idToggled.connect(self._biller_changed)

        self.account = QLineEdit()
        self.account.setPlaceholderText(self.tr("户号 / 缴费号，回车查询"))
        self.account.returnPressed.connect(self.look_up)
        self.customer = QLabel()
        self.customer.setObjectName("customer")
        self.period = QLabel()
        self.period.setObjectName("period")
        self.due = AmountDisplay(32)
        self.due.setObjectName("due")

        self.pending_amount = MoneyEdit()
        self.pending_amount.textChanged.connect(self.update_change)
        self.pending_box = QGroupBox(self.tr("离线待确认缴费"))
        self.pending_box.setObjectName("pending_box")
        pending_layout = QVBoxLayout(self.pending_box)
        pending_layout.addWidget(self.hint(self.tr(
            "网络不通无法查询账单。本网点允许按客户出示的金额收款，记为“待确认”，联网后由平台核实。")))
        pending_layout.addWidget(self.field(self.tr("缴费金额"), self.pending_amount, "amount"))
        self.pending_button = self.action(self.tr("按待确认收款"), ["Ctrl+T"], self.take_pending, name="take_pending")
        pending_layout.addWidget(self.pending_button)
        self.pending_box.setVisible(False)

        self.cash = MoneyEdit()
        self.cash.textChanged.connect(self.update_change)
        self.cash.returnPressed.connect(self.pay)
        self.card_ref = QLineEdit()
        self.card_ref.setPlaceholderText(self.tr("银行卡终端参考号（勿输卡号）"))
        self.card_ref.textChanged.connect(self.update_change)
        self.change = AmountDisplay(28)
        self.change.setObjectName("change")
        self.still_due = QLabel()
        self.still_due.setObjectName("still_due")
        self.still_due.setAlignment(Qt.AlignmentFlag.AlignRight)
        pay = self.action(self.tr("收款缴费"), ["F12", "Ctrl+Return", "Ctrl+Enter"], self.pay, name="pay")
        clear = self.action(self.tr("新缴费"), ["Ctrl+N"], self.new_payment, name="new_payment")
        cash_key = QShortcut(QKeySequence("Alt+C"), self)  # the same key as on 销售 (F2)
        cash_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cash_key.activated.connect(self._focus_cash)

        biller_box = QGroupBox(self.tr("缴费项目"))
        biller_box.setLayout(biller_row)
        info_box = QGroupBox(self.tr("账单"))
        info = QGridLayout(info_box)
        info.addWidget(QLabel(self.tr("户名")), 0, 0)
        info.addWidget(self.customer, 0, 1)
        info.addWidget(QLabel(self.tr("账期")), 1, 0)
        info.addWidget(self.period, 1, 1)
        info.addWidget(QLabel(self.tr("应缴金额")), 2, 0)
        info.addWidget(self.due, 2, 1)
        info.setColumnStretch(1, 1)
        left = QVBoxLayout()
        left.addWidget(biller_box)
        left.addWidget(self.field(self.tr("户号"), self.account, "account_no", hint=self.tr("回车查询"), below=True))
        left.addWidget(info_box)
        left.addWidget(self.pending_box)
        left.addStretch(1)

        tender_box = QGroupBox(self.tr("付款"))
        tender_layout = QVBoxLayout(tender_box)
        tender_fields = [self.field(self.tr("现金实收"), self.cash, "tender", hint=self.tr("Alt+C，回车收款"), below=True),
                         self.field(self.tr("银行卡"), self.card_ref, "reference", below=True)]
        width = max(f.caption.sizeHint().width() for f in tender_fields)
        for tender_field in tender_fields:
            tender_field.caption.setMinimumWidth(width)
            tender_layout.addWidget(tender_field)
        tender_layout.addWidget(self.hint(self.tr("只填参考号：刷卡支付剩余金额")))
        change_row = QHBoxLayout()
        self.change_label = QLabel(self.tr("找零"))  # 上笔找零 while it shows the last payment's change
        change_row.addWidget(self.change_label)
        change_row.addWidget(self.still_due, 1)
        change_row.addWidget(self.change)
        pay.setProperty("primary", True)
        right = QVBoxLayout()
        right.addWidget(tender_box)
        right.addLayout(change_row)
        right.addWidget(pay)
        right.addWidget(clear)
        right.addWidget(self.message)
        right.addWidget(self.print_row())
        right.addStretch(1)
        right.addWidget(self.hint(self.tr(
            "Alt+1…5：选择缴费项目；回车：查询账单；Alt+C：现金实收（回车即收款）；F12 / Ctrl+Enter：收款缴费；"
            "Ctrl+T：离线待确认收款；Ctrl+N：新缴费；Ctrl+P：重打小票")))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.load_rules()
        self.update_change()

    def code_field(self) -> QLineEdit:
        return self.account

    def _focus_cash(self) -> None:
        self.cash.setFocus()
        self.cash.selectAll()

    def biller(self) -> str:
        return str(self.billers.checkedButton().property("biller"))

    def _biller_changed(self, _id: int, checked: bool) -> None:
        if checked:
            self.show_bill(None)
            self.account.setFocus()

    def load_rules(self) -> None:
        counter = self.ctx.counter

        def loaded(rules: Any) -> None:
            self.allow_pending = rules[1].allow_pending_bills

        QueryOp(self.ctx, lambda: services.queries.counter_rules(counter.uow())).success(loaded) \
            .failure(self.show_error).run()

    def refresh(self, change: Change) -> None:
        if change.settings:
            self.load_rules()

    # -- look-up -------------------------------------------------------------------------------------

    def look_up(self) -> None:
        biller, account = self.biller(), self.account.text().strip()
        deps = self.ctx.counter.deps
        self.show_bill(None)
        self.clear_results()  # a new bill: the last payment's 找零 and receipt status are history
        self.call(lambda: services.look_up_bill(biller, account, deps), self.show_bill, on_failure=self._lookup_failed,
                  default_field="account_no")

    def _lookup_failed(self, error: CounterError) -> None:
        if error.code == "bill_lookup_offline" and self.allow_pending:
            self.pending_mode = True
            self.pending_box.setVisible(True)
            self.pending_amount.setFocus()

    def show_bill(self, bill: Bill | None) -> None:
        self.bill = bill
        self.pending_mode = False
        self.pending_box.setVisible(False)
        if bill is None:
            self.customer.clear()
            self.period.clear()
            self.due.set_fen(None)
        else:
            self.customer.setText(f"{bill.customer_name_masked}  {bill.account_no_masked}")
            self.period.setText(bill.period)
            self.due.set_fen(bill.amount_due_fen)
            if bill.status != "unpaid":
                self._not_payable(bill)
            else:
                self.cash.setFocus()
        self.update_change()

    def _not_payable(self, bill: Bill) -> None:
        """The bill is already paid (or otherwise closed): say so beside the account, in the clerk's words."""
        status = BILL_STATUS_EN if self.lang == "en" else BILL_STATUS_ZH
        self.fields["account_no"].show_error(self.tr("该账单状态为 %1，无需缴费").replace(
            "%1", status.get(bill.status, bill.status)))
        self.account.setFocus()

    # -- paying ----------------------------------------------------------------------------------------

    def amount_fen(self) -> int | None:
        if self.bill is not None:
            return self.bill.amount_due_fen
        if self.pending_mode:
            return self.pending_amount.fen_or_none(field="amount")
        return None

    def _name_billers(self) -> None:
        for number, biller in enumerate(BILLERS, start=1):
            self.billers.button(number).setText(f"{number} {biller_name(biller, self.lang)} (Alt+{number})")

    def retranslate_state(self) -> None:
        self._name_billers()

    def tenders(self, amount: int) -> tuple[Tender, ...]:
        """The payment lines typed in (the domain assembles them; the card pays what the cash leaves)."""
        ref = self.card_ref.text().strip()
        cards = (CardEntry("bank_card", None, ref),) if ref else ()
        return assemble_tenders(amount, cash_fen=self.cash.fen_or_none(field="tender"), cards=cards)

    def update_change(self) -> None:
        self.change_label.setText(self.tr("找零"))
        try:
            amount = self.amount_fen()
            tenders = self.tenders(amount or 0)
        except CounterError:
            self.change.set_fen(None)
            return
        if amount is None or not tenders:
            self.change.set_fen(None)
            self.still_due.clear()
            return
        summary = summarise(amount, tenders)
        self.change.set_fen(summary.change_fen)
        self.still_due.setText(self.tr("还差 %1").replace("%1", format_fen(summary.short_fen))
                               if summary.short_fen else "")

    def pay(self) -> None:
        if self.bill is None:
            if self.pending_mode:
                self.take_pending()
                return
            self.fields["account_no"].show_error(self.tr("请先输入户号并回车查询账单"))
            self.account.setFocus()
            return
        if self.bill.status != "unpaid":  # paid elsewhere: taking the money again would only earn a refund
            self._not_payable(self.bill)
            return
        self._submit(pending=False)

    def take_pending(self) -> None:
        if not self.pending_mode:
            self.fields["account_no"].show_error(self.tr("只有离线无法查询账单时才能按待确认收款"))
            return
        self._submit(pending=True)

    def _submit(self, *, pending: bool) -> None:
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        self.clear_errors()
        try:
            amount = self.amount_fen()
            if amount is None:
                amount = self.pending_amount.fen(field="amount", allow_zero=False)
            tenders = self.tenders(amount)
        except CounterError as error:
            self.show_error(error)
            return
        bill = self.bill
        cmd = PayBill(clerk_id, self.biller(), self.account.text().strip(), amount, tenders,
                      bill_id=None if pending or bill is None else bill.bill_id,
                      period=None if bill is None else bill.period,
                      bill_status=None if pending or bill is None else bill.status,
                      amount_due_fen=None if pending or bill is None else bill.amount_due_fen)
        self.write(services.pay_bill, cmd, self._paid, default_field="tender")

    def _paid(self, paid: Any) -> None:
        text = self.tr("缴费成功：%1 %2，金额 %3，找零 %4").replace("%1", biller_name(self.biller(), self.lang)) \
            .replace("%2", self.account.text().strip()).replace("%3", format_fen(paid.amount_fen)) \
            .replace("%4", format_fen(paid.change_fen))
        if paid.pending:
            text += self.tr("（待确认：联网后由平台核实）")
        self._reset()
        self.change.set_fen(paid.change_fen)
        self.change_label.setText(self.tr("上笔找零"))
        self.say(text)
        self.print_receipt(paid.recorded.op_id)

    def _reset(self) -> None:
        for edit in (self.cash, self.card_ref, self.pending_amount):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.show_bill(None)
        self.account.clear()
        self.account.setFocus()

    def new_payment(self) -> None:
        self._reset()
        self.clear_errors()

    def clear_results(self) -> None:
        super().clear_results()
        self.update_change()

    def reset_for_new_clerk(self) -> None:
        self._reset()
        self.billers.button(1).setChecked(True)
        super().reset_for_new_clerk()
