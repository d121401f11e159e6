"""Shared bits of the workspaces: a field with its error beside it, money entry and display, a receipt
preview, tables, and the names of kinds, methods, billers and levels in the clerk's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, QSize, Qt
from PySide6.QtGui import QFont, QImage, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter_app.domain.codepay import WALLET_NAMES_EN
from counter_app.domain.model import BILLER_NAMES_ZH, METHOD_NAMES_ZH
from counter_app.domain.operations import KIND_NAMES_EN, KIND_NAMES_ZH
from counter_app.domain.money import format_fen, parse_fen
from counter_app.ui.elide import WrappedLabel

ERROR_STYLE = "color: #c62828; font-weight: bold;"
OK_STYLE = "color: #2e7d32; font-weight: bold;"

METHOD_NAMES_EN = {"cash": "Cash", "bank_card": "Bank card", "prepaid_card": "Prepaid card", "points": "Points",
                   **{wallet.value: name for wallet, name in WALLET_NAMES_EN.items()}}
BILLER_NAMES_EN = {"water": "Water", "electricity": "Electricity", "gas": "Gas", "broadband": "Internet",
                   "landline": "Landline"}
LEVEL_NAMES_ZH = {"normal": "普通会员", "silver": "银卡会员", "gold": "金卡会员"}
LEVEL_NAMES_EN = {"normal": "Member", "silver": "Silver", "gold": "Gold"}


def _named(code: str, zh: dict[str, str], en: dict[str, str], language: str) -> str:
    return (en if language.startswith("en") else zh).get(code, code)


def kind_name(kind: str, language: str) -> str:
    return _named(kind, KIND_NAMES_ZH, KIND_NAMES_EN, language)


def method_name(method: str, language: str) -> str:
    return _named(method, METHOD_NAMES_ZH, METHOD_NAMES_EN, language)


def biller_name(biller: str, language: str) -> str:
    return _named(biller, BILLER_NAMES_ZH, BILLER_NAMES_EN, language)


def level_name(level: str, language: str) -> str:
    return _named(level, LEVEL_NAMES_ZH, LEVEL_NAMES_EN, language)


class ErrorLabel(WrappedLabel):
    """The red message beside a field; empty (and taking no room) when there is nothing to say; a long one
    wraps (whole in its tooltip) and never widens the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


class Field(QWidget):
    """A caption, an editor and the error label beside it, named after the service field it stands for.

    ``below=True`` puts the error under the editor (shown only while there is one), so that the editor keeps
    the whole width of a narrow column: the tender inputs, where amounts and references must stay readable.
    """

    def __init__(self, caption: str, editor: QWidget, name: str, *, hint: str = "", below: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.editor = editor
        self.below = below
        self.caption = QLabel(caption)
        self.caption.setBuddy(editor)
        self.caption.setMinimumWidth(72)
        self.error = ErrorLabel()
        self.error.setObjectName(f"error_{name}")
        editor.setObjectName(f"field_{name}")
        hint_label = None
        if hint:
            self.hint = hint_label = QLabel(hint)
            self.hint.setStyleSheet("color: #666;")
        if below:
            grid = QGridLayout(self)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setVerticalSpacing(2)
            grid.addWidget(self.caption, 0, 0)
            grid.addWidget(editor, 0, 1)
            if hint_label is not None:
                grid.addWidget(hint_label, 0, 2)
            grid.addWidget(self.error, 1, 1, 1, 2)
            grid.setColumnStretch(1, 1)
            self.error.setVisible(False)
        else:
            layout = QHBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.caption)
            layout.addWidget(editor, 2)
            if hint_label is not None:
                layout.addWidget(hint_label)
            layout.addWidget(self.error, 3)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setToolTip(text)
        if self.below:
            self.error.setVisible(bool(text))

    def clear_error(self) -> None:
        self.error.clear()
        if self.below:
            self.error.setVisible(False)

    def error_text(self) -> str:
        return self.error.text()


# What an amount field lets a clerk type: yuan digits and at most two decimals (no letters, signs or
# currency marks), so a stray shortcut letter (Alt+C on the wrong screen) never lands in an amount.
MONEY_PATTERN = r"\d{0,9}(\.\d{0,2})?"


def accept_money_only(edit: QLineEdit) -> QLineEdit:
    """Make ``edit`` take only what ``MONEY_PATTERN`` allows (the one rule for every typed amount)."""
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(MONEY_PATTERN), edit))
    return edit


