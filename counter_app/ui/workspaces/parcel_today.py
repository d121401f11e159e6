"""今日包裹 on the parcel screen: the parcels accepted at this counter today (masked), and for the one selected
作废 (void before dispatch, with the supervisor's approval; the void receipt prints) or 重印面单 (the label
again, marked 重印).

Keyboard: Ctrl+J puts the focus on the list, Up/Down selects, Ctrl+Del voids, Ctrl+L reprints the label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout

from counter_app.domain.money import format_fen
from counter_app.domain.parcels.addresses import ParcelListed
from counter_app.domain.parcels.commands import VoidParcel
from counter_app.domain.services import parcels as parcel_services
from counter_app.ui.ops import QueryOp

if TYPE_CHECKING:
    from counter_app.ui.workspaces.parcel import ParcelWorkspace

VOID_REASONS_ZH = ("客户取消寄递", "信息填写错误", "重复收寄")


class TodayParcels(QGroupBox):
    """The list, the void reason, and the two actions."""

    def __init__(self, ws: ParcelWorkspace) -> None:
        super().__init__(ws.tr("今日包裹 (Ctrl+J)"))
        self.ws = ws
        self.list = QListWidget()
        self.list.setObjectName("today_parcels")
        self.list.setMinimumHeight(60)
        self.reason = QComboBox()
        self.reason.setObjectName("void_reason")
        self.reason.setEditable(True)
        self.reason.addItems([ws.tr(text) for text in VOID_REASONS_ZH])
        self.void_button = ws.action(ws.tr("作废"), ["Ctrl+Del"], self.void, name="void_parcel")
        self.label_button = ws.action(ws.tr("重印面单"), ["Ctrl+L"], self.reprint_label, name="reprint_label")
        focus = QShortcut(QKeySequence("Ctrl+J"), ws)
        focus.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.activated.connect(self.list.setFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(2)
        self.setToolTip(ws.tr("Ctrl+J 选择包裹，上下键移动"))
        layout.addWidget(ws.field("", self.list, "today", below=True))
        layout.addWidget(ws.field(ws.tr("作废原因"), self.reason, "reason", below=True))
        row = QHBoxLayout()
        row.addWidget(self.void_button)
        row.addWidget(self.label_button)
        layout.addLayout(row)

    # -- the list ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        session = self.ws.ctx.session
        if session is None or not session.shift_id:
            self.list.clear()
            return
        uow, clerk_id = self.ws.ctx.counter.uow(), session.clerk_id
        QueryOp(self.ws.ctx, lambda: parcel_services.todays_parcels(clerk_id, uow)).success(self._loaded) \
            .failure(lambda _error: self.list.clear()).run()

    def _loaded(self, parcels: list[ParcelListed]) -> None:
        keep = self.selected()
        self.list.clear()
        for parcel in parcels:
            status = self.ws.tr("已作废") if parcel.status == "voided" else self.ws.tr("已收寄")
            item = QListWidgetItem(f"{parcel.accepted_at[11:16]}  {parcel.tracking_no}  {parcel.service_name}  "
                                   f"{parcel.recipient}  {format_fen(parcel.total_fen)}  {status}")
            item.setData(Qt.ItemDataRole.UserRole, parcel)
            self.list.addItem(item)
            if keep is not None and parcel.tracking_no == keep.tracking_no:
                self.list.setCurrentItem(item)

    def selected(self) -> ParcelListed | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, ParcelListed) else None

    def _chosen(self) -> ParcelListed | None:
        parcel = self.selected()
        if parcel is None:
            self.ws.fields["today"].show_error(self.ws.tr("请先在今日包裹中选择一件（Ctrl+J，上下键）"))
            self.list.setFocus()
        return parcel

    # -- 作废 -------------------------------------------------------------------------------------------

    def void(self) -> None:
        self.ws.clear_errors()
        parcel = self._chosen()
        clerk_id = self.ws.clerk_id()
        if parcel is None or clerk_id is None:
            return
        if not parcel.voidable:
            text = self.ws.tr("该包裹已作废") if parcel.status == "voided" else self.ws.tr("只能作废本班次收寄的包裹")
            self.ws.fields["today"].show_error(text)
            return
        reason = self.reason.currentText().strip()
        if not reason:
            self.ws.fields["reason"].show_error(self.ws.tr("请填写作废原因"))
            return
        approval = self.ws.ask_supervisor(self.ws.tr("作废包裹 %1").replace("%1", parcel.tracking_no))
        if approval is None:
            return
        cmd = VoidParcel(clerk_id, parcel.tracking_no, reason, approval)
        self.ws.write(parcel_services.void_parcel, cmd, self._voided, default_field="today")

    def _voided(self, done: Any) -> None:
        self.ws.say(self.ws.tr("已作废：运单号 %1，退还 %2；该号码不再使用").replace("%1", done.tracking_no)
                    .replace("%2", format_fen(done.amount_fen)))
        self.ws.print_receipt(done.recorded.op_id)
        self.reload()

    # -- 重印面单 ---------------------------------------------------------------------------------------

    def reprint_label(self) -> None:
        self.ws.clear_errors()
        parcel = self._chosen()
        if parcel is None:
            return
        if parcel.status == "voided":
            self.ws.fields["today"].show_error(self.ws.tr("该包裹已作废，不能重印面单"))
            return
        if not self.ws.label_printer_set():
            self.ws.fields["today"].show_error(self.ws.tr("未设置面单打印机（系统 > 外设设置）"))
            return
        uow, number = self.ws.ctx.counter.uow(), parcel.tracking_no
        self.ws.call(lambda: parcel_services.parcel_envelope(number, uow),
                     lambda envelope: self.ws.print_label(envelope, reprint=True), default_field="today")
