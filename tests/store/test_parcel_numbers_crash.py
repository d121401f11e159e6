"""Tracking numbers across crashes: a child posting parcels is SIGKILLed 50 times at random points, then runs
until 1,000 parcels are in. No number is ever used twice, no committed parcel is lost, and the numbers used
are exactly the block's first ones with no gap (a number is taken in the parcel's own transaction)."""

from __future__ import annotations

import os
import random
import select
import signal
import time

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.domain.services.parcels import accept_parcel
from counter_app.store.audit import verify_store
from tests.conftest import FixedClock, seed_counter
from tests.domain.parcels.helpers import load_parcel_data, posting

KILLS = 50
PARCELS = 1000
BLOCK = NumberBlock("BLK-CRASH", "domestic", "98", "CN", 7_000_000, 1500)


def _child_loop(data_dir, ack_fd: int, stop_at: int) -> None:
    """Runs in the forked child: post parcels until ``stop_at`` are in, reporting each committed number."""
    counter = Counter(data_dir, clock=FixedClock())
    n = 0
    while True:
        with counter.uow().read() as uow:
            if uow.parcels.count() >= stop_at:
                os._exit(0)
        n += 1
        done = counter.run(accept_parcel, posting(500 + (n % 7) * 400))
        os.write(ack_fd, (done.tracking_no + "\n").encode())


def _run_child(data_dir, *, stop_at: int, kill_after_s: float | None) -> set[str]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            _child_loop(data_dir, write_fd, stop_at)
        finally:
            os._exit(1)
    os.close(write_fd)
    if kill_after_s is not None:
        select.select([read_fd], [], [], 10.0)  # at work (a loaded machine may take a while to start it)
        time.sleep(kill_after_s)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if kill_after_s is None:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    with os.fdopen(read_fd) as acks:
        return {line.strip() for line in acks if line.endswith("\n")}


@pytest.mark.slow
def test_a_thousand_parcels_with_fifty_kills_never_reuse_a_number_and_lose_none(tmp_path) -> None:
    data_dir = tmp_path / "counter"
    setup = Counter(data_dir, clock=FixedClock())
    seed_counter(setup)
    load_parcel_data(setup, BLOCK)
    setup.run(services.open_shift, OpenShift("1001", 10_000))
    setup.close()
    rng = random.Random(20261130)
    acked: list[str] = []
    kills_mid_work = 0
    for _ in range(KILLS):
        done = _run_child(data_dir, stop_at=PARCELS, kill_after_s=rng.uniform(0.0, 0.02))  # short: a fast machine must not post them all
        kills_mid_work += bool(done)
        acked += done
    assert kills_mid_work > KILLS // 2, "the child rarely got to commit: the kills did not hit work"
    assert len(acked) < PARCELS, "the kills came too late: the last run must post parcels too"
    acked += _run_child(data_dir, stop_at=PARCELS, kill_after_s=None)

    counter = Counter(data_dir)
    try:
        problems, _ = verify_store(counter.store)
        assert problems == []
        conn = counter.store.connection()
        numbers = [r[0] for r in conn.execute("SELECT tracking_no FROM parcels")]
        journal = [r[0] for r in conn.execute(
            "SELECT json_extract(payload, '$.tracking_no') FROM journal WHERE kind = 'parcel_posting'")]
        outbox = [r[0] for r in conn.execute(
            "SELECT json_extract(body, '$.payload.tracking_no') FROM outbox WHERE kind = 'parcel_posting'")]
        assert len(numbers) == PARCELS
        assert sorted(numbers) == sorted(journal) == sorted(outbox), "parcel rows, journal and outbox agree"
        assert len(set(numbers)) == len(numbers), "a tracking number was used twice"
        assert len(acked) == len(set(acked)), "the child was handed a number twice"
        assert not set(acked) - set(numbers), "a committed parcel was lost"
        assert sorted(numbers) == [BLOCK.number(s) for s in range(BLOCK.first_serial, BLOCK.first_serial + PARCELS)]
        next_serial = conn.execute("SELECT next_serial FROM parcel_blocks WHERE block_id = ?",
                                   (BLOCK.block_id,)).fetchone()[0]
        assert next_serial == BLOCK.first_serial + PARCELS
    finally:
        counter.close()
