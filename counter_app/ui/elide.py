"""Texts that never widen the window (issue 11, point 2).

A plain ``QLabel`` asks for the width of its whole text (or, word-wrapped, of its longest word), and its
top-level window grows to give it that: one long error pushed the counter window past the screen. Use:

* ``ElidedLabel`` for one line (a status, a time, a state): cut with "…" to the room there is;
* ``WrappedLabel`` for a message: wrapped to the room there is (a word too long for it is clipped).

Both keep ``text()`` the whole text and show it in the tooltip, and both ask for little minimum width, so the
layout, not the text, decides how wide they are.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_WIDTH = 40  # what a label asks for at least: a few characters, never its whole text


class ElidedLabel(QLabel):
    """One line; cut with "…" when the room is short; the whole text in ``text()`` and the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: Any) -> None:  # noqa: N802 - Qt name
        self._full = "" if text is None else str(text)
        self.setToolTip(self._full)
        self._show()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    def _room(self) -> int:
        return max(0, self.contentsRect().width() - 2 * self.margin() - max(0, self.indent()))

    def _show(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, self._room()) if self._full else ""
        super().setText(shown)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._show()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._show()

    def is_elided(self) -> bool:
        return super().text() != self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """What the whole text would take: the layout gives that when there is room."""
        margins = self.contentsMargins()
        width = (self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
                 + 2 * self.margin() + 2)
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return QSize(min(MIN_WIDTH, self.sizeHint().width()), super().minimumSizeHint().height())


class WrappedLabel(QLabel):
    """A message wrapped to the room there is; the whole text in the tooltip; little minimum width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: Any) -> None:  # noqa: N802 - Qt name
        text = "" if text is None else str(text)
        self.setToolTip(text)
        super().setText(text)

    def clear(self) -> None:
        self.setText("")

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        hint = super().minimumSizeHint()
        return QSize(min(MIN_WIDTH, hint.width()), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        hint = super().sizeHint()  # word-wrapped: Qt's guess of a pleasant width, never more than the screen's
        return QSize(min(hint.width(), 480), hint.height())


__all__ = ["ElidedLabel", "WrappedLabel"]
