"""The clock check: every sync compares the counter's clock with the platform's; beyond the threshold a
banner text and a log line warn, and operations keep their local time and journal order."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

from counter_app.app.compose import SyncOptions, build
from counter_app.domain import services
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder
from counter_app.domain.model import Tender
from tests.conftest import CLERK, FixedClock
from tests.fleet.conftest import enrolled


def test_a_counter_clock_ten_minutes_slow_is_warned_and_keeps_its_order(platform, tmp_path: Path, caplog) -> None:
    enrolled(platform, tmp_path / "c", "C61").close()
    slow = FixedClock(datetime.now(timezone.utc) - timedelta(minutes=10))
    app = build(tmp_path / "c", clock=slow, sync=SyncOptions(timeout=(2.0, 5.0)))
    try:
        assert app.clock_watch is not None and app.clock_watch.status().offset_s is None
        with caplog.at_level(logging.INFO):
            assert app.sync is not None and app.sync.run_once().ok
        status = app.clock_watch.status()
        assert status.offset_s is not None and -660 < status.offset_s < -540
        assert not status.ok
        assert "慢 10 分钟" in status.banner("zh") and "10 min behind" in status.banner("en")
        assert any("clock:" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)

        # Operations keep the counter's own time and sequence, whatever the platform's clock says.
        c = app.counter
        c.run(services.open_shift, OpenShift(CLERK[0], 10_000))
        with c.uow() as uow:
            sku, price = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 LIMIT 1").fetchone()
        first = c.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), (Tender("cash", price),)))
        slow.advance(seconds=-30)  # the clock is set back between two sales
        second = c.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), (Tender("cash", price),)))
        assert second.recorded.seq == first.recorded.seq + 1
        with c.uow() as uow:
            times = dict(uow.conn.execute("SELECT op_id, occurred_at FROM journal WHERE op_id IN (?, ?)",
                                          (first.recorded.op_id, second.recorded.op_id)).fetchall())
        assert times[second.recorded.op_id] < times[first.recorded.op_id]  # local time kept, not "corrected"
        assert app.sync.run_once().ok
    finally:
        app.close()


def test_a_right_clock_shows_no_banner(platform, tmp_path: Path) -> None:
    enrolled(platform, tmp_path / "c", "C62").close()
    app = build(tmp_path / "c", sync=SyncOptions(timeout=(2.0, 5.0)))
    try:
        assert app.sync is not None and app.sync.run_once().ok
        status = app.clock_watch.status()
        assert status.offset_s is not None and status.ok and status.banner() == ""
    finally:
        app.close()
