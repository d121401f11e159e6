"""Benchmark: drain queued operations to the reference platform on loopback, for three mixes.

* distinct orders: cash sales, each its own aggregate;
* one member only: accruals of a single member (one aggregate: its messages share batches, in order);
* 40 % points: cash sales with 40 % points operations on one member (accruals, a redemption in ten).

Prints ops/s and requests for batched delivery of each mix, beside one-operation-per-request sending, and
the longest stall of a separate "UI" thread ticking every 5 ms while the drain runs. Targets: >= 1,000
ops/s for every mix, >= 10x the one-per-request rate, stall < 50 ms.

    python bench/sync_drain.py [--ops 5000] [--member-ops 1000] [--single-ops 1000]
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
from counter_app.domain.commands import AccruePoints, CartLine, OpenShift, PlaceOrder, RedeemPoints  # noqa: E402
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


def queue_mix(counter: Counter, n: int, *, points_share: float) -> None:
    """n operations: cash sales, and ``points_share`` of them points operations on one member."""
    with counter.uow() as uow:
        products = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1").fetchall()
        member_id = uow.conn.execute("SELECT member_id FROM members ORDER BY points_balance DESC").fetchone()[0]
    points_done = 0
    for i in range(n):
        if int((i + 1) * points_share) != int(i * points_share):  # points_share of the operations, spread evenly
            points_done += 1
            if points_done % 10 == 0:
                counter.run(services.redeem_points, RedeemPoints("1001", member_id, 1, "兑换"))
            else:
                counter.run(services.accrue_points, AccruePoints("1001", member_id, 2, "累计"))
            continue
        sku, price = products[i % len(products)]
        services.place_order(PlaceOrder("1001", (CartLine(sku, 1),), (Tender("cash", price),)), counter.uow(),
                             counter.deps)


def drain(engine: SyncEngine) -> tuple[int, float, int]:
    start = time.perf_counter()
    delivered = batches = 0
    while True:
        report = engine.run_once(pull=False)
        delivered += report.delivered
        batches += report.batches
        if not report.ok:
            raise SystemExit(f"delivery failed: {report.errors}")
        if engine.status().outbox_pending == 0:
            break
    return delivered, time.perf_counter() - start, batches


MIXES = (("distinct orders", 0.0, "ops"), ("one member only", 1.0, "member_ops"), ("40 % points", 0.4, "ops"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=5_000)
    parser.add_argument("--member-ops", type=int, default=1_000)
    parser.add_argument("--single-ops", type=int, default=1_000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seed_small(root / "platform.db")
        with PlatformProcess(root / "platform.db") as platform:
            for index, (name, share, size) in enumerate(MIXES):
                n = getattr(args, size)
                counter, engine = make_counter(platform, root / f"b{index}", f"C{index + 1:02d}", batch_size=100)
                queue_mix(counter, n, points_share=share)
                ticker = UiTicker()
                ticker.start()
                delivered, seconds, batches = drain(engine)
                ticker.stop()
                counter.close()
                single_counter, single_engine = make_counter(platform, root / f"s{index}", f"C{index + 11:02d}",
                                                             batch_size=1)
                queue_mix(single_counter, args.single_ops, points_share=share)
                delivered1, seconds1, _ = drain(single_engine)
                single_counter.close()
                rows.append((name, delivered, seconds, batches, ticker.worst_s, delivered1 / seconds1))
    print(f"{'mix':<18}{'ops':>7}{'requests':>10}{'batched ops/s':>15}{'1/request ops/s':>17}{'ratio':>7}"
          f"{'UI stall':>10}")
    ok = True
    for name, delivered, seconds, batches, stall, single in rows:
        rate = delivered / seconds
        ok = ok and rate >= 1000
        print(f"{name:<18}{delivered:>7}{batches:>10}{rate:>15,.0f}{single:>17,.0f}{rate / single:>6.1f}x"
              f"{stall * 1000:>8.1f}ms")
    print(f"target >= 1,000 ops/s for every mix: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
