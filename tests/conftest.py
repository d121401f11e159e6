"""Shared fixtures: a real counter database in tmp_path, set up as a branch counter with clerks and stock."""

from __future__ import annotations

import os

# Before any QApplication exists (pytest-qt creates it lazily): no display in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass  # noqa: E402
from datetime import datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from counter_app.bootstrap import Counter  # noqa: E402
from counter_app.domain import auth  # noqa: E402
from counter_app.domain.commands import SupervisorApproval  # noqa: E402
# The seed data is the demo's, so that the tests and the screenshots show the same counter.
from counter_app.demo_data import (  # noqa: E402,F401
    CLERK,
    MEMBER,
    MEMBER_PHONE,
    PICKUP,
    PICKUP_CODE,
    PRODUCTS,
    SUPERVISOR,
    seed_counter,
)

CST = timezone(timedelta(hours=8))
# PINs hashed in the tests cost 2**6 instead of 2**14 (~50 ms a check): the crash tests approve thousands of
# manual points adjustments. tests/domain/test_auth.py checks the production cost and old hashes separately.
PRODUCTION_PIN_COST = auth.PIN_COST
auth.PIN_COST = 2**6
# The demo supervisor's own id and PIN (主管授权), for the services that need an approval.
SUPERVISOR_APPROVAL = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])


@dataclass
class FixedClock:
    """A clock the test moves by hand."""

    current: datetime = datetime(2026, 11, 25, 9, 30, tzinfo=CST)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def counter(tmp_path: Path, clock: FixedClock) -> Counter:
    """A seeded counter on a fresh SQLite file, offline (no platform attached)."""
    c = Counter(tmp_path / "counter", clock=clock)
    seed_counter(c)
    yield c
    c.close()
