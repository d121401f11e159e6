"""寄递 Parcel posting: weigh (or type the weight), choose the service, find sender and recipient regions by
pinyin initials, see the price explained, take payment; the receipt and the label (面单) are printed.

Keyboard only: Tab between fields; Enter in a region box searches (``bjhd`` → 北京市海淀区), Up/Down picks;
F9 reads the scale; F8 prices; F12 accepts and takes payment; Ctrl+N starts a new parcel; Alt+H the member
(寄件人 = 会员) and their saved addresses (parcel_party.py); Ctrl+J today's parcels, void and label reprint
(parcel_today.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.app.changes import Change
from counter_app.devices.scale import Scale, ScaleSettings
from counter_app.domain.errors import CounterError, InvalidInput
from counter_app.domain.model import Tender
from counter_app.domain.money import format_fen
from counter_app.domain.parcels.commands import AcceptParcel
from counter_app.domain.parcels.tariff import Destination, Parcel
from counter_app.domain.services import parcels as parcel_services
from counter_app.ui.context import UiContext
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import AmountDisplay, MoneyEdit
from counter_app.ui.workspaces.base import CounterWorkspace
from counter_app.ui.workspaces.parcel_party import PartyBox
from counter_app.ui.workspaces.parcel_today import TodayParcels


def _whole(text: str, *, name: str, zh: str, en: str, allow_empty: bool = True) -> int:
    text = text.strip()
    if not text and allow_empty:
        return 0
    if not text.isdigit() or len(text) > 7:
        raise InvalidInput(f"parcel_{name}_invalid", zh, en, field=name)
    return int(text)


class ParcelWorkspace(CounterWorkspace):
    key = "parcel"
    title_zh = "寄递"
    title_en = "Parcels"
    shortcut = "F7"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, scale: Scale | None = None) -> None:
        super().__init__(ctx, parent)
        self.scale = scale
        self.service = QComboBox()
        self.category = QComboBox()
        self.weight = QLineEdit()
        self.weight.setPlaceholderText(self.tr("克，或 F9 读秤"))
        self.weight.returnPressed.connect(self.quote)
        self.length, self.width_cm, self.height_cm = QLineEdit(), QLineEdit(), QLineEdit()
        for edit, hint in ((self.length, self.tr("长 cm")), (self.width_cm, self.tr("宽 cm")),
                           (self.height_cm, self.tr("高 cm"))):
            edit.setPlaceholderText(hint)
        self.declared = MoneyEdit()
        self.country = QLineEdit()
        self.country.setPlaceholderText(self.tr("国际件填国家代码，如 US"))
        self.description = QLineEdit()
        self.member_id: str | None = None
        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("手机号 / 卡号，回车 (Alt+H)"))
        self.member.returnPressed.connect(self.identify_member)
        self.saved = QComboBox()  # the member's saved senders (寄) and recipients (收), masked
        self.saved.setObjectName("saved_addresses")
        self.saved.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.saved.setMinimumContentsLength(6)
        self.saved.activated.connect(self._saved_chosen)
        self.sender = PartyBox(self, self.tr("寄件人"), "sender")
        self.recipient = PartyBox(self, self.tr("收件人"), "recipient")
        self.explain = QLabel()
        self.explain.setObjectName("explain")
        self.explain.setWordWrap(True)
        self.total = AmountDisplay(28)
        self.total.setObjectName("total")
        self.cash = MoneyEdit()
        self.cash.returnPressed.connect(self.accept_parcel)
        self.card_ref = QLineEdit()
        self.card_ref.setPlaceholderText(self.tr("银行卡终端参考号（勿输卡号）"))
        self.last_tracking_no = ""
        self.track = QLineEdit()
        self.track.setPlaceholderText(self.tr("运单号，回车在线查询"))
        self.track.returnPressed.connect(self.look_up)
        self.track_result = QLabel()
        self.track_result.setObjectName("track_result")
        self.track_result.setWordWrap(True)
        self.today = TodayParcels(self)

        read_scale = self.action(self.tr("读秤"), ["F9"], self.read_scale, name="read_scale")
        price = self.action(self.tr("计算资费"), ["F8"], self.quote, name="quote")
        accept = self.action(self.tr("收寄收款"), ["F12", "Ctrl+Return"], self.accept_parcel, name="accept")
        accept.setProperty("primary", True)
        new = self.action(self.tr("新包裹"), ["Ctrl+N"], self.new_parcel, name="new_parcel")
        to_member = QShortcut(QKeySequence("Alt+H"), self)  # H: 会员 huiyuan (Alt+M is the payment code on F1, F2)
        to_member.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        to_member.activated.connect(self.member.setFocus)

        parcel_box = QGroupBox(self.tr("包裹"))
        grid = QGridLayout(parcel_box)
        grid.setSpacing(2)
        grid.addWidget(self.field(self.tr("服务"), self.service, "service", below=True), 0, 0, 1, 2)
        grid.addWidget(self.field(self.tr("内件"), self.category, "category", below=True), 1, 0, 1, 2)
        grid.addWidget(self.field(self.tr("重量"), self.weight, "weight", below=True), 2, 0)
        grid.addWidget(read_scale, 2, 1)
        dims = QHBoxLayout()
        dims.setContentsMargins(0, 0, 0, 0)
        for edit in (self.length, self.width_cm, self.height_cm):
            dims.addWidget(edit)
        dims_widget = QWidget()
        dims_widget.setLayout(dims)
        grid.addWidget(self.field(self.tr("尺寸"), dims_widget, "size", below=True), 3, 0, 1, 2)
        grid.addWidget(self.field(self.tr("保价"), self.declared, "declared_value", below=True), 4, 0, 1, 2)
        grid.addWidget(self.field(self.tr("描述"), self.description, "description", below=True), 5, 0, 1, 2)
        grid.addWidget(self.field(self.tr("国家"), self.country, "destination", below=True), 6, 0, 1, 2)

        left = QVBoxLayout()
        left.addWidget(self.sender)
        left.addWidget(self.recipient)
        left.addStretch(1)
        middle = QVBoxLayout()
        middle.addWidget(parcel_box)
        middle.addWidget(price)
        middle.addWidget(self.explain)
        middle.addStretch(1)
        middle.addWidget(self.field(self.tr("查询"), self.track, "tracking_no", below=True))
        middle.addWidget(self.track_result)
        right = QVBoxLayout()
        member_row = QHBoxLayout()
        member_row.addWidget(self.field(self.tr("会员"), self.member, "member", below=True), 1)
        member_row.addWidget(self.saved, 1)
        right.addLayout(member_row)
        total_row = QHBoxLayout()
        total_row.addWidget(QLabel(self.tr("应收资费")))
        total_row.addWidget(self.total, 1)
        right.addLayout(total_row)
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.field(self.tr("现金实收"), self.cash, "tender", below=True))
        pay_row.addWidget(self.field(self.tr("银行卡"), self.card_ref, "reference", below=True))
        right.addLayout(pay_row)
        right.addWidget(accept)
        right.addWidget(new)
        right.addWidget(self.message)
        right.addWidget(self.print_row())
        right.addWidget(self.today, 1)
        right.addWidget(self.hint(self.tr("回车：查找地区 / 计算资费；F9：读秤；F8：计算资费；F12：收寄收款；Ctrl+N：新包裹；Ctrl+P：重打小票")))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(middle, 3)
        layout.addLayout(right, 2)
        self._saved_list(())
        self.load_tariff()

    def code_field(self) -> QLineEdit:
        return self.sender.name_edit

    # -- data -----------------------------------------------------------------------------------------

    def load_tariff(self) -> None:
        """The services and categories to choose from; without a tariff yet the lists stay empty and pricing
        says why (nothing is shown before the clerk asks)."""
        uow = self.ctx.counter.uow()
        QueryOp(self.ctx, lambda: parcel_services.parcel_tariff(uow)).success(self._tariff_loaded) \
            .failure(lambda _error: None).run()

    def retranslate_state(self) -> None:
        self.load_tariff()  # service and category names in the new language

    def _tariff_loaded(self, tariff: Any) -> None:
        en = self.lang == "en"
        self.service.clear()
        for svc in tariff.services.values():
            self.service.addItem(svc.name("en" if en else "zh"), svc.code)
        self.category.clear()
        for cat in tariff.categories.values():
            label = cat.name_en if en else cat.name_zh
            self.category.addItem(label + (self.tr("（禁寄）") if cat.prohibited else ""), cat.code)

    def refresh(self, change: Change) -> None:
        if change.sync:
            self.load_tariff()
        if change.operations and change.initiator is not self and self.isVisible():
            self.today.reload()

    def activated(self) -> None:
        super().activated()
        self.today.reload()

    def parcel(self) -> Parcel:
        grams = _whole(self.weight.text(), name="weight", zh="重量须为克数（整数）",
                       en="The weight is whole grams",
                       allow_empty=False)
        sides = [_whole(e.text(), name="size", zh="尺寸须为厘米整数", en="Sides are whole centimetres")
                 for e in (self.length, self.width_cm, self.height_cm)]
        declared = self.declared.fen_or_none(field="declared_value") or 0
        party = self.recipient.party(self.country.text().strip().upper())
        return Parcel(str(self.service.currentData() or ""), Destination(party.province, party.city, party.country),
                      grams, sides[0], sides[1], sides[2], declared, str(self.category.currentData() or ""))

    # -- actions --------------------------------------------------------------------------------------

    def read_scale(self) -> None:
        scale = self.scale or Scale(ScaleSettings.from_mapping(self.ctx.counter.settings().get("scale")))
        self.call(lambda: scale.read().usable(), self._weighed, default_field="weight")

    def _weighed(self, grams: int) -> None:
        self.weight.setText(str(grams))
        self.quote()

    def quote(self) -> None:
        try:
            parcel = self.parcel()
        except CounterError as error:
            self.show_error(error)
            return
        uow = self.ctx.counter.uow()
        self.call(lambda: parcel_services.price_parcel(parcel, uow), self._priced, default_field="weight")

    def _priced(self, quote: Any) -> None:
        self.total.set_fen(quote.total_fen)
        self.explain.setText("\n".join(quote.explain(self.lang)))
        self.cash.setFocus()

    def identify_member(self) -> None:
        """寄件人 = 会员: the member by phone or card, and their saved addresses (the latest sender filled)."""
        text, uow, deps = self.member.text(), self.ctx.counter.uow(), self.ctx.counter.deps
        self.call(lambda: parcel_services.parcel_member(text, uow, deps), self._member_found, default_field="member")

    def _member_found(self, found: Any) -> None:
        self.member_id = found.member_id
        self.member.setText(found.phone_masked)  # what was typed is not left on the screen
        self.sender.setTitle(self.tr("寄件人（会员 %1）").replace("%1", found.label))
        self._saved_list(found.recipients + found.senders)  # Down picks the latest recipient
        if found.senders:  # the member's latest sender address, masked
            self.sender.use(found.senders[0])
        (self.saved if found.recipients else self.recipient.name_edit).setFocus()

    def _saved_list(self, addresses: tuple[Any, ...]) -> None:
        self.saved.clear()
        self.saved.addItem(self.tr("常用地址"), None)
        for address in addresses:
            role = self.tr("寄") if address.role == "sender" else self.tr("收")
            self.saved.addItem(f"{role} {address.masked()}", address)
        self.saved.setEnabled(bool(addresses))

    def _saved_chosen(self, index: int) -> None:
        """A saved address goes to its box (寄 → sender, 收 → recipient); then on to the next field."""
        address = self.saved.itemData(index)
        if address is None:
            return
        box = self.sender if address.role == "sender" else self.recipient
        box.use(address)
        (self.recipient.name_edit if box is self.sender else self.category).setFocus()

    def look_up(self) -> None:
        number, deps = self.track.text(), self.ctx.counter.deps
        self.track_result.clear()
        self.call(lambda: parcel_services.look_up_parcel(number, deps), self._tracked, default_field="tracking_no")

    def _tracked(self, track: Any) -> None:
        en = self.lang == "en"
        lines = [f"{track.tracking_no}  {track.status if en else track.status_zh}  → {track.destination}"]
        lines += [f"{e.at[:16].replace('T', ' ')}  {e.status if en else e.status_zh}" for e in track.events]
        self.track_result.setText("\n".join(lines))

    def tenders(self, total: int) -> tuple[Tender, ...]:
        cash = self.cash.fen_or_none(field="tender") or 0
        lines = []
        ref = self.card_ref.text().strip()
        if ref:
            lines.append(Tender("bank_card", max(0, total - cash), reference=ref))
        if cash:
            lines.append(Tender("cash", cash))
        return tuple(lines)

    def accept_parcel(self) -> None:
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        self.clear_errors()
        try:
            parcel = self.parcel()
            total = self.total.fen_value or 0
            tenders = self.tenders(total)
        except CounterError as error:
            self.show_error(error)
            return
        country = self.country.text().strip().upper() or "CN"
        cmd = AcceptParcel(clerk_id, parcel.service, self.sender.party(), self.recipient.party(country),
                           parcel.category, parcel.weight_g, tenders, parcel.length_cm, parcel.width_cm,
                           parcel.height_cm, parcel.declared_value_fen, self.description.text(), self.member_id)
        self.write(parcel_services.accept_parcel, cmd, self._accepted, default_field="tender")

    def _accepted(self, done: Any) -> None:
        self.last_tracking_no = done.tracking_no
        text = self.tr("收寄成功：运单号 %1，资费 %2，找零 %3").replace("%1", done.tracking_no) \
            .replace("%2", format_fen(done.quote.total_fen)).replace("%3", format_fen(done.change_fen))
        if done.offline:
            text += self.tr("（离线收寄：联网后上传平台）")
        self._reset()
        self.say(text)
        self.print_receipt(done.recorded.op_id)
        self.print_label(done.recorded.envelope)
        self.today.reload()

    def label_printer_set(self) -> bool:
        return (self.ctx.counter.settings().get("label_printer") or {}).get("kind", "none") != "none"

    def print_label(self, envelope: dict[str, Any], *, reprint: bool = False) -> None:
        """The label (面单) on the label printer, on the print runner; a reprint is marked 重印."""
        from counter_app.printing.label import label_of, parcel_tracking_template, print_label

        settings = self.ctx.counter.settings()
        if not self.label_printer_set():
            return
        label = label_of(envelope, reprint=reprint, tracking_url_template=parcel_tracking_template(settings))

        def printed(_data: Any) -> None:
            self.print_status.setText(self.tr("面单已重印") if reprint else self.tr("面单已打印"))

        def failed(error: CounterError) -> None:
            self.print_status.setText(self.tr("面单打印失败：%1（包裹已收寄）").replace("%1", self.ctx.message(error)))

        QueryOp(self.ctx, lambda: print_label(label, settings), runner=self.ctx.print_runner) \
            .success(printed).failure(failed).run()

    def _reset(self) -> None:
        for edit in (self.weight, self.length, self.width_cm, self.height_cm, self.declared, self.country,
                     self.description, self.cash, self.card_ref):
            edit.clear()
        self.member_id = None
        self.member.clear()
        self._saved_list(())
        self.sender.setTitle(self.tr("寄件人"))
        self.sender.clear()
        self.recipient.clear()
        self.total.set_fen(None)
        self.explain.clear()
        self.sender.name_edit.setFocus()

    def reset_for_new_clerk(self) -> None:
        self._reset()  # the half-filled form (sender, recipient, member, tenders) is not the next clerk's
        self.track.clear()
        super().reset_for_new_clerk()

    def new_parcel(self) -> None:
        self._reset()
        self.clear_errors()
