"""A platform that accepts connections and never answers (issue 11, point 4): the status strip says 离线
within a few seconds, and once it does a bill look-up offers the offline option at once (no 3-15 s wait per
look-up while the platform hangs)."""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlparse

import pytest

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints
from counter_app.ui.banner import StatusStrip
from counter_app.ui.workspaces.bill import BillWorkspace
from platform_sim import admin

from .ws_helpers import (  # noqa: F401
    approver,
    ctx,
    engine,
    online,
    platform,
    receipts,
    settle,
    show,
    type_enter,
)
from .test_ws_bill import _choose_biller
from tests.conftest import SUPERVISOR_APPROVAL


@pytest.fixture
def counter(online):
    return online.counter


class HungPlatform:
    """Listens where the platform listened, accepts every connection and never sends a byte."""

    def __init__(self, port: int) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(64)
        self.listener.settimeout(0.2)
        self.held: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            self.held.append(conn)  # read nothing, answer nothing

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(2)
        for conn in self.held:
            conn.close()
        self.listener.close()


def test_a_hung_platform_shows_offline_within_seconds_and_bill_look_ups_offer_offline_at_once(
        qtbot, ctx, counter, online, platform, engine):
    _, biller, account_no, _ = admin.unpaid_bills(platform.db_path, limit=1)[0]
    member_id, _, _ = admin.member_phones(platform.db_path, limit=1)[0]
    counter.update_settings(offline_rules={"allow_pending_bills": True})
    port = urlparse(platform.base_url).port
    platform.stop()
    hung = HungPlatform(port)
    try:
        banner = StatusStrip(ctx)
        qtbot.add_widget(banner)
        banner.start()
        engine.start()
        began = time.monotonic()
        counter.run(services.accrue_points, AccruePoints("1001", member_id, 10, "missed card", SUPERVISOR_APPROVAL))
        engine.request_sync()
        qtbot.waitUntil(lambda: banner.connectivity.text().startswith("离线"), timeout=15_000)
        assert time.monotonic() - began < 12, "离线 took too long"
        assert hung.held, "the counter never reached the hung platform"

        ws = show(qtbot, BillWorkspace(ctx))
        settle(qtbot, ctx)
        for _ in range(2):  # the first look-up and the next: each offers the offline option at once
            _choose_biller(qtbot, ws, biller)
            asked = time.monotonic()
            type_enter(qtbot, ws.code_field(), account_no)
            qtbot.waitUntil(lambda: ws.pending_box.isVisible(), timeout=10_000)
            waited = time.monotonic() - asked
            assert "无法查询账单" in ws.error_beside("account_no")
            assert waited < 1.0, f"the offline option took {waited:.1f} s"
            ws.pending_box.setVisible(False)
        banner.stop()
    finally:
        engine.stop(5)
        hung.close()
