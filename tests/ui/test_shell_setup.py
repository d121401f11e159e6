"""首次设置: branch, counter, printer and the first supervisor."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.app.compose import build
from counter_app.app.settings import load_settings
from counter_app.bootstrap import Counter
from counter_app.ui.app import build_context, context_for
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.worker import Runner

from .ws_helpers import platform  # noqa: F401


def test_first_run_setup_saves_the_counter_and_a_supervisor(qtbot, styled_app, tmp_path):
    counter = Counter(tmp_path / "fresh")
    try:
        ctx = build_context(counter, runner=Runner())
        assert not ctx.settings.is_configured
        dialog = SetupDialog(ctx)
        qtbot.add_widget(dialog)
        qtbot.keyClicks(dialog.fields["branch_id"], "B002")
        dialog.ok.click()
        assert dialog.errors["counter_id"].text() == "必填"
        qtbot.keyClicks(dialog.fields["counter_id"], "C03")
        dialog.ok.click()
        assert "IP" in dialog.printer.error_beside("host")  # a network printer needs its address
        qtbot.keyClicks(dialog.printer.host, "192.168.1.50")
        dialog.printer.paper_mm.setCurrentIndex(dialog.printer.paper_mm.findData(58))
        qtbot.keyClicks(dialog.fields["supervisor_id"], "9100")
        qtbot.keyClicks(dialog.fields["supervisor_pin"], "12")
        dialog.ok.click()
        assert dialog.errors["supervisor_pin"].text() == "密码须为 4 到 8 位数字"
        qtbot.keyClicks(dialog.fields["supervisor_pin"], "3456")
        dialog.show()  # shortcuts act on the active window only
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
        with qtbot.waitSignal(dialog.configured, timeout=10_000):  # Ctrl+Enter, as the button says
            qtbot.keyClick(dialog.fields["supervisor_pin"], Qt.Key_Return, Qt.ControlModifier)
        ctx.runner.wait_idle()
        assert ctx.settings.is_configured and load_settings(counter).is_configured
        settings = counter.settings()
        assert (settings["branch_id"], settings["counter_id"]) == ("B002", "C03")
        assert settings["printer"] == {"kind": "network", "host": "192.168.1.50", "port": 9100, "paper_mm": 58,
                                       "profile": "default", "drawer_pin": 2}
        with counter.uow() as uow:
            assert uow.clerks.get("9100").is_supervisor
    finally:
        counter.close()


def test_platform_address_must_be_a_url(qtbot, styled_app, tmp_path):
    counter = Counter(tmp_path / "fresh")
    try:
        dialog = SetupDialog(build_context(counter, runner=Runner()))
        qtbot.add_widget(dialog)
        qtbot.keyClicks(dialog.fields["branch_id"], "B002")
        qtbot.keyClicks(dialog.fields["counter_id"], "C03")
        qtbot.keyClicks(dialog.printer.host, "10.0.0.5")
        qtbot.keyClicks(dialog.fields["platform_url"], "platform.example")
        dialog.ok.click()
        assert "http://" in dialog.errors["platform_url"].text()
        assert counter.settings().get("counter_id") is None
    finally:
        counter.close()


def test_first_run_sets_up_a_usb_printer_with_its_ids(qtbot, styled_app, tmp_path):
    counter = Counter(tmp_path / "fresh")
    try:
        ctx = build_context(counter, runner=Runner())
        dialog = SetupDialog(ctx)
        qtbot.add_widget(dialog)
        qtbot.keyClicks(dialog.fields["branch_id"], "B002")
        qtbot.keyClicks(dialog.fields["counter_id"], "C04")
        dialog.printer.set_kind("usb")
        qtbot.keyClicks(dialog.printer.usb_vendor_id, "0x04b8")
        dialog.ok.click()
        assert dialog.printer.error_beside("usb_product_id")  # refused beside the missing id, nothing saved
        assert counter.settings().get("counter_id") is None
        qtbot.keyClicks(dialog.printer.usb_product_id, "0x0202")
        with qtbot.waitSignal(dialog.configured, timeout=10_000):
            dialog.ok.click()
        ctx.runner.wait_idle()
        printer = counter.settings()["printer"]
        assert (printer["kind"], printer["usb_vendor_id"], printer["usb_product_id"]) == ("usb", 0x04B8, 0x0202)
    finally:
        counter.close()


def test_first_run_enrolment_attaches_the_sync_engine_at_once(qtbot, styled_app, tmp_path, platform):
    from platform_sim.admin import issue_enrolment_code

    from counter_app.ui.app import Shell

    app = build(tmp_path / "fresh")  # the composition root, as ``counter-app run`` builds it
    counter = app.counter
    ctx = context_for(app, runner=Runner())
    assert app.sync is None and counter.deps.platform is None  # not enrolled yet
    shell = Shell(ctx)
    try:
        shell.start()
        dialog = shell.setup
        qtbot.add_widget(dialog)
        qtbot.keyClicks(dialog.fields["branch_id"], "B001")
        qtbot.keyClicks(dialog.fields["counter_id"], "C09")
        dialog.printer.set_kind("none")
        qtbot.keyClicks(dialog.fields["platform_url"], platform.base_url)
        qtbot.keyClicks(dialog.fields["enrolment_code"], issue_enrolment_code(platform.db_path, "B001"))
        with qtbot.waitSignal(dialog.configured, timeout=15_000):
            dialog.ok.click()
        qtbot.waitUntil(lambda: ctx.sync is not None, timeout=10_000)
        assert counter.settings()["token"]
        assert ctx.sync is app.sync and counter.deps.platform is app.link.lookups
        assert ctx.sync.run_once().ok  # the engine talks to the platform it was enrolled with
    finally:
        if shell.login is not None:
            qtbot.add_widget(shell.login)
        shell.shutdown()
        ctx.runner.wait_idle()
        app.close()
