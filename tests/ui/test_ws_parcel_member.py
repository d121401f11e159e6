"""寄件人 = 会员 on the F7 screen: the member found by phone (keyboard only), their latest sender filled masked,
a saved recipient chosen with Down; the parcel is posted for the member with the full addresses, and no full
name, phone or street was ever on the screen."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from counter_app.demo_data import MEMBER, MEMBER_PHONE
from counter_app.domain import services
from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.domain.services.parcels import accept_parcel
from counter_app.ui.workspaces.parcel import ParcelWorkspace
from tests.domain.parcels.helpers import RECIPIENT, SENDER, load_parcel_data, posting

from .ws_helpers import ctx, receipts, settle, show, type_enter, type_text  # noqa: F401

pytestmark = pytest.mark.timeout(60)
OTHER = replace(RECIPIENT, name="王五", phone="13700002222", district="朝阳区", detail="建国路88号")


def _screen_text(ws) -> str:  # noqa: ANN001
    from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit

    parts = [w.text() for w in ws.findChildren(QLineEdit)] + [w.text() for w in ws.findChildren(QLabel)]
    parts += [w.title() for w in ws.findChildren(QGroupBox)]
    parts += [c.itemText(i) for c in ws.findChildren(QComboBox) for i in range(c.count())]
    return "\n".join(parts)


def test_member_sender_and_saved_recipient_by_keyboard_and_masked(qtbot, ctx, counter):
    load_parcel_data(counter, NumberBlock("BLK-M", "domestic", "98", "CN", 300, 10))
    counter.run(accept_parcel, posting(900, member_id=MEMBER.member_id, recipient=OTHER))
    counter.run(accept_parcel, posting(900, member_id=MEMBER.member_id))  # 李四 last: the latest recipient
    ws = show(qtbot, ParcelWorkspace(ctx))
    settle(qtbot, ctx)

    qtbot.keyClick(ws.sender.name_edit, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert ws.member.hasFocus()
    type_enter(qtbot, ws.member, MEMBER_PHONE)
    settle(qtbot, ctx)
    assert "张* 138****1234" in ws.sender.title()
    assert (ws.sender.name_edit.text(), ws.sender.phone.text()) == ("张*", "138****1234")
    assert ws.sender.name_edit.isReadOnly() and ws.saved.hasFocus()
    qtbot.keyClick(ws.saved, Qt.Key.Key_Down)  # the latest recipient
    assert ws.recipient.name_edit.text() == "李*" and ws.recipient.region.currentText() == "北京市海淀区"
    assert ws.recipient.phone.text() == "139****1111"
    screen = _screen_text(ws)
    for secret in ("李四", "王五", "13900001111", "13700002222", "张三", MEMBER_PHONE, "中关村大街1号", "建国路88号",
                   "中山路1号"):
        assert secret not in screen, secret
    assert ws.member.text() == "138****1234"
    assert ws.category.hasFocus()
    qtbot.keyClick(ws.category, Qt.Key.Key_Down)
    type_enter(qtbot, ws.weight, "1250")
    settle(qtbot, ctx)
    type_text(qtbot, ws.cash, "50")
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    assert "收寄成功" in ws.message.text(), ws.message.text()
    posted = [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "parcel_posting"]
    newest = max(posted, key=lambda e: e["seq"])["payload"]
    assert newest["member_id"] == MEMBER.member_id and newest["points_earned"] > 0
    assert newest["sender"]["name"] == SENDER.name and newest["recipient"]["detail"] == RECIPIENT.detail
    # The screen is ready for the next customer: no member, editable boxes.
    assert ws.member.text() == "" and not ws.sender.name_edit.isReadOnly() and ws.sender.title() == "寄件人"
