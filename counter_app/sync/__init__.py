"""The sync engine: outbox delivery, pulls, connectivity and the platform look-ups.

``platform_link(store, clock, settings)`` makes the clients and look-ups of an enrolled counter (before the
counter exists, so ``app.build`` passes the look-ups to it once); ``start_engine`` makes its engine and
wakes it on every recorded operation. ``attach_sync(counter)`` does both for a counter that enrolled
while running (the first-run set-up, tests)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter_app.domain.ports import Clock
from counter_app.store import sync_state
from counter_app.store.uow import Store
from counter_app.sync.client import DEFAULT_TIMEOUT, PlatformClient
from counter_app.sync.connectivity import Connectivity, SyncStatus
from counter_app.sync.engine import Backoff, SyncEngine, SyncReport
from counter_app.sync.lookups import OnlineLookups
from counter_app.sync.payments import PAYMENT_TIMEOUT, PaymentResumer, PaymentsApi
from counter_app.sync.tokens import TokenBox

if TYPE_CHECKING:
    from counter_app.app.changes import Change
    from counter_app.bootstrap import Counter


@dataclass(frozen=True)
class PlatformLink:
    """An enrolled counter's way to the platform: the engine's client, the look-ups (with their own client)
    and the link state both share."""

    engine_client: PlatformClient
    lookups: OnlineLookups
    connectivity: Connectivity
    acquirer: PaymentsApi  # the payments API for payment codes, on its own client and timeout


def platform_link(store: Store, clock: Clock, settings: Mapping[str, Any], *,
                  timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                  payment_timeout: tuple[float, float] = PAYMENT_TIMEOUT) -> PlatformLink | None:
    """The link for the stored ``platform_url`` and ``token``; None when the counter is not enrolled."""
    url, token = settings.get("platform_url"), settings.get("token")
    if not url or not token:
        return None
    ca_bundle = settings.get("ca_bundle")
    box = TokenBox(str(token))  # one holder: a rotation reaches every client at once
    connectivity = Connectivity()
    engine_client = PlatformClient(url, token=box, ca_bundle=ca_bundle, timeout=timeout,
                                   observer=connectivity.observe)
    lookup_client = PlatformClient(url, token=box, ca_bundle=ca_bundle, timeout=timeout,
                                   observer=connectivity.observe)
    lookups = OnlineLookups(store, lookup_client, connectivity, clock, branch_id=str(settings.get("branch_id")),
                            counter_id=str(settings.get("counter_id")))
    acquirer = PaymentsApi(PlatformClient(url, token=box, ca_bundle=ca_bundle, timeout=payment_timeout,
                                          observer=connectivity.observe))
    return PlatformLink(engine_client, lookups, connectivity, acquirer)


def start_engine(counter: Counter, link: PlatformLink, *, poll_interval_s: float = 30.0,
                 backoff: Backoff | None = None, batch_size: int = 100) -> SyncEngine:
    """The engine over ``link`` (not started); every recorded operation wakes it. The counter gets the payments
    API, and its unresolved code payments settle each time the link comes (back) online."""
    counter.deps.acquirer = link.acquirer
    resumer = PaymentResumer(counter)
    link.connectivity.subscribe(resumer)
    engine = SyncEngine(counter, link.engine_client, connectivity=link.connectivity, poll_interval_s=poll_interval_s,
                        backoff=backoff, batch_size=batch_size, lookups=link.lookups)
    engine.companions.append(resumer.stop)  # stopped with the engine, before the store closes

    def on_change(change: Change) -> None:
        if change.operations:
            engine.request_sync()

    counter.subscribe(on_change)
    return engine


def attach_sync(counter: Counter, *, poll_interval_s: float = 30.0, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                backoff: Backoff | None = None, batch_size: int = 100,
                payment_timeout: tuple[float, float] = PAYMENT_TIMEOUT) -> SyncEngine | None:
    """For a counter that enrolled while running: its link, its look-ups bound through
    ``counter.connect_platform``, and its engine. None when the settings hold no platform_url and token."""
    link = platform_link(counter.store, counter.deps.clock, counter.settings(), timeout=timeout,
                         payment_timeout=payment_timeout)
    if link is None:
        return None
    counter.connect_platform(link.lookups)
    return start_engine(counter, link, poll_interval_s=poll_interval_s, backoff=backoff, batch_size=batch_size)


__all__ = ["Backoff", "Connectivity", "OnlineLookups", "PlatformClient", "PlatformLink", "SyncEngine", "SyncReport",
           "SyncStatus", "attach_sync", "platform_link", "start_engine", "sync_state"]
