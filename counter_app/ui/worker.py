"""Running services off the GUI thread (Anki's operation pattern): work on a pool thread, then a success
or failure callback back on the GUI thread. Every failure becomes a clerk-readable message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

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


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the clerk as a message
            self.signals.failed.emit(describe_error(exc))
        else:
            self.signals.succeeded.emit(result)


class Runner(QObject):
    """Runs callables on a thread pool; callbacks arrive on the GUI thread. ``busy`` tells the UI to wait."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running = 0
        self._keep: set[_Signals] = set()

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[CounterError], None] | None = None) -> None:
        signals = _Signals()
        self._keep.add(signals)

        def done() -> None:
            self._keep.discard(signals)
            self._running -= 1
            if self._running == 0:
                self.busy_changed.emit(False)

        def succeeded(result: Any) -> None:
            done()
            if on_success is not None:
                on_success(result)

        def failed(error: CounterError) -> None:
            done()
            if on_failure is not None:
                on_failure(error)

        signals.succeeded.connect(succeeded)
        signals.failed.connect(failed)
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Job(fn, signals))

    @property
    def running(self) -> int:
        return self._running

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)
