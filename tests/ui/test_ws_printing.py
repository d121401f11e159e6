"""A hung receipt printer never holds up the next sale at the counter, and the clerk hears about it within
seconds: the real receipt service, its print worker and its own runner, against a printer on loopback that
accepts the connection and never reads (paper out, cover open and a full buffer look like this)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.receipts import ReceiptService
from counter_app.ui.worker import Runner
from counter_app.ui.workspaces.sale import SaleWorkspace
from tests.printing.fake_printer import FakePrinter

from .ws_helpers import approver, ctx, receipts, settle, show, type_enter, type_text  # noqa: F401

pytestmark = pytest.mark.timeout(60)
STAMP = "6901234567892"
PRINTER_TIMEOUT_S = 3.0


@pytest.fixture
def real_receipts(ctx, counter) -> Iterator[ReceiptService]:  # noqa: F811 - ctx is the helpers' fixture
    """The app's receipt service and print runner, as ``attach_optional_services`` sets them up."""
    service = ReceiptService(counter, retry_s=600)
    print_runner = Runner(max_threads=1)
    ctx.receipts = service
    ctx.print_runner = print_runner
    yield service
    print_runner.wait_idle(20_000)
    service.close()


def test_sales_commit_at_once_while_the_printer_takes_nothing(qtbot, ctx, counter, real_receipts) -> None:  # noqa: F811
    with FakePrinter(stall_after=0) as hung:
        counter.update_settings(printer={"kind": "network", "host": "127.0.0.1", "port": hung.port,
                                         "timeout_s": PRINTER_TIMEOUT_S, "paper_mm": 80})
        ws = show(qtbot, SaleWorkspace(ctx))
        for _ in range(3):
            type_enter(qtbot, ws.code_field(), STAMP)
            settle(qtbot, ctx)
            type_text(qtbot, ws.cash, "200")
            started = time.monotonic()
            qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
            settle(qtbot, ctx)
            # Paid and committed well before the printer could even be given up on.
            assert time.monotonic() - started < PRINTER_TIMEOUT_S / 2
            assert "收款成功" in ws.message.text()
        sales = [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "counter_order"]
        assert len(sales) == 3
        # The clerk is told within seconds, with the reason, and the receipts stay queued.
        qtbot.waitUntil(lambda: "打印机无响应" in ws.print_status.text(), timeout=int(PRINTER_TIMEOUT_S * 2000))
        assert ws.reprint_button.isVisible()
    assert sorted(job["op_id"] for job in real_receipts.failed_jobs()) == sorted(e["op_id"] for e in sales)


def test_a_printer_that_cannot_answer_is_never_reported_as_printed(qtbot, ctx, counter, real_receipts,  # noqa: F811
                                                                   tmp_path) -> None:
    """A device-file printer takes the bytes but cannot say whether paper came out: the clerk is told to look."""
    device = tmp_path / "lp0"
    device.touch()
    counter.update_settings(printer={"kind": "file", "file_path": str(device), "timeout_s": 2.0, "paper_mm": 80})
    ws = show(qtbot, SaleWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), STAMP)
    settle(qtbot, ctx)
    type_text(qtbot, ws.cash, "200")
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: "无法确认" in ws.print_status.text(), timeout=10_000)
    assert "小票已打印" not in ws.print_status.text()
    assert device.stat().st_size > 0  # the receipt did go to the device
