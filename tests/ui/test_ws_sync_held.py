"""The sync screen names the exception (异常单) a held message waits behind, and says 平台繁忙 while the
platform asked the counter to wait, with the reference platform on loopback."""

from __future__ import annotations

import uuid

import pytest

from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.sync import SyncWorkspace
from tests.sync.test_rejections import _record_raw

from .ws_helpers import approver, ctx, engine, online, platform, receipts, show  # noqa: F401


@pytest.fixture
def counter(online):
    return online.counter


def test_sync_screen_names_the_exception_a_held_void_waits_behind(qtbot, ctx, counter, engine) -> None:
    order_no = f"T{uuid.uuid4().hex[:12]}"
    order = _record_raw(counter, "counter_order", order_no, {
        "order_no": order_no, "lines": [{"sku": "NO-SUCH-SKU", "name": "无", "qty": 1, "unit_price_fen": 100,
                                         "amount_fen": 100}],
        "subtotal_fen": 100, "discount_fen": 0, "total_fen": 100, "tenders": [], "change_fen": 0, "paid": False,
        "member_id": None, "points_earned": 0, "points_redeemed": 0})
    _record_raw(counter, "void", order_no, {"target_op_id": order.recorded.op_id, "order_no": order_no,
                                            "reason": "不要了", "supervisor_id": "9001"})
    engine.run_once()  # the platform refuses the order; its void stays behind
    ws = show(qtbot, SyncWorkspace(ctx))
    qtbot.waitUntil(lambda: ws.queue.rowCount() == 1 and ws.exceptions.rowCount() == 1, timeout=5000)
    (row,) = table_rows(ws.queue)
    assert row[1:3] == ["作废", order_no]
    assert row[-1] == f"等待异常单 销售/下单 {order_no}"

    engine.connectivity.observe("error", None)
    engine.connectivity.pause(30, busy=True)
    ws.reload()
    qtbot.waitUntil(lambda: ws.state.text().startswith("平台繁忙，"), timeout=5000)
    assert "秒后自动重试" in ws.state.text()
