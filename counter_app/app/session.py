"""Who is at the counter: signing in (at the login window and to unlock the screen), a supervisor's
approval, and the clerk's drawer."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import Login, SupervisorApproval
from counter_app.domain.model import Shift
from counter_app.domain.services import queries


@dataclass
class Session:
    """The signed-in clerk and their open shift, if any."""

    clerk_id: str
    name: str
    role: str
    shift_id: str | None = None

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def open_shift_for(counter: Counter, clerk_id: str) -> Shift | None:
    """The clerk's open shift at this counter, or None (a read)."""
    return queries.clerks_open_shift(clerk_id, counter.uow())


def sign_in(counter: Counter, clerk_id: str, pin: str) -> Session:
    """Check the PIN (a wrong one counts towards the lockout) and find the clerk's open shift."""
    clerk = services.login(Login(clerk_id, pin), counter.uow(), counter.deps)
    shift = open_shift_for(counter, clerk.clerk_id)
    return Session(clerk.clerk_id, clerk.name, clerk.role, shift.shift_id if shift else None)


def approve(counter: Counter, approval: SupervisorApproval, *, action_zh: str, action_en: str) -> str:
    """A supervisor's own id and PIN for an action that is not a counter operation; their id, or refused."""
    return services.check_supervisor(approval, counter.uow(), counter.deps, action_zh=action_zh, action_en=action_en)


@dataclass(frozen=True)
class DrawerState:
    """The open shift and the cash its drawer should hold now (what the cash count is checked against)."""

    shift: Shift
    expected_fen: int


def drawer_state(counter: Counter, clerk_id: str) -> DrawerState | None:
    """The clerk's drawer, or None without an open shift (a read)."""
    found = queries.drawer(clerk_id, counter.uow())
    return DrawerState(*found) if found is not None else None
