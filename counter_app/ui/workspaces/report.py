"""日结 Shift & reports: a day's totals by operation, payment method and clerk, its books (X/Z state, cash,
over/short, corrections, unanswered operations), reconciliation against the platform (轧帐), the journal of this
shift, an earlier shift or the whole day with receipt preview and reprint, and the way to close the shift. The
screen works without an open shift too (after 签退: previews, reprints, reconciliation, the books)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.changes import Change
from counter_app.domain import services
from counter_app.domain.model import METHOD_NAMES_ZH
from counter_app.domain.money import format_fen
from counter_app.domain.services.dayclose import BooksReport, books_report
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.trace import trace
from counter_app.ui.widgets import (
    AmountDisplay,
    ReceiptPreview,
    fill_table,
    kind_name,
    make_table,
    method_name,
    selected_key,
)
from counter_app.ui.workspaces.base import CounterWorkspace
from counter_app.ui.workspaces.report_books import BooksPanel, JournalScope

TOTALS_VIEW, RECONCILE_VIEW, BOOKS_VIEW = range(3)
SYNC_STATE_ZH = {"pending": "待同步", "delivered": "已同步", "rejected": "异常"}
SYNC_STATE_EN = {"pending": "Unsent", "delivered": "Sent", "rejected": "Rejected"}


def _rows_height(table: QTableWidget, rows: int) -> int:
    """The height that shows the header and ``rows`` rows of ``table`` whole."""
    return (table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth())


class ReportWorkspace(CounterWorkspace):
    key = "report"
    title_zh = "日结"
    title_en = "Reports"
    shortcut = "F5"
    needs_shift = False  # after 签退 the day's figures, receipts and reconciliation stay at hand

    close_shift_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: Any = None
        self.books_dialog: QWidget | None = None
        self.date = QDateEdit()
        self.date.setObjectName("date")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.follow_today = True  # the day shown moves on with the clock until the clerk picks another
        self._set_day(self.today())
        self.date.dateChanged.connect(self._day_picked)
        self.books = BooksPanel()
        self.scope = JournalScope()
        self.scope.activated.connect(lambda _i: self.load_journal())
        self.net = AmountDisplay(28)
        self.net.setObjectName("net")
        self.unsent = QLabel()
        self.unsent.setObjectName("unsent")
        self.exceptions = QLabel()
        self.exceptions.setObjectName("exceptions")
        self.by_kind = make_table([self.tr("业务"), self.tr("笔数"), self.tr("金额")], numeric=(1, 2))
        self.by_kind.setObjectName("by_kind")
        self.by_method = make_table([self.tr("付款方式"), self.tr("净额")], numeric=(1,))
        self.by_method.setObjectName("by_method")
        self.by_clerk = make_table([self.tr("营业员"), self.tr("笔数"), self.tr("收款")], numeric=(1, 2))
        self.by_clerk.setObjectName("by_clerk")
        self.differences = make_table([self.tr("项目"), self.tr("本柜台"), self.tr("平台")], numeric=(1, 2))
        self.differences.setObjectName("differences")
        self.reconcile_result = QLabel()
        self.reconcile_result.setObjectName("reconcile_result")
        self.reconcile_result.setWordWrap(True)
        self.journal = make_table([self.tr("时间"), self.tr("业务"), self.tr("单号"), self.tr("金额"), self.tr("同步")],
                                  numeric=(3,))
        self.journal.setObjectName("journal")
        self.journal.itemSelectionChanged.connect(self.preview_selected)
        self.preview = ReceiptPreview()
        self.preview.setObjectName("preview")
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)

        refresh = self.action(self.tr("刷新"), ["Alt+R"], self.reload, name="refresh")
        reconcile = self.action(self.tr("与平台对账"), ["Alt+D"], self.reconcile, name="reconcile")
        reprint = self.action(self.tr("重打所选小票"), ["Alt+P"], self.reprint_selected, name="reprint_selected")
        self.close_button = self.action(self.tr("签退（结束班次）"), ["Alt+Q"], self.request_close, name="close_shift")
        books = self.action(self.tr("尾箱与轧帐"), ["Alt+X"], self.open_books, name="open_books")

        summary = QGridLayout()
        summary.addWidget(QLabel(self.tr("营业日")), 0, 0)
        summary.addWidget(self.date, 0, 1)
        summary.addWidget(self.unsent, 0, 2)
        summary.addWidget(self.exceptions, 0, 3)
        summary.addWidget(QLabel(self.tr("净收款（不含积分）")), 1, 0)
        summary.addWidget(self.net, 1, 1, 1, 3)
        summary.setColumnStretch(1, 1)
        totals = QWidget()
        totals_layout = QVBoxLayout(totals)
        totals_layout.addWidget(self.by_kind, 1)
        tables = QHBoxLayout()
        tables.addWidget(self.by_method)
        tables.addWidget(self.by_clerk)
        totals_layout.addLayout(tables)
        # Every payment method in view without scrolling: they are what the drawer is balanced against.
        self.by_method.setMinimumHeight(_rows_height(self.by_method, len(METHOD_NAMES_ZH)))
        recon = QWidget()
        recon_layout = QVBoxLayout(recon)
        recon_layout.addWidget(self.reconcile_result)
        recon_layout.addWidget(self.differences, 1)
        self.books.add_button(books)
        books_page = QWidget()
        books_layout = QVBoxLayout(books_page)
        books_layout.addWidget(self.books)
        books_layout.addStretch(1)
        # One view at a time: at 768 px the totals, the reconciliation and the books side by side left three
        # payment methods in view and the books scrolled (a day may use six methods).
        self.views = QTabWidget()
        self.views.setObjectName("report_views")
        self.views.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.views.addTab(totals, "")
        self.views.addTab(recon, "")
        self.views.addTab(books_page, "")
        self._view_titles()
        self.views.currentChanged.connect(lambda index: trace("view", workspace=self.key, view=index))
        for key, index in (("Alt+H", TOTALS_VIEW), ("Alt+Z", BOOKS_VIEW)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda index=index: self.views.setCurrentIndex(index))
        left = QVBoxLayout()
        left.addLayout(summary)
        left.addWidget(self.views, 1)
        buttons = QHBoxLayout()
        for button in (refresh, reconcile, self.close_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addWidget(self.hint(self.tr("Alt+X：尾箱与轧帐；其余按键写在各按钮和标签页上")))

        right = QVBoxLayout()
        scope_row = QHBoxLayout()
        scope_row.addWidget(QLabel(self.tr("流水")))
        scope_row.addWidget(self.scope, 1)
        right.addLayout(scope_row)
        right.addWidget(self.journal, 2)
        right.addWidget(scroll, 2)
        right.addWidget(reprint)
        right.addWidget(self.print_row())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.reload()

    def code_field(self) -> None:
        return None

    def _view_titles(self) -> None:
        self.views.setTabText(TOTALS_VIEW, self.tr("当日汇总 (Alt+H)"))
        self.views.setTabText(RECONCILE_VIEW, self.tr("轧帐：与平台对账 (Alt+D)"))
        self.views.setTabText(BOOKS_VIEW, self.tr("日结 X/Z (Alt+Z)") + (" ●" if self.books.alerts() else ""))

    def retranslate_state(self) -> None:
        super().retranslate_state()
        self._view_titles()

    def today(self) -> str:
        return self.ctx.counter.deps.clock.now().date().isoformat()

    def business_date(self) -> str:
        return str(self.date.date().toString("yyyy-MM-dd"))

    def _set_day(self, day: str) -> None:
        self.date.blockSignals(True)
        self.date.setMaximumDate(QDate.fromString(max(day, self.today()), "yyyy-MM-dd"))
        self.date.setDate(QDate.fromString(day, "yyyy-MM-dd"))
        self.date.blockSignals(False)

    def _day_picked(self, _date: QDate) -> None:
        self.follow_today = self.business_date() == self.today()
        self.clear_reconciliation()
        self.reload()

    def show_day(self, day: str) -> None:
        """Show another business day (the date field does the same)."""
        self._set_day(day)
        self._day_picked(self.date.date())

    def activated(self) -> None:
        super().activated()
        if self.follow_today and self.business_date() != self.today():
            self._set_day(self.today())
        self.reload()

    def refresh(self, change: Change) -> None:
        if change.language:  # a language change is retranslate_state's
            return
        if change.operations or change.sync:  # the figures moved: a reconciliation shown is out of date
            self.clear_reconciliation()
        self.reload()

    def reset_for_new_clerk(self) -> None:
        self.clear_reconciliation()
        self.scope.chosen = None  # the next clerk starts on their own shift's journal
        super().reset_for_new_clerk()

    # -- report and journal ---------------------------------------------------------------------------

    def current_shift(self) -> str | None:
        return self.ctx.session.shift_id if self.ctx.session else None

    def reload(self) -> None:
        day = self.business_date()
        counter = self.ctx.counter
        self.close_button.setEnabled(self.current_shift() is not None)
        QueryOp(self.ctx, lambda: books_report(day, counter.uow())).success(self.show_books) \
            .failure(self.show_error).run()

    def show_books(self, report: BooksReport) -> None:
        if report.business_date != self.business_date():
            return  # an earlier day's answer arriving late
        self.show_report(report.day)
        self.books.show_report(report)
        # Something in the books wants a supervisor (over/short, a correction, an unanswered payment): the
        # tab says so while another view is shown.
        self.views.tabBar().setTabTextColor(BOOKS_VIEW, QColor("#b00020") if self.books.alerts() else QColor())
        self._view_titles()
        self.scope.fill(report.shifts, self.current_shift())
        self.load_journal()

    def load_journal(self) -> None:
        day, shift_id, counter = self.business_date(), self.scope.shift_id(), self.ctx.counter
        QueryOp(self.ctx, lambda: services.queries.journal_entries(counter.uow(), shift_id=shift_id,
                                                                   business_date=None if shift_id else day)) \
            .success(self.show_journal).failure(self.show_error).run()

    def request_close(self) -> None:
        if self.current_shift() is None:
            self.complain(self.tr("当前没有已签到的班次"))
            return
        self.close_shift_requested.emit()

    def open_books(self) -> None:
        """尾箱与轧帐 for the day shown: cash moves, corrections (确认/异议) and the Z."""
        from counter_app.ui.books_dialog import BooksDialog

        dialog = BooksDialog(self.ctx, self.window(), business_date=self.business_date())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.reload())
        self.books_dialog = dialog
        dialog.open()

    def show_report(self, report: Any) -> None:
        self.report = report
        lang = self.lang
        self.net.set_fen(report.net_takings_fen)
        self.unsent.setText(self.tr("未上传：%1 笔").replace("%1", str(report.unsent)))
        self.exceptions.setText(self.tr("异常单：%1 笔").replace("%1", str(report.exceptions)))
        fill_table(self.by_kind, [[kind_name(k, lang), v["count"], format_fen(v["amount_fen"])]
                                  for k, v in sorted(report.by_kind.items())], keys=sorted(report.by_kind))
        fill_table(self.by_method, [[method_name(m, lang), format_fen(fen)] for m, fen in report.by_method.items()],
                   keys=list(report.by_method))
        fill_table(self.by_clerk, [[c, v["count"], format_fen(v["takings_fen"])] for c, v in
                                   sorted(report.by_clerk.items())])

    def show_journal(self, entries: list[dict[str, Any]]) -> None:
        """The journal; the row highlighted stays on the operation previewed (new rows come in at the top)."""
        selected = selected_key(self.journal)
        states = SYNC_STATE_EN if self.lang == "en" else SYNC_STATE_ZH
        keys = [e["op_id"] for e in entries]
        self.journal.blockSignals(True)
        try:
            fill_table(self.journal, [[e["occurred_at"][11:19], kind_name(e["kind"], self.lang), e["aggregate_id"],
                                       format_fen(e["amount_fen"]), states.get(e.get("sync_state") or "", "")]
                                      for e in entries], keys=keys)
            if selected in keys:
                self.journal.selectRow(keys.index(selected))
            else:
                self.journal.clearSelection()
                self.journal.setCurrentCell(-1, -1)
        finally:
            self.journal.blockSignals(False)
        if selected is not None and selected not in keys:
            self.preview.set_image(None)

    # -- reconciliation -------------------------------------------------------------------------------

    def clear_reconciliation(self) -> None:
        """Take a reconciliation's result off the screen (it no longer holds: run it again with Alt+D)."""
        if self.message.text() == self.tr("与平台一致，轧帐平衡"):
            self.message.clear()
        self.reconcile_result.clear()
        fill_table(self.differences, [])

    def reconcile(self) -> None:
        day = self.business_date()
        counter = self.ctx.counter
        self.clear_reconciliation()
        self.views.setCurrentIndex(RECONCILE_VIEW)
        self.call(lambda: services.queries.reconcile_day(day, counter.uow(), counter.deps), self.show_reconciliation,
                  on_failure=lambda error: self.reconcile_result.setText(self.ctx.message(error)))

    def show_reconciliation(self, result: Any) -> None:
        report, differences = result
        self.show_report(report)
        if not differences:
            self.reconcile_result.setText(self.tr("与平台一致，轧帐平衡"))
            self.say(self.tr("与平台一致，轧帐平衡"))
            return
        rows = []
        for d in differences:
            what, _, code = d.what.partition(":")
            name = kind_name(code, self.lang) if what == "kind" else method_name(code, self.lang)
            if what == "kind":
                rows.append([name, f"{d.counter_count} / {format_fen(d.counter_fen)}",
                             f"{d.platform_count} / {format_fen(d.platform_fen)}"])
            else:
                rows.append([name, format_fen(d.counter_fen), format_fen(d.platform_fen)])
        fill_table(self.differences, rows)
        text = self.tr("与平台有 %1 处差异").replace("%1", str(len(differences)))
        if report.unsent:
            text += self.tr("（还有 %1 笔未上传，上传后再对账）").replace("%1", str(report.unsent))
        self.reconcile_result.setText(text)
        self.complain(text)

    # -- receipts -------------------------------------------------------------------------------------

    def preview_selected(self) -> None:
        op_id = selected_key(self.journal)
        receipts = self.ctx.receipts
        if op_id is None or receipts is None:
            return
        def show(image: Any) -> None:
            if selected_key(self.journal) == op_id:  # not a preview overtaken by the clerk's next choice
                self.preview.set_image(image)

        QueryOp(self.ctx, lambda: receipts.preview(op_id, reprint=True)).success(show) \
            .failure(lambda error: self.print_status.setText(self.ctx.message(error))).run()

    def reprint_selected(self) -> None:
        op_id = selected_key(self.journal)
        if op_id is None:
            self.complain(self.tr("请先在本班流水中选择一笔业务"))
            self.journal.setFocus()
            return
        if self.ctx.receipts is None:
            self.complain(self.tr("本机未配置小票打印机"))
            return
        self.print_receipt(op_id, reprint=True)
