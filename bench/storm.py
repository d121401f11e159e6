"""Benchmark: K counters reconnect at once after an outage, each with a queue built up offline (issue 18).

Each emulated counter is a thread with the counter's real ``PlatformClient`` (its timeouts, its error
classification) and the counter's ``Backoff``; on 429, 503, 5xx or a timeout it pauses as a whole for
max(Retry-After, back-off) plus full jitter, then pushes full batches of 100 again. The reference
platform runs as a separate process on 127.0.0.1. Prints seconds until every queue is empty, goodput,
requests per operation, p50/p99 answer time, refusals and timeouts, and checks on the platform's
database that every operation was applied exactly once. Bounded by --deadline.

    python bench/storm.py --counters 200 --ops 200
    python bench/storm.py --counters 2000 --ops 500 --deadline 600
"""

from __future__ import annotations

import argparse
import logging
import math
import multiprocessing
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter_app.domain.errors import PlatformError  # noqa: E402
from counter_app.sync.client import MAX_BATCH, PlatformClient  # noqa: E402
from counter_app.sync.engine import Backoff  # noqa: E402
from platform_sim import db as platform_db  # noqa: E402
from platform_sim.privacy import new_token, token_hash  # noqa: E402
from platform_sim.seed import seed  # noqa: E402
from platform_sim.testing import PlatformProcess  # noqa: E402

DAY = "2026-11-25"
COUNTERS_PER_BRANCH = 20


@dataclass
class Device:
    """One emulated counter's identity."""

    branch_id: str
    counter_id: str
    token: str


@dataclass
class Tallies:
    """What the counters of one worker saw."""

    latencies: list[float] = field(default_factory=list)
    outcomes: Tally[str] = field(default_factory=Tally)
    finished_at: list[float] = field(default_factory=list)
    left: int = 0

    def merge(self, other: Tallies) -> None:
        self.latencies += other.latencies
        self.outcomes.update(other.outcomes)
        self.finished_at += other.finished_at
        self.left += other.left


@dataclass
class StormResult:
    """The figures of one storm."""

    counters: int
    ops_per_counter: int
    drain_s: float
    requests: int
    latencies: list[float]
    outcomes: Tally[str]
    left: int
    applied: int
    distinct: int
    orders: int

    @property
    def total_ops(self) -> int:
        return self.counters * self.ops_per_counter

    @property
    def exactly_once(self) -> bool:
        return self.left == 0 and self.applied == self.distinct == self.orders == self.total_ops

    def lines(self) -> list[str]:
        lat = sorted(self.latencies) or [0.0]
        p99 = lat[min(len(lat) - 1, math.ceil(0.99 * len(lat)) - 1)]
        o = self.outcomes
        return [
            f"storm: {self.counters} counters x {self.ops_per_counter} ops = {self.total_ops} operations",
            f"  every queue empty after  {self.drain_s:8.1f} s" + ("" if self.left == 0 else f"  ({self.left} ops LEFT)"),
            f"  goodput                  {self.total_ops / max(self.drain_s, 1e-9):8.0f} ops/s",
            f"  requests per 100 ops     {100 * self.requests / max(self.total_ops, 1):8.2f}  ({self.requests} requests)",
            f"  answer time p50 / p99    {1000 * statistics.median(lat):8.1f} / {1000 * p99:.1f} ms",
            f"  answers                  ok {o['ok']}, 429 {o['429']}, 503 {o['503']}, other 5xx {o['5xx']}",
            f"  timeouts {o['timeout']}, connection errors {o['unreachable']}, other errors {o['other']}",
            f"  exactly once             {'yes' if self.exactly_once else 'NO'} (applied {self.applied}, distinct "
            f"{self.distinct}, counter orders {self.orders}, expected {self.total_ops})",
        ]


def prepare(db_path: Path, counters: int) -> list[Device]:
    """A seeded platform db with ``counters`` enrolled devices (written straight in the db: set-up only)."""
    branches = max(4, math.ceil(counters / COUNTERS_PER_BRANCH))
    seed(db_path, demo=False, members=200, orders=10, branches=branches, products=50, bills_per_biller=5)
    devices = [Device(f"B{1 + i // COUNTERS_PER_BRANCH:03d}", f"C{1 + i % COUNTERS_PER_BRANCH:02d}", new_token())
               for i in range(counters)]
    conn = platform_db.connect(db_path)
    try:
        with conn:
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO devices (device_id, branch_id, counter_id, token_hash, enrolled_at)"
                             " VALUES (?,?,?,?,?)", [(uuid.uuid4().hex, d.branch_id, d.counter_id,
                                                       token_hash(d.token), "2026-11-25T08:00:00+00:00")
                                                      for d in devices])
    finally:
        conn.close()
    return devices


