"""The counter's core object: the store, the clock and the platform look-ups, and the change notice.

``counter_app.app.build`` is the composition root that makes one (with its sync engine and receipts) for
the window, the CLI, the demo and tests; tests of the core make a ``Counter`` directly."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.app.changes import Change, ChangeHub, Listener
from counter_app.domain import services
from counter_app.domain.commands import AddClerk
from counter_app.domain.ports import Clock, Deps, PlatformLookups, SystemClock
from counter_app.store.database import claim_counter
from counter_app.store.uow import SqliteUnitOfWork, Store

log = logging.getLogger(__name__)


class Counter:
    """One counter: the store and the services' dependencies, and the typed "what changed" notice."""

    def __init__(self, data_dir: Path | None = None, *, clock: Clock | None = None,
                 platform: PlatformLookups | None = None, store: Store | None = None) -> None:
        self.store = store if store is not None else Store(data_dir)
        self.data_dir = self.store.path.parent
        self.deps = Deps(clock=clock or SystemClock(), platform=platform)
        self.changes = ChangeHub()
        self._claim: Any = None

    def claim(self) -> None:
        """Refuse to run a second window on this counter's data (raises StoreError "already_running")."""
        if self._claim is None:
            self._claim = claim_counter(self.data_dir)

    def uow(self) -> SqliteUnitOfWork:
        return self.store.uow()

    def run(self, service: Callable[..., Any], cmd: Any, *, initiator: object | None = None) -> Any:
        """Run a writing service ``service(cmd, uow, deps)``; subscribers then hear which operation kind was
        recorded (None for a write that records no new operation, such as resolving an exception)."""
        result = service(cmd, self.uow(), self.deps)
        recorded = getattr(result, "recorded", None)
        if recorded is not None:
            log.info("operation %s %s amount_fen=%s", recorded.kind, recorded.op_id, recorded.envelope.get("amount_fen"))
        self.changes.publish(Change.operation(recorded.kind if recorded is not None else None, initiator=initiator))
        return result

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Hear every change notice; returns the function that stops it (also ``unsubscribe``)."""
        return self.changes.subscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self.changes.unsubscribe(listener)

    def changed(self, what: str | Change) -> None:
        """Publish a change notice (a plain name such as "print_jobs" or "sync" is turned into its flag)."""
        self.changes.publish(what if isinstance(what, Change) else Change.named(what))

    def connect_platform(self, lookups: PlatformLookups | None) -> None:
        """Bind the platform look-ups: the one place besides construction, for a counter that enrols while
        running (first-run set-up); ``app.build`` passes them to the constructor."""
        self.deps.platform = lookups

    def settings(self) -> dict[str, Any]:
        with self.uow() as uow:
            return uow.settings.all()

    def update_settings(self, **values: Any) -> None:
        with self.uow() as uow:
            for key, value in values.items():
                uow.settings.set(key, value)
            uow.commit()
        self.changed(Change(settings=True))

    def configure(self, *, branch_id: str, counter_id: str, branch_name: str = "", branch_address: str = "",
                  **extra: Any) -> None:
        """Set the branch and counter this machine serves (the first-run set-up)."""
        self.update_settings(branch_id=branch_id, counter_id=counter_id, branch_name=branch_name or branch_id,
                             branch_address=branch_address, **extra)

    def add_clerk(self, clerk_id: str, name: str, role: str, pin: str) -> None:
        services.add_clerk(AddClerk(clerk_id, name, role, pin), self.uow())
        self.changed(Change(clerks=True))

    def close(self) -> None:
        self.store.close()
        if self._claim is not None:
            self._claim.close()
            self._claim = None
