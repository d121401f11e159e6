"""The main window: F-keys, scanner routing, the change broadcast, the banner, the workspace registry."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

from counter_app.sync.connectivity import SyncStatus
from counter_app.ui.scanner import InputWatcher
from counter_app.ui.workspaces.base import Workspace


def test_function_keys_switch_workspaces(qtbot, make_window):
    window = make_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.side_bar.setFocus()
    for key, name in ((Qt.Key_F3, "bill"), (Qt.Key_F6, "sync"), (Qt.Key_F2, "sale"), (Qt.Key_F4, "member"),
                      (Qt.Key_F5, "report"), (Qt.Key_F1, "pickup")):
        qtbot.keyClick(window.side_bar, key)  # a key press goes to the focused widget
        assert window.current_workspace().key == name
        assert window.side_bar.currentItem().data(Qt.UserRole) == name
    # The side bar is the same switch, by keyboard too.
    window.side_bar.setFocus()
    qtbot.keyClick(window.side_bar, Qt.Key_Down)
    assert window.current_workspace().key == "sale"


def test_every_shell_action_has_a_shortcut(make_window):
    window = make_window()
    for action in window.actions():
        assert not action.shortcut().isEmpty(), action.objectName()


def test_scanner_burst_outside_a_field_lands_in_the_current_workspace(qtbot, make_window):
    window = make_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.switch_to("sale")
    window.side_bar.setFocus()
    qtbot.keyClicks(window.side_bar, "6901234567892")
    qtbot.keyClick(window.side_bar, Qt.Key_Return)
    sale = window.workspace("sale")
    assert sale.scans == ["6901234567892"]
    assert sale.code.text() == "6901234567892"
    assert sale.submitted == ["6901234567892"]
    assert window.workspace("pickup").scans == []


def test_scan_into_the_code_field_is_left_to_the_field(qtbot, make_window):
    window = make_window()
    pickup = window.switch_to("pickup")
    pickup.code.setFocus()
    qtbot.keyClicks(pickup.code, "482913")
    qtbot.keyClick(pickup.code, Qt.Key_Return)
    assert pickup.scans == []
    assert pickup.submitted == ["482913"]


def test_slow_typing_is_not_taken_for_a_scan(qtbot, make_window):
    window = make_window()
    ticks = iter(range(100))
    watcher = InputWatcher(window, clock=lambda: next(ticks) * 0.2)  # 200 ms between keys: a person
    window.side_bar.setFocus()
    for char in "1234":
        watcher.eventFilter(window.side_bar, QKeyEvent(QEvent.KeyPress, Qt.Key_1, Qt.NoModifier, char))
    handled = watcher.eventFilter(window.side_bar, QKeyEvent(QEvent.KeyPress, Qt.Key_Return, Qt.NoModifier, "\r"))
    assert not handled
    assert window.current_workspace().scans == []


def test_no_scan_routing_without_an_open_shift(qtbot, make_window):
    window = make_window(shift=False)
    window.side_bar.setFocus()
    qtbot.keyClicks(window.side_bar, "6901234567892")
    qtbot.keyClick(window.side_bar, Qt.Key_Return)
    assert window.current_workspace().scans == []


def test_changes_from_a_worker_thread_reach_workspaces_on_the_gui_thread(qtbot, make_window):
    window = make_window()
    worker = threading.Thread(target=window.ctx.counter.changed, args=("counter_order",))
    worker.start()
    worker.join()
    for workspace in window.workspaces:
        qtbot.waitUntil(lambda w=workspace: ("counter_order", True) in w.changes, timeout=5_000)


def test_banner_shows_the_clerk_counter_and_queue(qtbot, make_window):
    window = make_window()  # opening the shift queued one message for the platform
    banner = window.banner
    assert banner.clerk.text() == "营业员 王芳（1001）"
    assert banner.counter_label.text() == "网点 B001 · 柜台 C01"
    assert banner.clock.text() == "09:30:00"
    qtbot.waitUntil(lambda: "1 笔待上传" in banner.connectivity.text(), timeout=5_000)
    assert banner.connectivity.property("state") == "local"


class FakeEngine:
    def __init__(self, state: str) -> None:
        self.state = state
        self.listeners = []
        self.sync_requests = 0

    def status(self):
        return SyncStatus(self.state, outbox_pending=3, oldest_unsent_at=None, oldest_unsent_age_s=120.0,
                          last_success_at="2026-11-25T09:12:00+08:00", open_exceptions=0)

    def subscribe(self, callback):
        self.listeners.append(callback)

    def request_sync(self, *, pull: bool = False, retry_now: bool = False):
        assert retry_now, "a clerk's sync request must not wait out retry delays"
        self.sync_requests += 1


def test_banner_follows_the_sync_engine_from_its_thread(qtbot, ctx, make_window):
    engine = FakeEngine("offline")
    ctx.sync = engine
    window = make_window()
    banner = window.banner
    qtbot.waitUntil(lambda: banner.connectivity.property("state") == "offline", timeout=5_000)
    assert banner.connectivity.text() == "离线（自 09:12） · 3 笔待上传"
    engine.state = "degraded"
    publisher = threading.Thread(target=lambda: [cb(engine.status()) for cb in engine.listeners])
    publisher.start()
    publisher.join()
    qtbot.waitUntil(lambda: banner.connectivity.property("state") == "degraded", timeout=5_000)
    assert banner.connectivity.text() == "网络不稳定 · 3 笔待上传"
    window.request_sync()
    qtbot.waitUntil(lambda: engine.sync_requests == 1, timeout=5_000)


def test_the_window_holds_the_six_real_workspaces_in_key_order(qtbot, make_window):
    window = make_window(fakes=False)
    assert [w.key for w in window.workspaces] == ["pickup", "sale", "bill", "member", "report", "sync", "parcel"]
    assert all(isinstance(w, Workspace) for w in window.workspaces)
    assert [window.side_bar.item(i).text().split()[0] for i in range(6)] == ["F1", "F2", "F3", "F4", "F5", "F6"]


def test_busy_indicator_appears_only_for_slow_work(qtbot, make_window):

    window = make_window()
    window.busy_timer.setInterval(50)
    release = threading.Event()
    window.ctx.runner.run(lambda: release.wait(5))
    qtbot.waitUntil(lambda: window.busy_bar.isVisible(), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: not window.busy_bar.isVisible(), timeout=5_000)
    window.ctx.runner.run(lambda: None)
    window.ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: window.ctx.runner.running == 0, timeout=5_000)
    assert not window.busy_bar.isVisible()


# A counter PC's screen, less what the desktop takes: the window's title bar and a task bar.
SCREEN_W, SCREEN_H = 1366, 768
DESKTOP_CHROME_H = 60


def _fits(size, width, height):
    return size.width() <= width and size.height() <= height


def test_every_real_workspace_fits_a_1366_by_768_screen(qtbot, ctx, make_window):
    from PySide6.QtCore import QCoreApplication

    from counter_app.ui.i18n import switch_language

    window = make_window(fakes=False)
    for language in ("zh_CN", "en"):
        window.set_language(language)
        for workspace in window.workspaces:  # the tallest states: the offline bill's pending box shown
            if workspace.key == "bill":
                workspace.pending_box.setVisible(True)
            if workspace.key == "pickup":  # a cash-on-delivery order offline (pickup_cod.py)
                workspace.cod_box.setVisible(True)
        QCoreApplication.processEvents()
        limit_h = SCREEN_H - DESKTOP_CHROME_H
        assert _fits(window.minimumSizeHint(), SCREEN_W, limit_h), (language, window.minimumSizeHint())
        assert _fits(window.minimumSize(), SCREEN_W, limit_h), (language, window.minimumSize())
        if language == "zh_CN":  # the default language also fits an older 1024-pixel-wide counter screen
            assert window.minimumSizeHint().width() <= 1024, window.minimumSizeHint()
        window.resize(SCREEN_W, limit_h)
        QCoreApplication.processEvents()
        assert window.size().width() <= SCREEN_W and window.size().height() <= limit_h
        area = window.stack.size()
        for workspace in window.workspaces:
            hint = workspace.minimumSizeHint()
            assert _fits(hint, area.width(), area.height()), (language, workspace.key, hint, area)
    switch_language(ctx, "zh_CN")


def test_before_the_shift_opens_the_gate_adds_no_height(qtbot, make_window):
    """The 签到 notice sits under the F-keys: above the workspaces it made the window 781 px tall, past the
    768-pixel counter screen, before the clerk had done anything."""
    window = make_window(shift=False, fakes=False)
    assert window.gate.isVisible() and window.gate_button.isEnabled()
    for language in ("zh_CN", "en"):
        window.set_language(language)
        QCoreApplication.processEvents()
        assert _fits(window.minimumSizeHint(), SCREEN_W, SCREEN_H - DESKTOP_CHROME_H), (language,
                                                                                      window.minimumSizeHint())
    window.set_language("zh_CN")
