"""The books' reads from the platform (issue 16): a counter's day of operations for per-operation reconciliation,
and the corrections the platform issued, kept locally until a supervisor answers them."""

from __future__ import annotations

from typing import Any

from collections.abc import Callable

from counter_app.store.books import save_corrections
from counter_app.store.uow import Store
from counter_app.sync.client import PlatformClient
from counter_app.sync.lookups import OnlineLookups


def platform_day_operations(lookups: OnlineLookups, business_date: str) -> list[dict[str, Any]]:
    """Every operation the platform holds for this counter's business day (raises PlatformError offline)."""
    reply = lookups.client.day_operations(lookups.branch_id, lookups.counter_id, business_date)
    return [op.model_dump() for op in reply.operations]


def pull_corrections(lookups: OnlineLookups) -> int:
    """Fetch the corrections issued to this counter and keep the new ones; returns how many were new. What the
    platform sends changes no figure here: only a supervisor's answer (a journaled operation) does."""
    return fetch_corrections(lookups.client, lookups.store, lookups.branch_id, lookups.counter_id,
                             at=lambda: lookups.clock.now().isoformat(timespec="seconds"))


def fetch_corrections(client: PlatformClient, store: Store, branch_id: str, counter_id: str, *,
                      at: Callable[[], str]) -> int:
    """``pull_corrections`` over a given client (the sync engine's, on its own cycle); returns how many were new."""
    reply = client.corrections(branch_id, counter_id)
    with store.uow() as uow:
        assert uow.conn is not None
        added = save_corrections(uow.conn, [c.model_dump() for c in reply.items], at=at())
        uow.commit()
    return added
