"""The books' reads from the platform (issue 16): a counter's day of operations for per-operation reconciliation,
and the corrections the platform issued, kept locally until a supervisor answers them."""

from __future__ import annotations

from typing import Any

from counter_app.store.books import save_corrections
from counter_app.sync.lookups import OnlineLookups


def platform_day_operations(lookups: OnlineLookups, business_date: str) -> list[dict[str, Any]]:
    """Every operation the platform holds for this counter's business day (raises PlatformError offline)."""
    reply = lookups.client.day_operations(lookups.branch_id, lookups.counter_id, business_date)
    return [op.model_dump() for op in reply.operations]


def pull_corrections(lookups: OnlineLookups) -> int:
    """Fetch the corrections issued to this counter and keep the new ones; returns how many were new. What the
    platform sends changes no figure here: only a supervisor's answer (a journaled operation) does."""
    reply = lookups.client.corrections(lookups.branch_id, lookups.counter_id)
    at = lookups.clock.now().isoformat(timespec="seconds")
    with lookups.store.uow() as uow:
        assert uow.conn is not None
        added = save_corrections(uow.conn, [c.model_dump() for c in reply.items], at=at)
        uow.commit()
    return added
