"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 releases references to None, True and False it never
took, and the counter process aborts after a few thousand signals. A binding with that bug must not ship."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from counter_app.ui.worker import Runner


class _Emitter(QObject):
    value = Signal(object)
    flag = Signal(bool)


def _counts() -> tuple[int, int, int]:
    gc.collect()  # what earlier tests left for the collector must not move the figures in between
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_signals_to_python_callables_keep_none_true_false_counts(qapp) -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.value.connect(lambda v: seen.append(v))
    emitter.flag.connect(lambda v: seen.append(v))
    before = _counts()
    for i in range(300):
        emitter.value.emit(None if i % 2 else i)
        emitter.flag.emit(bool(i % 2))
        qapp.processEvents()
    assert len(seen) == 600
    seen.clear()  # the list's own references are not the binding's
    after = _counts()
    # Other code may take or drop some references meanwhile; the bug loses hundreds here (one or more per signal).
    assert all(abs(a - b) < 100 for a, b in zip(after, before)), (before, after)


def test_worker_jobs_keep_none_true_false_counts(qtbot) -> None:
    runner = Runner()
    before = _counts()
    done: list[object] = []
    for i in range(200):
        runner.run(lambda i=i: None if i % 2 else True, on_success=done.append)
    qtbot.waitUntil(lambda: len(done) == 200, timeout=10_000)
    runner.wait_idle()
    done.clear()
    after = _counts()
    assert all(abs(a - b) < 100 for a, b in zip(after, before)), (before, after)


def test_worker_jobs_reuse_their_threads_database_connections(qtbot, counter) -> None:
    """A Qt pool thread gets a new Python thread state per job; the store must still give it the same
    connection, or every job leaves one open (a leak of megabytes per sale)."""
    runner = Runner(max_threads=2)
    done: list[object] = []
    for _ in range(100):
        runner.run(lambda: counter.settings(), on_success=done.append)
    qtbot.waitUntil(lambda: len(done) == 100, timeout=10_000)
    runner.wait_idle()
    assert counter.store.open_connections() <= 3  # the two pool threads, and the test's own thread
