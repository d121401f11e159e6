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


# The bug loses at least one reference per delivered value, so 2,000 rounds lose 1,000 or more of each. Other code
# running meanwhile (threads ending, caches dropped by earlier tests) moves the counts too: about 100 in a full
# run in CI, which is why the threshold is a fraction of the rounds and not a small constant.
_ROUNDS = 2_000
_TOLERANCE = _ROUNDS // 4


def _assert_counts_kept(before: tuple[int, int, int], after: tuple[int, int, int]) -> None:
    lost = [b - a for a, b in zip(after, before)]
    assert all(n < _TOLERANCE for n in lost), f"references lost (None, True, False): {lost}; before {before}"


def test_signals_to_python_callables_keep_none_true_false_counts(qapp) -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.value.connect(lambda v: seen.append(v))
    emitter.flag.connect(lambda v: seen.append(v))
    before = _counts()
    for i in range(_ROUNDS):
        emitter.value.emit(None if i % 2 else i)
        emitter.flag.emit(bool(i % 2))
        qapp.processEvents()
    assert len(seen) == 2 * _ROUNDS
    seen.clear()  # the list's own references are not the binding's
    _assert_counts_kept(before, _counts())


def test_worker_jobs_keep_none_true_false_counts(qtbot) -> None:
    runner = Runner()
    before = _counts()
    done: list[object] = []
    for i in range(_ROUNDS):
        runner.run(lambda i=i: None if i % 2 else (i % 4 == 0), on_success=done.append)
    qtbot.waitUntil(lambda: len(done) == _ROUNDS, timeout=30_000)
    runner.wait_idle()
    done.clear()
    _assert_counts_kept(before, _counts())


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
