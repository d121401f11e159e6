"""The sync engine: deliver the outbox in order, then pull catalog, members and pickups.

``run_once()`` does one cycle and says what it did; ``start()``/``stop()`` run cycles on a background
thread, woken early by ``request_sync()`` (and by every operation the counter records).

A cycle has a deadline (``cycle_deadline_s``) and each call within it the client's total deadline. When a
push fails for a passing reason (429, 503, 5xx, a timeout, no link) the cycle stops there (no pulls), the
batch gets one retry time, and the whole engine pauses for max(Retry-After, back-off) plus full jitter;
after the pause the next push carries a full batch. While the link is offline the worker probes the
platform's health every ``probe_interval_s``; when the link returns, everything waiting becomes due at once.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain.errors import CounterError, PlatformError
from counter_app.domain.operations import KIND_NAMES_ZH
from counter_app.store import sync_state
from counter_app.store.outbox import OutboxMessage
from counter_app.sync import books, parcels, pulls, tokens
from counter_app.sync.client import MAX_BATCH, PlatformClient
from counter_app.sync.connectivity import OFFLINE, ONLINE, Connectivity, SyncStatus
from counter_app.sync.contract import wire_operation
from counter_app.sync.cycle import Backoff, SyncReport, _parse_utc_key, utc_key

if TYPE_CHECKING:
    from counter_app.bootstrap import Counter

log = logging.getLogger("counter_app.sync")

LAST_SUCCESS = "last_success_at"
CYCLE_DEADLINE_S = 30.0  # one cycle's pushes and pulls, whatever the platform does
PROBE_INTERVAL_S = 2.0  # health probes while the link is offline
PROBE_DEADLINE_S = 2.0
CORRECTIONS_INTERVAL_S = 120.0  # the platform's corrections (更正) ride along with the pulls, at most this often
StatusListener = Callable[[SyncStatus], None]
_OP_INDEX = re.compile(r"operations\.(\d+)")


def _shown(status: SyncStatus) -> tuple[object, ...]:
    """What the banner shows of a status: a change in anything else is not worth a notice."""
    return (status.state, status.outbox_pending, status.open_exceptions, status.last_success_at, status.busy,
            status.held)


class SyncEngine:
    """Delivery and pulls for one counter over one platform client."""

    def __init__(self, counter: Counter, client: PlatformClient, *, connectivity: Connectivity | None = None,
                 poll_interval_s: float = 30.0, batch_size: int = MAX_BATCH, backoff: Backoff | None = None,
                 rng: random.Random | None = None, lookups: Any = None, cycle_deadline_s: float = CYCLE_DEADLINE_S,
                 probe_interval_s: float = PROBE_INTERVAL_S) -> None:
        self.counter = counter
        self.store = counter.store
        self.companions: list[Callable[[float], None]] = []
        self.client = client
        self.connectivity = connectivity or Connectivity()
        if client.observer is None:
            client.observer = self.connectivity.observe
        self.poll_interval_s = poll_interval_s
        self.batch_size = max(1, min(batch_size, MAX_BATCH))
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.lookups = lookups
        self.cycle_deadline_s = cycle_deadline_s
        self.probe_interval_s = probe_interval_s
        self.corrections_interval_s = CORRECTIONS_INTERVAL_S
        self._corrections_at: float | None = None  # monotonic time of the last corrections pull
        self._failures = 0  # consecutive failed pushes (the back-off's n)
        self._cycle_ends = float("inf")
        self._link_back = threading.Event()
        self._run_lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._pull_requested = threading.Event()
        self._retry_now = threading.Event()
        self._thread: threading.Thread | None = None
        self._listeners: list[StatusListener] = []
        self._last_status: SyncStatus | None = None
        self._status_lock = threading.Lock()
        self.last_report: SyncReport | None = None
        self.connectivity.subscribe(self._link_changed)

    # ---- time -------------------------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.counter.deps.clock.now()

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def _branch(self) -> tuple[str, str]:
        branch_id = sync_state.get_setting(self.store, "branch_id")
        counter_id = sync_state.get_setting(self.store, "counter_id")
        if not branch_id or not counter_id:
            raise PlatformError("not_enrolled", "本柜台尚未设置网点和柜台号", "This counter has no branch settings yet")
        return str(branch_id), str(counter_id)

    # ---- one cycle --------------------------------------------------------------------------------------

    def run_once(self, *, push: bool = True, pull: bool = True) -> SyncReport:
        """Deliver what is due, then (only if every due message went) pull each stream from its cursor;
        bounded by the cycle's deadline; never raises a platform failure. An explicit call goes even while
        the engine is paused (the background worker waits the pause out)."""
        with self._run_lock:
            report = SyncReport()
            self._cycle_ends = time.monotonic() + self.cycle_deadline_s
            try:
                if push or pull:
                    self._rotate_token(report)
                if push:
                    self._push(report)
                if pull and (report.pushed_all or not push) and not report.out_of_time:
                    self._pull(report)
            finally:
                self._cycle_ends = float("inf")
            if report.ok and (push or pull) and not report.out_of_time:
                sync_state.set_meta(self.store, LAST_SUCCESS, self._stamp(), at=self._stamp())
            self.last_report = report
        log.info("sync cycle: delivered=%s duplicates=%s rejected=%s retrying=%s pulled=%s errors=%s",
                 report.delivered, report.duplicates, report.rejected, report.retrying, report.pulled,
                 "; ".join(report.errors) or "none")
        if report.delivered or report.rejected or any(report.pulled.values()):
            self.counter.changed("sync")
        self._publish()
        return report

    def _rotate_token(self, report: SyncReport) -> None:
        """A new device token when the stored one nears its expiry; a failure waits for the next cycle."""
        if not tokens.rotation_due(self.store, self._now()):
            return
        try:
            tokens.rotate(self.client, self.store, self._now())
        except PlatformError as exc:
            log.warning("device token rotation failed (%s); the current token stays in use", exc.code)

    def _budget(self) -> float | None:
        """The deadline of the next call: the client's own. The cycle's deadline only stops new calls from
        starting; cutting a call short would make a slow but healthy platform look unreachable."""
        return None

    def _out_of_time(self) -> bool:
        return time.monotonic() >= self._cycle_ends

    def _push(self, report: SyncReport) -> None:
        isolate = 0  # send this many messages one by one, to find one the platform refuses whole batches for
        while not self._stop.is_set():
            limit = 1 if isolate > 0 else self.batch_size
            batch = sync_state.next_batch(self.store, now=utc_key(self._now()), limit=limit)
            if not batch:
                report.pushed_all = True
                return
            if self._out_of_time():
                report.out_of_time = True
                return
            isolate = max(0, isolate - len(batch))
            try:
                results = self.client.push_batch([wire_operation(m.envelope) for m in batch],
                                                 deadline_s=self._budget())
            except PlatformError as exc:
                report._error(exc)
                details = exc.details
                status = details.get("status")
                if details.get("transient"):
                    report.timed_out = bool(details.get("timed_out"))
                    self._pause_after(batch, exc, report)
                    return
                if status in (400, 413, 422):
                    report.errors.pop()
                    report.errors_zh.pop()
                    match = _OP_INDEX.search(str(details.get("server_message") or ""))
                    index = int(match.group(1)) if match else None
                    if status == 422 and index is not None and index < len(batch):
                        culprit: OutboxMessage | None = batch[index]
                    elif len(batch) == 1:
                        culprit = batch[0]
                    else:
                        culprit = None
                        isolate = len(batch)
                    if culprit is not None:
                        reason = f"不符合接口约定 / does not match the platform contract: {details.get('server_message')}"
                        if sync_state.reject(self.store, culprit.op_id, code="contract_invalid", reason=reason[:500],
                                             at=self._stamp()):
                            report.rejected += 1
                            log.warning("operation %s refused by the contract; moved to exceptions", culprit.op_id)
                    continue
                # Credentials refused or another refusal of the call itself: keep every message, wait.
                self._pause_after(batch, exc, report)
                return
            self._failures = 0
            applied = sync_state.apply_results(self.store, batch, [
                sync_state.Outcome(r.op_id, r.status, r.code, r.reason, r.result) for r in results], at=self._stamp())
            report.batches += 1
            report.delivered += applied.delivered
            report.duplicates += applied.duplicates
            report.rejected += applied.rejected
        # stop requested: the rest waits for the next run

    def _pause_after(self, batch: list[OutboxMessage], exc: PlatformError, report: SyncReport) -> None:
        """A failed push: the batch keeps one retry time (so it stays whole) and the engine pauses."""
        self._failures += 1
        attempts = max(self._failures - 1, max(m.attempts for m in batch))
        retry_after = exc.details.get("retry_after")
        delay = self.backoff.delay(attempts, self.rng, retry_after=retry_after)
        when = utc_key(self._now() + timedelta(seconds=delay))
        sync_state.schedule_retries(self.store, [(m.op_id, when) for m in batch], error=f"{exc.code}: {exc.en}")
        status = exc.details.get("status")
        busy = isinstance(status, int) and (status == 429 or status >= 500)
        self.connectivity.pause(delay, busy=bool(busy))
        report.retrying += len(batch)
        report.paused_s = delay
        report.busy = bool(busy)

    def _pull(self, report: SyncReport) -> None:
        try:
            branch_id, counter_id = self._branch()
            steps: tuple[tuple[str, Callable[[], int]], ...] = (
                ("catalog", lambda: pulls.pull_catalog(self.client, self.store, at=self._stamp, budget=self._budget)),
                ("members", lambda: pulls.pull_members(self.client, self.store, at=self._stamp, budget=self._budget)),
                ("pickups", lambda: pulls.pull_pickups(self.client, self.store, branch_id, at=self._stamp,
                                                       budget=self._budget)),
                ("parcels", lambda: parcels.sync_parcels(self.client, self.store, at=self._stamp)))
            for name, pull in steps:
                if self._out_of_time():
                    report.out_of_time = True
                    return
                report.pulled[name] = pull()
            last = self._corrections_at
            if (last is None or time.monotonic() - last >= self.corrections_interval_s) and not self._out_of_time():
                report.pulled["corrections"] = books.fetch_corrections(self.client, self.store, branch_id, counter_id,
                                                                       at=self._stamp)
                self._corrections_at = time.monotonic()
            report.pulled_all = True
        except PlatformError as exc:
            report._error(exc)
            report.timed_out = report.timed_out or bool(exc.details.get("timed_out"))

    def held(self) -> list[tuple[OutboxMessage, OutboxMessage]]:
        """Messages waiting behind an open exception (异常单), each with the rejected message holding it."""
        return sync_state.held_messages(self.store)

    # ---- the link ---------------------------------------------------------------------------------------

    def _link_changed(self, old: str, new: str) -> None:
        if old == OFFLINE and new == ONLINE:  # whichever call saw it first: what waits goes now
            self._link_back.set()
            self._wake.set()
        self._publish()

    def probe(self) -> bool:
        """One cheap health call; True when the platform answered (the link is back)."""
        try:
            self.client.health(deadline_s=PROBE_DEADLINE_S)
        except PlatformError as exc:
            retry_after = exc.details.get("retry_after")
            if exc.details.get("status") in (429, 503):
                self.connectivity.pause(self.backoff.delay(0, self.rng, retry_after=retry_after), busy=True)
            return False
        return True

    # ---- status -----------------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        facts = sync_state.queue_facts(self.store)
        age = None
        if facts.oldest_pending_at:
            try:
                age = max(0.0, (self._now() - datetime.fromisoformat(facts.oldest_pending_at)).total_seconds())
            except (TypeError, ValueError):
                age = None
        return SyncStatus(
            state=self.connectivity.state, outbox_pending=facts.pending, oldest_unsent_at=facts.oldest_pending_at,
            oldest_unsent_age_s=age, last_success_at=sync_state.get_meta(self.store, LAST_SUCCESS),
            open_exceptions=facts.rejected_open, last_error=self.connectivity.last_error,
            consecutive_failures=self.connectivity.consecutive_failures,
            retry_in_s=self.connectivity.pause_remaining() or None,
            busy=self.connectivity.busy_remaining() > 0, held=len(sync_state.held_messages(self.store)))

    def subscribe(self, callback: StatusListener) -> None:
        """``callback(status)`` whenever the status changes (called on the sync thread)."""
        self._listeners.append(callback)

    def _publish(self) -> None:
        if not self._listeners:
            return
        try:
            current = self.status()
        except CounterError:
            return
        with self._status_lock:
            if self._last_status is not None and _shown(self._last_status) == _shown(current):
                return
            self._last_status = current
        for listener in list(self._listeners):
            try:
                listener(current)
            except Exception:
                log.exception("sync status listener failed")

    # ---- the background worker ------------------------------------------------------------------------

    def start(self) -> None:
        """Run cycles on a background thread until ``stop()``."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="counter-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Ask the worker to stop after the call in flight and wait for it."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        for stop_companion in self.companions:  # threads of the link that use the store (code payments)
            stop_companion(timeout_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def request_sync(self, *, pull: bool = False, retry_now: bool = False) -> None:
        """Wake the worker now (a new operation was recorded, or the clerk pressed 同步).

        ``retry_now``: the clerk asked, so messages waiting out a retry delay go in this cycle too.
        """
        if pull:
            self._pull_requested.set()
        if retry_now:
            self._retry_now.set()
        self._wake.set()

    def _loop(self) -> None:
        next_pull = 0.0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if self._retry_now.is_set() or self._link_back.is_set():
                    # The clerk pressed 同步, or the link came back: the pause ends, everything is due now.
                    self._retry_now.clear()
                    self._link_back.clear()
                    self.connectivity.resume()
                    sync_state.make_due_now(self.store)
                paused = self.connectivity.pause_remaining()
                if paused > 0:
                    self._wait_out_pause(paused)
                    continue
                do_pull = time.monotonic() >= next_pull or self._pull_requested.is_set()
                self._pull_requested.clear()
                report = self.run_once(pull=do_pull)
                if do_pull and report.pulled_all:
                    next_pull = time.monotonic() + self.poll_interval_s
                elif report.duplicates:
                    self.request_sync(pull=True)  # a duplicate's balance is stale: the pull brings today's
                elif report.out_of_time:
                    self._wake.set()  # more to send: the next cycle at once
            except Exception:  # the worker never dies; the next cycle tries again
                log.exception("sync cycle failed")
            if self._stop.is_set():
                break
            if self.connectivity.pause_remaining() > 0:
                continue  # a failed push: wait the pause out at the top (offline, with probes)
            self._wake.wait(self._sleep_s())

    def _wait_out_pause(self, paused: float) -> None:
        """Wait out the engine's pause: offline, probe every few seconds; busy, send nothing at all."""
        self._publish()
        if self.connectivity.state != OFFLINE:
            self._wake.wait(paused)
            return
        self._wake.wait(min(paused, self.probe_interval_s))
        if self._stop.is_set() or self._retry_now.is_set() or self.connectivity.pause_remaining() <= 0:
            return
        if self.connectivity.state == OFFLINE and self.probe():
            self._link_back.set()

    def _sleep_s(self) -> float:
        try:
            facts = sync_state.queue_facts(self.store)
        except CounterError:
            return self.poll_interval_s
        wait = self.poll_interval_s
        if facts.pending and facts.next_due_at:
            due_in = (_parse_utc_key(facts.next_due_at) - self._now()).total_seconds()
            wait = min(wait, max(0.05, due_in))
        return wait


__all__ = ["Backoff", "SyncEngine", "SyncReport", "SyncStatus", "utc_key"]
