"""货到付款 on F1 by cash and cards, for real against the reference platform: the found order shows the amount to
collect (代收金额) and a tender box; the hand-over is refused until the tenders cover it; cash over it gives
change, shown to the clerk and on the customer display; split payments; offline with the cached manifest only
cash and prepaid card; lock and a change of clerk empty the tenders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTranslator, Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain import services
from counter_app.ui.customer_display import CustomerDisplay
from counter_app.ui.i18n import build_qm
from counter_app.ui.workspaces.pickup import PickupWorkspace
from platform_sim import admin
from tests.sync.test_cod_pickups import COD_FEN, _make_cod
from tests.ui.test_language_switch import CJK, chinese_left
from tests.ui.test_ws_english import TS

from .ws_helpers import (  # noqa: F401
    approver,
    ctx,
    engine,
    go_offline,
    online,
    platform,
    receipts,
    settle,
    show,
    type_enter,
    type_text,
)


@pytest.fixture
def counter(online):
    return online.counter


def _find(qtbot, ctx, online, platform, *, offline: bool = False) -> tuple[PickupWorkspace, str]:
    order_no, code = _make_cod(platform)
    assert online.engine.run_once().ok  # the manifest now carries the amount to collect
    if offline:
        go_offline(platform, online)
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code, code)
    settle(qtbot, ctx)
    assert ws.found is not None and ws.found.cod_fen == COD_FEN
    return ws, order_no


def _collected(counter, order_no: str) -> list[dict]:
    return [e for e in services.queries.journal_entries(counter.uow())
            if e["kind"] == "pickup_collected" and e["payload"]["order_no"] == order_no]


def _display(qtbot, ws: PickupWorkspace) -> CustomerDisplay:
    ws.customer_display = display = CustomerDisplay()  # what the main window does when there is one
    qtbot.addWidget(display)
    display.place()
    return display


def test_cod_is_refused_until_covered_then_cash_over_it_gives_change_and_prints(qtbot, ctx, counter, online,
                                                                                 platform, engine, receipts):
    ws, order_no = _find(qtbot, ctx, online, platform)
    display = _display(qtbot, ws)
    assert ws.cod_box.isVisible() and ws.cod_due.text() == "¥123.45"
    assert "代收金额 ¥123.45" in ws.message.text() and QApplication.focusWidget() is ws.cod_cash
    assert not ws.cod_offline.isVisible() and ws.cod_bank_amount.isEnabled()

    qtbot.keyClick(ws.code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # nothing taken yet
    settle(qtbot, ctx)
    assert "还差 ¥123.45" in ws.error_beside("tender") and _collected(counter, order_no) == []

    type_text(qtbot, ws.cod_cash, "100")
    assert ws.cod_short.text() == "还差 ¥23.45" and ws.cod_change.text() == "¥0.00"
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_Return)  # Enter in 现金实收 hands over: still short
    settle(qtbot, ctx)
    assert "还差 ¥23.45" in ws.error_beside("tender") and _collected(counter, order_no) == []
    assert display.due.text() == "应付 ￥123.45" and "实收 ￥100.00" in display.tendered.text()

    type_text(qtbot, ws.cod_cash, "200")
    assert ws.cod_short.text() == "" and ws.cod_change.text() == "¥76.55"
    assert "找零 ￥76.55" in display.tendered.text()
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    [entry] = _collected(counter, order_no)
    assert [(t["method"], t["amount_fen"]) for t in entry["payload"]["tenders"]] == [("cash", 20_000)]
    assert entry["payload"]["change_fen"] == 7_655
    assert "提货完成" in ws.message.text() and "找零 ¥76.55" in ws.message.text()
    assert receipts.printed == [(entry["op_id"], False)]
    assert not ws.cod_box.isVisible() and ws.cod_cash.text() == ""
    assert "找零 ￥76.55" in display.tendered.text() and "谢谢惠顾" in display.status.text()


def test_cod_split_between_bank_card_and_cash(qtbot, ctx, counter, online, platform, engine, receipts):
    ws, order_no = _find(qtbot, ctx, online, platform)
    type_text(qtbot, ws.cod_bank_amount, "100")
    type_text(qtbot, ws.cod_bank_ref, "REF001")
    assert ws.cod_short.text() == "还差 ¥23.45"
    type_text(qtbot, ws.cod_cash, "50")
    assert ws.cod_change.text() == "¥26.55"
    qtbot.keyClick(ws.code, Qt.Key.Key_Return)  # Enter on the found code confirms the hand-over
    settle(qtbot, ctx)
    [entry] = _collected(counter, order_no)
    assert [(t["method"], t["amount_fen"], t.get("reference")) for t in entry["payload"]["tenders"]] == \
        [("bank_card", 10_000, "REF001"), ("cash", 5_000, None)]
    assert entry["payload"]["change_fen"] == 2_655 and receipts.printed == [(entry["op_id"], False)]


def test_a_bank_card_over_the_amount_is_refused_beside_the_tenders(qtbot, ctx, counter, online, platform, engine):
    ws, order_no = _find(qtbot, ctx, online, platform)
    type_text(qtbot, ws.cod_bank_amount, "200")
    type_text(qtbot, ws.cod_bank_ref, "REF002")
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert "只有现金可以找零" in ws.error_beside("tender") and _collected(counter, order_no) == []
    assert ws.confirm.isEnabled() and ws.found is not None  # the clerk corrects it and tries again


def test_offline_cod_offers_only_cash_and_prepaid_card(qtbot, ctx, counter, online, platform, engine, receipts):
    ws, order_no = _find(qtbot, ctx, online, platform, offline=True)
    assert ws.cod_offline.isVisible() and "现金或预付卡" in ws.cod_offline.text()
    assert "离线" in ws.message.text() and "现金或预付卡" in ws.message.text()
    assert not ws.cod_bank_amount.isVisible() and not ws.cod_bank_amount.isEnabled()  # not offered
    type_text(qtbot, ws.cod_prepaid_amount, "100")
    type_text(qtbot, ws.cod_prepaid_ref, "PP001")
    type_text(qtbot, ws.cod_cash, "23.45")
    assert ws.cod_change.text() == "¥0.00" and ws.cod_short.text() == ""
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    [entry] = _collected(counter, order_no)
    assert [(t["method"], t["amount_fen"]) for t in entry["payload"]["tenders"]] == \
        [("prepaid_card", 10_000), ("cash", 2_345)]
    assert entry["payload"]["offline"] is True and receipts.printed == [(entry["op_id"], False)]


def test_a_bank_card_typed_before_the_link_dropped_is_refused_offline(qtbot, ctx, counter, online, platform,
                                                                       engine):
    ws, order_no = _find(qtbot, ctx, online, platform)
    type_text(qtbot, ws.cod_bank_ref, "REF003")  # pays the whole amount
    go_offline(platform, online)
    type_text(qtbot, ws.cod_cash, "1")
    assert ws.cod_offline.isVisible()  # told as soon as the clerk types
    assert ws.cod_bank_ref.isVisible() and ws.cod_bank_ref.isEnabled()  # still there, to take it out
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert "现金或预付卡" in ws.error_beside("reference") and _collected(counter, order_no) == []


def test_lock_and_a_change_of_clerk_empty_the_tenders(qtbot, ctx, counter, online, platform, engine):
    ws, _ = _find(qtbot, ctx, online, platform)
    type_text(qtbot, ws.cod_cash, "200")
    type_text(qtbot, ws.cod_prepaid_ref, "PP9")
    ws.clear_results()  # what the window does on 锁屏
    assert [e.text() for e in ws._cod_edits()] == [""] * 5 and ws.cod_change.fen_value is None
    type_text(qtbot, ws.cod_cash, "200")
    ws.reset_for_new_clerk()  # another clerk at the lock screen
    assert [e.text() for e in ws._cod_edits()] == [""] * 5 and not ws.cod_box.isVisible() and ws.found is None


def test_an_order_paid_online_shows_no_tenders(qtbot, ctx, counter, platform, engine, receipts):
    _, code = admin.pickup_codes(platform.db_path, "B001", limit=1)[0]
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code, code)
    settle(qtbot, ctx)
    assert ws.found is not None and not ws.cod_box.isVisible()
    qtbot.keyClick(ws.code, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert "提货完成" in ws.message.text() and "代收" not in ws.message.text()


@pytest.fixture
def english(ctx, tmp_path):
    """The workspaces' English catalogue installed, the UI in English."""
    translator = QTranslator()
    qm = build_qm(TS, tmp_path)
    assert qm is not None and translator.load(str(qm))
    app = QApplication.instance()
    app.installTranslator(translator)
    ctx.language = "en"
    yield
    app.removeTranslator(translator)


