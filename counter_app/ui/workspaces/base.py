"""The base every workspace shares: its name and key, where a scan lands, retranslation and refresh on a
change notice (``Workspace``); running services, refusals beside their field and receipts
(``CounterWorkspace``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.app.changes import Change
from counter_app.domain.errors import CounterError
from counter_app.ui.context import UiContext
from counter_app.ui.elide import WrappedLabel
from counter_app.ui.ops import CollectionOp, QueryOp
from counter_app.ui.trace import trace
from counter_app.ui.translated import Translated
from counter_app.ui.widgets import ERROR_STYLE, OK_STYLE, Field


class Workspace(Translated, QWidget):
    """One screen of the main window, reachable by a function key and from the side bar."""

    key = "workspace"  # "pickup", "sale", "bill", "member", "report", "sync"
    title_zh = ""
    title_en = ""
    shortcut = ""  # "F1" ...
    needs_shift = True  # usable only inside an open shift (the 日结 screen works after 签退 too)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"workspace_{self.key}")

    def title(self) -> str:
        return self.title_en if self.ctx.language.startswith("en") else self.title_zh

    def code_field(self) -> QLineEdit | None:
        """The field a barcode scan or typed code lands in, if this workspace has one."""
        return None

    def handle_scan(self, text: str) -> None:
        """A scanner sent ``text`` + Enter while this workspace was showing: fill the code field and submit."""
        field = self.code_field()
        if field is None:
            return
        field.setText(text)
        field.setFocus()
        field.returnPressed.emit()

    def activated(self) -> None:
        """The workspace became visible: focus its code field."""
        field = self.code_field()
        if field is not None:
            field.setFocus()
            field.selectAll()

    def on_changed(self, change: Change) -> None:
        """Something changed (an operation, the sync, the settings, the session): refresh what concerns us."""

    def clear_results(self) -> None:
        """Forget what the last finished operation showed (its message, change, receipt status): called when
        a new operation starts and when the counter locks, so nothing old reads as news."""

    def reset_for_new_clerk(self) -> None:
        """Another clerk takes the counter (or one logs in afresh): empty every half-filled form and every
        result, so the next clerk sees nothing of the previous one's work."""
        self.clear_results()


