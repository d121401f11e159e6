"""Counter orders and bill payments: the money rows behind sales, payments, voids, refunds and bills."""

from __future__ import annotations

import json
from collections.abc import Sequence

from counter_app.domain.model import Order, OrderLine, PaidTender, Tender
from counter_app.domain.order_lookup import OrderSummary
from counter_app.store.repositories import Repository


class OrderRepository(Repository):
    """Counter orders: header and lines are written once; payments, voids and refunds are new rows."""

    def add(self, *, order_no: str, op_id: str, shift_id: str, clerk_id: str, member_id: str | None,
            subtotal_fen: int, discount_fen: int, total_fen: int, created_at: str,
            lines: Sequence[OrderLine]) -> None:
        self.conn.execute(
            "INSERT INTO orders (order_no, op_id, shift_id, clerk_id, member_id, subtotal_fen, discount_fen, "
            "total_fen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (order_no, op_id, shift_id, clerk_id, member_id, subtotal_fen, discount_fen, total_fen, created_at),
        )
        self.conn.executemany(
            "INSERT INTO order_lines (order_no, line_no, sku, name, qty, unit_price_fen, amount_fen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(order_no, i + 1, ln.sku, ln.name, ln.qty, ln.unit_price_fen, ln.amount_fen)
             for i, ln in enumerate(lines)],
        )

    def get(self, order_no: str) -> Order | None:
        """An order with its lines, payments, refunds, void and the points its payments moved."""
        row = self.conn.execute("SELECT * FROM orders WHERE order_no = ?", (order_no,)).fetchone()
        if row is None:
            return None
        lines = tuple(OrderLine(r["sku"], r["name"], r["qty"], r["unit_price_fen"], r["amount_fen"])
                      for r in self.conn.execute(
                          "SELECT sku, name, qty, unit_price_fen, amount_fen FROM order_lines WHERE order_no = ? "
                          "ORDER BY line_no", (order_no,)))
        pay = self.conn.execute(
            "SELECT COALESCE(SUM(CASE WHEN direction = 'in' THEN amount_fen - change_fen END), 0) AS paid, "
            "COALESCE(SUM(CASE WHEN direction = 'out' THEN amount_fen END), 0) AS refunded "
            "FROM payments WHERE order_no = ?", (order_no,)).fetchone()
        tenders = tuple(PaidTender(r["method"], r["amount_fen"], r["change_fen"], r["reference"], r["points"])
                        for r in self.conn.execute(
                            "SELECT method, amount_fen, change_fen, reference, points FROM payments "
                            "WHERE order_no = ? AND direction = 'in' ORDER BY payment_id", (order_no,)))
        voided = self.conn.execute("SELECT 1 FROM voids WHERE order_no = ?", (order_no,)).fetchone() is not None
        points = self.conn.execute(
            "SELECT COALESCE(SUM(CASE WHEN kind = 'accrual' THEN points END), 0) AS earned, "
            "COALESCE(-SUM(CASE WHEN kind = 'redemption' THEN points END), 0) AS redeemed "
            "FROM points_entries WHERE op_id IN (SELECT op_id FROM payments WHERE order_no = ? AND direction = 'in' "
            "UNION SELECT op_id FROM orders WHERE order_no = ? "
            "UNION SELECT op_id FROM points_entries WHERE ref_op_id = ?)", (order_no, order_no, row["op_id"])).fetchone()
        # A sale made up later for a member (补录消费积分) is that member's from then on: refunds reverse the points.
        member_id = row["member_id"] or self._made_up_for(row["op_id"])
        return Order(order_no=row["order_no"], op_id=row["op_id"], shift_id=row["shift_id"],
                     clerk_id=row["clerk_id"], member_id=member_id, subtotal_fen=row["subtotal_fen"],
                     discount_fen=row["discount_fen"], total_fen=row["total_fen"], created_at=row["created_at"],
                     lines=lines, tenders=tenders, paid_fen=pay["paid"], refunded_fen=pay["refunded"],
                     voided=voided, points_earned=points["earned"], points_redeemed=points["redeemed"])

    def _made_up_for(self, op_id: str) -> str | None:
        row = self.conn.execute("SELECT member_id FROM points_entries WHERE ref_op_id = ? LIMIT 1", (op_id,)).fetchone()
        return None if row is None else str(row[0])

    def summaries_on(self, business_date: str, *, limit: int = 2000) -> list[OrderSummary]:
        """The orders taken at this counter on a business date, newest first, with their money so far."""
        rows = self.conn.execute(
            "SELECT o.order_no, o.created_at, o.clerk_id, o.total_fen, "
            "COALESCE((SELECT SUM(amount_fen - change_fen) FROM payments p WHERE p.order_no = o.order_no "
            "AND direction = 'in'), 0) AS paid, "
            "COALESCE((SELECT SUM(amount_fen) FROM payments p WHERE p.order_no = o.order_no "
            "AND direction = 'out'), 0) AS refunded, "
            "EXISTS (SELECT 1 FROM payments p WHERE p.order_no = o.order_no AND direction = 'in') AS tendered, "
            "EXISTS (SELECT 1 FROM voids v WHERE v.order_no = o.order_no) AS voided "
            "FROM orders o JOIN shifts s ON s.shift_id = o.shift_id WHERE s.business_date = ? "
            "ORDER BY o.created_at DESC, o.order_no DESC LIMIT ?", (business_date, limit)).fetchall()
        return [OrderSummary(r["order_no"], r["created_at"], r["clerk_id"], r["total_fen"], r["paid"], r["refunded"],
                             bool(r["voided"]), bool(r["tendered"])) for r in rows]

    def count_on(self, business_date: str) -> int:
        """The daily order numbers used on a date: the orders recorded, or more on the dates a restore from a
        backup may have lost orders the platform has seen (the ``order_number_floor`` setting, docs/fleet.md)."""
        recorded = int(self.conn.execute(
            "SELECT COUNT(*) FROM orders o JOIN shifts s ON s.shift_id = o.shift_id WHERE s.business_date = ?",
            (business_date,)).fetchone()[0])
        floor = self.conn.execute("SELECT value FROM settings WHERE key = 'order_number_floor'").fetchone()
        return max(recorded, int(json.loads(floor[0]).get(business_date, 0))) if floor else recorded

    def add_payments(self, *, op_id: str, shift_id: str, order_no: str | None, kind: str,
                     tenders: Sequence[Tender], change_fen: int, direction: str = "in") -> None:
        """One payments row per tender; the change is booked on the cash tender that produced it."""
        change_left = change_fen
        for tender in tenders:
            change = 0
            if tender.method == "cash" and change_left:
                change = min(change_left, tender.amount_fen)
                change_left -= change
            self.conn.execute(
                "INSERT INTO payments (op_id, shift_id, order_no, kind, method, direction, amount_fen, change_fen, "
                "reference, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (op_id, shift_id, order_no, kind, tender.method, direction, tender.amount_fen, change,
                 tender.reference, tender.points),
            )

    def add_void(self, *, op_id: str, target_op_id: str, order_no: str, reason: str, supervisor_id: str) -> None:
        self.conn.execute("INSERT INTO voids (op_id, target_op_id, order_no, reason, supervisor_id) "
                          "VALUES (?, ?, ?, ?, ?)", (op_id, target_op_id, order_no, reason, supervisor_id))

    def add_refund(self, *, op_id: str, target_op_id: str, order_no: str, amount_fen: int, reason: str,
                   supervisor_id: str) -> None:
        self.conn.execute("INSERT INTO refunds (op_id, target_op_id, order_no, amount_fen, reason, supervisor_id) "
                          "VALUES (?, ?, ?, ?, ?, ?)", (op_id, target_op_id, order_no, amount_fen, reason,
                                                        supervisor_id))


class BillRepository(Repository):
    def add(self, *, op_id: str, bill_id: str | None, biller: str, account_no: str, period: str | None,
            amount_fen: int, pending: bool, shift_id: str, clerk_id: str, member_id: str | None,
            created_at: str) -> None:
        self.conn.execute(
            "INSERT INTO bill_payments (op_id, bill_id, biller, account_no, period, amount_fen, pending, shift_id, "
            "clerk_id, member_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (op_id, bill_id, biller, account_no, period, amount_fen, int(pending), shift_id, clerk_id, member_id,
             created_at),
        )

    def paid_here(self, bill_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM bill_payments WHERE bill_id = ?", (bill_id,)).fetchone() is not None

    def pending_total(self, shift_id: str) -> int:
        return int(self.conn.execute("SELECT COALESCE(SUM(amount_fen), 0) FROM bill_payments "
                                     "WHERE shift_id = ? AND pending = 1", (shift_id,)).fetchone()[0])
