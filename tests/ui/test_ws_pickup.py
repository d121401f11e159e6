"""提货 workspace: a clerk scans a pickup code, checks the order and hands it over."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.pickup import PickupWorkspace

from .ws_helpers import SUPERVISOR_OK, approver, ctx, receipts, settle, show, type_enter  # noqa: F401

ORDER_NO = "O20261125001"


def _journal_kinds(counter):
    return [e["kind"] for e in services.queries.journal_entries(counter.uow())]


def test_pickup_by_code_shows_order_then_hands_over_once(qtbot, ctx, counter, receipts):
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), "482913")
    settle(qtbot, ctx)
    assert ws.order_no.text() == ORDER_NO
    assert "陈*" in ws.customer.text() and "*******5678" in ws.customer.text()  # the last 4 digits only
    assert table_rows(ws.lines)[0][:2] == ["邮政自主品牌明前龙井礼盒", "1"]
    assert ws.total.text() == "¥368.00"

    qtbot.keyClick(ws.code_field(), Qt.Key.Key_Return)  # Enter again confirms the handover
    settle(qtbot, ctx)
    assert ORDER_NO in ws.message.text() and "提货完成" in ws.message.text()
    assert _journal_kinds(counter).count("pickup_collected") == 1
    entry = next(e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "pickup_collected")
    assert entry["payload"]["verified_by"] == "code"
    assert receipts.printed == [(entry["op_id"], False)]

    # A second attempt is refused beside the field. By order number the refusal says why; by the code the
    # domain no longer matches a collected order (it only checks codes of awaiting orders), so it refuses
    # the code as unverifiable.
    type_enter(qtbot, ws.code_field(), ORDER_NO)
    settle(qtbot, ctx)
    assert "已提货" in ws.error_beside("pickup_code") and "不能重复提货" in ws.error_beside("pickup_code")
    assert not ws.confirm.isEnabled()
    type_enter(qtbot, ws.code_field(), "482913")
    settle(qtbot, ctx)
    assert ws.error_beside("pickup_code")
    assert not ws.confirm.isEnabled() and ws.order_no.text() == ""
    assert _journal_kinds(counter).count("pickup_collected") == 1


def test_offline_pickup_of_a_code_not_in_the_cache_is_refused_as_unverifiable(qtbot, ctx, counter):
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), "999999")
    settle(qtbot, ctx)
    assert "离线状态下无法核验" in ws.error_beside("pickup_code")
    assert not ws.confirm.isEnabled()
    assert "pickup_collected" not in _journal_kinds(counter)


def test_handover_by_order_number_asks_a_supervisor(qtbot, ctx, counter, approver):
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), ORDER_NO)
    settle(qtbot, ctx)
    approver.answer = None
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert len(approver.asked) == 1 and "主管未授权" in ws.message.text()
    assert "pickup_collected" not in _journal_kinds(counter)
    approver.answer = SUPERVISOR_OK
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    entry = next(e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "pickup_collected")
    assert entry["payload"]["verified_by"] == "order_no"


def test_printer_failure_after_pickup_keeps_it_collected(qtbot, ctx, counter, receipts):
    receipts.fail = True
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), "482913")
    settle(qtbot, ctx)
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert "提货完成" in ws.message.text()
    assert "打印失败" in ws.print_status.text() and ws.reprint_button.isVisible()
    assert _journal_kinds(counter).count("pickup_collected") == 1
