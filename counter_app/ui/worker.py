"""Running services off the GUI thread (Anki's operation pattern): work on a pool thread, then a success
or failure callback back on the GUI thread. Every failure becomes a clerk-readable message."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from counter_app.domain.errors import CounterError

log = logging.getLogger(__name__)

UNEXPECTED_ZH = "系统出现意外错误，本笔业务如未显示成功即未办理，请重试或联系技术支持。"
UNEXPECTED_EN = "Something unexpected went wrong; if no success was shown the operation was not done. Try again."


def describe_error(exc: BaseException) -> CounterError:
    """Any exception as a CounterError; unknown ones are logged with their traceback, never shown."""
    if isinstance(exc, CounterError):
        return exc
    log.error("unexpected error in a counter operation", exc_info=exc)
    return CounterError("unexpected", UNEXPECTED_ZH, UNEXPECTED_EN)


class _Job(QRunnable):
    """Runs ``fn`` on a pool thread and reports through the runner's one signal (no QObject per job)."""

    def __init__(self, job_id: int, fn: Callable[[], Any], finished: Signal) -> None:
        super().__init__()
        self.job_id = job_id
        self.fn = fn
        self.finished = finished

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the clerk as a message
            outcome = (False, describe_error(exc))
        else:
            outcome = (True, result)
        try:
            self.finished.emit(self.job_id, *outcome)
        except RuntimeError:  # the runner was deleted while the job ran (closing the app): nobody to tell
            log.debug("job %s finished after its runner was closed", self.job_id)


class Runner(QObject):
    """Runs callables on a thread pool; callbacks arrive on the GUI thread. ``busy`` tells the UI to wait.

    One long-lived signal carries every job's outcome, queued to the thread the runner lives in: creating
    and dropping a QObject per job let the garbage collector delete one in the middle of its own emission,
    which crashed PySide6.
    """

    busy_changed = Signal(bool)
    _finished = Signal(int, bool, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[CounterError], None] | None]] = {}
        self._finished.connect(self._deliver)

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[CounterError], None] | None = None) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_success, on_failure)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        job = _Job(job_id, fn, self._finished)
        job.setAutoDelete(True)
        self.pool.start(job)

    def _deliver(self, job_id: int, ok: bool, payload: Any) -> None:
        on_success, on_failure = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        callback = on_success if ok else on_failure
        if callback is not None:
            callback(payload)

    @property
    def running(self) -> int:
        return len(self._callbacks)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)
