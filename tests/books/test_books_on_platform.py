"""The books against the reference platform on loopback: cash transfers confirmed across counters, the day close,
per-operation reconciliation with planted differences, and corrections accepted or disputed."""

from __future__ import annotations

import sqlite3

import pytest

from counter_app.domain import services
from counter_app.domain.cashbox import (
    AnswerCorrection,
    CloseDay,
    CollectCash,
    ConfirmCashTransfer,
    HandBackCash,
    SettleOverShort,
    TransferCash,
)
from counter_app.domain.commands import CartLine, CloseShift, OpenShift, PlaceOrder, SupervisorApproval
from counter_app.domain.errors import NotAllowed, Refused
from counter_app.domain.model import Tender
from counter_app.domain.reconciliation import DIFFERENT, MATCHED, ONLY_HERE, ONLY_PLATFORM, REJECTED, reconcile_operations
from counter_app.domain.services.cashbox import collect_cash, confirm_cash_transfer, hand_back_cash, transfer_cash
from counter_app.domain.services.dayclose import answer_correction, books_report, close_day, settle_over_short
from counter_app.app.books_command import refresh_corrections
from counter_app.sync.books import platform_day_operations, pull_corrections
from platform_sim.books import issue_correction
from tests.books.test_cashbox import _count_of
from tests.conftest import FixedClock
from counter_app.store.audit import verify_store
from tests.sync.conftest import local_outbox, new_counter, platform, platform_query  # noqa: F401  (fixture)

BOSS = SupervisorApproval("9001", "8888")
DAY = "2026-11-25"


def _sync(engine) -> None:
    report = engine.run_once()
    assert report.ok, report.errors


def _price(counter) -> tuple[str, int]:
    with counter.uow().read() as uow:
        assert uow.conn is not None
        row = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()
    return row[0], row[1]


def _sale(counter):
    """One item of the platform's first product, paid in exact cash."""
    sku, price = _price(counter)
    return counter.run(services.place_order, PlaceOrder("1001", (CartLine(sku, 1),), (Tender("cash", price),)))


def _reconcile(counter):
    ops = platform_day_operations(counter.deps.platform, DAY)
    return reconcile_operations(DAY, counter.uow(), ops)


def test_a_transfer_between_counters_is_confirmed_on_the_platform(platform, tmp_path) -> None:
    a, engine_a = new_counter(platform, tmp_path / "a", clock=FixedClock())
    b, engine_b = new_counter(platform, tmp_path / "b", clock=FixedClock())
    sent = a.run(transfer_cash, TransferCash("1001", b.settings()["counter_id"], 3_000, "调剂零钞"))
    # The receiving counter confirms first: either side may arrive first.
    b.run(confirm_cash_transfer, ConfirmCashTransfer("1001", sent.transfer_no, a.settings()["counter_id"], 3_000))
    _sync(engine_b)
    _sync(engine_a)
    rows = platform_query(platform.db_path, "SELECT out_op_id IS NOT NULL, in_op_id IS NOT NULL, amount_fen FROM "
                          "cash_transfers WHERE transfer_no = ?", (sent.transfer_no,))
    assert rows == [(1, 1, 3_000)]
    # A second confirmation of the same slip (another counter's clerk, say) is refused by the platform.
    c, engine_c = new_counter(platform, tmp_path / "c", clock=FixedClock())
    c.run(confirm_cash_transfer, ConfirmCashTransfer("1001", sent.transfer_no, a.settings()["counter_id"], 3_000))
    _sync(engine_c)
    assert [e["code"] for e in services.queries.open_exceptions(c.uow())] == ["transfer_already_confirmed"]


