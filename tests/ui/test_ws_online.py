"""The workspaces against the reference platform on loopback: a pickup handed over from the cached manifest
while the platform is down, and a code the cache does not hold refused; the sync screen's queue filled
offline and drained once the platform is back, each operation held once by the platform; a member's
balance as the platform holds it now, and a redemption above it refused."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints, CollectPickup, OpenShift
from counter_app.domain.money import format_fen
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.member import MemberWorkspace
from counter_app.ui.workspaces.pickup import PickupWorkspace
from counter_app.ui.workspaces.sync import SyncWorkspace
from platform_sim import admin
from tests.conftest import CLERK, SUPERVISOR_APPROVAL

from .ws_helpers import (  # noqa: F401
    answer_message_box,
    approver,
    ctx,
    engine,
    enrolled_counter,
    go_offline,
    online,
    platform,
    platform_rows,
    receipts,
    settle,
    show,
    type_enter,
    type_text,
)


@pytest.fixture
def counter(online):
    return online.counter


def _journal(counter, kind: str) -> list[dict]:
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == kind]


def test_offline_pickup_hands_over_a_cached_code_and_refuses_one_the_cache_lacks(qtbot, ctx, counter, online,
                                                                                 platform, receipts):
    order_no, code = admin.pickup_codes(platform.db_path, "B001", limit=1)[0]
    _, other_branch_code = admin.pickup_codes(platform.db_path, "B002", limit=1)[0]  # real, never in B001's cache
    [(total_fen, lines_json)] = platform_rows(platform.db_path, "SELECT total_fen, lines_json FROM orders"
                                              " WHERE order_no = ?", (order_no,))
    go_offline(platform, online)

    ws = show(qtbot, PickupWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), code)
    settle(qtbot, ctx)
    assert ws.error_beside("pickup_code") == ""
    assert ws.order_no.text() == order_no and "提货码正确" in ws.message.text()
    assert ws.total.text() == format_fen(total_fen)
    assert [row[0] for row in table_rows(ws.lines)] == [line["name"] for line in json.loads(lines_json)]
    assert ws.confirm.isEnabled()

    qtbot.keyClick(ws.code_field(), Qt.Key.Key_Return)  # Enter again hands it over
    settle(qtbot, ctx)
    assert "提货完成" in ws.message.text() and order_no in ws.message.text()
    [entry] = _journal(counter, "pickup_collected")
    assert entry["payload"]["verified_by"] == "code" and entry["payload"]["offline"] is True
    assert receipts.printed == [(entry["op_id"], False)]

    type_enter(qtbot, ws.code_field(), other_branch_code)
    settle(qtbot, ctx)
    assert "离线状态下无法核验" in ws.error_beside("pickup_code")
    assert not ws.confirm.isEnabled() and ws.order_no.text() == ""
    assert len(_journal(counter, "pickup_collected")) == 1


def test_sync_screen_shows_the_offline_queue_and_it_drains_once_the_platform_is_back(qtbot, ctx, counter, online,
                                                                                      platform, engine, clock):
    order_no, code = admin.pickup_codes(platform.db_path, "B001", limit=1)[0]
    member_id, _, balance = admin.member_phones(platform.db_path, limit=1)[0]
    ws = show(qtbot, SyncWorkspace(ctx))
    counter.subscribe(ws.on_changed)  # as the main window relays the counter's changes to every workspace
    engine.start()  # the app runs the engine on its worker all day
    qtbot.waitUntil(lambda: ws.state.text() == "在线" and ws.queue_length.text() == "0", timeout=5000)

    platform.stop()
    counter.run(services.collect_pickup, CollectPickup(CLERK[0], order_no, code=code))
    counter.run(services.accrue_points, AccruePoints(CLERK[0], member_id, 30, "missed card", SUPERVISOR_APPROVAL))
    qtbot.waitUntil(lambda: ws.state.text().startswith("离线") and ws.queue_length.text() == "2", timeout=5000)
    assert [row[1:3] for row in table_rows(ws.queue)] == [["提货", order_no], ["积分累计", member_id]]
    assert not counter.deps.online()

    platform.start()
    clock.advance(minutes=5)  # the retries' backoff has passed
    qtbot.keyClick(ws, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # 立即同步
    qtbot.waitUntil(lambda: ws.queue_length.text() == "0" and ws.queue.rowCount() == 0, timeout=10_000)
    assert ws.state.text() == "在线" and "已请求同步" in ws.message.text()

    journal = {e["op_id"]: e["kind"] for e in services.queries.journal_entries(counter.uow())}
    held = platform_rows(platform.db_path, "SELECT op_id, kind, status FROM ops WHERE device_id = ?",
                         (counter.settings()["device_id"],))
    assert sorted((op_id, kind) for op_id, kind, _ in held) == sorted(journal.items())  # each one, once
    assert {status for *_, status in held} == {"accepted"}
    assert sorted(journal.values()) == ["pickup_collected", "points_accrual", "shift_open"]
    assert platform_rows(platform.db_path, "SELECT status FROM orders WHERE order_no = ?", (order_no,)) \
        == [("collected",)]
    assert admin.member_balance(platform.db_path, member_id) == balance + 30


def test_member_looked_up_online_shows_the_platforms_balance_and_a_redemption_above_it_is_refused(
        qtbot, ctx, counter, platform, clock, tmp_path):
    member_id, phone, _ = next(m for m in admin.member_phones(platform.db_path, limit=20) if m[2] > 0)
    # The customer earned points at another counter after this one pulled the members: only the platform
    # knows the balance now.
    other = enrolled_counter(platform, tmp_path / "other", clock, counter_id="C02")
    try:
        other.counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))
        other.counter.run(services.accrue_points, AccruePoints(CLERK[0], member_id, 250, "missed card", SUPERVISOR_APPROVAL))
        assert other.engine.run_once().ok
    finally:
        other.close()
    balance = admin.member_balance(platform.db_path, member_id)
    cached = services.member_view(member_id, counter.uow(), counter.deps).member.points_balance
    assert cached == balance - 250

    ws = show(qtbot, MemberWorkspace(ctx))
    type_enter(qtbot, ws.code_field(), phone)
    settle(qtbot, ctx)
    assert ws.error_beside("member") == ""
    assert phone[:3] + "****" + phone[-4:] in ws.who.text()
    assert ws.balance.text() == f"{balance:,} 分" and ws.redeemable.text() == f"{balance:,} 分"

    type_text(qtbot, ws.points, str(balance + 1))
    answer_message_box([])  # the confirmation (driven for real in test_ws_member.py)
    qtbot.keyClick(ws.points, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, ctx)
    assert f"可用 {balance} 分" in ws.error_beside("points") and "积分不足" in ws.error_beside("points")
    assert _journal(counter, "points_redemption") == []
    assert admin.member_balance(platform.db_path, member_id) == balance
