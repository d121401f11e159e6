"""Benchmark: K real counters reconnect at once, each draining its own queue with its real sync engine (issue 18).

Unlike ``bench/storm.py`` (emulated counters), every counter here is the real thing: a ``Counter`` with its
own SQLite store, enrolled with a single-use code, its first pull done, a shift opened, then ``--ops``
operations made by the services (cash sales and, ``--points-share`` of them, points operations on one
member: accruals naming one of the counter's own sales, a 1-point redemption in ten), and its
``SyncEngine`` from ``attach_sync`` with production settings (30 s poll, batches of 100, the client's
timeouts, the engine's back-off and whole-engine pause on 429/503). The counters run as threads of
``--processes`` worker processes; the reference platform runs as its own process with its default
admission control. When every worker is ready, all engines start at the same moment (``engine.start()``).

Prints the seconds until every queue is empty (a queue counts as empty at the first status its engine
publishes with nothing pending: that cycle's pulls included), requests per 100 operations (pushes, and all
calls), the 429 / 503 / timeout counts, the exactly-once check (every queued op_id accepted once on the
platform, every counter's outbox delivered, none rejected) and the CPU each side used, with the load average.

    python bench/storm_engines.py --counters 200 --ops 200 --processes 4

Measured (docs/benchmarks.md has every run): on the idle 2-core machine, every queue empty after 12.9-18.6 s
since the platform refuses at once the waiters its measured pace would not serve in time (22-32 s before, when
the back of the queue waited 5 s for a 503); the storm needs about 22 CPU seconds (platform 11-12, counters
9-10); 1.3-1.4 pushes per 100 operations; exactly once in every run. With the platform's former 10 s queue
wait, 185-364 pushes per storm timed out at the counter's 10 s call deadline after being admitted.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter as Tally
from pathlib import Path
from queue import Empty
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.storm import _kind  # noqa: E402
from bench.sync_drain import Queued, cpu_s, load, queue_mix  # noqa: E402
from counter_app.bootstrap import Counter  # noqa: E402
from counter_app.domain import services  # noqa: E402
from counter_app.domain.commands import OpenShift  # noqa: E402
from counter_app.domain.errors import PlatformError  # noqa: E402
from counter_app.sync import SyncEngine, attach_sync  # noqa: E402
from counter_app.sync.enrolment import enrol  # noqa: E402
from platform_sim.admin import issue_enrolment_code  # noqa: E402
from platform_sim.seed import seed  # noqa: E402
from platform_sim.testing import PlatformProcess  # noqa: E402

COUNTERS_PER_BRANCH = 20


def _instrument(engine: SyncEngine, tally: Tally[str], lock: threading.Lock, latencies: list[float],
                delivered_at: list[float]) -> None:
    """Count the engine client's calls by what they were and how they ended, note each call's answer time and
    the last accepted push (the client itself is unchanged)."""
    client = engine.client
    call = client._call

    def counted(method: str, path: str, model: Any, **kwargs: Any) -> Any:
        what = "push" if path.startswith("/operations") else "other"
        sent = time.monotonic()
        try:
            answer = call(method, path, model, **kwargs)
        except PlatformError as exc:
            with lock:
                tally[f"{what} {_kind(exc)}"] += 1
                latencies.append(time.monotonic() - sent)
            raise
        with lock:
            tally[f"{what} ok"] += 1
            latencies.append(time.monotonic() - sent)
            if what == "push":
                delivered_at[0] = max(delivered_at[0], time.time())
        return answer

    client._call = counted  # type: ignore[method-assign]


def _set_up(base_url: str, db_path: Path, data_dir: Path, branch_id: str, counter_id: str, ops: int,
            points_share: float) -> tuple[Counter, SyncEngine, list[str]]:
    """One real counter: enrolled, first pull done, shift open and delivered, then ``ops`` operations queued."""
    counter = Counter(data_dir)
    counter.configure(branch_id=branch_id, counter_id=counter_id)
    counter.add_clerk("1001", "王芳", "clerk", "1234")
    code = issue_enrolment_code(db_path, branch_id)
    enrol(counter, platform_url=base_url, enrolment_code=code)  # waits its turn at a full platform by itself
    engine = attach_sync(counter)  # production settings
    assert engine is not None
    if not engine.run_once().ok:
        raise SystemExit(f"{branch_id}{counter_id}: first sync failed: {engine.last_report}")
    counter.run(services.open_shift, OpenShift("1001", 10000))
    if not engine.run_once(pull=False).ok:
        raise SystemExit(f"{branch_id}{counter_id}: shift not delivered")
    queued = queue_mix(counter, ops, points_share=points_share, queued=Queued())
    return counter, engine, queued.op_ids


def _outbox_states(db_file: Path) -> Tally[str]:
    """The counter's outbox by state (read after the counter closed), duplicates apart."""
    conn = sqlite3.connect(db_file)
    try:
        states: Tally[str] = Tally(dict(conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state")))
        states["duplicate answers"] = conn.execute("SELECT COUNT(*) FROM outbox WHERE duplicate = 1").fetchone()[0]
        return states
    finally:
        conn.close()


def _worker(index: int, base_url: str, db_path: Path, root: Path, devices: list[tuple[str, str]], ops: int,
            points_share: float, deadline_s: float, ready: Any, go: Any, start_wall: Any, results: Any) -> None:
    """Set up these counters, say ready, wait for the go, start every engine, wait until every queue is empty."""
    logging.basicConfig(level=logging.ERROR)
    threading.stack_size(1024 * 1024)
    tally: Tally[str] = Tally()
    lock = threading.Lock()
    latencies: list[float] = []
    delivered_at = [0.0]
    counters, engines, op_ids = [], [], []
    for branch_id, counter_id in devices:
        counter, engine, queued = _set_up(base_url, db_path, root / f"{branch_id}{counter_id}", branch_id,
                                          counter_id, ops, points_share)
        counters.append(counter)
        engines.append(engine)
        op_ids += queued
    emptied: dict[int, float] = {}
    all_empty = threading.Event()

    def watch(i: int) -> Any:
        def listener(status: Any) -> None:
            if status.outbox_pending == 0 and i not in emptied:
                emptied[i] = time.time() - start_wall.value
                if len(emptied) == len(engines):
                    all_empty.set()
        return listener

    for i, engine in enumerate(engines):
        engine.subscribe(watch(i))
        _instrument(engine, tally, lock, latencies, delivered_at)
    ready.put(index)
    go.wait()
    cpu0 = cpu_s()
    for engine in engines:
        engine.start()
    all_empty.wait(max(0.0, start_wall.value + deadline_s - time.time()))
    cpu_used = cpu_s() - cpu0
    for engine in engines:
        engine.stop()
    states: Tally[str] = Tally()
    for counter in counters:
        counter.close()
        states.update(_outbox_states(counter.store.path))
    results.put({"index": index, "emptied": list(emptied.values()), "engines": len(engines), "calls": dict(tally),
                 "cpu_s": cpu_used, "op_ids": op_ids,
                 "latencies": latencies, "delivered_s": delivered_at[0] - start_wall.value, "outbox": dict(states)})


def _platform_check(db_path: Path, op_ids: list[str]) -> Tally[str]:
    """How the platform holds the queued operations: by status, and how many rows each op_id has."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("CREATE TEMP TABLE queued (op_id TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO queued VALUES (?)", [(o,) for o in op_ids])
        found: Tally[str] = Tally(dict(conn.execute(
            "SELECT o.status, COUNT(*) FROM queued q JOIN ops o ON o.op_id = q.op_id GROUP BY o.status")))
        found["missing"] = conn.execute(
            "SELECT COUNT(*) FROM queued q WHERE NOT EXISTS (SELECT 1 FROM ops o WHERE o.op_id = q.op_id)").fetchone()[0]
        return found
    finally:
        conn.close()


def _get(queue: Any, workers: list[Any], timeout_s: float) -> Any:
    """The next message from the workers; stop at once if one of them died."""
    ends = time.monotonic() + timeout_s
    while time.monotonic() < ends:
        try:
            return queue.get(timeout=1.0)
        except Empty:
            if any(w.exitcode not in (None, 0) for w in workers):
                raise SystemExit("a worker process failed (its traceback is above)") from None
    raise SystemExit("the workers did not answer in time")


def _machine_busy_s() -> float:
    """CPU seconds the whole machine has been busy (all cores, from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run(root: Path, *, counters: int, ops: int, processes: int, points_share: float, deadline_s: float,
        server_args: tuple[str, ...] = ()) -> int:
    db_path = root / "platform.db"
    branches = max(4, -(-counters // COUNTERS_PER_BRANCH))
    seed(db_path, demo=False, members=200, orders=10, branches=branches, products=50, bills_per_biller=5)
    devices = [(f"B{1 + i // COUNTERS_PER_BRANCH:03d}", f"C{1 + i % COUNTERS_PER_BRANCH:02d}") for i in range(counters)]
    ctx = multiprocessing.get_context("spawn")
    ready, results, go, start_wall = ctx.Queue(), ctx.Queue(), ctx.Event(), ctx.Value("d", 0.0)
    with PlatformProcess(db_path, extra_args=server_args) as platform:
        set_up_at = time.monotonic()
        workers = [ctx.Process(target=_worker, args=(i, platform.base_url, db_path, root, devices[i::processes], ops,
                                                     points_share, deadline_s, ready, go, start_wall, results))
                   for i in range(processes)]
        for w in workers:
            w.start()
        for _ in workers:
            _get(ready, workers, 3600)
        print(f"set-up of {counters} counters x {ops} operations: {time.monotonic() - set_up_at:.0f} s; "
              f"storm starts ({load()})", flush=True)
        platform_cpu0, busy0 = cpu_s(platform.pid), _machine_busy_s()
        start_wall.value = time.time()
        go.set()
        parts = [_get(results, workers, deadline_s + 300) for _ in workers]
        wall = time.time() - start_wall.value
        platform_cpu, busy = cpu_s(platform.pid) - platform_cpu0, _machine_busy_s() - busy0
        after = load()
        for w in workers:
            w.join(60)
    emptied = [t for p in parts for t in p["emptied"]]
    calls: Tally[str] = Tally()
    outbox: Tally[str] = Tally()
    for p in parts:
        calls.update(p["calls"])
        outbox.update(p["outbox"])
    op_ids = [o for p in parts for o in p["op_ids"]]
    found = _platform_check(db_path, op_ids)
    total = counters * ops
    drained = len(emptied) == counters
    drain_s = max(emptied) if drained else float("nan")
    pushes = sum(n for k, n in calls.items() if k.startswith("push"))
    counters_cpu = sum(p["cpu_s"] for p in parts)
    once = (found["accepted"] == total == len(set(op_ids)) and found["missing"] == 0 and sum(found.values()) == total
            and outbox.get("pending", 0) == 0 and outbox.get("rejected", 0) == 0)
    print(f"storm of real engines: {counters} counters x {ops} operations = {total} "
          f"({processes} worker processes, {os.cpu_count()} CPUs, platform options {' '.join(server_args) or 'default'})")
    print(f"  every queue empty after  {drain_s:8.1f} s" + ("" if drained else
                                                            f"  ({counters - len(emptied)} counters NOT empty)"))
    lat = sorted(x for p in parts for x in p["latencies"]) or [0.0]
    print(f"  last operation accepted  {max(p['delivered_s'] for p in parts):8.1f} s")
    print(f"  answer time p50/p99/max  {lat[len(lat) // 2]:8.2f} / {lat[min(len(lat) - 1, int(0.99 * len(lat)))]:.2f}"
          f" / {lat[-1]:.2f} s")
    print(f"  first / median counter   {min(emptied or [0]):8.1f} / {sorted(emptied or [0])[len(emptied) // 2]:.1f} s")
    print(f"  goodput                  {total / max(drain_s, 1e-9):8.0f} ops/s")
    print(f"  requests per 100 ops     {100 * pushes / total:8.2f} pushes, {100 * sum(calls.values()) / total:.2f} "
          f"all calls")
    print(f"  calls                    {dict(sorted(calls.items()))}")
    print(f"  429 / 503 / timeouts     {calls['push 429'] + calls['other 429']} / "
          f"{calls['push 503'] + calls['other 503']} / {calls['push timeout'] + calls['other timeout']}")
    print(f"  exactly once             {'yes' if once else 'NO'} (platform: {dict(found)}; counters' outboxes: "
          f"{dict(outbox)})")
    print(f"  CPU during the storm     platform {platform_cpu:.1f} s, counters {counters_cpu:.1f} s, everything "
          f"else on the machine {max(0.0, busy - platform_cpu - counters_cpu):.1f} s, of "
          f"{wall * (os.cpu_count() or 1):.1f} s available ({wall:.1f} s x {os.cpu_count()} CPUs)")
    print(f"  load                     {after}")
    print(f"  goal 200 x 200 within 20 s: {'met' if drained and drain_s <= 20 else 'NOT met'}")
    return 0 if once and drained else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counters", type=int, default=200, help="real counters (default 200)")
    parser.add_argument("--ops", type=int, default=200, help="operations each counter queues (default 200)")
    parser.add_argument("--processes", type=int, default=4, help="worker processes the engines run in (default 4)")
    parser.add_argument("--points-share", type=float, default=0.1,
                        help="share of points operations in each queue (default 0.1)")
    parser.add_argument("--deadline", type=float, default=300.0, help="give up after this many seconds (300)")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="extra `platform serve` option, e.g. --server-arg=--max-wait=5")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        return run(Path(tmp), counters=args.counters, ops=args.ops, processes=args.processes,
                   points_share=args.points_share, deadline_s=args.deadline, server_args=tuple(args.server_arg))


if __name__ == "__main__":
    sys.exit(main())