def _product(db_path: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("SELECT sku, price_fen FROM products WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()
        return str(row[0]), int(row[1])
    finally:
        conn.close()


def queued_ops(device: Device, n: int, sku: str, price: int) -> list[dict[str, Any]]:
    """The queue one counter built up offline: ``n`` cash sales."""
    ops = []
    for seq in range(1, n + 1):
        order_no = f"{device.branch_id}{device.counter_id}-{DAY.replace('-', '')}-{seq:05d}"
        payload = {"order_no": order_no, "lines": [{"sku": sku, "name": "商品", "qty": 1, "unit_price_fen": price,
                                                    "amount_fen": price}],
                   "subtotal_fen": price, "discount_fen": 0, "total_fen": price,
                   "tenders": [{"method": "cash", "amount_fen": price, "reference": None, "points": 0}],
                   "change_fen": 0, "paid": True, "member_id": None, "points_earned": 0, "points_redeemed": 0}
        ops.append({"op_id": str(uuid.uuid4()), "kind": "counter_order", "branch_id": device.branch_id,
                    "counter_id": device.counter_id, "clerk_id": "1001", "shift_id": "S-1", "aggregate_id": order_no,
                    "device_seq": seq, "occurred_at": f"{DAY}T09:30:00+08:00", "business_date": DAY,
                    "payload": payload})
    return ops


def pause_s(error: PlatformError, attempts: int, backoff: Backoff, rng: random.Random) -> float:
    """How long the whole counter waits after a failed push: max(Retry-After, back-off) plus full jitter."""
    wait = max(float(error.details.get("retry_after") or 0.0), backoff.delay(attempts, rng))
    return wait + rng.uniform(0.0, wait)


def _kind(error: PlatformError) -> str:
    status = error.details.get("status")
    if status in (429, 503):
        return str(status)
    if isinstance(status, int) and status >= 500:
        return "5xx"
    if error.details.get("timed_out"):  # no complete answer within the call's deadline (also "unreachable")
        return "timeout"
    if error.details.get("reachable") is False:
        return "unreachable"
    return "other"


def _counter(base_url: str, device: Device, ops: list[dict[str, Any]], start: float, deadline: float,
             tallies: Tallies, lock: threading.Lock, seed_value: int) -> None:
    """One counter: push its queue in full batches, pausing as a whole after every failure."""
    client = PlatformClient(base_url, token=device.token)
    rng, backoff = random.Random(seed_value), Backoff()
    latencies: list[float] = []
    outcomes: Tally[str] = Tally()
    attempts, done = 0, 0
    try:
        while done < len(ops) and time.monotonic() < deadline:
            batch = ops[done:done + MAX_BATCH]
            sent = time.monotonic()
            try:
                client.push_batch(batch)
            except PlatformError as exc:
                latencies.append(time.monotonic() - sent)
                outcomes[_kind(exc)] += 1
                time.sleep(min(pause_s(exc, attempts, backoff, rng), max(0.0, deadline - time.monotonic())))
                attempts += 1
                continue
            latencies.append(time.monotonic() - sent)
            outcomes["ok"] += 1
            attempts, done = 0, done + len(batch)
    finally:
        client.close()
    with lock:
        tallies.latencies += latencies
        tallies.outcomes.update(outcomes)
        if done == len(ops):
            tallies.finished_at.append(time.monotonic() - start)
        tallies.left += len(ops) - done


def _worker(base_url: str, devices: list[Device], n_ops: int, sku: str, price: int, start_at: float,
            deadline_s: float, worker: int) -> Tallies:
    """Run these counters as threads of one process, all released at wall-clock ``start_at``."""
    logging.getLogger("counter_app.sync.client").setLevel(logging.ERROR)  # one line per refusal otherwise
    queues = [queued_ops(d, n_ops, sku, price) for d in devices]
    threading.stack_size(512 * 1024)
    time.sleep(max(0.0, start_at - time.time()))
    start = time.monotonic()
    tallies, lock = Tallies(), threading.Lock()
    threads = [threading.Thread(target=_counter, args=(base_url, d, q, start, start + deadline_s, tallies, lock,
                                                      worker * 100_000 + i), daemon=True)
               for i, (d, q) in enumerate(zip(devices, queues))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tallies


def run_storm(workdir: Path, *, counters: int, ops: int, processes: int = 2, deadline_s: float = 600.0,
              server_args: tuple[str, ...] = ()) -> StormResult:
    """Prepare a platform for ``counters`` counters, release them all at once, check the db afterwards."""
    db_path = workdir / "storm.db"
    devices = prepare(db_path, counters)
    sku, price = _product(db_path)
    with PlatformProcess(db_path, extra_args=server_args) as platform:
        start_at = time.time() + 1.0 + counters * ops / 200_000  # time for the workers to build their queues
        parts = [devices[i::processes] for i in range(processes)]
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            jobs = [pool.apply_async(_worker, (platform.base_url, part, ops, sku, price, start_at, deadline_s, i))
                    for i, part in enumerate(parts)]
            tallies = Tallies()
            for job in jobs:
                tallies.merge(job.get(timeout=deadline_s + 120))
    conn = sqlite3.connect(db_path)
    try:
        applied, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT op_id) FROM ops WHERE status = 'accepted'").fetchone()
        orders = conn.execute("SELECT COUNT(*) FROM orders WHERE source = 'counter'").fetchone()[0]
    finally:
        conn.close()
    drain = max(tallies.finished_at) if tallies.finished_at and not tallies.left else deadline_s
    return StormResult(counters, ops, drain, len(tallies.latencies), tallies.latencies, tallies.outcomes,
                       tallies.left, applied, distinct, orders)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counters", type=int, default=200, help="emulated counters (default 200)")
    parser.add_argument("--ops", type=int, default=200, help="queued operations per counter (default 200)")
    parser.add_argument("--processes", type=int, default=2, help="processes the counters run in (default 2)")
    parser.add_argument("--deadline", type=float, default=600.0, help="give up after this many seconds (600)")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="extra `platform serve` option, e.g. --server-arg=--max-in-flight=4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run_storm(Path(tmp), counters=args.counters, ops=args.ops, processes=args.processes,
                           deadline_s=args.deadline, server_args=tuple(args.server_arg))
    print("\n".join(result.lines()))
    return 0 if result.exactly_once else 1


if __name__ == "__main__":
    sys.exit(main())
