"""日结 (F5) after 签退, driven in the real main window: the screen stays usable (journal, receipt preview,
refresh, reconciliation, the books), and once the next shift opens the morning's receipts are found through the
journal's shift selector or an earlier day through the date."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate

from counter_app.app.changes import Change
from counter_app.domain import services
from counter_app.domain.commands import PlaceOrder
from counter_app.domain.model import CartLine, Tender
from counter_app.receipts import ReceiptService
from counter_app.ui.main_window import WORKSPACES
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.report import ReportWorkspace
from tests.ui.conftest import FakeWorkspace, open_shift_now
from tests.ui.test_shell_shift import close_confirmed, close_dialog_ready

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def previews(ctx) -> Iterator[ReceiptService]:
    """The real receipt service (no printer set: previews and queued jobs only)."""
    service = ReceiptService(ctx.counter, retry_s=600)
    ctx.receipts = service
    yield service
    ctx.print_runner.wait_idle(20_000)
    ctx.receipts = None
    service.close()


def _window(make_window):
    factories = {s.key: (lambda c, k=s.key: FakeWorkspace(c, k)) for s in WORKSPACES}
    factories["report"] = ReportWorkspace
    return make_window(factories=factories)


def _settle(qtbot, ctx) -> None:
    qtbot.waitUntil(lambda: ctx.runner.running == 0, timeout=10_000)


def _sell(ctx, pieces: int = 1):
    return ctx.counter.run(services.place_order, PlaceOrder(
        ctx.session.clerk_id, (CartLine("P-STAMP-2026", pieces),), (Tender("cash", 50_000),)))


def _kinds(report: ReportWorkspace) -> list[str]:
    return [row[1] for row in table_rows(report.journal)]


def _preview_row(qtbot, ctx, report: ReportWorkspace, kind: str) -> None:
    report.preview.clear()
    report.preview.image = None
    report.journal.selectRow(_kinds(report).index(kind))
    qtbot.waitUntil(lambda: report.preview.image is not None, timeout=10_000)


def test_after_the_close_the_report_screen_stays_usable(qtbot, make_window, ctx, previews):
    window = _window(make_window)
    _sell(ctx)
    report = window.switch_to("report")
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(6)
    dialog.counts[100].setValue(8)  # ¥20.00 short of 500.00 float + 128.00 for the stamp
    close_confirmed(qtbot, dialog)
    dialog.ok.click()  # 完成
    assert not window.has_shift() and window.gate.isVisible()
    assert window.stack.isEnabled() and report.isEnabled()
    _settle(qtbot, ctx)
    assert {"销售/下单", "签退", "签到"} <= set(_kinds(report))  # the whole day's journal
    assert report.scope.currentText() == "全天流水"
    _preview_row(qtbot, ctx, report, "签退")  # the 签退 slip can be seen and reprinted
    report.findChild(type(report.close_button), "refresh").click()
    _settle(qtbot, ctx)
    report.findChild(type(report.close_button), "reconcile").click()
    _settle(qtbot, ctx)
    assert "离线状态下无法与平台对账" in report.reconcile_result.text()
    assert not report.close_button.isEnabled()
    assert report.books.text("cash") == "应有 ¥628.00，实点 ¥608.00"
    assert report.books.text("over_short").startswith("短款 ¥20.00；待处理 1 笔")
    # The other screens still wait for 签到.
    window.switch_to("sale")
    assert not window.stack.isEnabled()
    window.switch_to("report")
    assert window.stack.isEnabled()


def test_the_mornings_receipts_are_found_after_the_next_shift_opens(qtbot, make_window, ctx, clock, previews):
    window = _window(make_window)
    morning = _sell(ctx, 2)
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(5)
    dialog.counts[100].setValue(16)
    close_confirmed(qtbot, dialog)
    dialog.ok.click()
    clock.advance(hours=4)
    open_shift_now(ctx, 30_000)
    window.update_gate()
    report = window.switch_to("report")
    _settle(qtbot, ctx)
    assert report.close_button.isEnabled()
    assert report.scope.currentText().startswith("本班流水") and _kinds(report) == ["签到"]
    texts = [report.scope.itemText(i) for i in range(report.scope.count())]
    assert texts[0] == "班次 09:30–09:30 1001" and texts[-1] == "全天流水"
    report.scope.setCurrentIndex(0)
    report.scope.activated.emit(0)
    _settle(qtbot, ctx)
    assert "销售/下单" in _kinds(report)
    _preview_row(qtbot, ctx, report, "销售/下单")
    assert report.journal.row_keys[report.journal.currentRow()] == morning.recorded.op_id
    # The choice stays while the screen reloads on a change.
    _sell(ctx)
    _settle(qtbot, ctx)
    assert report.scope.currentIndex() == 0


def test_an_earlier_day_is_found_by_its_date(qtbot, make_window, ctx, clock, previews):
    window = _window(make_window)
    yesterday = _sell(ctx)
    clock.advance(days=1)
    report = window.switch_to("report")
    _settle(qtbot, ctx)
    assert report.business_date() == "2026-11-26"
    assert "销售/下单" not in _kinds(report)
    report.date.setDate(QDate(2026, 11, 25))
    _settle(qtbot, ctx)
    assert report.date.text() == "2026-11-25"
    assert "销售/下单" in _kinds(report) and report.net.text() == "¥128.00"
    _preview_row(qtbot, ctx, report, "销售/下单")
    assert report.journal.row_keys[report.journal.currentRow()] == yesterday.recorded.op_id


def test_the_highlighted_row_stays_on_the_receipt_previewed_when_new_operations_come_in(qtbot, make_window, ctx,
                                                                                        previews):
    window = _window(make_window)
    first = _sell(ctx)
    report = window.switch_to("report")
    _settle(qtbot, ctx)
    _preview_row(qtbot, ctx, report, "销售/下单")
    assert report.journal.row_keys[report.journal.currentRow()] == first.recorded.op_id
    shown = report.preview.image
    for _ in range(2):
        _sell(ctx)
        window.on_counter_changed(Change.operation("counter_order"))
        _settle(qtbot, ctx)
    assert len(report.journal.row_keys) == 4
    assert report.journal.row_keys[report.journal.currentRow()] == first.recorded.op_id
    assert report.journal.selectedItems() and report.journal.selectedItems()[0].row() == report.journal.currentRow()
    assert report.preview.image is shown
