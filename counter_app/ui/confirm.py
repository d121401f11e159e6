"""A yes/no question to the clerk: a real message box, "no" the default (Enter or Esc never does harm)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget, title: str, text: str, *, yes: str, no: str) -> bool:
    """True when the clerk chose ``yes``; the box is modal and its buttons are named after what they do."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirm_box")
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    yes_button.setObjectName("confirm_yes")
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    no_button.setObjectName("confirm_no")
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    try:
        box.exec()
        return box.clickedButton() is yes_button
    finally:
        box.deleteLater()


__all__ = ["ask"]
