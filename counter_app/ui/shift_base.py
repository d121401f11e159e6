"""What the shift dialogs (签到, 签退) share: how a note or coin is named, and a dialog that Enter never closes by
accident and Esc cannot close while its service call runs."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QPushButton, QWidget


def denomination_label(fen: int) -> str:
    """¥100, ¥1, 5角, 2分: how a clerk names a note or coin."""
    if fen >= 100:
        return f"¥{fen // 100}"
    if fen >= 10:
        return f"{fen // 10}角"
    return f"{fen}分"


class ShiftDialog(QDialog):
    """Enter never closes these by accident; Esc does nothing while the service call runs."""

    busy = False

    def first_field(self) -> QWidget | None:
        return None

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        field = self.first_field()
        if field is not None:
            field.setFocus()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def _plain_buttons(self, *buttons: QPushButton) -> None:
        for button in buttons:
            button.setAutoDefault(False)
            button.setDefault(False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass
