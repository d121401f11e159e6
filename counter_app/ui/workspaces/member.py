"""会员 Members & points: identify a member by phone or card, see balance and history, accrue and redeem."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.changes import Change
from counter_app.domain import services
from counter_app.domain.commands import AccruePoints, MakeUpPoints, RedeemPoints
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import (
    AmountDisplay,
    fill_table,
    level_name,
    make_table,
)
from counter_app.ui.workspaces.base import CounterWorkspace

POINTS_KINDS_ZH = {"accrual": "累计", "redemption": "兑换", "reversal": "冲回", "restore": "退回"}
POINTS_KINDS_EN = {"accrual": "Accrual", "redemption": "Redemption", "reversal": "Reversal", "restore": "Restored"}
STATE_ZH = {"pending": "待同步", "delivered": "已确认", "rejected": "被拒绝"}
STATE_EN = {"pending": "Unsent", "delivered": "Confirmed", "rejected": "Rejected"}


class MemberWorkspace(CounterWorkspace):
    key = "member"
    title_zh = "会员"
    title_en = "Members"
    shortcut = "F4"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.member_id: str | None = None
        self._phone_masked = ""
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText(self.tr("手机号 / 会员卡号，回车"))
        self.key_edit.returnPressed.connect(self.identify)

        self.who = QLabel()
        self.who.setObjectName("who")
        self.balance = AmountDisplay(28)
        self.balance.setObjectName("balance")
        self.unconfirmed = QLabel()
        self.unconfirmed.setObjectName("unconfirmed")
        self.redeemable = AmountDisplay(20)
        self.redeemable.setObjectName("redeemable")
        self.history = make_table([self.tr("时间"), self.tr("类型"), self.tr("积分"), self.tr("原因"), self.tr("状态")],
                                  numeric=(2,))
        self.history.setObjectName("history")
        header = self.history.horizontalHeader()
        for column in (0, 1, 2, 4):  # time, kind, points, state: as wide as they are; the reason gets the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.points = QLineEdit()
        self.points.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.points.setPlaceholderText(self.tr("积分数"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("说明（人工调整必填）"))
        self.makeup_order = QLineEdit()
        self.makeup_order.setPlaceholderText(self.tr("订单号或末几位"))
        self.makeup_order.returnPressed.connect(self.make_up)
        make_up = self.action(self.tr("补录"), ["Alt+O"], self.make_up, name="make_up")
        accrue = self.action(self.tr("人工调整"), ["Alt+A"], self.accrue, name="accrue")
        redeem = self.action(self.tr("积分兑换"), ["Alt+R"], self.redeem, name="redeem")
        self.points.returnPressed.connect(self.reason.setFocus)

        who_font = self.who.font()
        who_font.setPointSize(who_font.pointSize() + 2)
        who_font.setBold(True)
        self.who.setFont(who_font)
        self.who.setWordWrap(True)
        info_box = QGroupBox(self.tr("会员"))
        info = QGridLayout(info_box)
        info.addWidget(self.who, 0, 0, 1, 2)
        info.addWidget(QLabel(self.tr("积分余额")), 1, 0)
        info.addWidget(self.balance, 1, 1)
        info.addWidget(QLabel(self.tr("可用积分")), 2, 0)
        info.addWidget(self.redeemable, 2, 1)
        self.unconfirmed_caption = QLabel(self.tr("未确认"))
        info.addWidget(self.unconfirmed_caption, 3, 0)
        info.addWidget(self.unconfirmed, 3, 1)
        info.setColumnStretch(1, 1)
        # One box for every points action (a second box made the F4 column taller than a 768 px screen).
        points_box = QGroupBox(self.tr("补录消费积分 / 人工调整 / 积分兑换"))
        points_layout = QVBoxLayout(points_box)
        makeup_row = QHBoxLayout()
        makeup_row.addWidget(self.field(self.tr("补录订单"), self.makeup_order, "order_no", below=True), 1)
        makeup_row.addWidget(make_up, 0, Qt.AlignmentFlag.AlignTop)
        points_layout.addLayout(makeup_row)
        points_layout.addWidget(self.field(self.tr("积分"), self.points, "points", below=True))
        points_layout.addWidget(self.field(self.tr("说明"), self.reason, "reason", below=True))
        buttons = QHBoxLayout()
        buttons.addWidget(accrue)
        buttons.addWidget(redeem)
        points_layout.addLayout(buttons)

        left = QVBoxLayout()
        left.addWidget(self.field(self.tr("会员"), self.key_edit, "member", hint=self.tr("回车查询"), below=True))
        left.addWidget(info_box)
        left.addWidget(points_box)
        left.addWidget(self.message)
        left.addWidget(self.print_row())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("积分记录")))
        right.addWidget(self.history, 1)
        right.addWidget(self.hint(self.tr("回车：查询会员；Alt+O：按订单补录消费积分；Alt+A：人工调整积分（主管授权，"
                                           "每人每天有上限）；Alt+R：积分兑换；Ctrl+P：重打小票。"
                                           "离线时只能按本地缓存余额和每日离线上限兑换")))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.show_view(None)

    def code_field(self) -> QLineEdit:
        return self.key_edit

    def _points_figure(self, value: int) -> str:
        return self.tr("%1 分").replace("%1", f"{value:,}")

    # -- look-up ---------------------------------------------------------------------------------------

    def identify(self) -> None:
        text = self.key_edit.text().strip()
        counter = self.ctx.counter
        self.clear_results()
        self.call(lambda: services.identify_member(text, counter.uow(), counter.deps), self._identified,
                  default_field="member")

    def _identified(self, view: Any) -> None:
        self.show_view(view)
        self.load_history()
        self.points.setFocus()

    def show_view(self, view: Any) -> None:
        if view is None:
            self.member_id = None
            self.who.setText(self.tr("未识别会员"))
            for label in (self.balance, self.redeemable):
                label.setText("—")
            self._show_unconfirmed(0, 0)
            fill_table(self.history, [])
            return
        m = view.member
        if m.member_id != self.member_id or m.phone_masked:
            # The cache keeps no phone digit: only the look-up by the typed phone can show it masked. A reload
            # after an accrual or redemption keeps what that look-up showed.
            self._phone_masked = m.phone_masked
        self.member_id = m.member_id
        self.who.setText(f"{m.name_masked}  {self._phone_masked}  {level_name(m.level, self.lang)}  {m.card_no or ''}")
        self.balance.setText(self._points_figure(m.points_balance))
        self.redeemable.setText(self._points_figure(view.redeemable))
        self._show_unconfirmed(view.unconfirmed_plus, view.unconfirmed_minus)

    def _show_unconfirmed(self, plus: int, minus: int) -> None:
        """Points not yet confirmed by the platform; the row is hidden while nothing is waiting."""
        waiting = bool(plus or minus)
        self.unconfirmed.setText(self.tr("待同步：+%1 / -%2").replace("%1", str(plus)).replace("%2", str(minus))
                                 if waiting else "")
        self.unconfirmed.setVisible(waiting)
        self.unconfirmed_caption.setVisible(waiting)

    def load_history(self) -> None:
        if self.member_id is None:
            return
        member_id, counter = self.member_id, self.ctx.counter
        kinds = POINTS_KINDS_EN if self.lang == "en" else POINTS_KINDS_ZH
        states = STATE_EN if self.lang == "en" else STATE_ZH

        def show(rows: list[dict[str, Any]]) -> None:
            fill_table(self.history, [[r["created_at"][:16].replace("T", " "), kinds.get(r["kind"], r["kind"]),
                                       f"{r['points']:+d}", r["reason"], states.get(r["state"] or "", r["state"])]
                                      for r in rows])

        QueryOp(self.ctx, lambda: services.queries.points_history(member_id, counter.uow())).success(show) \
            .failure(self.show_error).run()

    def reload(self) -> None:
        if self.member_id is None:
            return
        member_id, counter = self.member_id, self.ctx.counter
        QueryOp(self.ctx, lambda: services.member_view(member_id, counter.uow(), counter.deps)) \
            .success(self.show_view).failure(self.show_error).run()
        self.load_history()

    def refresh(self, change: Change) -> None:
        if change.sync or change.touches("points_accrual", "points_redemption", "counter_order", "order_payment",
                                          "refund"):
            self.reload()

    # -- points ----------------------------------------------------------------------------------------

    def _points_value(self) -> int | None:
        text = self.points.text().strip()
        if not text.isdigit() or int(text) <= 0:
            self.fields["points"].show_error(self.tr("积分必须是正整数"))
            self.points.setFocus()
            return None
        return int(text)

    def _member_ready(self) -> tuple[str, str] | None:
        self.clear_errors()
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return None
        if self.member_id is None:
            self.fields["member"].show_error(self.tr("请先查询会员"))
            self.key_edit.setFocus()
            return None
        return clerk_id, self.member_id

    def _ready(self) -> tuple[str, str, int] | None:
        ready = self._member_ready()
        if ready is None:
            return None
        points = self._points_value()
        if points is None:
            return None
        return ready[0], ready[1], points

    def make_up(self) -> None:
        """补录: the order number is the customer's receipt; the points are worked out from that sale."""
        ready = self._member_ready()
        if ready is None:
            return
        order_no = self.makeup_order.text().strip()
        if not order_no:  # Alt+O first takes the clerk to the field; Enter there makes the points up
            self.say(self.tr("请输入小票上的订单号（或末几位），回车补录"))
            self.makeup_order.setFocus()
            return
        clerk_id, member_id = ready
        self.write(services.make_up_points, MakeUpPoints(clerk_id, member_id, order_no), self._made_up,
                   default_field="order_no")

    def _made_up(self, changed: Any) -> None:
        self.say(self.tr("已补录 %1 积分（订单 %2）").replace("%1", str(changed.points))
                 .replace("%2", changed.order_no or ""))
        self.makeup_order.clear()
        self.reload()
        self.print_receipt(changed.recorded.op_id)

    def accrue(self) -> None:
        """人工调整: points and a note, then the supervisor's own id and PIN."""
        ready = self._ready()
        if ready is None:
            return
        clerk_id, member_id, points = ready
        note = self.reason.text().strip()
        if not note:
            self.fields["reason"].show_error(self.tr("请填写人工调整积分的说明"))
            self.reason.setFocus()
            return
        approval = self.ask_supervisor(self.tr("人工调整积分：%1 积分").replace("%1", f"{points:,}"))
        if approval is None:
            self.points.setFocus()
            return
        self.write(services.accrue_points, AccruePoints(clerk_id, member_id, points, note, approval),
                   self._done, default_field="points")

    def redeem(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        clerk_id, member_id, points = ready
        if not self.confirm_redemption(points):
            self.say(self.tr("已取消兑换"))
            return
        self.write(services.redeem_points, RedeemPoints(clerk_id, member_id, points, self.reason.text().strip()),
                   self._done, default_field="points")

    def _done(self, changed: Any) -> None:
        if changed.points > 0:
            self.say(self.tr("已累计 %1 积分").replace("%1", str(changed.points)))
        else:
            self.say(self.tr("已兑换 %1 积分").replace("%1", str(-changed.points)))
        self.points.clear()
        self.reason.clear()
        self.reload()
        self.print_receipt(changed.recorded.op_id)

    def confirm_redemption(self, points: int) -> bool:
        """Points spent cannot be taken back at the counter: the clerk confirms the member and the figure."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("确认兑换"),
                          self.tr("为会员 %1 兑换 %2 积分？").replace("%1", self.who.text())
                          .replace("%2", f"{points:,}"), parent=self)
        box.setObjectName("confirm_redeem")
        yes = box.addButton(self.tr("兑换 (Enter)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消 (Esc)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.exec()
        self.window().activateWindow()  # without a window manager the keys would not come back (KNOWN-QUIRKS)
        self.points.setFocus()
        return box.clickedButton() is yes

    def reset_for_new_clerk(self) -> None:
        self.show_view(None)
        for edit in (self.key_edit, self.points, self.reason, self.makeup_order):
            edit.clear()
        super().reset_for_new_clerk()
