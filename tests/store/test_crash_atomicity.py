"""Crash atomicity: a child committing operations in a loop is SIGKILLed at random points, 200 times.
After each reopen every operation is wholly present (business rows + journal + outbox) or wholly absent,
every operation the child saw committed is there, and the journal verifies."""

from __future__ import annotations

import os
import random
import select
import signal
import time

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import CartLine, MakeUpPoints, OpenShift, PlaceOrder
from counter_app.domain.model import Tender
from counter_app.store.audit import verify_store
from tests.conftest import FixedClock, seed_counter

KILLS = 200


def _child_loop(data_dir, ack_fd: int) -> None:
    """Runs in the forked child: commit sales (with and without the member's card) and make-ups of the
    card-less ones (补录消费积分) forever, reporting each committed op id."""
    counter = Counter(data_dir, clock=FixedClock())
    n = 0
    card_less = ""
    while True:
        n += 1
        if n % 3:
            result = counter.run(services.place_order, PlaceOrder(
                "1001", (CartLine("P-WATER", 1 + n % 4), CartLine("P-TEA", 1)), (Tender("cash", 100_000),),
                member_id="M0001" if n % 3 == 1 else None))
            card_less = result.order_no
        else:
            result = counter.run(services.make_up_points, MakeUpPoints("1001", "M0001", card_less))
        os.write(ack_fd, (result.recorded.op_id + "\n").encode())


def _check_consistent(data_dir, acked: set[str]) -> int:
    counter = Counter(data_dir)
    try:
        problems, entries = verify_store(counter.store)
        assert problems == [], problems
        conn = counter.store.connection()
        journal = {r[0]: r[1] for r in conn.execute("SELECT op_id, kind FROM journal")}
        outbox = {r[0] for r in conn.execute("SELECT op_id FROM outbox")}
        orders = {r[0] for r in conn.execute("SELECT op_id FROM orders")}
        lines_without_order = conn.execute(
            "SELECT COUNT(*) FROM order_lines l LEFT JOIN orders o ON o.order_no = l.order_no "
            "WHERE o.order_no IS NULL").fetchone()[0]
        payments = {r[0] for r in conn.execute("SELECT DISTINCT op_id FROM payments")}
        points = {r[0] for r in conn.execute("SELECT DISTINCT op_id FROM points_entries")}
        assert set(journal) == outbox, "journal and outbox disagree"
        sales = {op for op, kind in journal.items() if kind == "counter_order"}
        accruals = {op for op, kind in journal.items() if kind == "points_accrual"}
        assert orders == sales == payments
        card_sales = {r[0] for r in conn.execute("SELECT op_id FROM orders WHERE member_id IS NOT NULL")}
        assert points == card_sales | accruals  # each sale with the card earned points, each make-up added some
        assert lines_without_order == 0
        receipts = [r[0] for r in conn.execute("SELECT op_id FROM print_jobs WHERE reprint = 0")]
        assert sorted(receipts) == sorted(sales | accruals), "each operation's receipt is queued with it, once"
        missing = acked - set(journal)
        assert not missing, f"{len(missing)} committed operations lost"
        return entries
    finally:
        counter.close()


@pytest.mark.slow
def test_kill_minus_nine_at_random_points_never_leaves_half_an_operation(tmp_path) -> None:
    data_dir = tmp_path / "counter"
    setup = Counter(data_dir, clock=FixedClock())
    seed_counter(setup)
    setup.run(services.open_shift, OpenShift("1001", 10_000))
    setup.close()
    rng = random.Random(20261125)
    acked: set[str] = set()
    kills_mid_work = 0
    for round_no in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            try:
                _child_loop(data_dir, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        # Kill at a random point once the child is at work (a loaded machine may take a while to start it).
        select.select([read_fd], [], [], 10.0)
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        with os.fdopen(read_fd) as acks:
            done = {line.strip() for line in acks if line.endswith("\n")}
        kills_mid_work += bool(done)
        acked |= done
        if round_no % 20 == 19 or round_no == KILLS - 1:
            entries = _check_consistent(data_dir, acked)
    assert kills_mid_work > KILLS // 2, "the child rarely got to commit: the kills did not hit work"
    assert entries >= len(acked) + 1
