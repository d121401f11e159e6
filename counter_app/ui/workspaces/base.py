"""The base every workspace shares: its name and key, where a scan lands, and refresh on change."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from counter_app.ui.context import UiContext
from counter_app.ui.translated import Translated


class Workspace(Translated, QWidget):
    """One screen of the main window, reachable by a function key and from the side bar."""

    key = "workspace"  # "pickup", "sale", "bill", "member", "report", "sync"
    title_zh = ""
    title_en = ""
    shortcut = ""  # "F1" ...

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

    def on_changed(self, what: str) -> None:
        """Something changed in the store (an operation kind, "sync", "settings"): refresh what concerns us."""
