"""Benchmark: drain 10,000 queued operations to the reference platform on loopback.

Prints ops/s for batched delivery, the ratio to one-operation-per-request sending, and the longest stall
of a separate "UI" thread ticking every 5 ms while the drain runs. Targets: >= 1,000 ops/s, >= 10x,
stall < 50 ms.

    python bench/sync_drain.py [--ops 10000] [--single-ops 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter_app.bootstrap import Counter  # noqa: E402
from counter_app.domain import services  # noqa: E402
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder  # noqa: E402
from counter_app.domain.model import Tender  # noqa: E402
from counter_app.sync import SyncEngine, attach_sync  # noqa: E402
from counter_app.sync.enrolment import enrol  # noqa: E402
from platform_sim.admin import issue_enrolment_code  # noqa: E402
from platform_sim.testing import PlatformProcess, seed_small  # noqa: E402


class UiTicker(threading.Thread):
    """A stand-in for the GUI thread: a 5 ms timer that records how late each tick fires."""

    def __init__(self, period_s: float = 0.005) -> None:
        super().__init__(daemon=True)
        self.period_s = period_s
        self.worst_s = 0.0
        self._halt = threading.Event()

    def run(self) -> None:
        expected = time.perf_counter() + self.period_s
        while not self._halt.is_set():
            time.sleep(max(0.0, expected - time.perf_counter()))
            late = time.perf_counter() - expected
            self.worst_s = max(self.worst_s, late)
            expected = time.perf_counter() + self.period_s

    def stop(self) -> None:
        self._halt.set()
        self.join()


def make_counter(platform: PlatformProcess, data_dir: Path, counter_id: str, *, batch_size: int) -> tuple[Counter, SyncEngine]:
    counter = Counter(data_dir)
    counter.configure(branch_id="B001", counter_id=counter_id)
    counter.add_clerk("1001", "王芳", "clerk", "1234")
    enrol(counter, platform_url=platform.base_url, enrolment_code=issue_enrolment_code(platform.db_path, "B001"))
    engine = attach_sync(counter, batch_size=batch_size)
    assert engine is not None
    assert engine.run_once().ok
    counter.run(services.open_shift, OpenShift("1001", 10000))
    engine.run_once(pull=False)
    return counter, engine


def queue_sales(counter: Counter, n: int) -> None:
    with counter.uow() as uow:
        products = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1").fetchall()
    for i in range(n):
        sku, price = products[i % len(products)]
        services.place_order(PlaceOrder("1001", (CartLine(sku, 1),), (Tender("cash", price),)), counter.uow(),
                             counter.deps)


def drain(engine: SyncEngine) -> tuple[int, float]:
    start = time.perf_counter()
    delivered = 0
    while True:
        report = engine.run_once(pull=False)
        delivered += report.delivered
        if not report.ok:
            raise SystemExit(f"delivery failed: {report.errors}")
        if engine.status().outbox_pending == 0:
            break
    return delivered, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--single-ops", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seed_small(root / "platform.db")
        with PlatformProcess(root / "platform.db") as platform:
            counter, engine = make_counter(platform, root / "batched", "C01", batch_size=100)
            t = time.perf_counter()
            queue_sales(counter, args.ops)
            print(f"queued {args.ops} operations in {time.perf_counter() - t:.1f} s")
            ticker = UiTicker()
            ticker.start()
            delivered, seconds = drain(engine)
            ticker.stop()
            batched = delivered / seconds
            print(f"batched (100/request): {delivered} ops in {seconds:.2f} s = {batched:,.0f} ops/s")
            print(f"longest UI-thread stall while draining: {ticker.worst_s * 1000:.1f} ms (target < 50 ms)")

            single_counter, single_engine = make_counter(platform, root / "single", "C02", batch_size=1)
            queue_sales(single_counter, args.single_ops)
            delivered1, seconds1 = drain(single_engine)
            single = delivered1 / seconds1
            print(f"one op per request:   {delivered1} ops in {seconds1:.2f} s = {single:,.0f} ops/s")
            print(f"ratio batched / single: {batched / single:.1f}x (target >= 10x); "
                  f"throughput target >= 1,000 ops/s: {'met' if batched >= 1000 else 'NOT met'}")
            counter.close()
            single_counter.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
