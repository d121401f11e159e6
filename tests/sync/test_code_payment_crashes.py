"""The counter SIGKILLed at random points of code payments: on restart every payment reaches a final state,
none is charged twice, and the sale exists exactly when the payment succeeded."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.codepay import OPEN_STATES, State
from counter_app.domain.commands import CartLine, PlaceOrder
from counter_app.sync import attach_sync
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK
from tests.sync.conftest import new_counter, platform_query

KILLS = 24
SCENARIOS = ["0000", "0000", "1001", "1002", "1003", "1004", "1005"]
OPTIONS = {"poll_interval_s": 0.05}


def _attach(counter: Counter) -> None:
    """The payments API as the app has it; one sync cycle learns that the platform is reachable."""
    engine = attach_sync(counter, payment_timeout=(2.0, 0.4))
    assert engine is not None
    engine.run_once(pull=False)


def _child(data_dir: str, seed: int) -> None:
    """A restarted counter: first settles what the last one left, then takes code payments until killed."""
    rng = random.Random(seed)
    counter = Counter(Path(data_dir))
    _attach(counter)
    services.resume_code_payments(counter.uow(), counter.deps, **OPTIONS)
    with counter.uow() as uow:
        skus = [r[0] for r in uow.conn.execute("SELECT sku FROM catalog WHERE active = 1 AND price_fen > 0")]
    while True:
        code = "13" + f"{rng.randrange(10**12):012d}" + rng.choice(SCENARIOS)
        sale = PlaceOrder(CLERK[0], (CartLine(rng.choice(skus), rng.randint(1, 3)),), ())
        if not counter.deps.online():  # a collect that timed out leaves the link degraded until the next call
            counter.deps.acquirer.query("none")  # type: ignore[union-attr]
        payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], code, sale), counter.uow(),
                                            counter.deps, poll_window_s=0.3)
        services.settle_code_payment(payment.payment_id, counter.uow(), counter.deps, code=code, **OPTIONS)


def test_killed_at_random_points_of_code_payments_every_payment_settles_once(platform: PlatformProcess,
                                                                            tmp_path: Path) -> None:
    conn = sqlite3.connect(platform.db_path)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('acquirer_reply_delay_s', '0.6')")
    conn.commit()
    conn.close()
    counter, _ = new_counter(platform, tmp_path / "c")
    data_dir = counter.data_dir
    counter.close()
    rng = random.Random(1414)
    ctx = multiprocessing.get_context("fork")
    unresolved_at_kill = 0
    for i in range(KILLS):
        child = ctx.Process(target=_child, args=(str(data_dir), i), daemon=True)
        child.start()
        time.sleep(rng.uniform(0.05, 1.5))
        assert child.pid is not None and child.is_alive(), "the counter process died on its own"
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        check = Counter(data_dir)
        unresolved_at_kill += len(services.unresolved_code_payments(check.uow()))
        check.close()
    # The last restart: settle everything, then compare the counter with the acquirer.
    counter = Counter(data_dir)
    _attach(counter)
    services.resume_code_payments(counter.uow(), counter.deps, **OPTIONS)
    with counter.uow() as uow:
        local = {r[0]: (r[1], r[2], r[3], r[4]) for r in uow.conn.execute(
            "SELECT payment_id, state, transaction_id, sale_op_id, amount_fen FROM code_payments")}
        sales = {r[0]: r[1] for r in uow.conn.execute(
            "SELECT reference, COUNT(*) FROM payments WHERE method IN ('wechat_pay', 'alipay') GROUP BY reference")}
        journal_sales = {r[0] for r in uow.conn.execute("SELECT op_id FROM journal WHERE kind = 'counter_order'")}
    counter.close()
    acquirer = {r[0]: (r[1], r[2]) for r in platform_query(
        platform.db_path, "SELECT payment_id, status, transaction_id FROM acquirer_payments")}
    assert len(local) >= KILLS and unresolved_at_kill > 0, "the kills never caught a payment in flight"
    states = {state for state, *_ in local.values()}
    assert not states & {s.value for s in OPEN_STATES}, "a payment was left without a result"
    assert State.CONFIRMED.value in states and State.CANCELLED.value in states
    for payment_id, (state, txn, sale_op_id, _amount) in local.items():
        at_acquirer = acquirer.get(payment_id)
        charged = at_acquirer is not None and at_acquirer[0] == "success"
        if state == State.CONFIRMED.value:
            assert charged and at_acquirer is not None and txn == at_acquirer[1]
            assert sale_op_id in journal_sales and sales.get(txn) == 1, "confirmed without exactly one sale"
        else:
            assert not charged, f"{payment_id} is {state} here but the customer was charged"
            assert sale_op_id is None
    # Every code tender in the sales belongs to a confirmed payment (no sale without its payment).
    confirmed_txns = {txn for state, txn, *_ in local.values() if state == State.CONFIRMED.value}
    assert set(sales) == confirmed_txns
