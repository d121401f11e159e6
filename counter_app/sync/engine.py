"""The sync engine: deliver the outbox in order, then pull catalog, members and pickups.

``run_once()`` does one cycle and says what it did; ``start()``/``stop()`` run cycles on a background
thread, woken early by ``request_sync()`` (and by every operation the counter records).
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from counter_app.domain.errors import CounterError, PlatformError
from counter_app.domain.operations import KIND_NAMES_ZH
from counter_app.store import sync_state
from counter_app.store.outbox import OutboxMessage
from counter_app.sync import parcels, pulls
from counter_app.sync.client import MAX_BATCH, PlatformClient
from counter_app.sync.connectivity import Connectivity, SyncStatus
from counter_app.sync.contract import wire_operation

if TYPE_CHECKING:
    from counter_app.bootstrap import Counter

log = logging.getLogger("counter_app.sync")

LAST_SUCCESS = "last_success_at"
StatusListener = Callable[[SyncStatus], None]
_OP_INDEX = re.compile(r"operations\.(\d+)")


def utc_key(moment: datetime) -> str:
    """A moment as a fixed-width UTC string: ``next_attempt_at`` values compare as text."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_utc_key(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter: attempt n waits between half and all of min(cap, base * 2**n)."""

    base_s: float = 1.0
    cap_s: float = 300.0

    def delay(self, attempts: int, rng: random.Random) -> float:
        full = min(self.cap_s, self.base_s * float(2 ** min(max(attempts, 0), 30)))
        return full / 2 + rng.uniform(0, full / 2)


@dataclass
class SyncReport:
    """What one cycle did."""

    delivered: int = 0
    duplicates: int = 0
    rejected: int = 0
    retrying: int = 0
    batches: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    errors_zh: list[str] = field(default_factory=list)
    pushed_all: bool = False
    pulled_all: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def _error(self, exc: CounterError) -> None:
        self.errors.append(exc.en)
        self.errors_zh.append(exc.zh)


def _shown(status: SyncStatus) -> tuple[object, ...]:
    """What the banner shows of a status: a change in anything else is not worth a notice."""
    return (status.state, status.outbox_pending, status.open_exceptions, status.last_success_at)


