"""主管授权: a supervisor types THEIR OWN staff id and PIN to approve one action; the service checks them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.commands import SupervisorApproval
from counter_app.ui.focus import return_focus


class SupervisorDialog(QDialog):
    """Asks for a supervisor's id and PIN; ``approval()`` after ``accept``."""

    def __init__(self, action: str, parent: QWidget | None = None, *, error: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("SupervisorDialog")
        self.setModal(True)
        self.action_label = QLabel(action)
        self.action_label.setWordWrap(True)
        self.action_label.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.supervisor_id = QLineEdit()
        self.supervisor_id.setObjectName("supervisor_id")
        self.supervisor_id.setMaxLength(16)
        self.pin = QLineEdit()
        self.pin.setObjectName("supervisor_pin")
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setMaxLength(8)
        self.error = QLabel(error)
        self.error.setObjectName("error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.ok = QPushButton()
        self.ok.setProperty("primary", True)
        self.cancel = QPushButton()
        self.ok.clicked.connect(self._submit)
        self.cancel.clicked.connect(self.reject)
        for button in (self.ok, self.cancel):
            button.setAutoDefault(False)
        self.supervisor_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._submit)

        # Real label widgets: Qt 6.11 creates no label for addRow("", widget), so labelForField was None.
        self.id_label = QLabel()
        self.id_label.setBuddy(self.supervisor_id)
        self.pin_label = QLabel()
        self.pin_label.setBuddy(self.pin)
        self.form = QFormLayout()
        self.form.addRow(self.id_label, self.supervisor_id)
        self.form.addRow(self.pin_label, self.pin)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.action_label)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.retranslate()
        self.supervisor_id.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("主管授权"))
        self.hint.setText(self.tr("请主管输入本人工号和密码"))
        self.id_label.setText(self.tr("主管工号"))
        self.pin_label.setText(self.tr("主管密码"))
        self.ok.setText(self.tr("授权 (Enter)"))
        self.cancel.setText(self.tr("取消 (Esc)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _submit(self) -> None:
        if not self.supervisor_id.text().strip():
            self.error.setText(self.tr("请输入主管工号"))
            self.supervisor_id.setFocus()
            return
        if not self.pin.text():
            self.error.setText(self.tr("请输入主管密码"))
            self.pin.setFocus()
            return
        self.accept()

    def approval(self) -> SupervisorApproval:
        return SupervisorApproval(self.supervisor_id.text().strip(), self.pin.text())


def dialog_approver(parent_of: Callable[[], QWidget | None]) -> Callable[..., SupervisorApproval | None]:
    """The shell's ``ctx.approver``: ``approver(action, error="")`` shows the dialog, None when cancelled."""

    def approver(action: str, error: str = "") -> SupervisorApproval | None:
        parent = parent_of()
        dialog = SupervisorDialog(action, parent, error=error)
        dialog.setAttribute(Qt.WA_DeleteOnClose, False)
        try:
            return dialog.approval() if dialog.exec() == QDialog.Accepted else None
        finally:
            dialog.deleteLater()
            if parent is not None:
                restore_focus(parent)

    return approver


def restore_focus(widget: QWidget) -> None:
    """Give the keyboard back to ``widget``'s window after a dialog (ui/focus.py says why)."""
    return_focus(widget)


def is_supervisor_refusal(code: str) -> bool:
    """Refusals a supervisor can fix by typing their id and PIN again."""
    return code in ("supervisor_required", "supervisor_unknown", "supervisor_pin_wrong", "not_supervisor")
