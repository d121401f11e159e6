"""UI benchmark: cold start to the login window (subprocess, median of 5) and RSS after a 200-sale session
driven through the services with the main window open. Targets: < 1.5 s and < 250 MB.

    QT_QPA_PLATFORM=offscreen python bench/ui_startup.py [--placeholders]

``--placeholders`` runs the session with stand-in workspaces (the shell alone).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TARGET_S = 1.5
RSS_TARGET_MB = 250


def cold_start(data_dir: Path) -> float:
    """Seconds from spawning ``counter-app`` to its login window on screen."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               COUNTER_APP_STARTUP_PROBE="1", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "counter_app", "--data-dir", str(data_dir)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "counter-app-ready":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("the app never reported its login window")
    proc.wait(30)
    return elapsed


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def session_rss(data_dir: Path, sales: int = 200, *, placeholders: bool = False) -> tuple[float, float]:
    """RSS (MB) after ``sales`` cash sales through the services with the main window open; and seconds taken."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication

    from counter_app.bootstrap import Counter
    from counter_app.domain import services
    from counter_app.domain.commands import OpenShift, PlaceOrder
    from counter_app.domain.model import CartLine, Tender
    from counter_app.ui.app import build_context, build_main_window, prepare_application
    from counter_app.ui.context import Session
    from counter_app.demo_data import CLERK, seed_counter

    app = prepare_application()
    counter = Counter(data_dir)
    seed_counter(counter)
    ctx = build_context(counter)
    ctx.session = Session(CLERK[0], CLERK[1], CLERK[2])
    ctx.session.shift_id = counter.run(services.open_shift, OpenShift(CLERK[0], 50_000)).shift.shift_id
    factories = None
    if placeholders:  # the shell alone, with stand-in workspaces
        from counter_app.ui.main_window import WORKSPACES, PlaceholderWorkspace

        factories = {s.key: (lambda c, s=s: PlaceholderWorkspace(c, s)) for s in WORKSPACES}
    window = build_main_window(ctx, factories=factories)
    window.show()
    start = time.perf_counter()
    done: list[object] = []
    for i in range(sales):
        window.switch_to(i % len(window.workspaces))
        cmd = PlaceOrder(CLERK[0], (CartLine("P-WATER", 1 + i % 3),), (Tender("cash", 1000),))
        ctx.runner.run(lambda cmd=cmd: counter.run(services.place_order, cmd), on_success=done.append,
                       on_failure=lambda e: (_ for _ in ()).throw(RuntimeError(e.en)))
        while ctx.runner.running:
            app.processEvents()
            ctx.runner.wait_idle(50)
        QCoreApplication.processEvents()
    elapsed = time.perf_counter() - start
    assert len(done) == sales, len(done)
    rss = rss_mb()
    window.close()
    ctx.runner.wait_idle()
    counter.close()
    return rss, elapsed


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="counter-bench-") as tmp:
        data = Path(tmp) / "start"
        seed = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                               "from pathlib import Path; from counter_app.bootstrap import Counter;"
                               "from counter_app.demo_data import seed_counter;"
                               "c = Counter(Path(sys.argv[2])); seed_counter(c); c.close()", str(ROOT), str(data)],
                              check=True)
        del seed
        cold_start(data)  # warm the .qm cache and the OS file cache once; then measure
        times = [cold_start(data) for _ in range(5)]
        start_s = statistics.median(times)
        rss, elapsed = session_rss(Path(tmp) / "session", placeholders="--placeholders" in sys.argv)
    print(f"cold start to login window: median {start_s:.3f} s of 5 "
          f"({', '.join(f'{t:.3f}' for t in times)}); target < {START_TARGET_S} s "
          f"{'OK' if start_s < START_TARGET_S else 'OVER'}")
    print(f"RSS after 200 sales with the main window open: {rss:.0f} MB ({elapsed:.2f} s for the sales); "
          f"target < {RSS_TARGET_MB} MB {'OK' if rss < RSS_TARGET_MB else 'OVER'}")
    return 0 if start_s < START_TARGET_S and rss < RSS_TARGET_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
