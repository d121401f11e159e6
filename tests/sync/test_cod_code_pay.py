"""Cash on delivery paid by payment code (付款码), against the reference platform as acquirer on loopback: the
order is verified when the code is asked for and handed over in the transaction that records the confirmed
payment; a declined code hands nothing over; offline the method is refused at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.domain import services
from counter_app.domain.codepay import State
from counter_app.domain.commands import CollectPickup
from counter_app.domain.errors import Refused
from counter_app.domain.model import Tender
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK
from tests.sync.conftest import new_counter, platform_ops, platform_query
from tests.sync.test_cod_pickups import COD_FEN, _make_cod

WECHAT_PAID = "135724680135790000"
WECHAT_DECLINED = "135724680135791003"


def _pay(counter, code: str, pickup: CollectPickup) -> services.CodePaymentResult:
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], code, pickup), counter.uow(), counter.deps)
    return services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, code=code,
                                        poll_interval_s=0.05)


def _collected(counter, order_no: str) -> list[str]:
    return [e["op_id"] for e in services.queries.journal_entries(counter.uow())
            if e["kind"] == "pickup_collected" and e["payload"]["order_no"] == order_no]


def test_cod_pickup_paid_by_code_with_cash_is_handed_over_once_the_payment_is_confirmed(
        platform: PlatformProcess, tmp_path: Path) -> None:
    order_no, code = _make_cod(platform)
    counter, engine = new_counter(platform, tmp_path / "c")
    [(paid_before,)] = platform_query(platform.db_path, "SELECT paid_fen FROM orders WHERE order_no = ?", (order_no,))
    result = _pay(counter, WECHAT_PAID, CollectPickup(CLERK[0], order_no, code, tenders=(Tender("cash", 345),)))
    assert result.payment.state == State.CONFIRMED and result.payment.amount_fen == COD_FEN - 345
    assert result.placed is not None and result.placed.recorded.kind == "pickup_collected"
    payload = result.placed.recorded.payload
    assert sorted((t["method"], t["amount_fen"]) for t in payload["tenders"]) == [("cash", 345),
                                                                                  ("wechat_pay", COD_FEN - 345)]
    assert payload["cod_fen"] == COD_FEN and payload["verified_by"] == "code"
    assert _collected(counter, order_no) == [result.placed.recorded.op_id]
    with pytest.raises(Refused) as again:  # the order is gone: a second scan is refused, nothing charged
        services.ask_code_payment(services.AskCodePayment(CLERK[0], WECHAT_PAID, CollectPickup(
            CLERK[0], order_no, code)), counter.uow(), counter.deps)
    assert again.value.code == "pickup_already_collected"
    engine.run_once()
    assert platform_ops(platform.db_path)[result.placed.recorded.op_id] == ("accepted", "pickup_collected")
    assert platform_query(platform.db_path, "SELECT status, paid_fen FROM orders WHERE order_no = ?",
                          (order_no,)) == [("collected", paid_before + COD_FEN)]
    counter.close()


def test_a_declined_code_hands_nothing_over_and_a_wrong_pickup_code_is_refused_before_charging(
        platform: PlatformProcess, tmp_path: Path) -> None:
    order_no, code = _make_cod(platform)
    counter, _ = new_counter(platform, tmp_path / "c")
    with pytest.raises(Refused) as wrong:
        services.ask_code_payment(services.AskCodePayment(CLERK[0], WECHAT_PAID, CollectPickup(
            CLERK[0], order_no, "000000")), counter.uow(), counter.deps)
    assert wrong.value.code == "pickup_code_wrong"
    with counter.uow() as uow:
        assert uow.code_payments.unresolved() == []
    result = _pay(counter, WECHAT_DECLINED, CollectPickup(CLERK[0], order_no, code))
    assert result.payment.state == State.DECLINED and result.placed is None
    assert _collected(counter, order_no) == []
    with counter.uow() as uow:
        assert uow.manifest.get(order_no).status != "collected"
    counter.close()