class SyncEngine:
    """Delivery and pulls for one counter over one platform client."""

    def __init__(self, counter: Counter, client: PlatformClient, *, connectivity: Connectivity | None = None,
                 poll_interval_s: float = 30.0, batch_size: int = MAX_BATCH, backoff: Backoff | None = None,
                 rng: random.Random | None = None, lookups: Any = None) -> None:
        self.counter = counter
        self.store = counter.store
        self.client = client
        self.connectivity = connectivity or Connectivity()
        if client.observer is None:
            client.observer = self.connectivity.observe
        self.poll_interval_s = poll_interval_s
        self.batch_size = max(1, min(batch_size, MAX_BATCH))
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.lookups = lookups
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
        self.connectivity.subscribe(lambda old, new: self._publish())

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
        """Deliver what is due, then pull each stream from its cursor; never raises a platform failure."""
        with self._run_lock:
            report = SyncReport()
            if push:
                self._push(report)
            if pull and not (push and not report.pushed_all and self.connectivity.state == "offline"):
                self._pull(report)
            if report.ok and (push or pull):
                sync_state.set_meta(self.store, LAST_SUCCESS, self._stamp(), at=self._stamp())
            self.last_report = report
        if report.delivered or report.rejected or any(report.pulled.values()):
            self.counter.changed("sync")
        self._publish()
        return report

    def _push(self, report: SyncReport) -> None:
        isolate = 0  # send this many messages one by one, to find one the platform refuses whole batches for
        while not self._stop.is_set():
            limit = 1 if isolate > 0 else self.batch_size
            batch = sync_state.next_batch(self.store, now=utc_key(self._now()), limit=limit)
            if not batch:
                report.pushed_all = True
                return
            isolate = max(0, isolate - len(batch))
            try:
                results = self.client.push_batch([wire_operation(m.envelope) for m in batch])
            except PlatformError as exc:
                report._error(exc)
                details = exc.details
                status = details.get("status")
                if details.get("transient"):
                    self._retry_later(batch, exc, retry_after=details.get("retry_after"))
                    report.retrying += len(batch)
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
                self._retry_later(batch, exc, retry_after=None)
                report.retrying += len(batch)
                return
            applied = sync_state.apply_results(self.store, batch, [
                sync_state.Outcome(r.op_id, r.status, r.code, r.reason, r.result) for r in results], at=self._stamp())
            report.batches += 1
            report.delivered += applied.delivered
            report.duplicates += applied.duplicates
            report.rejected += applied.rejected
        # stop requested: the rest waits for the next run

    def _retry_later(self, batch: list[OutboxMessage], exc: PlatformError, *, retry_after: float | None) -> None:
        now = self._now()
        retries = []
        for message in batch:
            delay = self.backoff.delay(message.attempts, self.rng)
            if retry_after:
                delay = max(delay, float(retry_after))
            retries.append((message.op_id, utc_key(now + timedelta(seconds=delay))))
        sync_state.schedule_retries(self.store, retries, error=f"{exc.code}: {exc.en}")

    def _pull(self, report: SyncReport) -> None:
        try:
            branch_id, _ = self._branch()
            report.pulled["catalog"] = pulls.pull_catalog(self.client, self.store, at=self._stamp)
            report.pulled["members"] = pulls.pull_members(self.client, self.store, at=self._stamp)
            report.pulled["pickups"] = pulls.pull_pickups(self.client, self.store, branch_id, at=self._stamp)
            report.pulled["parcels"] = parcels.sync_parcels(self.client, self.store, at=self._stamp)
            report.pulled_all = True
        except PlatformError as exc:
            report._error(exc)

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
            consecutive_failures=self.connectivity.consecutive_failures)

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
            do_pull = time.monotonic() >= next_pull or self._pull_requested.is_set()
            self._pull_requested.clear()
            try:
                if self._retry_now.is_set():
                    self._retry_now.clear()
                    sync_state.make_due_now(self.store)
                report = self.run_once(pull=do_pull)
                if do_pull and report.pulled_all:
                    next_pull = time.monotonic() + self.poll_interval_s
                elif report.duplicates:
                    self.request_sync(pull=True)  # a duplicate's balance is stale: the pull brings today's
            except Exception:  # the worker never dies; the next cycle tries again
                log.exception("sync cycle failed")
            if self._stop.is_set():
                break
            self._wake.wait(self._sleep_s())

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


def _print_report(report: SyncReport, status: SyncStatus) -> None:
    print(f"上传 delivered: {report.delivered}（重复 duplicates {report.duplicates}）  拒绝 rejected: "
          f"{report.rejected}  待重试 retrying: {report.retrying}")
    if report.pulled:
        print("拉取 pulled: " + ", ".join(
            f"{ {'catalog': '商品', 'members': '会员', 'pickups': '提货单'}.get(k, k)} {k} {v}"
            for k, v in report.pulled.items()))
    print(f"平台连接 link: {status.state}  待上传 unsent: {status.outbox_pending}  异常单 open exceptions: "
          f"{status.open_exceptions}")


def run_once_cli(counter: Counter) -> int:
    """``counter-app sync --once``: one cycle, printed in Chinese and English; 0 when it all went through."""
    from counter_app.sync import attach_sync

    try:
        engine = attach_sync(counter)
        if engine is None:
            print("本柜台尚未开通平台连接，请先运行 counter-app init --platform-url ... --enrolment-code ... / "
                  "this counter is not enrolled with a platform yet")
            return 3
        report = engine.run_once()
        _print_report(report, engine.status())
    except CounterError as exc:
        print(f"同步失败 / sync failed: {exc.zh} / {exc.en}")
        return 2
    except Exception as exc:  # no traceback for the clerk; the log has it
        log.exception("sync --once failed")
        print(f"同步失败 / sync failed: 内部错误 internal error ({type(exc).__name__})")
        return 2
    if not report.ok:
        print(f"同步未完成 / sync incomplete: {'; '.join(report.errors_zh)} / {'; '.join(report.errors)}")
        return 1
    print("同步完成 / sync complete")
    return 0


__all__ = ["Backoff", "SyncEngine", "SyncReport", "SyncStatus", "run_once_cli", "utc_key", "KIND_NAMES_ZH"]
