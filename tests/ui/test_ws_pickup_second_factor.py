"""提货 workspace, offline second factor (issue 13): where the platform's manifest says so, an offline pickup by
code shows a field for the phone's last 4 digits, refuses a wrong or missing answer beside it, and hands over
with the right one."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.ui.workspaces.pickup import PickupWorkspace
from tests.conftest import PICKUP, PICKUP_CODE

from .ws_helpers import ctx, receipts, settle, show, type_enter  # noqa: F401


def _collected(counter) -> int:
    return [e["kind"] for e in services.queries.journal_entries(counter.uow())].count("pickup_collected")


def test_offline_pickup_flagged_by_the_platform_asks_for_the_phone_last_4_digits(qtbot, ctx, counter):
    with counter.uow() as uow:
        uow.manifest.upsert(dataclasses.replace(PICKUP, second_factor=True), paid_at=None, synced_at="2026-11-25")
        uow.commit()
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), PICKUP_CODE)
    settle(qtbot, ctx)
    assert ws.order_no.text() == PICKUP.order_no and ws.second_field.isVisible()
    qtbot.keyClick(ws.code_field(), Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert "后4位" in ws.error_beside("second_factor") and _collected(counter) == 0
    type_enter(qtbot, ws.second, "0000")
    settle(qtbot, ctx)
    assert "不符" in ws.error_beside("second_factor") and _collected(counter) == 0
    ws.second.clear()
    type_enter(qtbot, ws.second, PICKUP.phone_masked[-4:])
    settle(qtbot, ctx)
    assert "提货完成" in ws.message.text() and _collected(counter) == 1
    assert not ws.second_field.isVisible()


def test_an_unflagged_pickup_shows_no_second_factor_field(qtbot, ctx, counter):
    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), PICKUP_CODE)
    settle(qtbot, ctx)
    assert ws.order_no.text() == PICKUP.order_no and not ws.second_field.isVisible()
