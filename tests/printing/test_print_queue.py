"""The print queue with real operations on a real SQLite counter: a receipt counts as printed only when the
printer confirms it, a hung printer never holds up a sale, and a receipt printed again after a failure is
marked 补打 and never opens the drawer again."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.domain import services
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder
from counter_app.domain.errors import PrinterError
from counter_app.domain.model import Tender
from counter_app.receipts import ReceiptService

from .escpos_decoder import decode
from .fake_printer import FakePrinter

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def open_counter(counter):
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    return counter


@pytest.fixture
def receipts(open_counter) -> Iterator[ReceiptService]:
    """The receipt service; its worker retries only when asked (the reasons stay put for the asserts)."""
    service = ReceiptService(open_counter, retry_s=600)
    yield service
    service.close()


def _sell(counter, sku: str = "P-WATER", cash_fen: int = 500):
    return counter.run(services.place_order, PlaceOrder("1001", (CartLine(sku, 1),), (Tender("cash", cash_fen),)))


def _use_network(counter, printer: FakePrinter, *, timeout_s: float = 1.0) -> None:
    counter.update_settings(printer={"kind": "network", "host": "127.0.0.1", "port": printer.port,
                                     "timeout_s": timeout_s, "paper_mm": 80})


def _job(counter, job_id: int) -> dict:
    with counter.uow() as uow:
        return uow.print_jobs.get(job_id)


def _wait_until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.05)


FAULTY_PRINTERS = {
    # name: (how the listener misbehaves, the code, the reason the clerk reads, may part of it be on paper)
    "accepts_and_never_reads": (dict(stall_after=0), "printer_no_answer", "打印机无响应", False),
    "reads_part_and_closes": (dict(close_after=300), "printer_interrupted", "打印中断", True),
    # Answers "ready" to the status request before the receipt, then takes nothing more.
    "answers_then_stops_reading": (dict(stall_after=6), "printer_no_answer", "打印机无响应", True),
    "answers_paper_out": (dict(status="paper_out"), "printer_paper_out", "缺纸", False),
    "answers_cover_open": (dict(status="cover_open"), "printer_cover_open", "纸仓盖打开", False),
}


@pytest.mark.parametrize("name", FAULTY_PRINTERS)
def test_a_printer_that_does_not_confirm_leaves_the_job_queued_with_its_reason(open_counter, receipts, name) -> None:
    behaviour, code, reason, maybe_printed = FAULTY_PRINTERS[name]
    sold = _sell(open_counter)
    with FakePrinter(**behaviour) as faulty:
        _use_network(open_counter, faulty)
        started = time.monotonic()
        with pytest.raises(PrinterError) as caught:
            receipts.print_operation(sold.recorded.op_id)
        assert time.monotonic() - started < 4  # the clerk is told within a few seconds
    assert caught.value.code == code and reason in caught.value.zh
    (queued,) = receipts.failed_jobs()
    assert queued["job_id"] == caught.value.details["job_id"] and queued["op_id"] == sold.recorded.op_id
    assert queued["status"] == "failed" and reason in queued["last_error"] and queued["error_code"] == code
    assert bool(queued["maybe_printed"]) is maybe_printed
    # The printer is fixed: the queued job prints, leaves the queue, and is never a second original.
    with FakePrinter() as ready:
        _use_network(open_counter, ready)
        receipts.retry(queued["job_id"])
        (job,) = ready.wait_for_jobs(1)
    printed = decode(job)
    assert "农夫山泉矿泉水" in printed.text
    assert ("补打 / DUPLICATE" in printed.texts) is maybe_printed
    assert printed.drawer_kicks == []  # a retry never opens the drawer
    assert receipts.failed_jobs() == []
    assert _job(open_counter, queued["job_id"])["confirmed"] == 1


def test_only_a_printer_answering_ready_counts_as_printed_and_opens_the_drawer_once(open_counter, receipts) -> None:
    sold = _sell(open_counter)
    with FakePrinter() as ready:
        _use_network(open_counter, ready)
        job_id = receipts.print_operation(sold.recorded.op_id)
        (job,) = ready.wait_for_jobs(1)
    assert ready.status_requests == 4  # DLE EOT 2 and 4 before the receipt, and again after it
    assert decode(job).drawer_kicks == [2] and "补打 / DUPLICATE" not in decode(job).texts
    assert _job(open_counter, job_id)["status"] == "printed" and _job(open_counter, job_id)["confirmed"] == 1
    assert receipts.failed_jobs() == []


def test_a_retry_after_a_partial_print_is_marked_duplicate_and_opens_no_drawer(open_counter, receipts) -> None:
    sold = _sell(open_counter, "P-TEA", 40_000)
    with FakePrinter(close_after=300) as faulty:
        _use_network(open_counter, faulty)
        with pytest.raises(PrinterError) as caught:
            receipts.print_operation(sold.recorded.op_id)
        (first,) = faulty.wait_for_jobs(1)
    assert decode_prefix_has_drawer(first) is False  # the line dropped before the drawer kick
    with FakePrinter() as ready:
        _use_network(open_counter, ready)
        receipts.retry(caught.value.details["job_id"])
        (again,) = ready.wait_for_jobs(1)
    printed = decode(again)
    assert printed.lines[0].text == "补打 / DUPLICATE" and printed.texts.count("补打 / DUPLICATE") == 2
    assert printed.drawer_kicks == [] and printed.cuts == 1


def decode_prefix_has_drawer(data: bytes) -> bool:
    """Whether a cut-off job got as far as the drawer kick (ESC p)."""
    return b"\x1bp" in data


def test_a_hung_device_file_never_delays_a_sale_and_the_receipts_print_when_a_reader_appears(
    open_counter, receipts, tmp_path: Path
) -> None:
    receipts.worker.retry_s = 0.2  # the worker tries the queue again by itself, as often
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # a device whose reader is gone: opening it for writing would block forever
    open_counter.update_settings(printer={"kind": "file", "file_path": str(fifo), "timeout_s": 1.0, "paper_mm": 58})
    sold = []
    for _ in range(20):
        started = time.monotonic()
        sale = _sell(open_counter)
        receipts.submit(sale.recorded.op_id)
        assert time.monotonic() - started < 0.5  # a commit takes milliseconds; the printer is not waited for
        sold.append(sale)
    with open_counter.uow() as uow:
        assert all(uow.orders.get(sale.order_no) is not None for sale in sold)  # all 20 sales committed
    # The clerk asking for the last receipt hears within seconds that the printer is not there.
    started = time.monotonic()
    with pytest.raises(PrinterError) as caught:
        receipts.print_operation(sold[-1].recorded.op_id)
    assert time.monotonic() - started < 3 and "打印机未连接" in caught.value.zh
    assert len(receipts.failed_jobs()) == 20  # all waiting, the oldest first, with the reason on the one tried
    assert "打印机未连接" in receipts.failed_jobs()[0]["last_error"]

    received = bytearray()
    stop = threading.Event()

    def read() -> None:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            while not stop.is_set():
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    chunk = b""
                if chunk:
                    received.extend(chunk)
                else:
                    time.sleep(0.01)
        finally:
            os.close(fd)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        _wait_until(lambda: receipts.failed_jobs() == [])
        # The pipe drained: 20 cuts (GS V) arrived. Counted in the raw bytes, because the reader's last chunk
        # may end inside a GB18030 character that the decoder would refuse; 0x1d is never part of one.
        _wait_until(lambda: bytes(received).count(b"\x1dV") == 20, timeout=5)
    finally:
        stop.set()
        reader.join(5)
    printed = decode(bytes(received))
    assert printed.cuts == 20
    assert printed.drawer_kicks == []  # late receipts never open the drawer
    assert "补打 / DUPLICATE" not in printed.texts  # nothing had reached the printer before
    with open_counter.uow() as uow:
        jobs = [uow.print_jobs.get(j) for j in range(1, 21)]
    assert all(job["status"] == "printed" and job["confirmed"] == 0 for job in jobs)  # a device file cannot answer


def test_a_receipt_left_over_from_an_earlier_run_waits_for_the_clerk(open_counter, clock) -> None:
    sold = _sell(open_counter)
    with FakePrinter(status="paper_out") as faulty:
        _use_network(open_counter, faulty)
        earlier = ReceiptService(open_counter, retry_s=600)
        with pytest.raises(PrinterError):
            earlier.print_operation(sold.recorded.op_id)
        earlier.close()
    clock.advance(hours=1)  # the app is started again
    with FakePrinter() as ready:
        _use_network(open_counter, ready)
        later = ReceiptService(open_counter, retry_s=0.1)
        try:
            later.print_operation(_sell(open_counter).recorded.op_id)  # a new sale prints at once ...
            (job,) = ready.wait_for_jobs(1)
            assert decode(job).drawer_kicks == [2]
            # (the worker prints oldest first: had it taken the old job, that would have come out first)
            assert [j["op_id"] for j in later.failed_jobs()] == [sold.recorded.op_id]  # ... the old one waits
            later.retry(later.failed_jobs()[0]["job_id"])  # until the clerk prints it
            assert later.failed_jobs() == [] and len(ready.wait_for_jobs(2)) == 2
        finally:
            later.close()
