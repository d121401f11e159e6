"""日结 (F5) against the reference platform on loopback: 轧帐平衡 leaves the screen as soon as a new sale is
recorded, and the books panel shows the day's X/Z figures, the over/short, a correction the sync engine pulled
(pending, in suspense) and the Z once taken."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.cashbox import CloseDay
from counter_app.domain.commands import CloseShift, PlaceOrder, SupervisorApproval
from counter_app.domain.model import CartLine, Tender
from counter_app.domain.money import format_fen
from counter_app.domain.services.dayclose import close_day
from counter_app.ui.workspaces.report import ReportWorkspace
from platform_sim.books import issue_correction

from .ws_helpers import approver, ctx, engine, online, platform, receipts, settle, show  # noqa: F401

pytestmark = pytest.mark.timeout(90)
DAY = "2026-11-25"


@pytest.fixture
def counter(online):
    return online.counter


def _sell(counter):
    with counter.uow().read() as uow:
        sku, price = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 ORDER BY sku LIMIT 1") \
            .fetchone()
    return counter.run(services.place_order, PlaceOrder("1001", (CartLine(sku, 1),), (Tender("cash", price),)))


def test_balanced_leaves_the_screen_when_a_new_sale_is_recorded(qtbot, ctx, counter, engine):
    _sell(counter)
    assert engine.run_once().ok
    ws = show(qtbot, ReportWorkspace(ctx))
    unsubscribe = counter.subscribe(ws.on_changed)
    try:
        settle(qtbot, ctx)
        ws.findChild(type(ws.close_button), "reconcile").click()
        qtbot.waitUntil(lambda: ws.reconcile_result.text() == "与平台一致，轧帐平衡", timeout=10_000)
        assert ws.message.text() == "与平台一致，轧帐平衡"
        _sell(counter)  # a new sale: the balance shown is no longer true
        qtbot.waitUntil(lambda: ws.reconcile_result.text() == "", timeout=5_000)
        assert "轧帐平衡" not in ws.message.text()
        assert engine.run_once().ok
        ws.findChild(type(ws.close_button), "reconcile").click()
        qtbot.waitUntil(lambda: ws.reconcile_result.text() == "与平台一致，轧帐平衡", timeout=10_000)
    finally:
        unsubscribe()
        settle(qtbot, ctx)


def test_the_books_panel_shows_the_day_with_a_pulled_correction_and_the_z(qtbot, ctx, counter, engine, platform):
    price = _sell(counter).recorded.payload["total_fen"]
    short = format_fen(50_000 + price - 40_000)
    counter_id = counter.settings()["counter_id"]
    issue_correction(platform.db_path, branch_id="B001", counter_id=counter_id, business_date=DAY,
                     amount_fen=-300, reason="手续费按新标准")
    engine.corrections_interval_s = 0.0
    ws = show(qtbot, ReportWorkspace(ctx))
    unsubscribe = counter.subscribe(ws.on_changed)
    try:
        settle(qtbot, ctx)
        assert ws.books.text("z").startswith("未日结")
        assert ws.books.text("corrections") == "无待处理更正"
        assert engine.run_once().ok  # the engine's own pull brings the correction; nobody opened a dialog
        qtbot.waitUntil(lambda: ws.books.text("corrections").startswith("待处理 1 笔，挂账 -¥3.00"), timeout=5_000)
        assert ws.books.values["corrections"].property("role") == "error"
        assert ws.books.text("unknown") == "无"
        counter.run(services.close_shift, CloseShift("1001", {10_000: 4}, SupervisorApproval("9001", "8888")))
        settle(qtbot, ctx)
        qtbot.waitUntil(lambda: ws.books.text("over_short").startswith(f"短款 {short}；待处理 1 笔"), timeout=5_000)
        assert ws.books.text("cash") == f"应有 {format_fen(50_000 + price)}，实点 ¥400.00"
        assert ws.books.text("pending") == "1 笔"  # the close, not sent yet
        assert engine.run_once().ok
        counter.run(close_day, CloseDay("1001", DAY, None))
        qtbot.waitUntil(lambda: ws.books.text("z").startswith("已日结：Z 第 1 号"), timeout=5_000)
    finally:
        unsubscribe()
        settle(qtbot, ctx)
