"""One way to run work from the UI (Anki's ``QueryOp`` / ``CollectionOp``), for workspaces and dialogs alike.

``QueryOp`` runs a read on the worker; ``CollectionOp`` runs a writing service through ``counter.run`` (the
journal, the outbox and the change notice, with the screen as its initiator). Success comes back on the
GUI thread; a failure goes to ``failure`` when given (a screen shows it beside its field), else to the one
error handler. No widget calls the runner directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from counter_app.domain.errors import CounterError
from counter_app.ui.context import UiContext
from counter_app.ui.worker import Runner

T = TypeVar("T")

Success = Callable[[T], None]
Failure = Callable[[CounterError], None]


class QueryOp(Generic[T]):
    """``QueryOp(ctx, read).success(show).failure(refused).run()``: ``read()`` off the GUI thread."""

    def __init__(self, ctx: UiContext, read: Callable[[], T], *, runner: Runner | None = None) -> None:
        self.ctx = ctx
        self.work = read
        self.runner = runner or ctx.runner
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

        self.runner.run(self.work, on_success=self._success, on_failure=self._failure or report)


class CollectionOp(QueryOp[Any]):
    """A writing service ``service(cmd, uow, deps)`` through ``counter.run``: one transaction with its journal
    entry and outbox message, then the typed change notice naming ``initiator``."""

    def __init__(self, ctx: UiContext, service: Callable[..., Any], cmd: Any, *, initiator: object | None = None) -> None:
        counter = ctx.counter
        super().__init__(ctx, lambda: counter.run(service, cmd, initiator=initiator))
