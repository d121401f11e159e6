"""The typed "what changed" notice: after a write, one notice tells every subscriber what kind of thing
changed and who asked for it, so each screen refreshes only what concerns it (Anki's ``OpChanges``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """What changed. ``kind`` is the operation kind recorded (``operations`` is then true); ``initiator``
    is whoever asked for the change (a screen passes itself, so it can skip its own echo), or None."""

    operations: bool = False
    kind: str | None = None
    print_jobs: bool = False
    settings: bool = False
    sync: bool = False
    clerks: bool = False
    session: bool = False
    language: bool = False
    initiator: object | None = None

    @classmethod
    def operation(cls, kind: str | None, *, initiator: object | None = None) -> Change:
        return cls(operations=True, kind=kind, initiator=initiator)

    @classmethod
    def named(cls, what: str) -> Change:
        """The notice for a plain name: a flag ("settings", "sync", "print_jobs", "clerks", "session",
        "language"), else an operation kind."""
        if what in _FLAGS:
            return cls(**{what: True})  # type: ignore[arg-type]
        return cls.operation(what)

    def touches(self, *kinds: str) -> bool:
        """True for an operation of one of ``kinds``."""
        return self.operations and self.kind in kinds


_FLAGS = ("print_jobs", "settings", "sync", "clerks", "session", "language")

Listener = Callable[[Change], None]


class ChangeHub:
    """Subscribers of the change notice; ``publish`` runs on the thread that made the change (the UI
    marshals to its own thread). A failing subscriber is logged and never stops the others."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add ``listener``; returns the function that removes it again."""
        with self._lock:
            self._listeners.append(listener)
        return lambda: self.unsubscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # noqa: BLE001 - one subscriber failing must not stop the others
                log.exception("change subscriber failed on %r", change)

    def __len__(self) -> int:
        with self._lock:
            return len(self._listeners)
