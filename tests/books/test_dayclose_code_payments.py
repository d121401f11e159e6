"""The Z (日终轧帐) waits for code payments (付款码) whose result is unknown, end to end against the reference
platform as acquirer on loopback (code ending 1002: the customer never enters the password)."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.domain import services
from counter_app.domain.cashbox import CloseDay
from counter_app.domain.codepay import State
from counter_app.domain.commands import CartLine, CloseShift, PlaceOrder, SupervisorApproval
from counter_app.domain.errors import Refused
from counter_app.domain.services.dayclose import books_report, close_day
from tests.conftest import CLERK, SUPERVISOR
from tests.sync.conftest import new_counter, platform  # noqa: F401  (fixture)

BOSS = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])
FAST = {"poll_interval_s": 0.05}


def _unknown_payment(counter) -> services.CodePaymentResult:
    """A code sale whose result stays unknown: the acquirer answers 'waiting', then cannot be reached."""
    with counter.uow() as uow:
        sku = uow.conn.execute("SELECT sku FROM catalog WHERE active = 1 AND price_fen > 100 LIMIT 1").fetchone()[0]
    code = "13572468013579" + "1002"
    asked = services.ask_code_payment(services.AskCodePayment(CLERK[0], code, PlaceOrder(
        CLERK[0], (CartLine(sku, 1),), ())), counter.uow(), counter.deps, poll_window_s=0.3)
    acquirer, counter.deps.acquirer = counter.deps.acquirer, None
    result = services.settle_code_payment(asked.payment_id, counter.uow(), counter.deps, code=code, **FAST)
    assert result.payment.state in (State.ASKED, State.WAITING, State.CANCEL_ASKED)
    counter.deps.acquirer = acquirer
    return result


def _today(counter) -> str:
    return counter.deps.clock.now().date().isoformat()


def _close_shift_and_sync(counter, engine) -> None:
    counter.run(services.close_shift, CloseShift(CLERK[0], {10000: 2}, None))
    assert engine.run_once().ok


def test_the_z_is_refused_while_a_code_payment_is_unknown_and_allowed_after_a_write_off(platform, tmp_path: Path):
    counter, engine = new_counter(platform, tmp_path / "c")
    try:
        unknown = _unknown_payment(counter)
        day = _today(counter)
        assert books_report(day, counter.uow()).unknown_payments == (unknown.payment.payment_id,)
        with pytest.raises(Refused) as refused:
            counter.run(close_day, CloseDay(CLERK[0], day, BOSS))
        assert refused.value.code == "payment_unknown"
        assert "付款码" in refused.value.zh and "核销" in refused.value.zh and "payment_unknown" not in refused.value.zh
        services.write_off_code_payment(services.WriteOffCodePayment(
            CLERK[0], unknown.payment.payment_id, "顾客已离开，收单方无法查询", BOSS), counter.uow(), counter.deps)
        assert books_report(day, counter.uow()).unknown_payments == ()
        _close_shift_and_sync(counter, engine)
        closed = counter.run(close_day, CloseDay(CLERK[0], day, None))
        assert closed.sequence_no == 1
    finally:
        counter.close()


def test_the_z_is_allowed_once_the_unknown_payment_is_resolved(platform, tmp_path: Path):
    counter, engine = new_counter(platform, tmp_path / "c")
    try:
        _unknown_payment(counter)
        day = _today(counter)
        with pytest.raises(Refused) as refused:
            counter.run(close_day, CloseDay(CLERK[0], day, BOSS))
        assert refused.value.code == "payment_unknown"
        [resolved] = services.resume_code_payments(counter.uow(), counter.deps, **FAST)
        assert resolved.payment.final
        _close_shift_and_sync(counter, engine)
        assert counter.run(close_day, CloseDay(CLERK[0], day, None)).sequence_no == 1
    finally:
        counter.close()