class MoneyEdit(QLineEdit):
    """An amount typed in yuan ("200", "200.5"), right-aligned, taking only digits and two decimals;
    ``fen()`` refuses anything odd (a pasted or set text is still checked by the domain)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accept_money_only(self)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        font = self.font()
        font.setPointSize(max(font.pointSize(), 10) + 4)
        self.setFont(font)

    def fen(self, *, field: str = "amount", allow_zero: bool = True) -> int:
        return parse_fen(self.text(), field=field, allow_zero=allow_zero)

    def fen_or_none(self, *, field: str = "amount") -> int | None:
        """None when left empty, else the amount (refusing a malformed one)."""
        return None if not self.text().strip() else self.fen(field=field)


class ReasonBox(QComboBox):
    """A reason picked from the common ones (a clerk without a Chinese input method can still give one) or
    typed; reads and clears like a line edit. Enter never adds the typed text to the list."""

    def __init__(self, reasons: tuple[str, ...] | list[str], placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(reasons))
        self.line = self.lineEdit()
        self.line.setPlaceholderText(placeholder)
        self.clear_text()

    def text(self) -> str:
        return self.currentText()

    def setText(self, text: str) -> None:  # noqa: N802 - the line edit's name
        self.setEditText(text)

    def selectAll(self) -> None:  # noqa: N802 - the line edit's name
        self.line.selectAll()

    def clear_text(self) -> None:
        """Nothing chosen, nothing typed (the list of reasons stays)."""
        self.setCurrentIndex(-1)
        self.clearEditText()


class AmountDisplay(QLabel):
    """A money figure shown big and right-aligned."""

    def __init__(self, size: int = 26, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = QFont(self.font())
        font.setPointSize(size)
        font.setBold(True)
        self.setFont(font)
        self.fen_value: int | None = None
        self.set_fen(None)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """Room for a four-figure amount at least: a long message beside a total never squeezes it away."""
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        room = self.fontMetrics().horizontalAdvance("¥9,999.99") + margins.left() + margins.right() + 4
        return QSize(max(hint.width(), room), hint.height())

    def set_fen(self, fen: int | None) -> None:
        self.fen_value = fen
        self.setText("—" if fen is None else format_fen(fen))


def pil_to_qimage(image: Any) -> QImage:
    """A PIL image as a QImage (copied, so it outlives the PIL buffer)."""
    rgba = image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    qimage = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return qimage.copy()


class ReceiptPreview(QLabel):
    """Shows a receipt image (``ReceiptService.preview``) at its paper width, scrolled by its parent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setMinimumWidth(220)
        self.setStyleSheet("background: white; border: 1px solid #bbb;")
        self.image: QImage | None = None

    def set_image(self, image: Any) -> None:
        self.image = pil_to_qimage(image) if image is not None else None
        self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The whole paper width visible: scaled down to the space there is, never up (a receipt is read
        from top to bottom, so the parent scrolls it vertically)."""
        if self.image is None:
            self.clear()
            return
        pixmap = QPixmap.fromImage(self.image)
        width = max(1, self.width() - 4)
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(pixmap)


def make_table(headers: list[str], *, numeric: tuple[int, ...] = ()) -> QTableWidget:
    """A read-only row-select table; ``numeric`` columns are right-aligned."""
    return setup_table(QTableWidget(), headers, numeric=numeric)


def setup_table(table: QTableWidget, headers: list[str], *, numeric: tuple[int, ...] = ()) -> QTableWidget:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setProperty("numeric_columns", numeric)
    return table


def fill_table(table: QTableWidget, rows: list[list[Any]], *, keys: list[Any] | None = None) -> None:
    """Replace the rows; ``keys[r]`` is what ``selected_key`` returns for row r.

    The keys stay on the Python side: storing None in an item's QVariant and then replacing the items
    crashes PySide6 6.12 ("deallocating None").
    """
    numeric = table.property("numeric_columns") or ()
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    # A plain attribute of the table's Python wrapper (no weak references: those crash during Qt teardown).
    table.row_keys = list(keys) if keys is not None else []


def table_rows(table: QTableWidget) -> list[list[str]]:
    """What the table shows, as text (for tests and for copying)."""
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def selected_key(table: QTableWidget) -> Any:
    """The key given to ``fill_table`` for the current row, or None."""
    keys = getattr(table, "row_keys", [])
    row = table.currentRow()
    return keys[row] if 0 <= row < len(keys) else None


def money_item(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen)


__all__ = [
    "AmountDisplay", "ErrorLabel", "Field", "MONEY_PATTERN", "MoneyEdit", "ReasonBox", "ReceiptPreview", "accept_money_only",
    "biller_name",
    "fill_table", "kind_name", "level_name", "make_table", "method_name", "money_item", "pil_to_qimage",
    "selected_key", "setup_table", "table_rows",
]
