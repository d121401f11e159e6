"""One way to run work from the UI (Anki's ``QueryOp`` / ``CollectionOp``), for workspaces and dialogs alike.

``QueryOp`` runs a read on the worker; ``CollectionOp`` runs a writing service through ``counter.run`` (the
journal, the outbox and the change notice, with the screen as its initiator). Success comes back on the
GUI thread; a failure goes to ``failure`` when given (a screen shows it beside its field), else to the one
error handler. No widget calls the runner directly.

A callback whose screen is gone by the time the work finishes (a dialog closed before its report loaded, with
``WA_DeleteOnClose``) is not called: touching its widgets would raise "Internal C++ object already deleted".
The screen is the ``receiver`` given, else the object a bound-method callback belongs to. A write's failure
still reaches the one error handler then, so nothing the clerk did fails unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject

from counter_app.domain.errors import CounterError
from counter_app.ui.context import UiContext
from counter_app.ui.worker import Runner

T = TypeVar("T")

Success = Callable[[T], None]
Failure = Callable[[CounterError], None]


class QueryOp(Generic[T]):
    """``QueryOp(ctx, read).success(show).failure(refused).run()``: ``read()`` off the GUI thread."""

    report_orphan_failure = False  # a read nobody waits for any more fails quietly

    def __init__(self, ctx: UiContext, read: Callable[[], T], *, runner: Runner | None = None,
                 receiver: QObject | None = None) -> None:
        self.ctx = ctx
        self.work = read
        self.runner = runner or ctx.runner
        self.receiver = receiver
        self._success: Success[T] | None = None
        self._failure: Failure | None = None

    def success(self, callback: Success[T]) -> QueryOp[T]:
        self._success = callback
        return self

    def failure(self, callback: Failure) -> QueryOp[T]:
        self._failure = callback
        return self

    def run(self) -> None:
        def report(error: CounterError) -> None:
            self.ctx.report_error(error)

        on_success = self._guard(self._success, None)
        on_failure = self._guard(self._failure or report, report if self.report_orphan_failure else None)
        self.runner.run(self.work, on_success=on_success, on_failure=on_failure)

    def _guard(self, callback: Callable[[Any], None] | None,
               orphaned: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
        """``callback`` if its receiver still exists when the work is done, else ``orphaned`` (or nothing)."""
        owner = self.receiver if self.receiver is not None else getattr(callback, "__self__", None)
        if callback is None or not isinstance(owner, QObject):
            return callback

        def deliver(payload: Any) -> None:
            if shiboken6.isValid(owner):
                callback(payload)
            elif orphaned is not None:
                orphaned(payload)

        return deliver


class CollectionOp(QueryOp[Any]):
    """A writing service ``service(cmd, uow, deps)`` through ``counter.run``: one transaction with its journal
    entry and outbox message, then the typed change notice naming ``initiator`` (also the receiver when it is
    a QObject)."""

    report_orphan_failure = True

    def __init__(self, ctx: UiContext, service: Callable[..., Any], cmd: Any, *, initiator: object | None = None) -> None:
        counter = ctx.counter
        receiver = initiator if isinstance(initiator, QObject) else None
        super().__init__(ctx, lambda: counter.run(service, cmd, initiator=initiator), receiver=receiver)
