"""Composition: the store, the clock and the platform look-ups, wired once for the app, the CLI and tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.domain import services
from counter_app.domain.commands import AddClerk
from counter_app.domain.ports import Clock, Deps, PlatformLookups, SystemClock
from counter_app.store.database import claim_counter
from counter_app.store.uow import SqliteUnitOfWork, Store

Listener = Callable[[str], None]


class Counter:
    """One counter's application object: the store and its dependencies, and a "what changed" broadcast."""

    def __init__(self, data_dir: Path | None = None, *, clock: Clock | None = None,
                 platform: PlatformLookups | None = None) -> None:
        self.store = Store(data_dir)
        self.data_dir = self.store.path.parent
        self.deps = Deps(clock=clock or SystemClock(), platform=platform)
        self._listeners: list[Listener] = []
        self._claim: Any = None

    def claim(self) -> None:
        """Refuse to run a second window on this counter's data (raises StoreError "already_running")."""
        if self._claim is None:
            self._claim = claim_counter(self.data_dir)

    def uow(self) -> SqliteUnitOfWork:
        return self.store.uow()

    def run(self, service: Callable[..., Any], cmd: Any) -> Any:
        """Run a writing service ``service(cmd, uow, deps)`` and tell listeners what kind of thing changed."""
        result = service(cmd, self.uow(), self.deps)
        recorded = getattr(result, "recorded", None)
        self.changed(recorded.kind if recorded is not None else service.__name__)
        return result

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def changed(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    def settings(self) -> dict[str, Any]:
        with self.uow() as uow:
            return uow.settings.all()

    def update_settings(self, **values: Any) -> None:
        with self.uow() as uow:
            for key, value in values.items():
                uow.settings.set(key, value)
            uow.commit()
        self.changed("settings")

    def configure(self, *, branch_id: str, counter_id: str, branch_name: str = "", branch_address: str = "",
                  **extra: Any) -> None:
        """Set the branch and counter this machine serves (the first-run set-up)."""
        self.update_settings(branch_id=branch_id, counter_id=counter_id, branch_name=branch_name or branch_id,
                             branch_address=branch_address, **extra)

    def add_clerk(self, clerk_id: str, name: str, role: str, pin: str) -> None:
        services.add_clerk(AddClerk(clerk_id, name, role, pin), self.uow())
        self.changed("clerks")

    def close(self) -> None:
        self.store.close()
        if self._claim is not None:
            self._claim.close()
            self._claim = None
