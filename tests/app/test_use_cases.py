"""The use cases the window, the CLI and the demo share, run without Qt on a real seeded counter."""

from __future__ import annotations

import pytest

from counter_app.app.changes import Change, ChangeHub
from counter_app.app.printer import load_for_supervisor, parse_usb_id, print_test_page, save_printer_settings
from counter_app.app.session import approve, drawer_state, sign_in
from counter_app.app.settings import DEFAULT_IDLE_LOCK_MINUTES, Settings, load_settings, save_settings
from counter_app.app.setup import apply_setup, check_setup
from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift, PlaceOrder, SupervisorApproval
from counter_app.domain.errors import CounterError
from counter_app.domain.model import CartLine, Tender
from counter_app.printing.escpos_output import PrinterSettings


def test_change_subscribers_hear_the_kind_and_initiator_until_they_unsubscribe(counter):
    heard: list[Change] = []
    stop = counter.subscribe(heard.append)
    screen = object()
    counter.run(services.open_shift, OpenShift("1001", 50_000), initiator=screen)
    assert heard == [Change(operations=True, kind="shift_open", initiator=screen)]
    assert heard[0].touches("shift_open", "shift_close") and not heard[0].touches("refund")
    stop()
    counter.update_settings(idle_lock_minutes=3)
    assert len(heard) == 1


def test_a_failing_subscriber_neither_undoes_the_operation_nor_silences_the_others(counter):
    heard: list[Change] = []

    def broken(_change: Change) -> None:
        raise RuntimeError("a screen that went wrong")

    counter.subscribe(broken)
    counter.subscribe(heard.append)
    opened = counter.run(services.open_shift, OpenShift("1001", 50_000))
    assert opened.shift.shift_id and [c.kind for c in heard] == ["shift_open"]
    hub = ChangeHub()
    hub.subscribe(heard.append)
    hub.unsubscribe(heard.append)
    hub.unsubscribe(heard.append)  # twice is harmless
    assert len(hub) == 0


def test_plain_names_become_flags_or_operation_kinds():
    assert Change.named("print_jobs") == Change(print_jobs=True)
    assert Change.named("sync").sync and not Change.named("sync").operations
    assert Change.named("refund") == Change.operation("refund")


def test_sign_in_finds_the_open_shift_and_refuses_a_wrong_pin(counter):
    with pytest.raises(CounterError):
        sign_in(counter, "1001", "0000")
    assert sign_in(counter, "1001", "1234").shift_id is None
    opened = counter.run(services.open_shift, OpenShift("1001", 50_000))
    session = sign_in(counter, "1001", "1234")
    assert (session.name, session.shift_id, session.is_supervisor) == ("王芳", opened.shift.shift_id, False)


def test_a_supervisor_approves_with_their_own_pin_only(counter):
    assert approve(counter, SupervisorApproval("9001", "8888"), action_zh="测试", action_en="Test") == "9001"
    with pytest.raises(CounterError):
        approve(counter, SupervisorApproval("9001", "1111"), action_zh="测试", action_en="Test")
    with pytest.raises(CounterError):
        approve(counter, SupervisorApproval("1001", "1234"), action_zh="测试", action_en="Test")  # not a supervisor


def test_the_drawer_holds_the_float_plus_the_cash_taken(counter):
    assert drawer_state(counter, "1001") is None
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 1_000),)))
    state = drawer_state(counter, "1001")
    assert state is not None and state.expected_fen == 50_000 + 500


def test_settings_are_one_typed_value_and_saving_tells_subscribers(counter):
    heard: list[Change] = []
    counter.subscribe(heard.append)
    settings = save_settings(counter, idle_lock_minutes=2)
    assert settings.idle_lock_minutes == 2.0 and heard == [Change(settings=True)]
    assert (settings.branch_id, settings.counter_id, settings.is_configured) == ("B001", "C01", True)
    assert settings.counter_line() == "江城市鼓楼邮政营业所  ·  C01"
    assert not settings.is_enrolled and settings.printer == {"kind": "none"}
    assert Settings({"idle_lock_minutes": "soon"}).idle_lock_minutes == DEFAULT_IDLE_LOCK_MINUTES
    assert load_settings(counter) == settings


def test_setup_refuses_an_incomplete_form_naming_the_field(tmp_path):
    base = {"branch_id": "B002", "counter_id": "C03"}
    for values, field in (({"branch_id": "B002"}, "counter_id"),
                          ({**base, "platform_url": "platform.example"}, "platform_url"),
                          ({**base, "platform_url": "http://127.0.0.1:1"}, "enrolment_code"),
                          ({**base, "supervisor_id": "9100", "supervisor_pin": "12"}, "supervisor_pin")):
        with pytest.raises(CounterError) as refused:
            check_setup(values)
        assert refused.value.field == field


def test_setup_saves_the_counter_and_its_supervisor_and_can_run_again(tmp_path):
    counter = Counter(tmp_path / "fresh")
    try:
        values = {"branch_id": "B002", "counter_id": "C03", "branch_name": "", "branch_address": "",
                  "platform_url": "", "supervisor_id": "9100", "supervisor_name": "", "supervisor_pin": "3456",
                  "printer": {"kind": "none"}}
        settings = apply_setup(counter, values)
        again = apply_setup(counter, values)  # e.g. after a failed enrolment: the supervisor is kept
        assert settings.is_configured and again == settings and settings.branch_name == "B002"
        assert sign_in(counter, "9100", "3456").is_supervisor
    finally:
        counter.close()


def test_printer_settings_are_checked_saved_and_the_check_page_printed(counter, tmp_path):
    with pytest.raises(CounterError):
        load_for_supervisor(counter, SupervisorApproval("9001", "0000"))
    assert load_for_supervisor(counter, SupervisorApproval("9001", "8888")) == {"kind": "none"}
    with pytest.raises(CounterError) as refused:
        save_printer_settings(counter, {"kind": "file", "file_path": str(tmp_path / "r.escpos"),
                                        "profile": "no-such-model"})
    assert refused.value.field == "profile" and "printer" not in counter.settings()
    path = tmp_path / "r.escpos"
    settings = save_printer_settings(counter, {"kind": "file", "file_path": str(path), "paper_mm": 58})
    assert settings.printer["paper_mm"] == 58
    print_test_page(counter, PrinterSettings.from_mapping(settings.printer))
    assert path.stat().st_size > 0



def test_usb_ids_are_typed_in_hex_and_refused_beside_their_field():
    assert parse_usb_id(" 0x04b8 ", "usb_vendor_id") == 0x04B8
    assert parse_usb_id("0202", "usb_product_id") == 0x0202
    assert parse_usb_id("", "usb_vendor_id") == 0
    for bad in ("xyz", "0x10000", "-1"):
        with pytest.raises(CounterError) as refused:
            parse_usb_id(bad, "usb_product_id")
        assert refused.value.field == "usb_product_id"