def test_reconciliation_finds_each_planted_difference_and_nothing_on_a_clean_day(platform, tmp_path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock())
    sales = [_sale(counter) for _ in range(5)]
    counter.run(collect_cash, CollectCash("1001", 5_000, "领零钞"))
    _sync(engine)
    clean = _reconcile(counter)
    assert clean.differences == [] and clean.count(MATCHED) == 7  # the shift's opening, 5 sales, the cash move
    states = local_outbox(counter)
    dropped, altered, rejected = (_op_id(counter, s.order_no) for s in sales[:3])
    queued = _sale(counter)  # taken, not yet sent
    conn = sqlite3.connect(platform.db_path)
    with conn:
        conn.execute("DELETE FROM ops WHERE op_id = ?", (dropped,))
        conn.execute("UPDATE ops SET amount_fen = amount_fen + 100 WHERE op_id = ?", (altered,))
        conn.execute("UPDATE ops SET status = 'rejected', code = 'planted' WHERE op_id = ?", (rejected,))
        conn.execute("INSERT INTO ops SELECT '00000000-0000-4000-8000-000000000001', device_id, branch_id, counter_id,"
                     " kind, business_date, payload_hash, status, code, reason, result_json, 700, NULL, received_at"
                     " FROM ops WHERE op_id = ?", (_op_id(counter, sales[4].order_no),))
    conn.close()
    found = {line.op_id: (line.status, line.note) for line in _reconcile(counter).differences}
    assert found == {dropped: (ONLY_HERE, "lost"), altered: (DIFFERENT, "amount"), rejected: (REJECTED, "planted"),
                     "00000000-0000-4000-8000-000000000001": (ONLY_PLATFORM, "never created here"),
                     _op_id(counter, queued.order_no): (ONLY_HERE, "queued")}
    # The comparison changed nothing here: the journal still verifies, the outbox is as it was.
    assert verify_store(counter.store)[0] == []
    assert local_outbox(counter) == states | {_op_id(counter, queued.order_no): "pending"}


def _op_id(counter, order_no: str) -> str:
    with counter.uow().read() as uow:
        order = uow.orders.get(order_no)
    assert order is not None
    return order.op_id


def test_a_z_with_queued_operations_needs_a_supervisor_lists_them_and_a_second_z_is_refused(platform, tmp_path) -> None:
    clock = FixedClock()
    counter, engine = new_counter(platform, tmp_path / "c", clock=clock)
    _sale(counter)
    _sync(engine)
    queued = _sale(counter)
    counter.run(services.close_shift, CloseShift("1001", _count_of(20_000 + 2 * _price(counter)[1])))
    with pytest.raises(NotAllowed) as err:
        counter.run(close_day, CloseDay("1001", DAY))
    assert err.value.code == "supervisor_required" and "2 笔" in err.value.zh  # the sale and the shift close
    closed = counter.run(close_day, CloseDay("1001", DAY, BOSS))
    assert closed.sequence_no == 1 and closed.pending_count == 2
    assert _op_id(counter, queued.order_no) in closed.recorded.payload["pending_op_ids"]
    assert closed.recorded.payload["totals"]["by_kind"]["counter_order"] == {"count": 2, "amount_fen": 2 * _price(counter)[1]}
    with pytest.raises(Refused) as err:
        counter.run(close_day, CloseDay("1001", DAY, BOSS))
    assert err.value.code == "day_already_closed"
    # The next day's report carries the unanswered ones until the platform answers.
    clock.advance(days=1)
    assert {p["op_id"] for p in books_report("2026-11-26", counter.uow()).carried_pending} >= {_op_id(counter, queued.order_no)}
    _sync(engine)
    assert books_report("2026-11-26", counter.uow()).carried_pending == []
    assert platform_query(platform.db_path, "SELECT status FROM ops WHERE kind = 'day_close'") == [("accepted",)]


def test_a_z_is_refused_while_a_shift_is_open_or_a_payment_is_unknown(platform, tmp_path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock())
    with pytest.raises(Refused) as err:
        counter.run(close_day, CloseDay("1001", DAY, BOSS))
    assert err.value.code == "shifts_open"
    counter.run(services.close_shift, CloseShift("1001", _count_of(20_000)))
    with pytest.raises(Refused) as err:
        close_day(CloseDay("1001", DAY, BOSS), counter.uow(), counter.deps,
                  unknown_payments=lambda uow, day: ["some-op"])
    assert err.value.code == "payment_unknown"


