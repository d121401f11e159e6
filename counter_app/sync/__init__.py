"""The sync engine: outbox delivery, pulls, connectivity and the platform look-ups.

``attach_sync(counter)`` wires it all for an enrolled counter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.domain.operations import KIND_NAMES_ZH
from counter_app.store import sync_state
from counter_app.sync.client import DEFAULT_TIMEOUT, PlatformClient
from counter_app.sync.connectivity import Connectivity, SyncStatus
from counter_app.sync.engine import Backoff, SyncEngine, SyncReport, run_once_cli
from counter_app.sync.lookups import OnlineLookups
from counter_app.sync.payments import PAYMENT_TIMEOUT, PaymentsApi, resume_when_online

if TYPE_CHECKING:
    from counter_app.bootstrap import Counter


def attach_sync(counter: Counter, *, poll_interval_s: float = 30.0, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                backoff: Backoff | None = None, batch_size: int = 100,
                payment_timeout: tuple[float, float] = PAYMENT_TIMEOUT) -> SyncEngine | None:
    """For an enrolled counter: a client for the engine and one for look-ups, sharing one link state;
    ``counter.deps.platform`` becomes the look-ups; every recorded operation wakes the engine.
    None when the settings hold no platform_url and token."""
    settings = counter.settings()
    url, token = settings.get("platform_url"), settings.get("token")
    if not url or not token:
        return None
    ca_bundle = settings.get("ca_bundle")
    connectivity = Connectivity()
    engine_client = PlatformClient(url, token=token, ca_bundle=ca_bundle, timeout=timeout,
                                   observer=connectivity.observe)
    lookup_client = PlatformClient(url, token=token, ca_bundle=ca_bundle, timeout=timeout,
                                   observer=connectivity.observe)
    lookups = OnlineLookups(counter.store, lookup_client, connectivity, counter.deps.clock,
                            branch_id=str(settings.get("branch_id")), counter_id=str(settings.get("counter_id")))
    counter.deps.platform = lookups
    counter.deps.acquirer = PaymentsApi(PlatformClient(url, token=token, ca_bundle=ca_bundle, timeout=payment_timeout,
                                                       observer=connectivity.observe))
    connectivity.subscribe(resume_when_online(counter))
    engine = SyncEngine(counter, engine_client, connectivity=connectivity, poll_interval_s=poll_interval_s,
                        backoff=backoff, batch_size=batch_size, lookups=lookups)

    def on_change(what: str) -> None:
        if what in KIND_NAMES_ZH or what == "resolve_exception":
            engine.request_sync()

    counter.subscribe(on_change)
    return engine


__all__ = ["Backoff", "Connectivity", "OnlineLookups", "PlatformClient", "SyncEngine", "SyncReport", "SyncStatus",
           "attach_sync", "run_once_cli", "sync_state"]
