"""尾箱与轧帐: the cash box moves (领用, 上缴, 调剂), the X report of the day with its open items, the platform's
corrections (确认/异议) and the Z day close. A thin screen: each button runs one service on the worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.books_command import refresh_corrections
from counter_app.app.books_export import printout_text, report_receipt
from counter_app.domain.cashbox import (
    AnswerCorrection,
    CloseDay,
    CollectCash,
    ConfirmCashTransfer,
    HandBackCash,
    TransferCash,
)
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.errors import CounterError
from counter_app.domain.money import format_fen, parse_fen
from counter_app.domain.services.cashbox import collect_cash, confirm_cash_transfer, hand_back_cash, transfer_cash
from counter_app.domain.services.dayclose import BooksReport, answer_correction, books_report, close_day
from counter_app.ui.context import UiContext
from counter_app.ui.ops import CollectionOp, QueryOp
from counter_app.ui.supervisor import is_supervisor_refusal
from counter_app.ui.widgets import accept_money_only

class BooksDialog(QDialog):
    """The day's books at this counter. ``report`` is the last X report shown; ``status`` says what happened."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, business_date: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("BooksDialog")
        self.setWindowTitle("尾箱与轧帐")
        self.business_date = business_date or ctx.counter.deps.clock.now().date().isoformat()
        self.report: BooksReport | None = None
        self.report_text = QPlainTextEdit()
        self.report_text.setObjectName("report_text")
        self.report_text.setReadOnly(True)
        self.report_text.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.amount, self.reason, self.other_counter, self.transfer_no = (QLineEdit() for _ in range(4))
        for name, field, hint in ((self.amount, "amount", "金额，如 200.00"), (self.reason, "reason", "原因"),
                                  (self.other_counter, "other_counter", "对方柜台号，如 C02"),
                                  (self.transfer_no, "transfer_no", "调剂单号（调入时填写）")):
            name.setObjectName(field)
            name.setPlaceholderText(hint)
            name.setMaxLength(200 if field == "reason" else 32)
        accept_money_only(self.amount)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.addWidget(self.amount, 0, 0)
        grid.addWidget(self.reason, 0, 1)
        grid.addWidget(self.other_counter, 1, 0)
        grid.addWidget(self.transfer_no, 1, 1)
        row = QHBoxLayout()
        for key, label, build in self._cash_actions():
            button = QPushButton(label)
            button.setObjectName(key)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, b=build, lb=label: self._cash(lb, b))
            self.buttons[key] = button
            row.addWidget(button)
        cash_box = QGroupBox("尾箱")
        cash_layout = QVBoxLayout(cash_box)
        cash_layout.addLayout(grid)
        cash_layout.addLayout(row)
        self.corrections = QListWidget()
        self.corrections.setObjectName("corrections")
        self.accept_button, self.dispute_button = QPushButton("确认更正"), QPushButton("提出异议")
        self.accept_button.setObjectName("accept_correction")
        self.dispute_button.setObjectName("dispute_correction")
        self.accept_button.clicked.connect(lambda: self._answer("accepted"))
        self.dispute_button.clicked.connect(lambda: self._answer("disputed"))
        corrections_box = QGroupBox("平台更正（挂账，主管处理）")
        corrections_layout = QVBoxLayout(corrections_box)
        corrections_layout.addWidget(self.corrections)
        answers = QHBoxLayout()
        answers.addStretch(1)
        answers.addWidget(self.accept_button)
        answers.addWidget(self.dispute_button)
        corrections_layout.addLayout(answers)
        self.close_day_button = QPushButton("日终轧帐 (Z)")
        self.close_day_button.setObjectName("close_day")
        self.close_day_button.clicked.connect(self._close_day)
        self.refresh_button = QPushButton("刷新 (X)")
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.close_day_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.report_text, 1)
        layout.addWidget(cash_box)
        layout.addWidget(corrections_box)
        layout.addLayout(bottom)
        self.setMinimumSize(720, 640)
        self.refresh()

    # ---- reading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Run the X report on the worker and show it (changes nothing)."""
        counter, day, clerk = self.ctx.counter, self.business_date, self._clerk()

        def read() -> tuple[BooksReport, str]:
            refresh_corrections(counter)  # what the platform issued since; it changes no figure by itself
            report = books_report(day, counter.uow())
            at = counter.deps.clock.now().isoformat(timespec="seconds")
            return report, printout_text(report_receipt(report, counter.settings(), clerk_id=clerk, at=at), 48)

        QueryOp(self.ctx, read).success(self._show).failure(self._fail).run()

    def _show(self, shown: tuple[BooksReport, str]) -> None:
        report, text = shown
        self.report = report
        self.report_text.setPlainText(text)
        self.corrections.clear()
        for c in report.corrections:
            state = {"accepted": "已确认", "disputed": "有异议"}.get(c.answer or "", "待处理")
            item = QListWidgetItem(f"{c.correction_id}  {c.business_date}  {format_fen(c.amount_fen)}  {state}  {c.reason}")
            item.setData(Qt.UserRole, c.correction_id)
            if not c.open:
                item.setFlags(item.flags() & ~Qt.ItemIsSelectable)
            self.corrections.addItem(item)

    def _fail(self, error: CounterError) -> None:
        self.status.setProperty("role", "error")
        self.status.setText(self.ctx.message(error))

    def _done(self, text: str) -> None:
        self.status.setProperty("role", "success")
        self.status.setText(text)
        self.refresh()

    # ---- writing -----------------------------------------------------------------------------------

    def _run(self, action: str, make: Callable[[SupervisorApproval | None], Any], service: Any,
             on_success: Callable[[Any], None], approval: SupervisorApproval | None = None) -> None:
        """Run ``service(make(approval))``; a supervisor refusal asks the approver and tries once more."""

        def failed(error: CounterError) -> None:
            if approval is None and is_supervisor_refusal(error.code) and self.ctx.approver is not None:
                given = self.ctx.approver(action)
                if given is not None:
                    self._run(action, make, service, on_success, given)
                    return
            self._fail(error)

        try:
            cmd = make(approval)
        except CounterError as error:
            self._fail(error)
            return
        CollectionOp(self.ctx, service, cmd, initiator=self).success(on_success).failure(failed).run()

    def _clerk(self) -> str:
        return self.ctx.session.clerk_id if self.ctx.session else ""

    def _cash_actions(self) -> list[tuple[str, str, Callable[[SupervisorApproval | None], tuple[Any, Any]]]]:
        def amount() -> int:
            return parse_fen(self.amount.text(), field="amount", allow_zero=False)

        return [
            ("collect", "领用", lambda a: (collect_cash, CollectCash(self._clerk(), amount(), self.reason.text(), a))),
            ("hand_back", "上缴", lambda a: (hand_back_cash, HandBackCash(self._clerk(), amount(), self.reason.text(), a))),
            ("transfer_out", "调剂调出", lambda a: (transfer_cash, TransferCash(
                self._clerk(), self.other_counter.text(), amount(), self.reason.text(), a))),
            ("transfer_in", "调剂调入", lambda a: (confirm_cash_transfer, ConfirmCashTransfer(
                self._clerk(), self.transfer_no.text(), self.other_counter.text(), amount(), a))),
        ]

    def _cash(self, label: str, build: Callable[[SupervisorApproval | None], tuple[Any, Any]]) -> None:
        def done(moved: Any) -> None:
            slip = f"，调剂单号 {moved.transfer_no}" if moved.transfer_no else ""
            self._done(f"{label}已记账{slip}；钱箱应有现金 {format_fen(moved.position.expected_fen)}")
            self.amount.clear()

        try:
            service = build(None)[0]
        except CounterError as error:
            self._fail(error)
            return
        self._run(f"尾箱{label}", lambda a: build(a)[1], service, done)

    def _answer(self, answer: str) -> None:
        item = self.corrections.currentItem()
        if item is None:
            self.status.setText("请先选择一笔更正")
            return
        correction_id = str(item.data(Qt.UserRole))
        word = "确认" if answer == "accepted" else "异议"
        approval = self.ctx.approver(f"更正{word}") if self.ctx.approver is not None else None
        if approval is None:  # answering a correction is a supervisor's act, every time
            self.status.setText("需要主管授权，未处理")
            return
        self._run(f"更正{word}", lambda a: AnswerCorrection(self._clerk(), correction_id, answer, self.reason.text(),
                                                           a or approval),
                  answer_correction, lambda _r: self._done(f"更正 {correction_id} 已{word}，将上传平台"),
                  approval=approval)

    def _close_day(self) -> None:
        self._run("日终轧帐", lambda a: CloseDay(self._clerk(), self.business_date, a), close_day,
                  lambda closed: self._done(f"日终轧帐完成：第 {closed.sequence_no} 号，未获平台答复 "
                                            f"{closed.pending_count} 笔"))