def test_an_over_short_stays_on_the_reports_until_settled_by_an_operation(platform, tmp_path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock())
    closed = counter.run(services.close_shift, CloseShift("1001", {10_000: 1, 5_000: 1}, BOSS))  # 50.00 short
    assert [d["op_id"] for d in books_report(DAY, counter.uow()).unsettled] == [closed.recorded.op_id]
    counter.run(services.open_shift, OpenShift("1001", 0))
    recorded = settle_over_short(SettleOverShort("1001", closed.recorded.op_id, "paid_in", "营业员补足", BOSS),
                                 counter.uow(), counter.deps)
    assert recorded.kind == "over_short_settle" and recorded.payload["difference_fen"] == -5_000
    assert books_report(DAY, counter.uow()).unsettled == []
    _sync(engine)
    assert platform_query(platform.db_path, "SELECT status FROM ops WHERE kind = 'over_short_settle'") == [("accepted",)]


def test_corrections_accepted_and_disputed_are_journaled_pushed_and_move_figures_only_once_accepted(
        platform, tmp_path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock())
    _sale(counter)
    counter.run(hand_back_cash, HandBackCash("1001", 100, "上缴"))
    _sync(engine)
    counter_id = counter.settings()["counter_id"]
    accepted = issue_correction(platform.db_path, branch_id="B001", counter_id=counter_id, business_date=DAY,
                                amount_fen=-200, reason="手续费按新标准")
    disputed = issue_correction(platform.db_path, branch_id="B001", counter_id=counter_id, business_date=DAY,
                                amount_fen=1_000, reason="平台多记")
    assert refresh_corrections(counter) == 2  # as the books dialog pulls them
    before = books_report(DAY, counter.uow())
    price = _price(counter)[1]
    assert before.suspense_fen == 800 and before.booked_takings_fen == before.net_takings_fen == price
    counter.run(answer_correction, AnswerCorrection("1001", accepted["correction_id"], "accepted", "同意", BOSS))
    counter.run(answer_correction, AnswerCorrection("1001", disputed["correction_id"], "disputed", "现金已核对", BOSS))
    with pytest.raises(Refused):
        counter.run(answer_correction, AnswerCorrection("1001", disputed["correction_id"], "accepted", "改主意", BOSS))
    after = books_report(DAY, counter.uow())
    assert after.suspense_fen == 0 and after.booked_takings_fen == price - 200 and after.net_takings_fen == price
    _sync(engine)
    rows = dict(platform_query(platform.db_path, "SELECT correction_id, status FROM corrections WHERE counter_id = ?",
                               (counter_id,)))
    assert rows == {accepted["correction_id"]: "accepted", disputed["correction_id"]: "disputed"}
    assert pull_corrections(counter.deps.platform) == 0  # nothing the platform sends changes the figures
    assert books_report(DAY, counter.uow()).booked_takings_fen == price - 200


def test_report_reconcile_and_platform_correct_from_the_command_line(platform, tmp_path) -> None:
    import subprocess
    import sys

    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock())
    _sale(counter)
    _sync(engine)
    counter_id, data_dir = counter.settings()["counter_id"], counter.data_dir
    counter.close()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "counter_app", *args], capture_output=True, text=True,
                              timeout=120)

    csv_path = tmp_path / "rec.csv"
    clean = cli("--data-dir", str(data_dir), "report", "reconcile", "--date", DAY, "--csv", str(csv_path))
    assert clean.returncode == 0, clean.stderr
    assert "差异 0 笔" in clean.stdout and csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    issued = cli("platform", "correct", "--db", str(platform.db_path), "--branch", "B001", "--counter", counter_id,
                 "--date", DAY, "--amount-fen", "-300", "--reason", "补记手续费")
    assert issued.returncode == 0, issued.stderr
    x = cli("--data-dir", str(data_dir), "report", "x", "--date", DAY)
    assert x.returncode == 0 and "1 new correction" in x.stdout and "更正挂账" in x.stdout and "-￥3.00" in x.stdout
