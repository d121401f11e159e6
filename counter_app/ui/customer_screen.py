"""Where the customer display (客显) comes from: the main window opens it on the counter's second screen when
there is one; on a single screen only when the ``customer_display`` setting asks for it (a single-screen
counter is not cluttered by default; tests turn it on). It follows the F2 sale (lines, amount due, tendered,
change, the payment code's progress) and a cash-on-delivery payment code on F1, and lives as long as the
window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication

from counter_app.ui.customer_display import CustomerDisplay
from counter_app.ui.workspaces.pickup_codepay import PickupCodePay
from counter_app.ui.workspaces.sale_codepay import SaleCodePay

if TYPE_CHECKING:
    from counter_app.ui.main_window import MainWindow


def wanted(window: MainWindow) -> bool:
    """A second screen, or the setting for a single one."""
    return len(QGuiApplication.screens()) > 1 or window.ctx.settings.customer_display


class _Follow(QObject):
    """Shows the display with the window, blanks it while the window is hidden (logged out), closes it with
    the window."""

    def __init__(self, window: MainWindow, display: CustomerDisplay) -> None:
        super().__init__(window)
        self.display = display

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind == QEvent.Type.Show and not self.display.isVisible():
            self.display.place()
        elif kind == QEvent.Type.Hide:
            self.display.idle()
        elif kind == QEvent.Type.Close:
            self.display.close()
        return False


def open_customer_display(window: MainWindow) -> CustomerDisplay | None:
    """The customer display for ``window`` (shown with it), or None when this counter has none."""
    if not wanted(window):
        return None
    display = CustomerDisplay()
    display.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # closing the counter window still quits
    for workspace in window.workspaces:
        if isinstance(workspace, SaleCodePay | PickupCodePay):  # their payment codes show on it
            workspace.customer_display = display
        if isinstance(workspace, SaleCodePay):  # and the sale as it goes
            workspace.customer_listeners.append(display.show_view)
    window.installEventFilter(_Follow(window, display))
    if window.isVisible():
        display.place()
    return display
