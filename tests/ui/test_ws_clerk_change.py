"""The counter locked and taken over (issue 11, points 8 and 9), in the real main window with the real
workspaces: locking hides the last sale's figures; another clerk logging in at the lock screen finds every
form empty."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .ws_helpers import settle, type_enter, type_text

STAMP = "6901234567892"


def _unlock_as(qtbot, window, clerk_id, pin):
    window.lock_screen.switch_clerk()
    qtbot.keyClicks(window.lock_screen.form.clerk_id, clerk_id)
    qtbot.keyClicks(window.lock_screen.form.pin, pin)
    qtbot.keyClick(window.lock_screen.form.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)


def test_locking_clears_the_last_sales_figures_and_message(qtbot, make_window):
    window = make_window(fakes=False)
    ctx = window.ctx
    sale = window.switch_to("sale")
    type_enter(qtbot, sale.code_field(), STAMP)
    settle(qtbot, ctx)
    type_text(qtbot, sale.cash, "200")
    qtbot.keyClick(sale.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    assert sale.change.text() == "¥72.00" and "收款成功" in sale.message.text()

    window.lock()
    assert sale.change.text() != "¥72.00" and sale.total.text() != "¥128.00"
    assert sale.message.text() == ""
    settle(qtbot, ctx)


def test_another_clerk_at_the_lock_screen_finds_every_form_empty(qtbot, make_window):
    window = make_window(fakes=False)
    ctx = window.ctx
    sale = window.switch_to("sale")
    type_enter(qtbot, sale.code_field(), STAMP)  # a half-built cart
    settle(qtbot, ctx)
    type_text(qtbot, sale.cash, "50")
    sale.tabs.setCurrentIndex(1)  # a half-filled refund
    settle(qtbot, ctx)
    type_text(qtbot, sale.order_no, "B001C01202611250007A3")
    type_text(qtbot, sale.reason, "wrong item")
    type_text(qtbot, sale.refund_amount, "12.50")
    type_text(qtbot, sale.order_search, "7")
    pickup = window.switch_to("pickup")
    type_text(qtbot, pickup.code, "482913")
    bill = window.switch_to("bill")
    type_text(qtbot, bill.account, "3301234567")
    bill.pending_box.setVisible(True)
    type_text(qtbot, bill.pending_amount, "148.10")
    member = window.switch_to("member")
    type_enter(qtbot, member.key_edit, "13812341234")
    settle(qtbot, ctx)
    type_text(qtbot, member.points, "300")
    assert "138****1234" in member.who.text()

    window.lock()
    _unlock_as(qtbot, window, "9001", "8888")
    settle(qtbot, ctx)
    assert ctx.session.clerk_id == "9001"

    assert sale.cart_table.rowCount() == 0 and sale.total.text() == "¥0.00"
    for edit in (sale.product, sale.cash, sale.order_no, sale.reason, sale.refund_amount, sale.order_search,
                 pickup.code, bill.account, bill.pending_amount, member.key_edit, member.points, member.reason):
        assert edit.text() == "", edit.objectName()
    assert sale.order_info.text() == "" and sale.tabs.currentIndex() == 0
    assert not bill.pending_box.isVisibleTo(bill)
    assert member.member_id is None and "138****1234" not in member.who.text()


def test_the_same_clerk_unlocking_keeps_the_cart_being_built(qtbot, make_window):
    window = make_window(fakes=False)
    ctx = window.ctx
    sale = window.switch_to("sale")
    type_enter(qtbot, sale.code_field(), STAMP)
    settle(qtbot, ctx)
    window.lock()
    qtbot.keyClicks(window.lock_screen.form.pin, "1234")
    qtbot.keyClick(window.lock_screen.form.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    settle(qtbot, ctx)
    assert sale.cart_table.rowCount() == 1 and sale.total.text() == "¥128.00"


def test_another_clerk_finds_the_sync_note_and_the_parcel_form_empty(qtbot, make_window):
    window = make_window(fakes=False)
    ctx = window.ctx
    sync = window.switch_to("sync")
    type_text(qtbot, sync.note, "called the platform")
    type_text(qtbot, sync.write_off_reason, "refunded in cash")
    parcel = window.switch_to("parcel")
    type_text(qtbot, parcel.sender.name_edit, "Zhang")
    type_text(qtbot, parcel.sender.phone, "13812341234")
    type_text(qtbot, parcel.recipient.detail, "No. 8 Road")
    type_text(qtbot, parcel.weight, "1.5")
    type_text(qtbot, parcel.declared, "200")
    type_text(qtbot, parcel.track, "EA123")

    window.lock()
    _unlock_as(qtbot, window, "9001", "8888")
    settle(qtbot, ctx)
    assert ctx.session.clerk_id == "9001"
    for edit in (sync.note, sync.write_off_reason, parcel.sender.name_edit, parcel.sender.phone,
                 parcel.recipient.detail, parcel.weight, parcel.declared, parcel.track):
        assert edit.text() == "", edit.objectName()
