"""开钱箱: the drawer opened outside a sale needs a supervisor and a reason, and is journaled (and sent to the
platform) like any operation; it moves no money and is not business in the day report."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import OpenDrawer, OpenShift, SupervisorApproval
from counter_app.domain.errors import InvalidInput, NotAllowed
from counter_app.domain.services.queries import make_day_report

BOSS = SupervisorApproval("9001", "8888")


@pytest.fixture
def shift(counter):
    return counter.run(services.open_shift, OpenShift("1001", 50_000)).shift


def test_opening_the_drawer_is_journaled_with_its_supervisor_and_reason(counter, shift) -> None:
    opened = counter.run(services.open_drawer, OpenDrawer("1001", "硬币兑换", BOSS))
    envelope = opened.recorded.envelope
    assert envelope["kind"] == "drawer_opened" and envelope["aggregate_id"] == shift.shift_id
    assert envelope["payload"] == {"reason": "硬币兑换", "supervisor_id": "9001"}
    with counter.uow().read() as uow:
        assert uow.outbox.get(opened.recorded.op_id).state == "pending"  # on its way to the platform
        assert uow.print_jobs.original(opened.recorded.op_id) is None  # no customer receipt
    report = make_day_report(shift.business_date, counter.uow())
    assert "drawer_opened" not in report.by_kind and report.net_takings_fen == 0


def test_refuses_opening_the_drawer_without_a_supervisor_or_a_reason(counter, shift) -> None:
    with pytest.raises(NotAllowed) as no_boss:
        counter.run(services.open_drawer, OpenDrawer("1001", "硬币兑换", None))
    assert no_boss.value.code == "supervisor_required"
    with pytest.raises(NotAllowed) as wrong_pin:
        counter.run(services.open_drawer, OpenDrawer("1001", "硬币兑换", SupervisorApproval("9001", "0000")))
    assert wrong_pin.value.code == "supervisor_pin_wrong"
    with pytest.raises(NotAllowed) as clerk:
        counter.run(services.open_drawer, OpenDrawer("1001", "硬币兑换", SupervisorApproval("1001", "1234")))
    assert clerk.value.code == "not_supervisor"
    with pytest.raises(InvalidInput):
        counter.run(services.open_drawer, OpenDrawer("1001", "  ", BOSS))
    assert [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "drawer_opened"] == []
