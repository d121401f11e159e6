"""The customer display (客显): a second top-level window for the customer, on the second screen when there is
one. Large Chinese type; it shows only what the customer may see: the lines, the amount due, the amount
tendered and the change, and for a payment code "请出示付款码" and then the result. No clerk menus, no
buttons, member data only masked."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from counter_app.domain.codepay import State
from counter_app.domain.money import format_fen

# What the customer reads at each state of a code payment.
CUSTOMER_TEXT = {
    None: "请出示付款码",
    State.ASKED: "正在支付，请稍候…",
    State.WAITING: "请在手机上输入支付密码",
    State.CONFIRMED: "支付成功，谢谢惠顾",
    State.DECLINED: "支付未成功，请换一种方式付款",
    State.CANCEL_ASKED: "支付已取消，请稍候…",
    State.CANCELLED: "支付已取消，未扣款",
    State.WRITTEN_OFF: "请咨询营业员",
}


@dataclass(frozen=True)
class CustomerView:
    """What the customer may see of the sale on the counter: (name, qty, amount) per line, the amount due,
    what was tendered and the change (None before anything is tendered), the member only masked."""

    lines: tuple[tuple[str, int, int], ...] = ()
    due_fen: int = 0
    tendered_fen: int = 0
    change_fen: int | None = None
    member_masked: str = ""
    paid: bool = False  # the sale is done: the figures stay up with a thank-you until the next one starts

    @property
    def empty(self) -> bool:
        return not self.lines and not self.due_fen


def _big(point_size: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(bold)
    return font


class CustomerDisplay(QWidget):
    """The customer's window; the clerk's screens tell it what to show through these methods only."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("customerDisplay")
        self.setWindowTitle("欢迎光临")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner types into the clerk's window, never here
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        layout = QVBoxLayout(self)
        self.welcome = QLabel("欢迎光临 中国邮政")
        self.welcome.setFont(_big(28, bold=True))
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lines = QListWidget()
        self.lines.setFont(_big(22))
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.member = QLabel("")
        self.member.setFont(_big(20))
        self.due = QLabel("")
        self.due.setObjectName("due")
        self.due.setFont(_big(40, bold=True))
        self.tendered = QLabel("")
        self.tendered.setFont(_big(26))
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setFont(_big(34, bold=True))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        for widget in (self.welcome, self.lines, self.member, self.due, self.tendered, self.status):
            layout.addWidget(widget)
        self.idle()

    def place(self) -> None:
        """Full screen on the second screen when there is one; else a window of its own (one screen, tests)."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.resize(800, 600)
            self.show()

    def idle(self) -> None:
        self.lines.clear()
        self.member.setText("")
        self.due.setText("")
        self.tendered.setText("")
        self.status.setText("")

    def show_cart(self, lines: list[tuple[str, int, int]], due_fen: int, *, member_masked: str = "") -> None:
        """(name, qty, amount) per line and the amount due; the member only as masked (``138****1234``)."""
        self.lines.clear()
        for name, qty, amount_fen in lines:
            self.lines.addItem(f"{name}  ×{qty}    {format_fen(amount_fen, symbol='￥')}")
        self.member.setText(f"会员 {member_masked}" if member_masked else "")
        self.due.setText(f"应付 {format_fen(due_fen, symbol='￥')}")
        self.status.setText("")

    def show_view(self, view: CustomerView) -> None:
        """Follow the clerk's sale: the cart as it is now, or idle when there is none."""
        if view.empty:
            self.idle()
            return
        self.show_cart(list(view.lines), view.due_fen, member_masked=view.member_masked)
        if view.change_fen is not None:
            self.show_tendered(view.tendered_fen, view.change_fen)
        else:
            self.tendered.setText("")
        if view.paid:
            self.status.setText("谢谢惠顾，欢迎再次光临")

    def show_tendered(self, tendered_fen: int, change_fen: int) -> None:
        self.tendered.setText(f"实收 {format_fen(tendered_fen, symbol='￥')}    找零 {format_fen(change_fen, symbol='￥')}")

    def show_code_payment(self, state: State | None, amount_fen: int) -> None:
        """A code payment's progress: ``None`` before the scan ("请出示付款码")."""
        self.due.setText(f"应付 {format_fen(amount_fen, symbol='￥')}")
        self.status.setText(CUSTOMER_TEXT[state])
