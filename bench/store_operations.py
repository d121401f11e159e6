"""How long a counter operation takes to commit durably (business rows + journal + outbox, WAL, FULL sync).

Prints the median, p99 and max of sales committed through the service, and the journal verification
rate. A clerk should never wait on the store: the target is a p99 well under 20 ms.

    .venv/bin/python bench/store_operations.py [--sales 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counter_app.bootstrap import Counter  # noqa: E402
from counter_app.demo_data import CLERK, seed_counter  # noqa: E402
from counter_app.domain import services  # noqa: E402
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder  # noqa: E402
from counter_app.domain.model import Tender  # noqa: E402
from counter_app.store.audit import verify_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=2000, help="how many sales to commit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        counter = Counter(Path(tmp))
        seed_counter(counter)
        counter.run(services.open_shift, OpenShift(CLERK[0], 50_000))
        cart = (CartLine("P-STAMP-2026", 1), CartLine("P-WATER", 2), CartLine("P-TEA", 1))
        timings = []
        for i in range(args.sales):
            started = time.perf_counter()
            counter.run(services.place_order, PlaceOrder(CLERK[0], cart, (Tender("cash", 100_000),),
                                                         member_id="M0001" if i % 2 else None))
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        started = time.perf_counter()
        problems, entries = verify_store(counter.store)
        verify_s = time.perf_counter() - started
        counter.close()
    p99 = timings[int(len(timings) * 0.99) - 1]
    print(f"sales committed: {args.sales}")
    print(f"commit latency ms: median {statistics.median(timings):.2f}  p99 {p99:.2f}  max {timings[-1]:.2f}")
    print(f"target p99 < 20 ms: {'met' if p99 < 20 else 'MISSED'} (ratio {20 / p99:.1f}x)")
    print(f"audit verify: {entries} entries in {verify_s:.2f} s ({entries / verify_s:,.0f} entries/s), "
          f"{len(problems)} problems")


if __name__ == "__main__":
    main()