def test_the_cod_box_and_its_refusals_in_english(qtbot, ctx, counter, online, platform, engine, english):
    ws, order_no = _find(qtbot, ctx, online, platform)
    assert chinese_left(ws.cod_box) == []
    assert ws.cod_box.title() == "Cash on delivery (may be split)"
    assert ws.message.text().startswith("Cash on delivery: collect ¥123.45")
    type_text(qtbot, ws.cod_cash, "100")
    assert ws.cod_short.text() == "Still due ¥23.45"
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_Return)
    assert ws.error_beside("tender") == "Cash on delivery: ¥123.45 to collect, ¥23.45 still due; hand over once it " \
                                        "is paid"
    type_text(qtbot, ws.cod_cash, "200")
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert not CJK.search(ws.message.text()) and ws.message.text().endswith("; collected ¥123.45, change ¥76.55")



def test_cash_and_a_payment_code_split_the_amount_to_collect(qtbot, ctx, counter, online, platform, engine,
                                                             receipts):
    ws, order_no = _find(qtbot, ctx, online, platform)
    ws.code_poll_interval_s = 0.2
    display = _display(qtbot, ws)
    type_text(qtbot, ws.cod_cash, "23.45")
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is not None and ws.code_pay_dialog.isVisible(), timeout=3000)
    dialog = ws.code_pay_dialog
    assert dialog.due.text().endswith("100.00") and display.due.text().endswith("100.00")  # the code pays the rest
    qtbot.keyClicks(dialog.code, "134567890123450042")  # WeChat, paid at once
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.code_pay_dialog is None, timeout=15_000)
    settle(qtbot, ctx)
    [entry] = _collected(counter, order_no)
    assert [(t["method"], t["amount_fen"]) for t in entry["payload"]["tenders"]] == \
        [("cash", 2_345), ("wechat_pay", 10_000)]
    assert receipts.printed == [(entry["op_id"], False)] and ws.found is None


def test_no_payment_code_when_the_typed_tenders_already_cover_it(qtbot, ctx, counter, online, platform, engine):
    ws, order_no = _find(qtbot, ctx, online, platform)
    type_text(qtbot, ws.cod_cash, "150")
    qtbot.keyClick(ws.cod_cash, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert ws.code_pay_dialog is None and "无需付款码" in ws.error_beside("tender")
