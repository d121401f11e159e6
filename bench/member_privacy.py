"""Member privacy figures (issue 13): what a copy of a counter's database costs an attacker, and what the keyed
slow derivation costs the counter and the platform.

Run: ``python bench/member_privacy.py [--members 10000] [--pickups 200]``; prints the figures:

* CPU time per guess of the phone and pickup-code derivations (scrypt, salted with the branch secret);
* projected brute-force cost from a database copy: all cached phones (one pass over every mobile number: the
  cache keeps no phone digit), one pickup code (a pass over the 10**6 codes), and what keeping the last 4
  digits of the phone would have cost instead;
* an offline look-up by typed phone, and an offline pickup look-up by code, on a counter caching ``--members``
  members and ``--pickups`` manifest entries (goal: under 200 ms);
* what deriving the keys costs the platform per branch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counter_app.bootstrap import Counter  # noqa: E402
from counter_app.demo_data import DEMO_BRANCH_SECRET, MEMBER_PHONE, PICKUP, PICKUP_CODE, seed_counter  # noqa: E402
from counter_app.domain import derivation, services  # noqa: E402
from counter_app.domain.model import Member  # noqa: E402

YEAR_S, DAY_S = 365 * 24 * 3600, 24 * 3600
MOBILE_KEYSPACE = 7 * 10**9  # 1[3-9] + 9 digits
LAST4_KEYSPACE = 7 * 10**5  # the same, with the last 4 digits known
CODE_KEYSPACE = 10**6


def cpu_per_call(fn, calls: int) -> float:  # type: ignore[no-untyped-def]
    """Median CPU seconds of one call."""
    times = []
    for i in range(calls):
        started = time.process_time()
        fn(i)
        times.append(time.process_time() - started)
    return statistics.median(times)


def wall_ms(fn, calls: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(median wall, max wall, median CPU) milliseconds of ``fn()``: on a loaded machine wall >> CPU."""
    times, cpu = [], []
    for _ in range(calls):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu)


def fill_cache(counter: Counter, members: int, pickups: int) -> None:
    """``members`` cached members and ``pickups`` manifest entries, keyed as the platform would send them."""
    import dataclasses

    with counter.uow() as uow:
        for i in range(members):
            key = os.urandom(32).hex()  # stand-ins: deriving 10,000 real keys would take minutes
            uow.members.upsert(Member(f"B{i:07d}", "", f"88{i:010d}", "王*", 100, "normal"), phone_key=key,
                               synced_at="2026-11-25T08:00:00+08:00")
        for i in range(pickups):
            order = dataclasses.replace(PICKUP, order_no=f"PO{i:010d}", code_key=os.urandom(32).hex())
            uow.manifest.upsert(order, paid_at=None, synced_at="2026-11-25T08:00:00+08:00")
        uow.commit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=10_000, help="cached members (default 10000)")
    parser.add_argument("--pickups", type=int, default=200, help="cached manifest entries (default 200)")
    parser.add_argument("--served", type=int, default=25_000, help="members a branch serves, for the platform cost")
    parser.add_argument("--calls", type=int, default=7, help="measurements per figure (default 7)")
    args = parser.parse_args(argv)

    phone_s = cpu_per_call(lambda i: derivation.phone_key(DEMO_BRANCH_SECRET, f"{13800000000 + i}"), args.calls)
    code_s = cpu_per_call(lambda i: derivation.pickup_code_base(DEMO_BRANCH_SECRET, f"{i:06d}"), args.calls)
    print(f"derivation, phone  (scrypt n=2**14, r=8, p=1): {phone_s * 1000:7.1f} ms CPU per guess")
    print(f"derivation, code   (scrypt n=2**15, r=8, p=1): {code_s * 1000:7.1f} ms CPU per guess")
    print(f"attacker, all cached phones (7e9 numbers):      {MOBILE_KEYSPACE * phone_s / YEAR_S:7.1f} CPU-years "
          f"(goal >= 1); one phone on average: {MOBILE_KEYSPACE * phone_s / 2 / YEAR_S:.1f} CPU-years")
    print(f"attacker, one phone if its last 4 were kept:    {LAST4_KEYSPACE * phone_s / DAY_S:7.2f} CPU-days "
          f"(why the cache keeps no phone digit)")
    print(f"attacker, one pickup code (1e6 codes):          {CODE_KEYSPACE * code_s / DAY_S:7.2f} CPU-days (goal >= 1)")
    print(f"platform, keys for {args.served} served members:    {args.served * phone_s / 60:7.1f} CPU-minutes per "
          f"branch, once (then ~{phone_s * 1000:.0f} ms per newly served member)")

    with tempfile.TemporaryDirectory() as tmp:
        counter = Counter(Path(tmp) / "counter")
        seed_counter(counter)
        fill_cache(counter, args.members, args.pickups)
        median, worst, cpu = wall_ms(lambda: services.identify_member(MEMBER_PHONE, counter.uow(), counter.deps),
                                     args.calls)
        print(f"counter, offline look-up by typed phone ({args.members} cached): {median:6.1f} ms median, "
              f"{worst:6.1f} ms max wall, {cpu:6.1f} ms CPU (goal < 200)")
        median, worst, cpu = wall_ms(lambda: services.find_pickup(PICKUP_CODE, counter.uow(), counter.deps),
                                     args.calls)
        print(f"counter, offline pickup look-up by code ({args.pickups} cached): {median:6.1f} ms median, "
              f"{worst:6.1f} ms max wall, {cpu:6.1f} ms CPU")
        counter.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
