"""What every screen shares: the counter, the session, the worker runner, the language and the sync engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from counter_app.bootstrap import Counter
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.errors import CounterError
from counter_app.ui.worker import Runner


@dataclass
class Session:
    """The logged-in clerk and their open shift, if any."""

    clerk_id: str
    name: str
    role: str
    shift_id: str | None = None

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


@dataclass
class UiContext:
    counter: Counter
    runner: Runner
    language: str = "zh_CN"
    session: Session | None = None
    sync: Any = None  # counter_app.sync.engine.SyncEngine when a platform is configured
    receipts: Any = None  # counter_app.receipts.ReceiptService
    # Asks a supervisor to approve an action (their own id + PIN); None when cancelled. The shell sets the
    # dialog; tests inject a function, since a real modal dialog would hang an offscreen run.
    approver: Callable[[str], SupervisorApproval | None] | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def message(self, error: CounterError) -> str:
        """An error in the clerk's language."""
        return error.message("en" if self.language.startswith("en") else "zh")
