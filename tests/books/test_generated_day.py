"""A generated day of 2,000 mixed operations over 3 clerks, 2 counters and 2 shifts each, with cash box moves and
transfers between the counters: every report total equals the sum computed here from the generated operations,
every drawer's expected cash equals float + moves + cash taken − change − cash refunds, and after sync the
platform's figures equal each counter's, operation by operation."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from counter_app.domain import services
from counter_app.domain.cashbox import CloseDay, CollectCash, ConfirmCashTransfer, HandBackCash, TransferCash
from counter_app.domain.commands import (
    CartLine,
    CloseShift,
    OpenShift,
    PayOrder,
    PlaceOrder,
    RefundOrder,
    SupervisorApproval,
    VoidOrder,
)
from counter_app.domain.model import PAYMENT_METHODS, Tender
from counter_app.domain.reconciliation import MATCHED, reconcile_operations
from counter_app.domain.services.cashbox import collect_cash, confirm_cash_transfer, hand_back_cash, transfer_cash
from counter_app.domain.services.dayclose import books_report, close_day
from counter_app.domain.services.queries import reconcile_day
from counter_app.sync.books import platform_day_operations
from platform_sim.testing import PlatformProcess, seed_small
from tests.books.test_cashbox import _count_of
from tests.conftest import FixedClock
from tests.sync.conftest import new_counter

BOSS = SupervisorApproval("9001", "8888")
DAY = "2026-11-25"
CLERKS = ("1001", "1002", "1003")
TOTAL_OPS = 2_000


@pytest.fixture
def platform(tmp_path: Path):
    db = tmp_path / "platform.db"
    seed_small(db)
    server = PlatformProcess(db).start()
    yield server
    server.stop()


@dataclass
class Book:
    """What the test expects of one counter, computed from the operations it generated."""

    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_method: dict[str, int] = field(default_factory=lambda: {m: 0 for m in PAYMENT_METHODS})
    by_clerk: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    drawers: dict[str, int] = field(default_factory=dict)  # shift id -> expected cash
    moves: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def business(self, kind: str, clerk: str, amount: int, money: dict[str, int]) -> None:
        self.by_kind[kind][0] += 1
        self.by_kind[kind][1] += amount
        self.by_clerk[clerk][0] += 1
        for method, fen in money.items():
            self.by_method[method] += fen
            self.by_clerk[clerk][1] += fen

    def move(self, kind: str, shift_id: str, amount: int, signed: int) -> None:
        self.moves[kind][0] += 1
        self.moves[kind][1] += amount
        self.drawers[shift_id] += signed


@dataclass
class Desk:
    """One counter as the generator drives it."""

    name: str
    counter: Any
    engine: Any
    counter_id: str
    book: Book = field(default_factory=Book)
    clerk: str = ""
    shift_id: str = ""
    unpaid: list[tuple[str, int]] = field(default_factory=list)  # order no, total
    refundable: list[list[Any]] = field(default_factory=list)  # [order no, method, paid, refunded]
    ops: int = 0


def _products(counter) -> list[tuple[str, int]]:
    with counter.uow().read() as uow:
        return [(r[0], r[1]) for r in uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 "
                                                        "AND price_fen > 0 ORDER BY sku")]


def _pay(rng: random.Random, total: int, style: str, ref: str) -> tuple[tuple[Tender, ...], dict[str, int], int]:
    """Tenders for ``total``, the net money per method, and the cash the drawer keeps."""
    if style == "cash":
        given = -(-total // 1000) * 1000 + rng.choice((0, 0, 1000, 5000))
        return (Tender("cash", given),), {"cash": total}, total
    if style == "card":
        return (Tender("bank_card", total, ref),), {"bank_card": total}, 0
    cash = max(1, total // 3)
    return (Tender("cash", cash), Tender("prepaid_card", total - cash, ref)), {"cash": cash, "prepaid_card": total - cash}, cash


def _open(desk: Desk, clerk: str, float_fen: int) -> None:
    opened = desk.counter.run(services.open_shift, OpenShift(clerk, float_fen))
    desk.clerk, desk.shift_id = clerk, opened.shift.shift_id
    desk.book.drawers[desk.shift_id] = float_fen
    desk.ops += 1


def _one(rng: random.Random, desk: Desk, other: Desk, products: list[tuple[str, int]], seq: int) -> None:
    c, book, clerk = desk.counter, desk.book, desk.clerk
    roll = rng.random()
    ref = f"R{desk.counter_id}{seq:05d}"
    if roll < 0.55 or (roll < 0.75 and not desk.unpaid) or (roll < 0.85 and not desk.refundable):
        lines = [(sku, rng.randint(1, 3)) for sku, _ in rng.sample(products, rng.randint(1, 3))]
        total = sum(dict(products)[sku] * qty for sku, qty in lines)
        style = rng.choice(("cash", "cash", "card", "split"))
        tenders, money, cash = _pay(rng, total, style, ref)
        placed = c.run(services.place_order, PlaceOrder(clerk, tuple(CartLine(s, q) for s, q in lines), tenders))
        assert placed.total_fen == total
        book.business("counter_order", clerk, total, money)
        book.drawers[desk.shift_id] += cash
        if style != "split":
            desk.refundable.append([placed.order_no, next(iter(money)), total, 0])
    elif roll < 0.63:
        sku, price = rng.choice(products)
        placed = c.run(services.place_order, PlaceOrder(clerk, (CartLine(sku, 1),), None))
        book.business("counter_order", clerk, 0, {})
        desk.unpaid.append((placed.order_no, price))
    elif roll < 0.75:
        order_no, total = desk.unpaid.pop(rng.randrange(len(desk.unpaid)))
        if rng.random() < 0.4:
            c.run(services.void_order, VoidOrder(clerk, order_no, "顾客不要了", BOSS))
            book.business("void", clerk, 0, {})
        else:
            style = rng.choice(("cash", "card"))
            tenders, money, cash = _pay(rng, total, style, ref)
            c.run(services.pay_order, PayOrder(clerk, order_no, tenders))
            book.business("order_payment", clerk, total, money)
            book.drawers[desk.shift_id] += cash
            desk.refundable.append([order_no, style if style == "cash" else "bank_card", total, 0])
    elif roll < 0.85:
        entry = rng.choice(desk.refundable)
        order_no, method, paid, refunded = entry
        amount = rng.randint(1, paid - refunded)
        c.run(services.refund_order, RefundOrder(clerk, order_no, "退货", BOSS, amount_fen=amount))
        entry[3] += amount
        if entry[3] == paid:
            desk.refundable.remove(entry)
        book.business("refund", clerk, amount, {method: -amount})
        if method == "cash":
            book.drawers[desk.shift_id] -= amount
    elif roll < 0.93:
        amount = rng.randint(1, 2_000) * 100
        if rng.random() < 0.5 or book.drawers[desk.shift_id] < amount:
            c.run(collect_cash, CollectCash(clerk, amount, "领零钞"))
            book.move("cash_collect", desk.shift_id, amount, amount)
        else:
            c.run(hand_back_cash, HandBackCash(clerk, amount, "大额上缴"))
            book.move("cash_handback", desk.shift_id, amount, -amount)
    else:
        amount = rng.randint(1, 500) * 100
        if book.drawers[desk.shift_id] < amount:
            c.run(collect_cash, CollectCash(clerk, amount, "领零钞"))
            book.move("cash_collect", desk.shift_id, amount, amount)
        sent = c.run(transfer_cash, TransferCash(clerk, other.counter_id, amount, "调剂"))
        book.move("cash_transfer_out", desk.shift_id, amount, -amount)
        other.counter.run(confirm_cash_transfer, ConfirmCashTransfer(other.clerk, sent.transfer_no, desk.counter_id,
                                                                       amount))
        other.book.move("cash_transfer_in", other.shift_id, amount, amount)
        other.ops += 1
    desk.ops += 1


def _close(desk: Desk) -> None:
    for order_no, _ in desk.unpaid:  # nothing left unpaid at the end of a shift
        desk.counter.run(services.void_order, VoidOrder(desk.clerk, order_no, "班末作废", BOSS))
        desk.book.business("void", desk.clerk, 0, {})
        desk.ops += 1
    desk.unpaid.clear()
    expected = desk.book.drawers[desk.shift_id]
    closed = desk.counter.run(services.close_shift, CloseShift(desk.clerk, _count_of(expected)))
    assert closed.expected_cash_fen == expected and closed.difference_fen == 0
    desk.ops += 1


def _sync_all(desk: Desk) -> None:
    for _ in range(100):
        report = desk.engine.run_once()
        assert report.ok, report.errors
        if services.queries.outbox_stats(desk.counter.uow()).pending == 0:
            return
    raise AssertionError("the queue did not drain")


def test_a_generated_day_balances_on_every_report_and_with_the_platform(platform, tmp_path) -> None:
    rng = random.Random(16)
    desks = []
    for name in ("a", "b"):
        counter, engine = new_counter(platform, tmp_path / name, clock=FixedClock(), open_shift=False)
        for clerk in CLERKS[1:]:
            counter.add_clerk(clerk, f"营业员{clerk}", "clerk", "1234")
        desks.append(Desk(name, counter, engine, counter.settings()["counter_id"]))
    a, b = desks
    products = _products(a.counter)
    shifts = {a.name: (("1001", 50_000), ("1002", 30_000)), b.name: (("1003", 40_000), ("1001", 20_000))}
    seq = 0
    for phase in (0, 1):
        for desk in desks:
            _open(desk, *shifts[desk.name][phase])
        target = TOTAL_OPS // 2 * (phase + 1)
        while a.ops + b.ops < target:
            seq += 1
            desk, other = (a, b) if rng.random() < 0.5 else (b, a)
            _one(rng, desk, other, products, seq)
        for desk in desks:
            _close(desk)
        if phase == 0:
            _sync_all(a)  # the first shifts' operations reach the platform mid-day; the rest at the end
    assert a.ops + b.ops >= TOTAL_OPS
    clerks_seen = {clerk for desk in desks for clerk in desk.book.by_clerk}
    assert clerks_seen == set(CLERKS)

    for desk in desks:
        report = books_report(DAY, desk.counter.uow())
        book = desk.book
        assert {k: [v["count"], v["amount_fen"]] for k, v in report.day.by_kind.items()} == dict(book.by_kind)
        assert report.day.by_method == book.by_method
        assert {k: [v["count"], v["takings_fen"]] for k, v in report.day.by_clerk.items()} == dict(book.by_clerk)
        assert {s["shift_id"]: s["expected_fen"] for s in report.shifts} == book.drawers
        assert all(s["difference_fen"] == 0 for s in report.shifts)
        assert {k: [v["count"], v["amount_fen"]] for k, v in report.cash_moves.items()} == dict(book.moves)
        assert report.net_takings_fen == sum(fen for m, fen in book.by_method.items() if m != "points")

    for desk in desks:
        _sync_all(desk)
        _, differences = reconcile_day(DAY, desk.counter.uow(), desk.counter.deps)
        assert differences == []
        platform_totals = desk.counter.deps.platform.reconciliation(DAY)
        assert {m: fen for m, fen in platform_totals["by_method"].items() if fen} == \
            {m: fen for m, fen in desk.book.by_method.items() if fen}
        assert {k: [v["count"], v["amount_fen"]] for k, v in platform_totals["by_kind"].items()
                if k in desk.book.by_kind} == dict(desk.book.by_kind)
        rec = reconcile_operations(DAY, desk.counter.uow(), platform_day_operations(desk.counter.deps.platform, DAY))
        assert rec.differences == [] and rec.count(MATCHED) == len(rec.lines) == desk.ops
        closed = desk.counter.run(close_day, CloseDay(desk.clerk, DAY))  # every operation answered: no supervisor
        assert closed.pending_count == 0 and closed.sequence_no == 1
        assert closed.recorded.payload["cash"]["difference_fen"] == 0
        _sync_all(desk)