class CounterWorkspace(Workspace):
    """A workspace that runs services on the worker, shows refusals beside their field and success in its
    message line, and refreshes when told (``on_changed`` is safe to call from any thread)."""

    _changed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.fields: dict[str, Field] = {}
        self.routes: dict[str, Callable[[], str]] = {}
        self.message = WrappedLabel()  # an outcome's message never widens the window (issue 11)
        self.message.setObjectName("message")
        font = QFont(self.message.font())
        font.setPointSize(max(font.pointSize(), 10) + 3)
        self.message.setFont(font)
        self.print_status = WrappedLabel()
        self.print_status.setObjectName("print_status")
        self.reprint_button = QPushButton(self.tr("重打小票 (Ctrl+P)"))
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.setVisible(False)
        self.reprint_button.clicked.connect(self.reprint_last)
        self.last_op_id: str | None = None
        self._failed_job: Any = None
        self._writing = False  # one write at a time per screen
        self._changed.connect(self.refresh)

    # -- layout helpers ------------------------------------------------------------------------------

    def field(self, caption: str, editor: QWidget, name: str, *, hint: str = "", below: bool = False) -> Field:
        widget = Field(caption, editor, name, hint=hint, below=below)
        self.fields.setdefault(name, widget)
        return widget

    def action(self, text: str, keys: list[str], slot: Callable[[], None], *, name: str) -> QPushButton:
        """A button labelled with its first shortcut, all of them in its tooltip (a label with every key made
        the English screens wider than 1024 px); the shortcuts work while focus is inside the workspace."""
        button = QPushButton(f"{text} ({keys[0]})")
        button.setToolTip(f"{text} ({' / '.join(keys)})")
        button.setObjectName(name)
        button.clicked.connect(slot)
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return button

    def print_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.print_status, 1)
        layout.addWidget(self.reprint_button)
        shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.reprint_last)
        return row

    @staticmethod
    def hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("hint")
        label.setStyleSheet("color: #555;")
        label.setWordWrap(True)
        return label

    @staticmethod
    def column(*widgets: QWidget, stretch_last: bool = False) -> QVBoxLayout:
        layout = QVBoxLayout()
        for widget in widgets:
            layout.addWidget(widget)
        if not stretch_last:
            layout.addStretch(1)
        return layout

    # -- messages --------------------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return "en" if self.ctx.language.startswith("en") else "zh"

    def clear_errors(self) -> None:
        for widget in self.fields.values():
            widget.clear_error()
        self.message.clear()

    def clear_results(self) -> None:
        """The message line and the last receipt's status; a receipt that failed to print stays shown with
        its reprint button until it is printed (the clerk still owes the customer that slip)."""
        self.message.clear()
        if self._failed_job is None:
            self.print_status.clear()
            self.print_status.setStyleSheet("")
            self.reprint_button.setVisible(False)

    def reset_for_new_clerk(self) -> None:
        """Errors, results and the last receipt forgotten; subclasses also empty their forms."""
        self.clear_errors()
        self.clear_results()
        self.last_op_id = None
        self._failed_job = None
        self.reprint_button.setVisible(False)

    def say(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)
        trace("message", workspace=self.key, ok=True, text=text)

    def complain(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        trace("message", workspace=self.key, ok=False, text=text)

    def show_error(self, error: CounterError, *, default_field: str | None = None) -> None:
        """A refusal beside the field it concerns; without a known field, in the message line."""
        text = self.ctx.message(error)
        name = error.field or default_field
        if name in self.routes:
            name = self.routes[name]()
        target = self.fields.get(name or "")
        if target is not None and target.isVisibleTo(self):
            target.show_error(text)
            self.message.clear()
            trace("message", workspace=self.key, ok=False, field=name, text=text)
        else:
            self.complain(text)

    def error_beside(self, name: str) -> str:
        return self.fields[name].error_text()

    # -- running services ----------------------------------------------------------------------------

    def clerk_id(self) -> str | None:
        session = self.ctx.session
        if session is None:
            self.complain(self.tr("请先登录"))
            return None
        return session.clerk_id

    def call(self, fn: Callable[[], Any], on_success: Callable[[Any], None], *,
             on_failure: Callable[[CounterError], None] | None = None, default_field: str | None = None,
             clear: bool = True) -> None:
        """Run a read on the worker; success and failure come back on the GUI thread."""
        if clear:
            self.clear_errors()

        def failed(error: CounterError) -> None:
            self.show_error(error, default_field=default_field)
            if on_failure is not None:
                on_failure(error)

        QueryOp(self.ctx, fn).success(on_success).failure(failed).run()

    def write(self, service: Callable[..., Any], cmd: Any, on_success: Callable[[Any], None], *,
              on_failure: Callable[[CounterError], None] | None = None, default_field: str | None = None) -> None:
        """Run a writing service as a ``CollectionOp`` (journal, outbox, change notice with this screen as
        its initiator); refusals beside their field.

        One write at a time per screen: a second F12 while the first sale is still committing would
        otherwise take the same cart twice.
        """
        if self._writing:
            self.complain(self.tr("正在办理上一笔业务，请稍候"))
            return
        self._writing = True

        def succeeded(result: Any) -> None:
            self._writing = False
            on_success(result)

        def refused(error: CounterError) -> None:
            self._writing = False
            self.show_error(error, default_field=default_field)
            if on_failure is not None:
                on_failure(error)

        self.clear_errors()
        CollectionOp(self.ctx, service, cmd, initiator=self).success(succeeded).failure(refused).run()

    def ask_supervisor(self, action: str) -> Any:
        """The supervisor's approval for ``action`` (the shell's dialog), or None when cancelled or absent."""
        if self.ctx.approver is None:
            self.complain(self.tr("本机未配置主管授权"))
            return None
        approval = self.ctx.approver(action)
        if approval is None:
            self.complain(self.tr("主管未授权，操作已取消"))
        return approval

    # -- receipts --------------------------------------------------------------------------------------

    def print_receipt(self, op_id: str, *, reprint: bool = False) -> None:
        """Print on the worker; a printer failure is shown with a reprint action, the operation stays done."""
        self.last_op_id = op_id
        receipts = self.ctx.receipts
        if receipts is None:
            return
        self.print_status.setStyleSheet("")
        self.print_status.setText(self.tr("正在打印小票…"))
        self.runner_print(lambda: receipts.print_receipt(op_id, reprint=reprint))

    def runner_print(self, fn: Callable[[], Any], *, after: Callable[[], None] | None = None) -> None:
        def printed(confirmed: Any) -> None:
            self._failed_job = None
            self.print_status.setStyleSheet(OK_STYLE)
            # A printer that cannot answer (a device file) took the receipt; only the paper can tell.
            self.print_status.setText(self.tr("小票已打印") if confirmed is not False
                                      else self.tr("小票已发送，该打印机无法确认，请查看是否出纸"))
            self.reprint_button.setVisible(self.last_op_id is not None)
            if after is not None:
                after()

        def failed(error: CounterError) -> None:
            self._failed_job = error.details.get("job_id")
            self.print_status.setStyleSheet(ERROR_STYLE)
            self.print_status.setText(self.tr("小票打印失败：%1（业务已办理，可重打小票）").replace(
                "%1", self.ctx.message(error)))
            self.reprint_button.setVisible(True)
            if after is not None:
                after()

        # Its own runner: waiting for a printer never holds a thread that commits operations.
        QueryOp(self.ctx, fn, runner=self.ctx.print_runner).success(printed).failure(failed).run()

    def reprint_last(self) -> None:
        """Retry the failed job if there is one, else reprint the last receipt (marked 重打)."""
        receipts = self.ctx.receipts
        if receipts is None or self.last_op_id is None:
            return
        op_id = self.last_op_id
        job_id = self._failed_job

        def again() -> Any:
            target = job_id
            if target is None:
                for job in receipts.failed_jobs():
                    if job.get("op_id") == op_id:
                        target = job.get("job_id")
            if target is not None:
                return receipts.retry(target)
            return receipts.print_receipt(op_id, reprint=True)

        self.print_status.setText(self.tr("正在打印小票…"))
        self.runner_print(again)

    # -- refresh ---------------------------------------------------------------------------------------

    def retranslate_state(self) -> None:
        """Stored figures and the names of kinds, methods and states, shown again in the new language (a
        hidden screen reloads when it is shown)."""
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read again what this screen shows from the store (screens showing stored figures override it)."""

    def on_changed(self, change: Change) -> None:
        """Thread-safe: the refresh runs on the GUI thread."""
        self._changed.emit(change)

    def refresh(self, change: Change) -> None:
        """Reload what concerns this workspace after ``change``."""
