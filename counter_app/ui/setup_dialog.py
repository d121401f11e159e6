"""首次设置: branch, counter, platform enrolment and the receipt printer, before anyone can log in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.settings import Settings
from counter_app.app.setup import apply_setup, check_setup
from counter_app.domain.errors import CounterError
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.printer_dialog import PrinterFields


class SetupDialog(QDialog):
    """The first-run set-up; ``configured(settings)`` once saved (and enrolled, when a platform is given)."""

    configured = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SetupDialog")
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.branch_box, self.platform_box, self.printer_box, self.supervisor_box = (
            QGroupBox(), QGroupBox(), QGroupBox(), QGroupBox())
        self.forms: dict[str, QFormLayout] = {}

        def line(name: str, form: QFormLayout, *, password: bool = False, max_len: int = 64) -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setMaxLength(max_len)
            if password:
                edit.setEchoMode(QLineEdit.Password)
            self._add(name, edit, form)
            return edit

        branch_form = QFormLayout(self.branch_box)
        line("branch_id", branch_form, max_len=16)
        line("branch_name", branch_form)
        line("branch_address", branch_form, max_len=120)
        line("counter_id", branch_form, max_len=16)
        platform_form = QFormLayout(self.platform_box)
        line("platform_url", platform_form, max_len=200)
        line("enrolment_code", platform_form, max_len=64)
        # The same printer fields as 系统 > 打印机设置: every connection kind, paper, model and drawer.
        self.printer = PrinterFields()
        QVBoxLayout(self.printer_box).addWidget(self.printer)
        supervisor_form = QFormLayout(self.supervisor_box)
        line("supervisor_id", supervisor_form, max_len=16)
        line("supervisor_name", supervisor_form, max_len=32)
        line("supervisor_pin", supervisor_form, password=True, max_len=8)
        for name, form in (("branch", branch_form), ("platform", platform_form), ("supervisor", supervisor_form)):
            self.forms[name] = form

        self.error = QLabel()
        self.error.setObjectName("setup_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.ok = QPushButton()
        self.ok.setProperty("primary", True)
        self.ok.setObjectName("setup_ok")
        self.cancel = QPushButton()
        self.ok.clicked.connect(lambda: self.submit())
        self.cancel.clicked.connect(self.reject)
        for button in (self.ok, self.cancel):
            button.setAutoDefault(False)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.branch_box)
        left.addWidget(self.supervisor_box)
        right.addWidget(self.platform_box)
        right.addWidget(self.printer_box)
        columns.addLayout(left)
        columns.addLayout(right)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        self.setMinimumWidth(980)
        self.retranslate()
        self.fields["branch_id"].setFocus()

    def _add(self, name: str, widget: QWidget, form: QFormLayout) -> None:
        error = QLabel()
        error.setObjectName(f"{name}_error")
        error.setProperty("role", "error")
        error.hide()
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(QLabel(), holder)
        self.fields[name] = widget
        self.errors[name] = error

    def _label(self, name: str) -> QLabel:
        holder = self.fields[name].parentWidget()
        for form in self.forms.values():
            label = form.labelForField(holder)
            if label is not None:
                return label  # type: ignore[return-value]
        raise KeyError(name)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("柜台首次设置"))
        self.title.setText(self.tr("柜台首次设置：请填写网点、柜台和打印机"))
        self.branch_box.setTitle(self.tr("网点与柜台"))
        self.platform_box.setTitle(self.tr("平台注册（可稍后）"))
        self.printer_box.setTitle(self.tr("小票打印机"))
        self.supervisor_box.setTitle(self.tr("首位主管账号（可选）"))
        labels = {
            "branch_id": self.tr("网点编号"), "branch_name": self.tr("网点名称"),
            "branch_address": self.tr("网点地址"), "counter_id": self.tr("柜台号"),
            "platform_url": self.tr("平台地址"), "enrolment_code": self.tr("注册码"),
            "supervisor_id": self.tr("主管工号"),
            "supervisor_name": self.tr("主管姓名"), "supervisor_pin": self.tr("主管密码"),
        }
        for name, text in labels.items():
            self._label(name).setText(text)
        self.ok.setText(self.tr("保存 (Ctrl+Enter)"))
        self.ok.setShortcut("Ctrl+Return")  # after setText, which replaces a button's shortcut
        self.cancel.setText(self.tr("取消 (Esc)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                out[name] = widget.text().strip()
        return out

    def show_field_error(self, name: str | None, message: str) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        if name in self.errors:
            self.errors[name].setText(message)
            self.errors[name].show()
            self.fields[name].setFocus()
            self.error.clear()
        else:
            self.error.setText(message)

    def submit(self) -> None:
        if not self.ok.isEnabled():
            return
        values = self.values()
        try:
            check_setup(values)
        except CounterError as error:
            self.show_field_error(error.field, self.ctx.message(error))
            return
        self.show_field_error(None, "")
        self.printer.clear_errors()
        try:
            self.printer.settings()  # validated like the printer dialog does, messages beside its fields
            values["printer"] = self.printer.mapping()
        except CounterError as error:
            if not self.printer.show_error(error.field, self.ctx.message(error)):
                self.show_field_error(None, self.ctx.message(error))
            return
        self.ok.setEnabled(False)
        counter = self.ctx.counter
        QueryOp(self.ctx, lambda: apply_setup(counter, values)).success(self._done).failure(self._failed).run()

    def reject(self) -> None:
        if self.ok.isEnabled():  # not while saving / enrolling
            super().reject()

    def _done(self, settings: Settings) -> None:
        self.ok.setEnabled(True)
        self.ctx.settings = settings
        self.configured.emit(settings)
        self.accept()

    def _failed(self, error: CounterError) -> None:
        self.ok.setEnabled(True)
        field = {"pin": "supervisor_pin", "clerk_id": "supervisor_id"}.get(error.field or "", error.field)
        self.show_field_error(field, self.ctx.message(error))
