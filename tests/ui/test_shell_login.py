"""Login, lockout, idle lock and the lock screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.ui.login import LoginWindow


def login_window(qtbot, ctx) -> LoginWindow:
    window = LoginWindow(ctx)
    qtbot.add_widget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def type_login(qtbot, window: LoginWindow, clerk_id: str, pin: str) -> None:
    window.form.clerk_id.clear()
    qtbot.keyClicks(window.form.clerk_id, clerk_id)
    qtbot.keyClick(window.form.clerk_id, Qt.Key_Return)
    qtbot.keyClicks(window.form.pin, pin)
    qtbot.keyClick(window.form.pin, Qt.Key_Return)


def test_login_with_the_right_pin_signs_the_clerk_in(qtbot, ctx):
    window = login_window(qtbot, ctx)
    with qtbot.waitSignal(window.logged_in, timeout=10_000) as signal:
        type_login(qtbot, window, "1001", "1234")
    session = signal.args[0]
    assert (session.clerk_id, session.name, session.role, session.shift_id) == ("1001", "王芳", "clerk", None)
    assert window.form.pin.text() == ""


def test_wrong_pin_is_shown_beside_the_pin_field(qtbot, ctx):
    window = login_window(qtbot, ctx)
    type_login(qtbot, window, "1001", "0000")
    qtbot.waitUntil(lambda: window.form.pin_error.text() != "", timeout=10_000)
    assert window.form.pin_error.text() == "工号或密码错误（再错 4 次将锁定）"
    assert window.form.pin.property("error") is True
    assert window.form.clerk_error.text() == ""


def test_five_wrong_pins_lock_the_clerk_out(qtbot, ctx):
    window = login_window(qtbot, ctx)
    for attempt in range(1, 6):
        type_login(qtbot, window, "1001", "0000")
        qtbot.waitUntil(lambda: window.form.pin_error.text() != "" and not window.form.busy, timeout=10_000)
        if attempt < 5:
            assert f"再错 {5 - attempt} 次" in window.form.pin_error.text()
    assert window.form.pin_error.text() == "密码连续错误 5 次，账号已锁定 15 分钟"
    # Even the right PIN is refused while locked; the message names when the lock ends.
    type_login(qtbot, window, "1001", "1234")
    qtbot.waitUntil(lambda: window.form.clerk_error.text() != "", timeout=10_000)
    assert window.form.clerk_error.text() == "密码错误次数过多，账号已锁定至 09:45"


def test_idle_time_locks_the_counter_and_the_clerk_pin_unlocks_it(qtbot, make_window):
    window = make_window()
    window.set_idle_timeout_ms(150)
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    assert window.lock_screen.isVisible()
    assert not window.stack.isVisible()
    assert window.lock_screen.form.clerk_id.text() == "1001"
    assert window.lock_screen.form.clerk_id.isReadOnly()
    assert not window.workspace_actions[1].isEnabled()  # F-keys do nothing behind the lock
    qtbot.keyClicks(window.lock_screen.form.pin, "1234")
    qtbot.keyClick(window.lock_screen.form.pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    assert window.ctx.session.clerk_id == "1001"
    assert window.ctx.session.shift_id is not None
    assert window.stack.isVisible()


def test_a_wrong_pin_keeps_the_lock(qtbot, make_window):
    window = make_window()
    window.lock()
    qtbot.keyClicks(window.lock_screen.form.pin, "9999")
    qtbot.keyClick(window.lock_screen.form.pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.lock_screen.form.pin_error.text() != "", timeout=10_000)
    assert window.locked
    assert "工号或密码错误" in window.lock_screen.form.pin_error.text()


def test_another_clerk_can_log_in_at_the_lock_screen(qtbot, make_window):
    window = make_window()
    window.lock()
    window.lock_screen.switch_clerk()
    qtbot.keyClicks(window.lock_screen.form.clerk_id, "9001")
    qtbot.keyClicks(window.lock_screen.form.pin, "8888")
    qtbot.keyClick(window.lock_screen.form.pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    assert window.ctx.session.clerk_id == "9001"
    assert window.ctx.session.shift_id is None  # the supervisor has no shift here: the gate shows
    assert window.gate.isVisible()
    assert ("session", True) in window.workspace("sale").changes
