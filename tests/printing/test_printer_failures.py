"""Every way a printer fails ends as a PrinterError with a clear Chinese and English message, quickly."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from counter_app.domain.errors import PrinterError
from counter_app.printing.escpos_output import PrinterSettings
from counter_app.printing.transport import send
from counter_app.printing.receipts import receipt_for_operation
from counter_app.printing.spool import ReceiptPrinter

from .conftest import network_settings
from .escpos_decoder import decode
from .fake_printer import FakePrinter, closed_port
from .samples import BRANCH, cash_sale

pytestmark = pytest.mark.timeout(10)


def test_printer_refusing_connections_raises_printer_not_reachable_with_its_address() -> None:
    port = closed_port()
    settings = PrinterSettings(kind="network", host="127.0.0.1", port=port, timeout_s=1.0)
    started = time.monotonic()
    with pytest.raises(PrinterError) as caught:
        ReceiptPrinter().print_receipt(receipt_for_operation(cash_sale(), branch=BRANCH), settings)
    assert time.monotonic() - started < 3
    assert caught.value.code == "printer_unreachable"
    assert caught.value.zh.startswith(f"打印机未连接：127.0.0.1:{port}")
    assert "Printer not reachable" in caught.value.en


def test_printer_dropping_the_line_mid_receipt_raises_printer_interrupted() -> None:
    with FakePrinter(close_after=200) as printer:
        started = time.monotonic()
        with pytest.raises(PrinterError) as caught:
            ReceiptPrinter().print_receipt(receipt_for_operation(cash_sale(), branch=BRANCH), network_settings(printer))
        assert time.monotonic() - started < 3
        (partial,) = printer.wait_for_jobs(1)
    assert caught.value.code == "printer_interrupted"
    assert "打印中断" in caught.value.zh and "stopped mid-receipt" in caught.value.en
    assert len(partial) == 200 - 6  # the status request before the receipt was read too
    assert caught.value.details["maybe_printed"]  # part of it may be on paper: the next print is 补打


def test_printer_that_stops_reading_times_out_instead_of_hanging() -> None:
    # More than the loopback socket buffers hold, so the writes block once the printer stops reading.
    data = b"x" * (64 * 1024 * 1024)
    with FakePrinter(stall_after=1000) as printer:
        settings = network_settings(printer, timeout_s=0.5)
        started = time.monotonic()
        with pytest.raises(PrinterError) as caught:
            send(data, settings)
        assert time.monotonic() - started < 5
    assert caught.value.code == "printer_timeout"
    assert "打印机无响应" in caught.value.zh


def test_printer_recovers_after_a_failed_job_on_the_next_fresh_connection() -> None:
    port = closed_port()
    receipt = receipt_for_operation(cash_sale(), branch=BRANCH)
    printer = ReceiptPrinter()
    with pytest.raises(PrinterError):
        printer.print_receipt(receipt, PrinterSettings(kind="network", host="127.0.0.1", port=port, timeout_s=1.0))
    with FakePrinter() as fake:
        printer.print_receipt(receipt, network_settings(fake))
        (job,) = fake.wait_for_jobs(1)
    assert decode(job).cuts == 1


def test_file_printer_writes_the_receipt_bytes(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    ReceiptPrinter().print_receipt(
        receipt_for_operation(cash_sale(), branch=BRANCH), PrinterSettings(kind="file", file_path=str(target))
    )
    assert "销售小票" in decode(target.read_bytes()).text


def test_file_printer_on_a_missing_device_raises_not_reachable(tmp_path: Path) -> None:
    settings = PrinterSettings(kind="file", file_path=str(tmp_path / "no-such-dir" / "lp0"))
    with pytest.raises(PrinterError) as caught:
        send(b"\x1b@", settings)
    assert caught.value.code == "printer_unreachable"
    assert "no-such-dir" in caught.value.zh


def test_usb_printer_not_plugged_in_is_a_clear_error() -> None:
    with pytest.raises(PrinterError) as caught:
        send(b"\x1b@", PrinterSettings(kind="usb", usb_vendor_id=0x04B8, usb_product_id=0x0202))
    assert caught.value.code == "printer_unreachable"
    assert "USB 04b8:0202" in caught.value.zh


def test_serial_printer_on_a_missing_port_is_a_clear_error() -> None:
    with pytest.raises(PrinterError) as caught:
        send(b"\x1b@", PrinterSettings(kind="serial", serial_device="/dev/ttyNO-SUCH-PORT"))
    assert caught.value.code == "printer_unreachable"
    assert "/dev/ttyNO-SUCH-PORT" in caught.value.zh


def test_no_printer_set_up_prints_nothing_and_does_not_fail() -> None:
    ReceiptPrinter().print_receipt(receipt_for_operation(cash_sale(), branch=BRANCH), PrinterSettings(kind="none"))


def test_incomplete_network_settings_are_refused_in_the_clerks_language() -> None:
    with pytest.raises(PrinterError) as caught:
        send(b"", PrinterSettings(kind="network", host=""))
    assert caught.value.code == "printer_settings_invalid"
    assert "IP" in caught.value.zh


def test_unknown_printer_profile_is_refused() -> None:
    with pytest.raises(PrinterError) as caught:
        ReceiptPrinter().render(receipt_for_operation(cash_sale(), branch=BRANCH), PrinterSettings(kind="file", file_path="x", profile="NO-SUCH-MODEL"))
    assert caught.value.code == "printer_profile_unknown"


def test_malformed_stored_operation_becomes_a_printer_error_not_a_crash() -> None:
    with pytest.raises(PrinterError) as caught:
        ReceiptPrinter().print_operation({"op_id": "x", "kind": "bill_payment", "payload": {}}, PrinterSettings(kind="none"), branch=BRANCH)
    assert caught.value.code == "receipt_unprintable"


def test_device_file_whose_reader_stalls_times_out_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # opened, and never read: the pipe fills up
    try:
        started = time.monotonic()
        with pytest.raises(PrinterError) as caught:
            send(b"x" * (1024 * 1024), PrinterSettings(kind="file", file_path=str(fifo), timeout_s=0.5))
        assert time.monotonic() - started < 3
    finally:
        os.close(reader)
    assert caught.value.code == "printer_timeout" and "打印机无响应" in caught.value.zh
    assert caught.value.details["maybe_printed"]


def test_device_file_nobody_reads_is_not_reachable_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # opening it for writing the ordinary way would block until a reader came
    started = time.monotonic()
    with pytest.raises(PrinterError) as caught:
        send(b"\x1b@", PrinterSettings(kind="file", file_path=str(fifo), timeout_s=0.5))
    assert time.monotonic() - started < 1
    assert caught.value.code == "printer_unreachable" and not caught.value.details["maybe_printed"]


def test_file_printer_cannot_confirm_so_its_delivery_is_unconfirmed(tmp_path: Path) -> None:
    delivery = send(b"\x1b@", PrinterSettings(kind="file", file_path=str(tmp_path / "lp0")))
    assert delivery.confirmed is False
    assert not PrinterSettings(kind="file", file_path="x").can_confirm


def test_gs_r_printer_reporting_paper_out_sends_nothing() -> None:
    with FakePrinter(status="paper_out") as printer:
        settings = PrinterSettings(kind="network", host=printer.host, port=printer.port, timeout_s=1.0, status="gs_r")
        with pytest.raises(PrinterError) as caught:
            send(b"\x1b@receipt", settings)
        (job,) = printer.wait_for_jobs(1)
    assert caught.value.code == "printer_paper_out" and "缺纸" in caught.value.zh
    assert job == b"" and printer.status_requests == 1 and not caught.value.details["maybe_printed"]


def test_opening_the_drawer_alone_sends_one_kick_and_nothing_else() -> None:
    with FakePrinter() as printer:
        delivery = ReceiptPrinter().open_drawer(network_settings(printer))
        (job,) = printer.wait_for_jobs(1)
    kicked = decode(job)
    assert delivery.confirmed and kicked.drawer_kicks == [2] and kicked.cuts == 0 and kicked.lines == []


def test_opening_the_drawer_without_one_set_up_is_refused() -> None:
    with pytest.raises(PrinterError) as caught:
        ReceiptPrinter().open_drawer(PrinterSettings(kind="file", file_path="x", drawer_pin=None))
    assert caught.value.code == "drawer_not_configured" and "钱箱" in caught.value.zh


def test_printer_set_to_not_answer_gets_the_receipt_unconfirmed_without_status_requests() -> None:
    with FakePrinter(status=None) as printer:
        settings = PrinterSettings(kind="network", host=printer.host, port=printer.port, timeout_s=1.0, status="none")
        delivery = send(b"\x1b@", settings)
        (job,) = printer.wait_for_jobs(1)
    assert delivery.confirmed is False and job == b"\x1b@" and printer.status_requests == 0
