"""打印机设置: a supervisor changes the receipt printer after the first run and prints a check page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.domain.commands import SupervisorApproval
from counter_app.ui.main_window import MainWindow
from counter_app.ui.printer_dialog import PrinterDialog
from counter_app.ui.supervisor import dialog_approver
from tests.printing.escpos_decoder import decode
from tests.printing.fake_printer import FakePrinter, closed_port
from tests.ui.ws_helpers import answer_supervisor

pytestmark = pytest.mark.timeout(60)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_printer_dialog(qtbot, window: MainWindow) -> PrinterDialog:  # noqa: ANN001 - pytest-qt fixture
    window.printer_action.trigger()
    qtbot.waitUntil(lambda: window.printer_dialog is not None, timeout=5_000)
    dialog = window.printer_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def choose_kind(dialog: PrinterDialog, kind: str) -> None:
    """What the supervisor does with the 连接方式 list."""
    combo = dialog.fields.kind
    combo.setCurrentIndex(combo.findData(kind))


def test_supervisor_sets_a_network_printer_saves_and_prints_a_check_page(qtbot, make_window, approver, ctx):
    window = make_window()
    with FakePrinter() as printer:
        qtbot.keyClick(window, Qt.Key_P, Qt.ControlModifier | Qt.ShiftModifier)  # the menu's shortcut
        qtbot.waitUntil(lambda: window.printer_dialog is not None, timeout=5_000)
        dialog = window.printer_dialog
        assert approver.calls == ["打印机设置"]
        choose_kind(dialog, "network")
        qtbot.keyClicks(dialog.fields.host, printer.host)
        dialog.fields.port.setValue(printer.port)
        dialog.fields.paper_mm.setCurrentIndex(dialog.fields.paper_mm.findData(58))
        dialog.fields.profile.setCurrentText("TM-T20II")
        with qtbot.waitSignal(dialog.saved, timeout=10_000):  # the keys the buttons name, not a click
            qtbot.keyClick(dialog.fields.host, Qt.Key_S, Qt.ControlModifier)
        assert ctx.counter.settings()["printer"] == {"kind": "network", "host": "127.0.0.1", "port": printer.port,
                                                     "paper_mm": 58, "profile": "TM-T20II", "drawer_pin": 2}
        assert dialog.status.text() == "打印机设置已保存"

        with qtbot.waitSignal(dialog.tested, timeout=10_000) as blocker:
            qtbot.keyClick(dialog.fields.host, Qt.Key_T, Qt.ControlModifier)
        assert blocker.args[0] is True, blocker.args
        (job,) = printer.wait_for_jobs(1)
    printed = decode(job)
    assert printed.initialised and not printed.chinese_mode_left_on
    assert "打印测试" in printed.text and printed.find("打印测试").width == 2
    assert "江城市鼓楼邮政营业所" in printed.texts
    assert "中文样张" in printed.text
    assert printed.find("时间").text.split()[-2][:4].isdigit()  # 时间 ... 2026-11-25 09:30:00
    assert printed.cuts == 1 and printed.events[-1] == "cut"
    assert printed.drawer_kicks == []  # a check page never opens the cash drawer
    assert all(len(line.text.encode("gbk")) <= 32 for line in printed.lines)  # 58 mm paper
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.printer_dialog is None, timeout=5_000)


def test_saved_settings_come_back_when_the_dialog_opens_again(qtbot, make_window, ctx):
    ctx.counter.update_settings(printer={"kind": "usb", "usb_vendor_id": 0x04B8, "usb_product_id": 0x0202,
                                         "paper_mm": 80, "profile": "TM-T88V", "drawer_pin": None,
                                         "timeout_s": 5.0})
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    assert dialog.fields.current_kind() == "usb"
    assert (dialog.fields.usb_vendor_id.text(), dialog.fields.usb_product_id.text()) == ("0x04b8", "0x0202")
    assert dialog.fields.profile.currentText() == "TM-T88V"
    assert dialog.fields.drawer_pin.currentData() == 0
    assert dialog.fields.mapping()["timeout_s"] == 5.0  # kept although the dialog does not show it


def test_usb_without_a_product_id_is_refused_beside_that_field(qtbot, make_window, ctx):
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    choose_kind(dialog, "usb")
    qtbot.keyClicks(dialog.fields.usb_vendor_id, "zz")
    dialog.save_button.click()
    assert dialog.fields.error_beside("usb_vendor_id") == "请填写十六进制编号，如 0x04b8"
    dialog.fields.usb_vendor_id.clear()
    qtbot.keyClicks(dialog.fields.usb_vendor_id, "0x04b8")
    dialog.save_button.click()
    assert dialog.fields.error_beside("usb_product_id") == "打印机设置有误：请填写 USB 厂商号和产品号"
    assert dialog.fields.error_beside("usb_vendor_id") == ""
    assert ctx.runner.running == 0 and "printer" not in ctx.counter.settings()
    window.set_language("en")  # the clerk's language
    qtbot.waitUntil(lambda: dialog.save_button.text() == "Save (Ctrl+S)", timeout=5_000)
    assert dialog.fields.fields["usb_product_id"].caption.text() == "USB product id"
    dialog.save_button.click()
    assert dialog.fields.error_beside("usb_product_id") == "Printer settings: enter the USB vendor and product ids"
    assert "printer" not in ctx.counter.settings()


def test_unknown_printer_model_is_refused_beside_the_model(qtbot, make_window, ctx):
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    choose_kind(dialog, "file")
    qtbot.keyClicks(dialog.fields.file_path, "/dev/usb/lp0")
    dialog.fields.profile.setCurrentText("NO-SUCH-MODEL")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.fields.error_beside("profile") != "", timeout=5_000)
    assert dialog.fields.error_beside("profile") == "未知的打印机型号：NO-SUCH-MODEL"
    assert "printer" not in ctx.counter.settings()


def test_a_check_page_on_an_unreachable_printer_says_so(qtbot, make_window):
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    choose_kind(dialog, "network")
    qtbot.keyClicks(dialog.fields.host, "127.0.0.1")
    dialog.fields.port.setValue(closed_port())
    with qtbot.waitSignal(dialog.tested, timeout=10_000) as blocker:
        dialog.test_button.click()
    assert blocker.args[0] is False
    assert dialog.status.text().startswith("打印机未连接：127.0.0.1:")
    assert dialog.test_button.isEnabled()


def test_clerk_without_supervisor_approval_cannot_open_it(qtbot, make_window, approver, ctx, shown_errors):
    window = make_window()
    before = ctx.counter.settings()
    approver.answer = None  # the supervisor dialog was cancelled
    window.printer_action.trigger()
    assert approver.calls == ["打印机设置"]
    assert window.printer_dialog is None and ctx.runner.running == 0
    assert window.statusBar().currentMessage() == "主管未授权，操作已取消"

    approver.answer = SupervisorApproval("1001", "1234")  # the clerk's own id is no supervisor's
    window.printer_action.trigger()
    qtbot.waitUntil(lambda: shown_errors != [], timeout=5_000)
    assert "不是主管" in shown_errors[0]

    approver.answer = SupervisorApproval("9001", "0000")
    window.printer_action.trigger()
    qtbot.waitUntil(lambda: len(shown_errors) == 2, timeout=5_000)
    assert shown_errors[1] == "主管密码错误"
    ctx.runner.wait_idle()
    qtbot.wait(50)
    assert window.printer_dialog is None
    assert ctx.counter.settings() == before


def test_switching_the_kind_shows_only_the_fields_it_needs(qtbot, make_window):
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    common = ["paper_mm", "profile", "drawer_pin"]
    expected = {
        "network": ["kind", "host", "port", *common, "status"],  # how the printer confirms a receipt
        "usb": ["kind", "usb_vendor_id", "usb_product_id", *common, "status"],
        "serial": ["kind", "serial_device", "baudrate", *common, "status"],
        "file": ["kind", "file_path", *common],
        "none": ["kind"],
    }
    for kind, names in expected.items():
        choose_kind(dialog, kind)
        assert dialog.fields.visible_fields() == names, kind
        for name in names:
            assert dialog.fields.fields[name].isVisible(), (kind, name)


def test_locking_the_counter_closes_the_printer_settings(qtbot, make_window):
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    window.lock()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.printer_dialog is None, timeout=5_000)


def test_a_device_file_printer_is_said_to_be_unconfirmed_in_the_settings(qtbot, make_window):
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    note = dialog.fields.unconfirmed_note
    choose_kind(dialog, "file")
    assert note.isVisibleTo(dialog) and "无法回报状态" in note.text() and "未确认" in note.text()
    choose_kind(dialog, "network")  # a network printer answers: nothing to warn about
    assert not note.isVisibleTo(dialog)


def test_a_printer_that_cannot_answer_is_set_to_unconfirmed_and_kept(qtbot, make_window, ctx):
    window = make_window()
    dialog = open_printer_dialog(qtbot, window)
    choose_kind(dialog, "file")
    assert "status" not in dialog.fields.visible_fields()  # a device file never answers
    choose_kind(dialog, "serial")
    assert "status" in dialog.fields.visible_fields()
    dialog.fields.serial_device.setText("/dev/ttyS0")
    dialog.fields.status.setCurrentIndex(dialog.fields.status.findData("none"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert ctx.counter.settings()["printer"]["status"] == "none"


def test_printer_settings_open_after_the_real_supervisor_dialog(qtbot, make_window):
    """Ctrl+Shift+P on the main window: the real approval dialog, the supervisor's own PIN, then the settings."""
    window = make_window()
    window.ctx.approver = dialog_approver(lambda: window)  # the shell's approver, not the fixture's stand-in
    seen: list[str] = []
    answer_supervisor(qtbot, seen)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.printer_dialog is not None, timeout=5_000)
    assert seen[0] == "打印机设置"
    window.printer_dialog.close_button.click()
    qtbot.waitUntil(lambda: window.printer_dialog is None, timeout=5_000)
