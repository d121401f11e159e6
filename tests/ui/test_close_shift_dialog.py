"""签退 driven for real: the blind count (盲点) hides the expected cash until the count is entered, the close asks
for confirmation in a real message box, and the 签退 slip prints on a network printer on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counter_app.receipts import ReceiptService
from counter_app.domain.services import queries
from tests.printing.escpos_decoder import decode
from tests.printing.fake_printer import FakePrinter
from tests.ui.test_shell_shift import answer_confirmation, close_confirmed, close_dialog_ready

pytestmark = pytest.mark.timeout(60)


def _closes(ctx):
    return [e for e in queries.journal_entries(ctx.counter.uow()) if e["kind"] == "shift_close"]


@pytest.fixture
def printer(ctx) -> Iterator[FakePrinter]:
    """The counter's receipt service printing to a network printer on loopback."""
    with FakePrinter() as fake:
        ctx.counter.update_settings(printer={"kind": "network", "host": "127.0.0.1", "port": fake.port,
                                             "timeout_s": 2.0, "paper_mm": 80})
        service = ReceiptService(ctx.counter, retry_s=600)
        ctx.receipts = service
        try:
            yield fake
        finally:
            ctx.print_runner.wait_idle(20_000)
            ctx.receipts = None
            service.close()


def test_a_blind_count_shows_the_expected_cash_only_after_the_count(qtbot, make_window, ctx, approver):
    ctx.counter.update_settings(books_rules={"blind_count": True})
    window = make_window()
    dialog = window.close_shift()
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10_000)
    assert dialog.expected_fen is None and dialog.hidden()
    assert dialog.expected.text() == "盲点：点钞完毕后显示"
    assert "500" not in dialog.expected.text() and dialog.difference.text() == ""
    assert dialog.ok.text().startswith("点钞完毕")
    dialog.counts[10000].setValue(4)
    dialog.counts[1000].setValue(9)
    assert dialog.difference.text() == ""  # nothing to aim at while counting
    dialog.ok.click()
    assert dialog.confirm_box is None  # revealing is not closing
    qtbot.waitUntil(lambda: dialog.expected_fen is not None, timeout=10_000)
    assert dialog.expected.text() == "¥500.00"
    assert dialog.difference.text() == "短款 ¥10.00"
    assert all(spin.isReadOnly() for spin in dialog.counts.values())  # the count stands as entered
    assert dialog.ok.text().startswith("确认签退")
    close_confirmed(qtbot, dialog)
    [closed] = _closes(ctx)
    assert closed["payload"]["counted_cash_fen"] == 49_000 and closed["payload"]["supervisor_id"] == "9001"


def test_without_the_blind_count_the_expected_cash_shows_at_once(qtbot, make_window):
    dialog = close_dialog_ready(qtbot, make_window())
    assert not dialog.blind and dialog.expected.text() == "¥500.00"


def test_declining_the_confirmation_keeps_the_shift_open(qtbot, make_window, ctx):
    window = make_window()
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(5)
    dialog.ok.click()
    answer_confirmation(qtbot, dialog, "取消")
    qtbot.waitUntil(lambda: dialog.confirm_box is None)
    assert window.has_shift() and _closes(ctx) == []
    assert dialog.isVisible() and dialog.ok.isEnabled()


def test_the_close_prints_the_slip_and_the_dialog_shows_the_result(qtbot, make_window, ctx, printer):
    window = make_window()
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(5)
    close_confirmed(qtbot, dialog)
    assert not window.has_shift()
    qtbot.waitUntil(lambda: dialog.slip.text() == "签退单已打印", timeout=10_000)
    [job] = printer.wait_for_jobs(1)
    text = decode(job).text
    assert "签退" in text and "实点现金" in text and "500.00" in text
    assert dialog.title.text() == "签退完成" and dialog.ok.text().startswith("完成")
    dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
