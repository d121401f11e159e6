"""签到前的登录窗口 and the lock screen: staff id + PIN, checked by ``services.login`` on the Runner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.session import Session, sign_in
from counter_app.domain.errors import CounterError
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.style import repolish


class LoginForm(QWidget):
    """Staff id and PIN with their errors beside them; emits ``signed_in(Session)``."""

    signed_in = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clerk_label = QLabel()
        self.pin_label = QLabel()
        self.clerk_id = QLineEdit()
        self.clerk_id.setObjectName("clerk_id")
        self.clerk_id.setMaxLength(16)
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setMaxLength(8)
        self.clerk_error = QLabel()
        self.clerk_error.setObjectName("clerk_error")
        self.pin_error = QLabel()
        self.pin_error.setObjectName("pin_error")
        for label in (self.clerk_error, self.pin_error):
            label.setProperty("role", "error")
            label.setWordWrap(True)
        self.submit = QPushButton()
        self.submit.setObjectName("login_button")
        self.submit.setProperty("primary", True)
        self.submit.clicked.connect(self.attempt)
        self.clerk_id.returnPressed.connect(self._next)
        self.pin.returnPressed.connect(self.attempt)
        self.clerk_id.textEdited.connect(lambda _t: self._clear_errors())
        self.pin.textEdited.connect(lambda _t: self._clear_errors())

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.clerk_label, 0, 0, Qt.AlignRight | Qt.AlignVCenter)
        grid.addWidget(self.clerk_id, 0, 1)
        grid.addWidget(self.clerk_error, 1, 1)
        grid.addWidget(self.pin_label, 2, 0, Qt.AlignRight | Qt.AlignVCenter)
        grid.addWidget(self.pin, 2, 1)
        grid.addWidget(self.pin_error, 3, 1)
        grid.addWidget(self.submit, 4, 1)
        grid.setColumnStretch(1, 1)
        self.busy = False
        self.retranslate()

    def retranslate(self) -> None:
        self.clerk_label.setText(self.tr("工号"))
        self.pin_label.setText(self.tr("密码"))
        self.clerk_id.setPlaceholderText(self.tr("营业员工号"))
        self.pin.setPlaceholderText(self.tr("4 到 8 位数字"))
        self.submit.setText(self.tr("登录 (Enter)"))
        self._clear_errors()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _next(self) -> None:
        if self.clerk_id.text().strip():
            self.pin.setFocus()

    def _clear_errors(self) -> None:
        for label, field in ((self.clerk_error, self.clerk_id), (self.pin_error, self.pin)):
            label.clear()
            if field.property("error"):
                field.setProperty("error", False)
                repolish(field)

    def show_error(self, error: CounterError) -> None:
        """The message beside the field it concerns (the PIN field unless it names the staff id)."""
        self._clear_errors()
        on_clerk = error.field == "clerk_id"
        label, field = (self.clerk_error, self.clerk_id) if on_clerk else (self.pin_error, self.pin)
        label.setText(self.ctx.message(error))
        field.setProperty("error", True)
        repolish(field)
        self.pin.clear()
        field.setFocus()

    def attempt(self) -> None:
        if self.busy:
            return
        clerk_id, pin = self.clerk_id.text().strip(), self.pin.text()
        self._clear_errors()
        if not clerk_id:
            self.clerk_error.setText(self.tr("请输入工号"))
            self.clerk_id.setFocus()
            return
        if not pin:
            self.pin_error.setText(self.tr("请输入密码"))
            self.pin.setFocus()
            return
        self.busy = True
        self.submit.setEnabled(False)
        counter = self.ctx.counter
        QueryOp(self.ctx, lambda: sign_in(counter, clerk_id, pin)).success(self._done).failure(self._failed).run()

    def _done(self, session: Session) -> None:
        self.busy = False
        self.submit.setEnabled(True)
        self.pin.clear()
        self.signed_in.emit(session)

    def _failed(self, error: CounterError) -> None:
        self.busy = False
        self.submit.setEnabled(True)
        self.show_error(error)


def _branch_line(ctx: UiContext) -> str:
    return ctx.settings.counter_line() if ctx.settings.is_configured else ""


class LoginWindow(QWidget):
    """The first window after start: who is serving at this counter."""

    logged_in = Signal(object)
    language_requested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("LoginWindow")
        self.brand = QLabel()
        self.brand.setProperty("role", "title")
        self.brand.setAlignment(Qt.AlignCenter)
        self.branch = QLabel(_branch_line(ctx))
        self.branch.setObjectName("branch")
        self.branch.setAlignment(Qt.AlignCenter)
        self.branch.setProperty("role", "hint")
        self.form = LoginForm(ctx)
        self.form.signed_in.connect(self.logged_in)
        self.language = QPushButton()
        self.language.setObjectName("language_button")
        self.language.setFocusPolicy(Qt.TabFocus)
        self.language.clicked.connect(self._toggle_language)
        QShortcut(QKeySequence("F12"), self, activated=self._toggle_language)
        QShortcut(QKeySequence("Ctrl+Shift+E"), self, activated=self._toggle_language)  # as in the main window

        card = QWidget()
        card.setObjectName("LoginCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 28, 36, 28)
        inner.setSpacing(12)
        inner.addWidget(self.brand)
        inner.addWidget(self.branch)
        inner.addSpacing(8)
        inner.addWidget(self.form)
        card.setFixedWidth(560)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.language)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.resize(1024, 700)
        self.retranslate()
        self.form.clerk_id.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("邮政营业柜台 - 登录"))
        self.brand.setText(self.tr("中国邮政 · 营业柜台"))
        self.language.setText(self.tr("English (F12)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _toggle_language(self) -> None:
        self.language_requested.emit("zh_CN" if self.ctx.language.startswith("en") else "en")


class LockScreen(QWidget):
    """锁屏: the same clerk's PIN unlocks; "换人" lets another clerk log in instead."""

    unlocked = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("LockScreen")
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setAlignment(Qt.AlignCenter)
        self.who = QLabel()
        self.who.setObjectName("locked_clerk")
        self.who.setAlignment(Qt.AlignCenter)
        self.form = LoginForm(ctx)
        self.form.signed_in.connect(self.unlocked)
        self.switch = QPushButton()
        self.switch.setObjectName("switch_clerk")
        self.switch.clicked.connect(self.switch_clerk)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.switch_clerk)
        card = QWidget()
        card.setObjectName("LockCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 28, 36, 28)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addWidget(self.form)
        inner.addWidget(self.switch, 0, Qt.AlignRight)
        card.setFixedWidth(560)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("已锁屏"))
        self.switch.setText(self.tr("换其他营业员登录 (Ctrl+N)"))
        self._show_who()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_who(self) -> None:
        session = self.ctx.session
        if session is None:
            self.who.setText("")
        else:
            self.who.setText(self.tr("%1（%2）请输入密码解锁").replace("%1", session.name).replace("%2", session.clerk_id))

    def lock_for(self, session: Session | None) -> None:
        """Show the lock for ``session``'s clerk: staff id filled in, PIN asked."""
        self._show_who()
        self.form.clerk_id.setText(session.clerk_id if session else "")
        self.form.clerk_id.setReadOnly(session is not None)
        self.form.pin.clear()
        self.form._clear_errors()
        (self.form.pin if session else self.form.clerk_id).setFocus()

    def switch_clerk(self) -> None:
        self.form.clerk_id.setReadOnly(False)
        self.form.clerk_id.clear()
        self.form.pin.clear()
        self.form.clerk_id.setFocus()
