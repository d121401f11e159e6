"""系统 > 外设设置: a supervisor (real dialog, real PIN) sets the scale on a pseudo-terminal and reads it, sets the
label printer and prints a test label, saves; the F7 parcel screen reads the new scale at once. A wrong PIN
opens nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.ui.devices_dialog import DevicesDialog
from counter_app.ui.main_window import WORKSPACES
from counter_app.ui.supervisor import dialog_approver
from counter_app.ui.workspaces.parcel import ParcelWorkspace
from tests.devices.sim_scale import SimScale
from tests.domain.parcels.helpers import load_parcel_data
from tests.printing.fake_printer import FakePrinter
from tests.ui.conftest import FakeWorkspace
from tests.ui.ws_helpers import answer_supervisor

pytestmark = pytest.mark.timeout(60)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
GS_K_CODE128 = b"\x1dkI"


def _window(make_window, ctx):  # noqa: ANN001, ANN202
    factories = {s.key: (lambda c, k=s.key: FakeWorkspace(c, k)) for s in WORKSPACES}
    factories["parcel"] = lambda c: ParcelWorkspace(c)
    window = make_window(factories=factories)
    ctx.approver = dialog_approver(lambda: window)
    return window


def _open(qtbot, window, seen, pin="8888") -> None:  # noqa: ANN001
    answer_supervisor(qtbot, seen, pin=pin)
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)


def test_supervisor_sets_scale_and_label_printer_and_the_parcel_screen_uses_them_at_once(
        qtbot, make_window, ctx, counter):
    load_parcel_data(counter, NumberBlock("BLK-DV", "domestic", "98", "CN", 900, 10))
    window = _window(make_window, ctx)
    assert window.devices_dialog is None and "外设设置" in [a.text() for a in window.system_menu.actions()]
    seen: list[str] = []
    _open(qtbot, window, seen)
    qtbot.waitUntil(lambda: window.devices_dialog is not None, timeout=5_000)
    dialog: DevicesDialog = window.devices_dialog
    assert "外设设置" in seen[0]
    with qtbot.waitActive(dialog):  # its shortcuts work while it is the active window
        dialog.activateWindow()
    with SimScale(frame="ST,GS,+0001.250kg") as sim, FakePrinter() as printer:
        qtbot.keyClicks(dialog.scale_device, sim.device)
        dialog.scale_baudrate.setCurrentIndex(dialog.scale_baudrate.findData(9600))
        with qtbot.waitSignal(dialog.scale_read, timeout=10_000) as read:
            qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert read.args[0] is True and "1250 克" in dialog.scale_result.text() and "稳定" in read.args[1]

        fields = dialog.printer
        fields.kind.setCurrentIndex(fields.kind.findData("network"))
        assert "paper_mm" not in fields.visible_fields() and "drawer_pin" not in fields.visible_fields()
        qtbot.keyClicks(fields.host, printer.host)
        fields.port.setValue(printer.port)
        dialog.label_size.setCurrentIndex(dialog.label_size.findData("76x130"))
        with qtbot.waitSignal(dialog.tested, timeout=10_000) as tested:
            dialog.label_test_button.click()
        assert tested.args[0] is True, tested.args
        (job,) = printer.wait_for_jobs(1)
        assert GS_K_CODE128 in job and b"TEST0000000" in job

        with qtbot.waitSignal(dialog.saved, timeout=10_000):
            qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        stored = counter.settings()
        assert stored["scale"] == {"device": sim.device, "protocol": "continuous", "baudrate": 9600}
        assert stored["label_printer"]["kind"] == "network" and stored["label_printer"]["label_size"] == "76x130"
        assert stored["label_printer"]["port"] == printer.port and "drawer_pin" not in stored["label_printer"]
        dialog.close_button.click()
        qtbot.waitUntil(lambda: window.devices_dialog is None, timeout=5_000)

        with qtbot.waitActive(window):
            window.activateWindow()
        ws = window.switch_to("parcel")
        assert isinstance(ws, ParcelWorkspace) and ws.scale is None  # no scale handed in: the settings
        qtbot.keyClick(ws.weight, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: ws.weight.text() == "1250", timeout=5_000)
        assert ws.error_beside("weight") == ""


def test_a_bad_baud_rate_or_label_size_never_reaches_the_settings_and_a_wrong_pin_opens_nothing(
        qtbot, make_window, ctx, counter, shown_errors):
    window = _window(make_window, ctx)
    seen: list[str] = []
    _open(qtbot, window, seen, pin="0000")
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=5_000)
    assert window.devices_dialog is None and "Traceback" not in shown_errors[0]

    _open(qtbot, window, seen)
    qtbot.waitUntil(lambda: window.devices_dialog is not None, timeout=5_000)
    dialog = window.devices_dialog
    qtbot.keyClicks(dialog.scale_device, "/dev/ttyUSB9")
    dialog.scale_baudrate.addItem("12345", 12345)
    dialog.scale_baudrate.setCurrentIndex(dialog.scale_baudrate.findData(12345))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.fields["scale_baudrate"].error_text()), timeout=5_000)
    assert "波特率" in dialog.fields["scale_baudrate"].error_text()
    assert "scale" not in counter.settings()
    with qtbot.waitSignal(dialog.scale_read, timeout=10_000) as read:
        dialog.scale_baudrate.setCurrentIndex(dialog.scale_baudrate.findData(9600))
        dialog.scale_test_button.click()
    assert read.args[0] is False and "电子秤未连接" in dialog.scale_result.text()
    window.lock()  # the supervisor's dialog does not stay over the lock screen
    qtbot.waitUntil(lambda: window.devices_dialog is None, timeout=5_000)
