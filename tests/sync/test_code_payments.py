"""Payment codes (付款码) against the reference platform as acquirer on loopback: one test per outcome."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.codepay import State
from counter_app.domain.commands import CartLine, CloseShift, PlaceOrder, RefundOrder, SupervisorApproval
from counter_app.domain.errors import PlatformError, Refused
from counter_app.domain.model import Tender
from counter_app.sync import SyncEngine, attach_sync
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, SUPERVISOR
from tests.sync.conftest import new_counter, platform_ops, platform_query

REPLY_DELAY_S = 1.5          # how late the acquirer answers the "slow" and "lost" codes
PAYMENT_TIMEOUT = (2.0, 0.5)  # the counter gives up on a collect reply after 0.5 s
FAST = {"poll_interval_s": 0.05}


def wechat(scenario: str = "0000") -> str:
    return "13" + "572468013579" + scenario


def alipay(scenario: str = "0000") -> str:
    return "28" + "76344382566475" + scenario


@pytest.fixture
def till(platform: PlatformProcess, tmp_path: Path) -> tuple[Counter, SyncEngine]:
    conn = sqlite3.connect(platform.db_path)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('acquirer_reply_delay_s', ?)",
                 (str(REPLY_DELAY_S),))
    conn.commit()
    conn.close()
    counter, engine = new_counter(platform, tmp_path / "c", payment_timeout=PAYMENT_TIMEOUT)
    yield counter, engine
    engine.stop()  # its code-payment settling thread reads the store: stopped before the store closes
    counter.close()


def _cart(counter: Counter) -> tuple[PlaceOrder, int]:
    with counter.uow() as uow:
        sku, price = uow.conn.execute(
            "SELECT sku, price_fen FROM catalog WHERE active = 1 AND price_fen > 100 LIMIT 1").fetchone()
    return PlaceOrder(CLERK[0], (CartLine(sku, 2),), ()), 2 * price


def _pay(counter: Counter, code: str, *, window_s: float = 5.0, sale: PlaceOrder | None = None
         ) -> services.CodePaymentResult:
    sale = sale or _cart(counter)[0]
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], code, sale), counter.uow(), counter.deps,
                                        poll_window_s=window_s)
    assert payment.state == State.ASKED
    return services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, code=code, **FAST)


def _acquirer(platform: PlatformProcess, payment_id: str) -> tuple[str, int, int] | None:
    rows = platform_query(platform.db_path, "SELECT status, amount_fen, refunded_fen FROM acquirer_payments"
                                            " WHERE payment_id = ?", (payment_id,))
    return rows[0] if rows else None


def _sales(counter: Counter) -> list[tuple[str, str]]:
    with counter.uow() as uow:
        return [(r[0], r[1]) for r in uow.conn.execute(
            "SELECT p.method, p.reference FROM payments p WHERE p.kind = 'counter_order'")]


def _steps(counter: Counter, payment_id: str) -> list[str]:
    with counter.uow() as uow:
        return [s for s, _ in uow.code_payments.steps(payment_id)]


def test_success_records_the_sale_with_the_acquirers_reference(till: tuple[Counter, SyncEngine],
                                                                  platform: PlatformProcess) -> None:
    counter, engine = till
    sale, total = _cart(counter)
    result = _pay(counter, wechat(), sale=sale)
    assert result.payment.state == State.CONFIRMED and result.placed is not None
    assert result.placed.total_fen == total and result.payment.amount_fen == total
    assert _sales(counter) == [("wechat_pay", result.payment.transaction_id)]
    assert _acquirer(platform, result.payment.payment_id) == ("success", total, 0)
    assert _steps(counter, result.payment.payment_id) == ["asked", "confirmed"]
    engine.run_once()
    assert platform_ops(platform.db_path)[result.placed.recorded.op_id] == ("accepted", "counter_order")
    rec = platform_query(platform.db_path, "SELECT method, amount_fen FROM op_money WHERE op_id = ?",
                         (result.placed.recorded.op_id,))
    assert rec == [("wechat_pay", total)]


def test_user_paying_then_success(till: tuple[Counter, SyncEngine], platform: PlatformProcess) -> None:
    counter, _ = till
    seen: list[State] = []
    sale, _ = _cart(counter)
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], alipay("1001"), sale), counter.uow(),
                                        counter.deps)
    result = services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, code=alipay("1001"),
                                          on_step=lambda p: seen.append(p.state), **FAST)
    assert State.WAITING in seen and result.payment.state == State.CONFIRMED and result.placed is not None
    assert _sales(counter) == [("alipay", result.payment.transaction_id)]
    assert _steps(counter, payment.payment_id) == ["asked", "waiting", "confirmed"]


def test_user_paying_then_timeout_is_cancelled_and_no_sale(till: tuple[Counter, SyncEngine],
                                                          platform: PlatformProcess) -> None:
    counter, _ = till
    result = _pay(counter, wechat("1002"), window_s=0.4)
    assert result.payment.state == State.CANCELLED and result.placed is None
    assert _sales(counter) == []
    assert _acquirer(platform, result.payment.payment_id)[0] == "cancelled"
    steps = _steps(counter, result.payment.payment_id)
    assert steps[0] == "asked" and steps[-2:] == ["cancel_asked", "cancelled"] and "waiting" in steps


def test_declined_keeps_the_reason_and_no_sale(till: tuple[Counter, SyncEngine], platform: PlatformProcess) -> None:
    counter, _ = till
    result = _pay(counter, alipay("1003"))
    assert result.payment.state == State.DECLINED and "余额不足" in result.payment.reason
    assert result.placed is None and _sales(counter) == []


def test_request_times_out_and_the_query_finds_it_paid(till: tuple[Counter, SyncEngine],
                                                       platform: PlatformProcess) -> None:
    counter, _ = till
    result = _pay(counter, wechat("1004"))
    assert result.payment.state == State.CONFIRMED and result.placed is not None
    steps = _steps(counter, result.payment.payment_id)
    assert steps[0] == "asked" and steps[-1] == "confirmed" and "waiting" in steps
    assert _acquirer(platform, result.payment.payment_id)[0] == "success"
    assert len(_sales(counter)) == 1


def test_request_times_out_and_the_query_finds_nothing_then_cancel(till: tuple[Counter, SyncEngine],
                                                                   platform: PlatformProcess) -> None:
    counter, _ = till
    result = _pay(counter, alipay("1005"))
    assert result.payment.state == State.CANCELLED and result.placed is None and _sales(counter) == []
    assert _steps(counter, result.payment.payment_id)[-2:] == ["cancel_asked", "cancelled"]
    # The acquirer knows it as cancelled: a late copy of the collect cannot take the money now.
    assert _acquirer(platform, result.payment.payment_id)[0] == "cancelled"


def test_split_payment_cash_and_code(till: tuple[Counter, SyncEngine]) -> None:
    counter, _ = till
    cart, total = _cart(counter)
    sale = PlaceOrder(CLERK[0], cart.lines, (Tender("cash", 100),))
    result = _pay(counter, wechat(), sale=sale)
    assert result.payment.amount_fen == total - 100 and result.placed is not None
    assert sorted(m for m, _ in _sales(counter)) == ["cash", "wechat_pay"]


def test_offline_the_method_is_refused_with_the_methods_that_work(till: tuple[Counter, SyncEngine]) -> None:
    counter, engine = till
    counter.update_settings(platform_url="http://127.0.0.1:9")
    counter.close()
    counter = Counter(counter.data_dir)
    engine = attach_sync(counter)
    assert engine is not None and not engine.run_once().ok  # the platform cannot be reached
    with pytest.raises(Refused) as caught:
        services.ask_code_payment(services.AskCodePayment(CLERK[0], wechat(), _cart(counter)[0]), counter.uow(),
                                  counter.deps)
    assert caught.value.code == "code_pay_offline" and "现金" in caught.value.zh and "预付卡" in caught.value.zh
    assert caught.value.details["available"] == ["cash", "bank_card", "prepaid_card", "points"]
    counter.close()


def test_shift_close_refused_while_unknown_then_allowed_after_write_off(till: tuple[Counter, SyncEngine]) -> None:
    counter, _ = till
    sale, _ = _cart(counter)
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], wechat("1002"), sale), counter.uow(),
                                        counter.deps, poll_window_s=0.3)
    counter.deps.acquirer = None  # the acquirer unreachable from here on: the result stays unknown
    services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, **FAST)
    close = CloseShift(CLERK[0], {10000: 2}, None)
    with pytest.raises(Refused) as caught:
        counter.run(services.close_shift, close)
    assert caught.value.code == "code_payment_unresolved" and "签退" in caught.value.zh
    assert [p.payment_id for p in services.unresolved_code_payments(counter.uow())] == [payment.payment_id]
    written = services.write_off_code_payment(services.WriteOffCodePayment(
        CLERK[0], payment.payment_id, "顾客已离开，收单方无法查询", SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])),
        counter.uow(), counter.deps)
    assert written.state == State.WRITTEN_OFF
    assert counter.run(services.close_shift, close).counted_cash_fen == 20000


def test_shift_close_allowed_after_the_unknown_payment_is_resolved(till: tuple[Counter, SyncEngine]) -> None:
    counter, _ = till
    sale, _ = _cart(counter)
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], wechat("1004"), sale), counter.uow(),
                                        counter.deps, poll_window_s=0.3)
    acquirer, counter.deps.acquirer = counter.deps.acquirer, None
    services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, code=wechat("1004"), **FAST)
    with pytest.raises(Refused):
        counter.run(services.close_shift, CloseShift(CLERK[0], {10000: 2}, None))
    counter.deps.acquirer = acquirer
    [resolved] = services.resume_code_payments(counter.uow(), counter.deps, **FAST)
    # It never reached the acquirer (the collect was not sent): found nothing, cancelled.
    assert resolved.payment.state == State.CANCELLED
    assert counter.run(services.close_shift, CloseShift(CLERK[0], {10000: 2}, None)).counted_cash_fen == 20000


def test_partial_refunds_go_back_to_the_code_payment_never_more_than_paid(till: tuple[Counter, SyncEngine],
                                                                          platform: PlatformProcess) -> None:
    counter, engine = till
    sale, total = _cart(counter)
    result = _pay(counter, alipay(), sale=sale)
    assert result.placed is not None
    approval = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])
    refund = counter.run(services.refund_order, RefundOrder(CLERK[0], result.placed.order_no, "顾客退一件", approval,
                                                           amount_fen=100))
    assert [(t.method, t.amount_fen, t.reference) for t in refund.tenders] == \
        [("alipay", 100, result.payment.transaction_id)]
    assert len(services.send_code_refunds(counter.uow(), counter.deps)) == 1
    assert _acquirer(platform, result.payment.payment_id) == ("success", total, 100)
    assert services.send_code_refunds(counter.uow(), counter.deps) == []  # nothing sent twice
    with pytest.raises(Refused) as caught:
        counter.run(services.refund_order, RefundOrder(CLERK[0], result.placed.order_no, "再退", approval,
                                                      amount_fen=total))
    assert caught.value.code == "refund_too_much"
    counter.run(services.refund_order, RefundOrder(CLERK[0], result.placed.order_no, "全部退回", approval))
    services.send_code_refunds(counter.uow(), counter.deps)
    assert _acquirer(platform, result.payment.payment_id) == ("success", total, total)
    # The acquirer itself refuses more than was paid.
    with pytest.raises(PlatformError) as refused:
        counter.deps.acquirer.refund(result.payment.payment_id, "extra-1", 1)  # type: ignore[union-attr]
    assert refused.value.details["server_code"] == "refund_too_much"
    engine.run_once()
    by_method = counter.deps.platform.reconciliation(result.placed.recorded.envelope["business_date"])["by_method"]  # type: ignore[union-attr]
    assert by_method.get("alipay", 0) == 0


def test_a_refund_the_acquirer_did_not_answer_is_sent_again_after_a_restart(till: tuple[Counter, SyncEngine],
                                                                            platform: PlatformProcess) -> None:
    counter, _ = till
    sale, total = _cart(counter)
    result = _pay(counter, wechat(), sale=sale)
    assert result.placed is not None
    acquirer, counter.deps.acquirer = counter.deps.acquirer, None
    counter.run(services.refund_order, RefundOrder(CLERK[0], result.placed.order_no, "退货",
                                                   SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3]), amount_fen=50))
    assert services.send_code_refunds(counter.uow(), counter.deps) == []
    assert _acquirer(platform, result.payment.payment_id) == ("success", total, 0)
    counter.deps.acquirer = acquirer
    services.resume_code_payments(counter.uow(), counter.deps, **FAST)
    assert _acquirer(platform, result.payment.payment_id) == ("success", total, 50)


def test_a_code_tender_cannot_be_entered_by_hand(till: tuple[Counter, SyncEngine]) -> None:
    counter, _ = till
    sale, total = _cart(counter)
    with pytest.raises(Refused) as caught:
        counter.run(services.place_order, PlaceOrder(CLERK[0], sale.lines, (Tender("wechat_pay", total, "T1"),)))
    assert caught.value.code == "code_tender_direct"


def test_unresolved_payments_settle_by_themselves_when_the_link_comes_back(till: tuple[Counter, SyncEngine]) -> None:
    counter, engine = till
    sale, _ = _cart(counter)
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], wechat(), sale), counter.uow(),
                                        counter.deps, poll_window_s=0.3)
    acquirer, counter.deps.acquirer = counter.deps.acquirer, None
    services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, **FAST)
    assert len(services.unresolved_code_payments(counter.uow())) == 1
    counter.deps.acquirer = acquirer
    engine.connectivity.observe("unreachable", None)
    engine.run_once(pull=False)  # the link is back: the payment is settled on a thread of its own
    deadline = time.monotonic() + 10
    while services.unresolved_code_payments(counter.uow()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert services.unresolved_code_payments(counter.uow()) == []


def test_stopping_the_engine_waits_for_the_payments_being_settled(till: tuple[Counter, SyncEngine]) -> None:
    """The settling thread reads the store: the engine's stop waits for it, so the store is never closed under
    it (a closed SQLite connection used by that thread crashed `counter-app doctor` with SIGSEGV now and then).
    The acquirer is the real one behind a one-second delay, so the thread is surely still busy at the stop."""
    counter, engine = till
    sale, _ = _cart(counter)
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], wechat(), sale), counter.uow(),
                                        counter.deps, poll_window_s=0.3)
    acquirer, counter.deps.acquirer = counter.deps.acquirer, None
    services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, **FAST)
    assert len(services.unresolved_code_payments(counter.uow())) == 1

    class Slow:
        def __getattr__(self, name: str) -> Any:
            def slowly(*args: Any, **kwargs: Any) -> Any:
                time.sleep(1.0)
                return getattr(acquirer, name)(*args, **kwargs)
            return slowly

    counter.deps.acquirer = Slow()
    engine.connectivity.observe("unreachable", None)
    engine.run_once(pull=False)  # the link is back: settling starts on its own thread
    assert any(t.name == "code-payments-resume" for t in threading.enumerate())
    engine.stop()
    assert not any(t.name == "code-payments-resume" and t.is_alive() for t in threading.enumerate())
    assert services.unresolved_code_payments(counter.uow()) == []  # it finished its work before the stop returned
