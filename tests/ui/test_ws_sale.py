"""销售/下单 workspace: a clerk scans, changes quantities, takes cash with change; voids and refunds orders."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.domain.model import Product
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.sale import SaleWorkspace

from .ws_helpers import SUPERVISOR_OK, approver, ctx, receipts, settle, show, type_enter, type_text  # noqa: F401

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
STAMP = "6901234567892"
WATER = "6921168509256"


def _entries(counter, kind):
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == kind]


def _sell_stamp(qtbot, ctx, ws, cash="200"):
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    type_text(qtbot, ws.cash, cash)
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    return _entries(ws.ctx.counter, "counter_order")[0]["payload"]["order_no"]


def test_sale_by_barcode_with_cash_shows_change_and_stores_order_and_outbox(qtbot, ctx, counter, receipts):
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    type_enter(qtbot, ws.code_field(), WATER)
    settle(qtbot, ctx)
    assert [row[0] for row in table_rows(ws.cart_table)] == ["2026年生肖邮票大版", "农夫山泉矿泉水550ml"]

    ws.cart_table.setFocus()
    ws.cart_table.setCurrentCell(1, 0)
    qtbot.keyClick(ws.cart_table, Qt.Key.Key_Plus)
    qtbot.keyClick(ws.cart_table, Qt.Key.Key_Plus)
    settle(qtbot, ctx)
    assert table_rows(ws.cart_table)[1][2:] == ["3", "¥7.50"]
    assert ws.total.text() == "¥135.50"

    type_text(qtbot, ws.cash, "200.00")
    assert ws.change.text() == "¥64.50"  # live, before paying

    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    assert "收款成功" in ws.message.text() and "¥64.50" in ws.message.text()
    assert ws.change.text() == "¥64.50"
    assert ws.cart_table.rowCount() == 0

    [entry] = _entries(counter, "counter_order")
    payload = entry["payload"]
    assert payload["paid"] is True and payload["total_fen"] == 13550 and payload["change_fen"] == 6450
    assert [(ln["sku"], ln["qty"]) for ln in payload["lines"]] == [("P-STAMP-2026", 1), ("P-WATER", 3)]
    assert payload["tenders"] == [{"method": "cash", "amount_fen": 20000, "reference": None, "points": 0}]
    order = services.queries.get_order(payload["order_no"], counter.uow())
    assert order.status == "paid" and order.paid_fen == 13550
    queued = services.queries.outbox_queue(counter.uow())
    assert [(m["op_id"], m["kind"]) for m in queued if m["kind"] == "counter_order"] == [(entry["op_id"],
                                                                                        "counter_order")]
    assert receipts.printed == [(entry["op_id"], False)]


def test_short_cash_is_refused_beside_the_tender_field(qtbot, ctx, counter):
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    type_text(qtbot, ws.cash, "100")
    assert "¥28.00" in ws.still_due.text()
    qtbot.keyClick(ws.cash, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert "付款不足" in ws.error_beside("tender")
    assert _entries(counter, "counter_order") == []


def test_several_matches_are_picked_with_arrows_and_enter(qtbot, ctx, counter):
    with counter.uow() as uow:
        uow.catalog.upsert(Product("P-CARD", "邮政明信片", "邮品", 500, None, "张", pinyin_initials="yzmxp"))
        uow.catalog.upsert(Product("P-GREET", "邮政贺卡", "邮品", 800, None, "张", pinyin_initials="yzhk"))
        uow.commit()
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), "yz")
    settle(qtbot, ctx)
    assert ws.picks.isVisible() and ws.picks.count() >= 2
    second = ws.picks.item(1).text()
    qtbot.keyClick(ws.picks, Qt.Key.Key_Down)
    qtbot.keyClick(ws.picks, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert not ws.picks.isVisible()
    assert table_rows(ws.cart_table)[0][0] in second


def test_unknown_product_is_refused_beside_the_product_field(qtbot, ctx):
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), "9999999999999")
    settle(qtbot, ctx)
    assert "未找到商品" in ws.error_beside("product")


def test_void_needs_a_supervisor_and_cancelling_leaves_the_order_unpaid(qtbot, ctx, counter, approver):
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # pay later
    settle(qtbot, ctx)
    [entry] = _entries(counter, "counter_order")
    order_no = entry["payload"]["order_no"]
    assert entry["payload"]["paid"] is False
    assert ws.order_no.text() == order_no and "未付款" in ws.order_info.text()

    type_text(qtbot, ws.reason, "customer changed mind")
    approver.answer = None
    qtbot.keyClick(ws.reason, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert len(approver.asked) == 1 and order_no in approver.asked[0]
    assert "主管未授权" in ws.message.text()
    assert services.queries.get_order(order_no, counter.uow()).status == "unpaid"
    assert _entries(counter, "void") == []

    approver.answer = SUPERVISOR_OK
    qtbot.keyClick(ws.reason, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert len(approver.asked) == 2
    assert "已作废" in ws.message.text() and "已作废" in ws.order_info.text()
    assert services.queries.get_order(order_no, counter.uow()).status == "voided"
    [void] = _entries(counter, "void")
    assert void["payload"]["supervisor_id"] == "9001" and void["payload"]["reason"] == "customer changed mind"


def test_unpaid_order_is_paid_later_from_the_order_look_up(qtbot, ctx, counter):
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), WATER)
    settle(qtbot, ctx)
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert ws.total.text() == "¥2.50"
    type_text(qtbot, ws.cash, "10")
    assert ws.change.text() == "¥7.50"
    qtbot.keyClick(ws.cash, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    [payment] = _entries(counter, "order_payment")
    assert payment["payload"]["change_fen"] == 750
    assert services.queries.get_order(payment["payload"]["order_no"], counter.uow()).status == "paid"


def test_refund_partly_then_rest_with_a_supervisor(qtbot, ctx, counter, approver):
    ws = show(qtbot, SaleWorkspace(ctx))
    order_no = _sell_stamp(qtbot, ctx, ws)
    type_enter(qtbot, ws.order_no, order_no)
    settle(qtbot, ctx)
    assert "已付款" in ws.order_info.text()

    type_text(qtbot, ws.refund_amount, "500")
    type_text(qtbot, ws.reason, "damaged")
    qtbot.keyClick(ws.reason, Qt.Key.Key_R, CTRL_SHIFT)
    settle(qtbot, ctx)
    assert "超过可退金额" in ws.error_beside("amount")

    type_text(qtbot, ws.refund_amount, "28.00")
    qtbot.keyClick(ws.reason, Qt.Key.Key_R, CTRL_SHIFT)
    settle(qtbot, ctx)
    assert "¥28.00" in ws.message.text() and "部分退款" in ws.order_info.text()
    order = services.queries.get_order(order_no, counter.uow())
    assert order.refunded_fen == 2800 and order.status == "partly_refunded"

    type_text(qtbot, ws.reason, "returned")
    qtbot.keyClick(ws.reason, Qt.Key.Key_R, CTRL_SHIFT)  # empty amount: the rest
    settle(qtbot, ctx)
    assert services.queries.get_order(order_no, counter.uow()).status == "refunded"
    refunds = _entries(counter, "refund")
    assert sorted(r["payload"]["amount_fen"] for r in refunds) == [2800, 10000]
    assert all(r["payload"]["supervisor_id"] == "9001" for r in refunds)
    assert len(approver.asked) == 3


def test_printer_failure_keeps_the_sale_and_offers_a_reprint(qtbot, ctx, counter, receipts):
    receipts.fail = True
    ws = show(qtbot, SaleWorkspace(ctx))
    _sell_stamp(qtbot, ctx, ws)
    assert "收款成功" in ws.message.text()
    assert "打印失败" in ws.print_status.text() and ws.reprint_button.isVisible()
    assert len(_entries(counter, "counter_order")) == 1

    receipts.fail = False
    qtbot.mouseClick(ws.reprint_button, Qt.MouseButton.LeftButton)
    settle(qtbot, ctx)
    assert receipts.retried == [1]
    assert "小票已打印" in ws.print_status.text()


def test_pressing_pay_twice_quickly_takes_the_cart_once(qtbot, ctx, counter):
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    type_text(qtbot, ws.cash, "200")
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)  # an impatient second press while the first is committing
    settle(qtbot, ctx)
    assert len(_entries(counter, "counter_order")) == 1
