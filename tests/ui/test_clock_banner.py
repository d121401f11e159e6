"""A counter clock far off the platform's shows in the status strip (short, so the window never grows) with
the advice in the tooltip; a right clock shows only the time."""

from __future__ import annotations

from datetime import timedelta

from counter_app.app.clock import ClockWatch
from counter_app.app.compose import build


def test_a_clock_ten_minutes_slow_is_marked_in_the_status_strip(make_window, ctx, tmp_path) -> None:
    app = build(tmp_path / "other")  # a real App: the strip reads its clock watch
    try:
        ctx.app = app
        app.clock_watch = ClockWatch(ctx.counter.deps.clock)
        window = make_window()
        width = window.width()
        window.banner.tick()
        assert "时钟有误" not in window.banner.clock.text()
        app.clock_watch.note(ctx.counter.deps.clock.now() + timedelta(minutes=10))  # the platform is 10 min ahead
        window.banner.tick()
        assert "时钟有误" in window.banner.clock.text()
        assert "慢 10 分钟" in window.banner.clock.toolTip()
        assert window.width() == width
    finally:
        app.close()
