"""日结 and 同步 workspaces: the day's totals, offline reconciliation refused, reprint from the journal, the
close-shift request; the unsent queue, a rejected message resolved by a supervisor, a failed print retried."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.sync.connectivity import SyncStatus
from counter_app.domain import services
from counter_app.domain.commands import CollectPickup, PlaceOrder
from counter_app.domain.model import CartLine, Tender
from counter_app.store import outbox
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.report import ReportWorkspace
from counter_app.ui.workspaces.sync import SyncWorkspace

from .ws_helpers import approver, ctx, receipts, settle, show  # noqa: F401


def _sell(counter, *tenders):
    return counter.run(services.place_order,
                       PlaceOrder("1001", (CartLine("P-STAMP-2026", 1),), tuple(tenders)))


def test_day_report_shows_totals_and_refuses_reconciliation_offline(qtbot, ctx, counter, receipts):
    _sell(counter, Tender("cash", 20000))
    counter.run(services.collect_pickup, CollectPickup("1001", "O20261125001", code="482913"))
    ws = show(qtbot, ReportWorkspace(ctx))
    settle(qtbot, ctx)
    assert ws.net.text() == "¥128.00"
    kinds = {row[0]: row[1:] for row in table_rows(ws.by_kind)}
    assert kinds["销售/下单"] == ["1", "¥128.00"] and kinds["提货"] == ["1", "¥0.00"]
    assert {row[0]: row[1] for row in table_rows(ws.by_method)}["现金"] == "¥128.00"
    assert table_rows(ws.by_clerk) == [["1001", "2", "¥128.00"]]
    assert "3" in ws.unsent.text()  # shift open, sale, pickup

    qtbot.keyClick(ws, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, ctx)
    assert "离线状态下无法与平台对账" in ws.reconcile_result.text()

    journal = table_rows(ws.journal)
    row = next(i for i, r in enumerate(journal) if r[1] == "销售/下单")
    ws.journal.setFocus()
    ws.journal.selectRow(row)
    settle(qtbot, ctx)
    assert ws.preview.image is not None
    qtbot.keyClick(ws.journal, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, ctx)
    sale = next(e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "counter_order")
    assert receipts.printed == [(sale["op_id"], True)]

    with qtbot.waitSignal(ws.close_shift_requested, timeout=1000):
        qtbot.keyClick(ws.journal, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)


def test_sync_screen_lists_queue_and_resolves_an_exception_with_a_supervisor(qtbot, ctx, counter, approver,
                                                                              receipts):
    placed = _sell(counter, Tender("cash", 12800))
    conn = counter.store.connection()
    outbox.mark_rejected(conn, placed.recorded.op_id, code="price_mismatch", reason="价格与平台不符", result=None,
                         at="2026-11-25T10:00:00+08:00")
    conn.commit()
    receipts.fail = True
    try:
        receipts.print_operation(placed.recorded.op_id)
    except Exception:  # noqa: BLE001 - the failed job is what we want
        pass
    receipts.fail = False

    ws = show(qtbot, SyncWorkspace(ctx))
    settle(qtbot, ctx)
    assert ws.state.text() == "未配置平台"
    assert ws.queue_length.text() == "1"  # the shift opening; the sale was rejected
    assert [r[1] for r in table_rows(ws.queue)] == ["签到"]
    # A code the counter does not know reads as the generic sentence; the platform's own reason follows.
    assert table_rows(ws.exceptions)[0][2:] == ["¥128.00", "平台拒绝了这笔业务，请主管处理", "价格与平台不符"]
    assert len(table_rows(ws.print_jobs)) == 1

    qtbot.keyClick(ws, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert "未配置平台" in ws.message.text()

    ws.exceptions.setFocus()
    ws.exceptions.selectRow(0)
    qtbot.keyClick(ws.exceptions, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert approver.asked == ["处理异常单"]
    assert "异常单已处理" in ws.message.text()
    assert ws.exceptions.rowCount() == 0
    assert services.queries.open_exceptions(counter.uow()) == []

    ws.print_jobs.setFocus()
    ws.print_jobs.selectRow(0)
    qtbot.keyClick(ws.print_jobs, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, ctx)
    assert receipts.retried == [1] and "小票已打印" in ws.print_status.text()
    assert ws.print_jobs.rowCount() == 0


class SyncStandIn:
    """The sync engine's surface the screen uses: ``status()`` and ``request_sync()``."""

    def __init__(self) -> None:
        self.requests = 0

    def status(self) -> SyncStatus:
        return SyncStatus("offline", outbox_pending=0, oldest_unsent_at=None, oldest_unsent_age_s=None,
                          last_success_at="2026-11-25T09:00:00+08:00", open_exceptions=0, last_error="timeout")

    def subscribe(self, callback) -> None:
        pass

    def request_sync(self, *, pull: bool = False, retry_now: bool = False) -> None:
        assert retry_now, "a clerk's sync request must not wait out retry delays"
        self.requests += 1


def test_sync_now_asks_the_engine_and_shows_its_state(qtbot, ctx):
    ctx.sync = SyncStandIn()
    ws = show(qtbot, SyncWorkspace(ctx))
    settle(qtbot, ctx)
    assert ws.state.text().startswith("离线") and "timeout" not in ws.state.text()  # the technical text is logged
    assert ws.last_sync.text() == "11-25 09:00:00"
    qtbot.keyClick(ws, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, ctx)
    assert ctx.sync.requests == 1 and "已请求同步" in ws.message.text()
