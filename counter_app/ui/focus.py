"""The keyboard comes back to the counter window after every dialog (issue 11, point 5).

Kiosk counters run the app under X11 without a window manager: when a dialog closes nobody activates the
main window again, so F1..F7 and every shortcut stop working until the clerk clicks. One place handles it
for every dialog, whoever opens it and however (``exec()``, ``open()``, a message box): ``FocusKeeper``
watches the application for a dialog window being hidden and, once nothing else holds the keyboard, activates
the window and puts the focus back in it (``return_focus``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def return_focus(widget: QWidget) -> None:
    """Activate ``widget``'s window (and raise it where the platform can)."""
    window = widget.window()
    window.activateWindow()
    if QGuiApplication.platformName() != "offscreen":  # the offscreen plugin warns that it cannot raise
        window.raise_()


class FocusKeeper(QObject):
    """Application event filter: after any dialog window hides, ``window`` gets the keyboard back unless
    another window has it (a second dialog, the login window); ``refocus()`` then puts the focus on the
    field the window wants (the current workspace's) when none of its widgets has it."""

    def __init__(self, window: QWidget, refocus: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.refocus = refocus
        self._pending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if (event.type() == QEvent.Type.Hide and isinstance(watched, QDialog) and watched.isWindow()
                and not self._pending):
            self._pending = True
            QTimer.singleShot(0, self._take_back)
        return False

    def _take_back(self) -> None:
        self._pending = False
        window = self.window
        if not window.isVisible() or QApplication.activeModalWidget() is not None:
            return
        active = QApplication.activeWindow()
        if active is not None and active is not window and active.isVisible():
            return  # another window holds the keyboard on purpose (a dialog just hidden may still be "active")
        return_focus(window)
        focused = QApplication.focusWidget()
        if focused is None or not window.isAncestorOf(focused):
            self.refocus()


__all__ = ["FocusKeeper", "return_focus"]
