"""Opening a shift with a float and closing it with a cash count."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import CartLine, CloseShift, OpenShift, PlaceOrder, SupervisorApproval
from counter_app.domain.errors import InvalidInput, NotAllowed, Refused
from counter_app.domain.model import Tender

BOSS = SupervisorApproval("9001", "8888")


def test_every_operation_needs_an_open_shift(counter) -> None:
    with pytest.raises(Refused) as err:
        services.place_order(PlaceOrder("1001", (CartLine("P-WATER", 1),), (Tender("cash", 250),)),
                             counter.uow(), counter.deps)
    assert err.value.code == "no_open_shift"
    assert "签到" in err.value.zh


def test_open_shift_journals_the_float(counter) -> None:
    opened = counter.run(services.open_shift, OpenShift("1001", 50_000))
    assert opened.recorded.kind == "shift_open"
    assert opened.recorded.payload == {"float_fen": 50_000}
    with pytest.raises(Refused) as err:
        counter.run(services.open_shift, OpenShift("1001", 50_000))
    assert err.value.code == "shift_already_open"


def test_refuses_a_negative_float(counter) -> None:
    with pytest.raises(InvalidInput):
        counter.run(services.open_shift, OpenShift("1001", -1))


def test_balanced_close_needs_no_supervisor(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 1000),)))
    # 500.00 float + 10.00 taken - 5.00 change = 505.00 in the drawer.
    closed = counter.run(services.close_shift, CloseShift("1001", {10_000: 5, 500: 1}))
    assert closed.expected_cash_fen == 50_500
    assert closed.difference_fen == 0
    totals = closed.recorded.payload["totals"]
    assert totals["by_kind"]["counter_order"] == {"count": 1, "amount_fen": 500}
    assert totals["by_method"]["cash"] == 500


def test_cash_short_needs_a_supervisor_and_is_journaled_with_them(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    with pytest.raises(NotAllowed) as err:
        counter.run(services.close_shift, CloseShift("1001", {10_000: 4}))
    assert err.value.code == "supervisor_required"
    assert "短款" in err.value.zh
    closed = counter.run(services.close_shift, CloseShift("1001", {10_000: 4}, BOSS))
    assert closed.difference_fen == -10_000
    assert closed.recorded.payload["supervisor_id"] == "9001"


def test_a_clerk_cannot_approve_a_cash_difference(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    with pytest.raises(NotAllowed) as err:
        counter.run(services.close_shift, CloseShift("1001", {10_000: 6}, SupervisorApproval("1001", "1234")))
    assert err.value.code == "not_supervisor"


def test_refuses_unknown_denominations(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 0))
    with pytest.raises(InvalidInput):
        counter.run(services.close_shift, CloseShift("1001", {300: 1}))
