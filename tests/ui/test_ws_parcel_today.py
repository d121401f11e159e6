"""今日包裹 on the F7 screen: today's parcels of this counter (masked), a parcel voided with the supervisor's
real id and PIN in the real supervisor dialog (the void receipt printed, the number retired), and the label
reprinted, marked 重印, on the label printer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.domain.services.parcels import accept_parcel
from counter_app.ui.supervisor import dialog_approver
from counter_app.ui.workspaces.parcel import ParcelWorkspace
from tests.domain.parcels.helpers import load_parcel_data, posting
from tests.printing.fake_printer import FakePrinter

from .ws_helpers import answer_supervisor, ctx, receipts, settle, show  # noqa: F401

pytestmark = pytest.mark.timeout(60)
GS_K_CODE128 = b"\x1dkI"


@pytest.fixture
def posted(ctx, counter):  # noqa: ANN001, ANN201
    load_parcel_data(counter, NumberBlock("BLK-T", "domestic", "98", "CN", 700, 10))
    return [counter.run(accept_parcel, posting(1250)).tracking_no for _ in range(2)]


def _entries(counter, kind):  # noqa: ANN001, ANN202
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == kind]


def test_today_lists_parcels_masked_and_a_supervisor_voids_one_with_the_real_dialog(qtbot, ctx, counter, posted,
                                                                                   receipts):
    ws = show(qtbot, ParcelWorkspace(ctx))
    ctx.approver = dialog_approver(lambda: ws)
    settle(qtbot, ctx)
    rows = [ws.today.list.item(i).text() for i in range(ws.today.list.count())]
    assert len(rows) == 2 and posted[1] in rows[0] and posted[0] in rows[1]  # newest first
    assert all("李*" in row and "北京市海淀区" in row and "李四" not in row and "13900001111" not in row
               and "中关村" not in row for row in rows)

    qtbot.keyClick(ws, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert ws.today.list.hasFocus()
    qtbot.keyClick(ws.today.list, Qt.Key.Key_Down)  # the older parcel
    assert ws.today.selected().tracking_no == posted[0]
    seen: list[str] = []
    answer_supervisor(qtbot, seen, pin="0000")  # a wrong PIN first: refused, nothing voided
    qtbot.keyClick(ws.today.list, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert posted[0] in seen[0]
    assert _entries(counter, "parcel_void") == [], ws.message.text()
    assert "PIN" in ws.message.text() or "密码" in ws.message.text(), ws.message.text()

    answer_supervisor(qtbot, seen)
    qtbot.keyClick(ws.today.list, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    [void] = _entries(counter, "parcel_void")
    assert void["payload"]["tracking_no"] == posted[0] and void["payload"]["supervisor_id"] == "9001"
    assert void["payload"]["reason"] == "客户取消寄递"
    assert "已作废" in ws.message.text() and posted[0] in ws.message.text()
    assert receipts.printed[-1] == (void["op_id"], False)  # the void receipt
    rows = [ws.today.list.item(i).text() for i in range(ws.today.list.count())]
    assert "已作废" in rows[1] and "已作废" not in rows[0]

    # A second void of the same parcel is refused on the screen, without asking the supervisor.
    ws.today.list.setCurrentRow(1)
    asked = len(seen)
    ws.today.void_button.click()
    assert "已作废" in ws.error_beside("today") and len(seen) == asked
    assert len(_entries(counter, "parcel_void")) == 1


def test_reprinted_label_goes_to_the_label_printer_marked(qtbot, ctx, counter, posted):
    ws = show(qtbot, ParcelWorkspace(ctx))
    settle(qtbot, ctx)
    ws.today.list.setFocus()
    ws.today.list.setCurrentRow(0)
    qtbot.keyClick(ws.today.list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert "面单打印机" in ws.error_beside("today")  # none set yet: says where to set it
    with FakePrinter() as printer:
        counter.update_settings(label_printer={"kind": "network", "host": printer.host, "port": printer.port,
                                               "label_size": "76x130", "confirm_s": 0.1})
        qtbot.keyClick(ws.today.list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot, ctx)
        (job,) = printer.wait_for_jobs(1)
        qtbot.waitUntil(lambda: ws.print_status.text() == "面单已重印", timeout=5_000)
    assert "重印".encode("gb18030") in job and GS_K_CODE128 in job and posted[1].encode() in job
