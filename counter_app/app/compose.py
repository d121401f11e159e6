"""The composition root: ``build(data_dir)`` wires the store, the clock, the platform link and look-ups,
the sync engine and the receipt service ONCE, for the window, the CLI, the demo and tests alike."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.app.changes import Change
from counter_app.app.clock import ClockWatch
from counter_app.app.settings import Settings, load_settings
from counter_app.bootstrap import Counter
from counter_app.domain.ports import Clock, SystemClock
from counter_app.printing.spool import ReceiptPrinter
from counter_app.receipts import ReceiptService
from counter_app.store.uow import Store
from counter_app.sync import Backoff, PlatformLink, SyncEngine, platform_link, start_engine
from counter_app.sync.client import DEFAULT_TIMEOUT

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncOptions:
    """How the engine talks to the platform (tests make it quick)."""

    poll_interval_s: float = 30.0
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    backoff: Backoff | None = None
    batch_size: int = 100


@dataclass
class App:
    """One counter, wired: its core (store, clock, look-ups, change notice), its settings, its sync engine
    (None until enrolled) and its receipts."""

    counter: Counter
    receipts: ReceiptService
    sync: SyncEngine | None = None
    link: PlatformLink | None = None
    options: SyncOptions = field(default_factory=SyncOptions)
    clock_watch: ClockWatch | None = None  # the platform's clock against the counter's (app/clock.py)

    @property
    def settings(self) -> Settings:
        return load_settings(self.counter)

    def enable_sync(self) -> SyncEngine | None:
        """After enrolling while running (first-run set-up): the platform link and the engine, once."""
        if self.sync is not None:
            return self.sync
        self.link = platform_link(self.counter.store, self.counter.deps.clock, self.counter.settings(),
                                  timeout=self.options.timeout)
        if self.link is None:
            return None
        self.counter.connect_platform(self.link.lookups)
        self.clock_watch = _watch_clock(self.counter.deps.clock, self.link)
        self.sync = _engine(self.counter, self.link, self.options)
        self.counter.changed(Change(sync=True))
        return self.sync

    def start(self) -> None:
        """Start the sync engine's thread, if there is one (the window does; the CLI runs it once)."""
        if self.sync is not None:
            self.sync.start()

    def close(self) -> None:
        """Stop the print worker and the engine (queued receipts and messages wait for the next start)."""
        self.receipts.close()
        if self.sync is not None:
            try:
                self.sync.stop()
            except Exception:  # noqa: BLE001 - closing anyway
                log.exception("sync engine did not stop cleanly")
        self.counter.close()


def _engine(counter: Counter, link: PlatformLink, options: SyncOptions) -> SyncEngine:
    return start_engine(counter, link, poll_interval_s=options.poll_interval_s, backoff=options.backoff,
                        batch_size=options.batch_size)


def _watch_clock(clock: Clock, link: PlatformLink | None) -> ClockWatch:
    watch = ClockWatch(clock)
    if link is not None:
        link.engine_client.on_server_date = watch.note
    return watch


def build(data_dir: Path | str | None = None, *, clock: Clock | None = None, platform_url: str | None = None,
          sync: SyncOptions | None = None, printer: ReceiptPrinter | None = None, claim: bool = False) -> App:
    """The counter in ``data_dir`` wired once: the look-ups exist before the counter so its services get them
    from the start; the engine wakes on every recorded operation. ``platform_url`` overrides the stored
    address (e.g. through a proxy); ``claim`` refuses a second window on the same data."""
    store = Store(Path(data_dir) if data_dir is not None else None)
    clock = clock or SystemClock()
    options = sync or SyncOptions()
    try:
        with store.uow() as uow:
            stored = uow.settings.all()
        if platform_url:
            stored["platform_url"] = platform_url
        link = platform_link(store, clock, stored, timeout=options.timeout)
        counter = Counter(clock=clock, platform=link.lookups if link else None, store=store)
        if claim:
            counter.claim()
    except BaseException:
        store.close()
        raise
    engine = _engine(counter, link, options) if link is not None else None
    return App(counter, ReceiptService(counter, printer=printer), engine, link, options, _watch_clock(clock, link))
