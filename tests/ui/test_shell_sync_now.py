"""立即同步 from the main window after the platform restarts (issue 11, point 10): an operation waiting out a
real back-off (a minute or more) goes at once, and the strip shows 在线 with nothing left to send; the clock
is not moved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints
from counter_app.sync import Backoff
from platform_sim import admin

from .ws_helpers import online, platform, platform_rows  # noqa: F401
from tests.conftest import SUPERVISOR_APPROVAL


@pytest.fixture
def counter(online):
    return online.counter


def _state(counter, op_id: str) -> tuple[str, str | None]:
    with counter.uow().read() as uow:
        row = uow.conn.execute("SELECT state, next_attempt_at FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
    return row[0], row[1]


def test_sync_now_sends_at_once_what_waits_out_a_back_off_after_the_platform_restarts(
        qtbot, ctx, counter, online, platform, make_window):
    engine = online.engine
    engine.backoff = Backoff(base_s=60, cap_s=300)  # as at the counter: a failed push waits a minute or more
    engine.probe_interval_s = 3600  # the engine's own health probes would find the platform back by themselves
    ctx.sync = engine
    member_id, _, _ = admin.member_phones(platform.db_path, limit=1)[0]
    window = make_window(fakes=False)
    engine.start()
    try:
        platform.stop()
        accrued = counter.run(services.accrue_points, AccruePoints("1001", member_id, 10, "missed card", SUPERVISOR_APPROVAL))
        engine.request_sync()
        qtbot.waitUntil(lambda: _state(counter, accrued.recorded.op_id)[1] is not None, timeout=15_000)
        qtbot.waitUntil(lambda: window.banner.connectivity.text().startswith("离线"), timeout=10_000)

        platform.start()  # back, but the message waits out its back-off and the engine its pause
        qtbot.wait(1500)
        assert _state(counter, accrued.recorded.op_id)[0] == "pending"

        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # 立即同步
        qtbot.waitUntil(lambda: _state(counter, accrued.recorded.op_id)[0] == "delivered", timeout=8_000)
        qtbot.waitUntil(lambda: window.banner.connectivity.text() == "在线", timeout=8_000)
        held = platform_rows(platform.db_path, "SELECT status FROM ops WHERE op_id = ?", (accrued.recorded.op_id,))
        assert held == [("accepted",)]
    finally:
        engine.stop(10)
        window.close()
        ctx.runner.wait_idle()
