"""The print worker: one thread of its own that prints queued receipts, oldest first, and retries.

It never runs on the thread that commits operations: a service commits, queues the receipt and returns; the
worker prints it when the printer takes it. A caller that wants to tell the clerk waits for the job's
``Outcome`` a bounded time. When the printer fails, the jobs behind the failed one are not tried (the
printer is down for them too): they get the same outcome, become *late* (a late receipt never opens the cash
drawer) and wait for the next pass, after ``retry_s`` or when a new job arrives.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.domain.errors import PrinterError

log = logging.getLogger(__name__)

# Only this job is broken (its operation cannot make a receipt), not the printer: go on with the next.
JOB_ONLY_CODES = frozenset({"receipt_unprintable"})
_KEPT_OUTCOMES = 500


@dataclass(frozen=True)
class Outcome:
    """How one attempt at a job ended: printed (confirmed by the printer or not) or an error."""

    job_id: int
    error: PrinterError | None = None
    confirmed: bool = False

    @property
    def printed(self) -> bool:
        return self.error is None


Pending = Callable[[], list[int]]
Attempt = Callable[[int, bool], Outcome]


class PrintWorker:
    """Prints the jobs ``pending()`` lists and those submitted, with ``attempt(job_id, late)``, on its own
    daemon thread."""

    def __init__(self, *, pending: Pending, attempt: Attempt, retry_s: float = 10.0, name: str = "print-worker") -> None:
        self._pending = pending
        self._attempt = attempt
        self.retry_s = retry_s
        self._name = name
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._outcomes: dict[int, tuple[int, Outcome]] = {}
        self._generation = 0  # counts submissions: a waiter takes only an outcome of an attempt begun after it
        self._requested: list[int] = []
        self._late: set[int] = set()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def submit(self, job_id: int | None = None) -> int:
        """Wake the worker; ``job_id`` is printed in the next pass even when no automatic retry would.

        Returns the token to ``wait`` with."""
        with self._done:
            self._generation += 1
            token = self._generation
            if job_id is not None and job_id not in self._requested:
                self._requested.append(job_id)
        self._wake.set()  # before the thread starts, whose first pass then takes this job
        self._ensure_started()
        return token

    def wait(self, job_id: int, timeout: float, *, token: int = 0) -> Outcome | None:
        """The outcome of an attempt at the job begun after the ``submit`` that returned ``token``, or None
        when there is none within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._done:
            while job_id not in self._outcomes or self._outcomes[job_id][0] < token:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._done.wait(left)
            return self._outcomes[job_id][1]

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the job in hand (its own time limits bound it)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _ensure_started(self) -> None:
        with self._start_lock:
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            failed = False
            try:
                failed = self._pass()
            except Exception:  # noqa: BLE001 - the worker must outlive any surprise; the jobs stay queued
                log.exception("print worker pass failed")
                failed = True
            if self._stop.is_set():
                return
            # After a failure retry later (sooner when a new job comes); otherwise sleep until woken.
            self._wake.wait(self.retry_s if failed else None)

    def _pass(self) -> bool:
        """Try the queued jobs oldest first; True when the printer failed and jobs are left."""
        with self._done:
            requested, self._requested = self._requested, []
            generation = self._generation
        ids = sorted(set(self._pending()) | set(requested))
        for index, job_id in enumerate(ids):
            if self._stop.is_set():
                return False
            outcome = self._attempt(job_id, job_id in self._late)
            self._late.discard(job_id)
            self._publish(outcome, generation)
            error = outcome.error
            if error is not None and error.code not in JOB_ONLY_CODES:
                behind = ids[index + 1 :]
                self._late.update(behind)
                for other in behind:
                    self._publish(Outcome(other, error=error), generation)
                return True
        return False

    def _publish(self, outcome: Outcome, generation: int) -> None:
        with self._done:
            self._outcomes.pop(outcome.job_id, None)  # re-inserted last: the oldest are dropped first
            self._outcomes[outcome.job_id] = (generation, outcome)
            while len(self._outcomes) > _KEPT_OUTCOMES:
                self._outcomes.pop(next(iter(self._outcomes)))
            self._done.notify_all()
