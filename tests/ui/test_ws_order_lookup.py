"""销售/下单's order look-up (issue 11, point 10): today's orders listed for a refund or a void, searched by
the last digits or the amount, a row chosen by keys fills the order number; reasons offered as a list; the
keys the screen names are the keys that work; product search does not match the middle of a Latin word."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from counter_app.domain import services
from counter_app.domain.model import Product
from counter_app.domain.order_lookup import ORDER_REASONS
from counter_app.domain.pinyin import initials
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.sale import SaleWorkspace

from .ws_helpers import approver, ctx, receipts, settle, show, type_enter, type_text  # noqa: F401

STAMP = "6901234567892"
WATER = "6921168509256"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _sell(qtbot, ctx, ws, code, cash):
    type_enter(qtbot, ws.code_field(), code)
    settle(qtbot, ctx)
    type_text(qtbot, ws.cash, cash)
    qtbot.keyClick(ws.cash, Qt.Key.Key_Return)  # plain Enter in 现金实收 takes the payment
    settle(qtbot, ctx)
    return next(e["payload"]["order_no"] for e in services.queries.journal_entries(ctx.counter.uow())
                if e["kind"] == "counter_order" and e["payload"]["total_fen"] == (12_800 if code == STAMP else 250))


def test_todays_orders_are_listed_newest_first_and_narrowed_by_last_digits_or_amount(qtbot, ctx, counter):
    ws = show(qtbot, SaleWorkspace(ctx))
    stamp_no = _sell(qtbot, ctx, ws, STAMP, "200")
    water_no = _sell(qtbot, ctx, ws, WATER, "5")
    assert stamp_no.endswith(stamp_no[-6:]) and stamp_no[-6:-2] == "0001" and water_no[-6:-2] == "0002"

    qtbot.keyClick(ws.product, Qt.Key.Key_L, ALT)  # Alt+L: 今日订单
    settle(qtbot, ctx)
    assert ws.tabs.currentIndex() == 1 and QApplication.focusWidget() is ws.order_search
    assert [row[1] for row in table_rows(ws.todays_orders)] == [water_no, stamp_no]
    assert table_rows(ws.todays_orders)[1][2:] == ["¥128.00", "已付款"]

    qtbot.keyClicks(ws.order_search, "0001")
    settle(qtbot, ctx)
    assert [row[1] for row in table_rows(ws.todays_orders)] == [stamp_no]
    type_text(qtbot, ws.order_search, "2.5")
    settle(qtbot, ctx)
    assert [row[1] for row in table_rows(ws.todays_orders)] == [water_no]
    type_text(qtbot, ws.order_search, "999")
    settle(qtbot, ctx)
    assert ws.todays_orders.rowCount() == 0


def test_a_row_chosen_with_the_keys_fills_the_order_number_and_a_listed_reason_refunds_it(qtbot, ctx, counter,
                                                                                        approver):
    ws = show(qtbot, SaleWorkspace(ctx))
    stamp_no = _sell(qtbot, ctx, ws, STAMP, "200")
    water_no = _sell(qtbot, ctx, ws, WATER, "5")
    qtbot.keyClick(ws.product, Qt.Key.Key_L, ALT)
    settle(qtbot, ctx)
    qtbot.keyClick(ws.order_search, Qt.Key.Key_Down)  # into the list, newest first
    assert QApplication.focusWidget() is ws.todays_orders
    qtbot.keyClick(ws.todays_orders, Qt.Key.Key_Down)
    qtbot.keyClick(ws.todays_orders, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert ws.order_no.text() == stamp_no != water_no
    assert ws.order is not None and ws.order.order_no == stamp_no and "可退 ¥128.00" in ws.order_info.text()
    assert QApplication.focusWidget() in (ws.reason, ws.reason.lineEdit())

    # A reason from the list, picked with the arrows (no Chinese input method needed).
    assert [ws.reason.itemText(i) for i in range(ws.reason.count())] == list(ORDER_REASONS)
    qtbot.keyClick(ws.reason, Qt.Key.Key_Down)
    assert ws.reason.text() == ORDER_REASONS[0]
    qtbot.keyClick(ws.reason, Qt.Key.Key_R, CTRL_SHIFT)
    settle(qtbot, ctx)
    assert services.queries.get_order(stamp_no, counter.uow()).status == "refunded"
    [refund] = [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "refund"]
    assert refund["payload"]["reason"] == ORDER_REASONS[0]
    assert ws.reason.text() == ""
    rows = {row[1]: row[3] for row in table_rows(ws.todays_orders)}
    assert rows[stamp_no] == "已退款"  # the list shows what became of it


def test_enter_in_the_search_takes_the_single_order_found(qtbot, ctx, counter):
    ws = show(qtbot, SaleWorkspace(ctx))
    stamp_no = _sell(qtbot, ctx, ws, STAMP, "200")
    _sell(qtbot, ctx, ws, WATER, "5")
    qtbot.keyClick(ws.product, Qt.Key.Key_L, ALT)
    settle(qtbot, ctx)
    qtbot.keyClicks(ws.order_search, "128")
    settle(qtbot, ctx)
    qtbot.keyClick(ws.order_search, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert ws.order_no.text() == stamp_no and ws.order is not None


def test_the_keys_named_on_the_sale_screen_are_the_keys_that_work(qtbot, ctx):
    ws = show(qtbot, SaleWorkspace(ctx))
    labels = " ".join(label.text() for label in ws.findChildren(QLabel)) + " " + ws.tabs.tabText(0)
    assert "F7" not in labels  # F7 is the window's 邮件收寄 key, not a field of this screen
    assert ws.fields["qty"].caption.text() == "数量" and not hasattr(ws.fields["qty"], "hint")
    assert "Alt+S" in ws.fields["product"].caption.text()
    assert "回车收款" in ws.fields["tender"].hint.text()

    qtbot.keyClick(ws.cash, Qt.Key.Key_S, ALT)
    assert QApplication.focusWidget() is ws.product
    qtbot.keyClick(ws.product, Qt.Key.Key_C, ALT)
    assert QApplication.focusWidget() is ws.cash
    qtbot.keyClick(ws.cash, Qt.Key.Key_F8)
    assert QApplication.focusWidget() is ws.member
    qtbot.keyClick(ws.member, Qt.Key.Key_O, ALT)
    assert QApplication.focusWidget() is ws.order_no
    settle(qtbot, ctx)


def test_searching_yp_finds_stamps_not_the_type_c_cable(qtbot, ctx, counter):
    with counter.uow() as uow:  # initials as the catalog pull computes them
        stamps = uow.catalog.get("P-STAMP-2026")
        uow.catalog.upsert(replace(stamps, pinyin_initials=initials(stamps.name)))
        uow.catalog.upsert(Product("P-CABLE", "Type-C数据线", "数码", 1990, None, "条",
                                   pinyin_initials=initials("Type-C数据线")))
        uow.commit()
    found = [p.name for p in services.queries.search_products("yp", counter.uow())]
    assert "Type-C数据线" not in found and "2026年生肖邮票大版" in found
    assert [p.name for p in services.queries.search_products("type", counter.uow())] == ["Type-C数据线"]
