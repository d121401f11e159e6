"""The receipt's print job is written in the operation's own transaction: a process killed right after a
sale commits (before anything asked for a receipt) still leaves that sale's receipt queued, and it prints
after the restart. The job also records the member's points balance after the operation, so a reprint shows
what the original showed."""

from __future__ import annotations

import os
import signal

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder
from counter_app.domain.model import Tender
from counter_app.receipts import ReceiptService
from tests.conftest import FixedClock, seed_counter
from tests.printing.escpos_decoder import decode
from tests.printing.fake_printer import FakePrinter

SALES = 5


def _sell_then_die(data_dir, ack_fd: int) -> None:
    """Forked child: commit sales and die by SIGKILL right after the last commit, before any printing."""
    counter = Counter(data_dir, clock=FixedClock())
    for n in range(SALES):
        sold = counter.run(services.place_order, PlaceOrder(
            "1001", (CartLine("P-WATER", 1 + n),), (Tender("cash", 10_000),), member_id="M0001"))
        os.write(ack_fd, (sold.recorded.op_id + "\n").encode())
    os.kill(os.getpid(), signal.SIGKILL)


def test_sigkill_after_commit_never_leaves_a_sale_without_a_queued_receipt(tmp_path) -> None:
    data_dir = tmp_path / "counter"
    setup = Counter(data_dir, clock=FixedClock())
    seed_counter(setup)
    setup.run(services.open_shift, OpenShift("1001", 10_000))
    setup.close()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            _sell_then_die(data_dir, write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    with os.fdopen(read_fd) as acks:
        sold = [line.strip() for line in acks if line.endswith("\n")]
    assert len(sold) == SALES

    counter = Counter(data_dir, clock=FixedClock())
    try:
        service = ReceiptService(counter)
        queued = service.failed_jobs()
        assert [job["op_id"] for job in queued] == sold, "every committed sale has its receipt waiting"
        assert all(job["status"] == "pending" and not job["reprint"] for job in queued)
        with FakePrinter() as printer:
            counter.update_settings(printer={"kind": "network", "host": "127.0.0.1", "port": printer.port,
                                             "timeout_s": 2.0, "paper_mm": 80})
            for job in queued:
                service.retry(job["job_id"])
            printed = printer.wait_for_jobs(SALES)
        assert all("农夫山泉矿泉水" in decode(job).text for job in printed)
        assert service.failed_jobs() == []
    finally:
        counter.close()


def test_reprint_shows_the_points_balance_the_original_showed(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    first = counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-STAMP-2026", 1),),
                                                         (Tender("cash", 20_000),), member_id="M0001"))
    service = ReceiptService(counter)
    with FakePrinter() as printer:
        counter.update_settings(printer={"kind": "network", "host": "127.0.0.1", "port": printer.port,
                                         "timeout_s": 2.0, "paper_mm": 80})
        service.print_operation(first.recorded.op_id)
        # The same member buys again: their balance moves on, the first receipt's does not.
        counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-TEA", 1),), (Tender("cash", 40_000),),
                                                     member_id="M0001"))
        service.print_operation(first.recorded.op_id, reprint=True)
        # The print worker also prints the second sale's receipt by itself: three jobs, one marked 重印.
        jobs = printer.wait_for_jobs(3)
    original = jobs[0]
    (reprint,) = [job for job in jobs if "重印" in decode(job).text]
    balance_line = next(line for line in decode(original).text.splitlines() if "积分余额" in line)
    assert balance_line in decode(reprint).text.splitlines()
    with counter.uow().read() as uow:
        now = uow.members.get("M0001")
        plus, minus = uow.members.undelivered_points("M0001")
    assert str(now.points_balance + plus - minus) not in balance_line, "the balance really moved on since"
