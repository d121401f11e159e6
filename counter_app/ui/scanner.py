"""Keyboard input the main window watches: activity for the idle lock, and a barcode scanner's bursts typed
while no field has focus, routed to the current workspace."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

if TYPE_CHECKING:
    from counter_app.ui.main_window import MainWindow

# A scanner types a whole code in a burst: at least this many characters, each within SCAN_GAP_S of the last.
SCAN_MIN_CHARS = 4
SCAN_GAP_S = 0.050


def is_editable(widget: QWidget | None) -> bool:
    """True when keystrokes in ``widget`` type text (so a scan there is the field's own business)."""
    if widget is None:
        return False
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


class InputWatcher(QObject):
    """Application event filter: notes activity for the idle lock and turns scanner bursts into scans.

    A scanner acts as a keyboard: a burst of at least SCAN_MIN_CHARS characters, each within SCAN_GAP_S of
    the last, then Enter. Typed while no editable field has focus, the burst goes to the current workspace's
    ``handle_scan``; in an editable field it is left alone (the field gets it).
    """

    ACTIVITY = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.TouchBegin)

    def __init__(self, window: MainWindow, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.buffer: list[str] = []
        self.last = 0.0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind in self.ACTIVITY and isinstance(obj, QWidget) and obj.window() is self.window:
            self.window.note_activity()
        if kind == QEvent.KeyPress and isinstance(obj, QWidget):
            focus = QApplication.focusWidget()
            if obj is (focus or obj.window()):
                return self._key(obj, event)  # type: ignore[arg-type]
        return False

    def _key(self, obj: QWidget, event: QKeyEvent) -> bool:
        if obj.window() is not self.window or not self.window.scans_routable():
            self.buffer = []
            return False
        if is_editable(QApplication.focusWidget()):
            self.buffer = []
            return False
        now = self.clock()
        if self.buffer and now - self.last > SCAN_GAP_S:
            self.buffer = []
        key = event.key()
        if key in (Qt.Key_Return, Qt.Key_Enter):
            text, self.buffer = "".join(self.buffer), []
            if len(text) >= SCAN_MIN_CHARS:
                self.window.route_scan(text)
                return True
            return False
        text = event.text()
        plain = not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            self.buffer.append(text)
            self.last = now
            return True  # with no field focused the key would go nowhere useful; hold it as a possible scan
        self.buffer = []
        return False
