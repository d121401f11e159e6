"""Code payments (付款码) as stored: one row per payment with its current state, and every step."""

from __future__ import annotations

import json
import sqlite3

from counter_app.domain.codepay import OPEN_STATES, CodePayment, State, Wallet
from counter_app.store.repositories import Repository

_COLUMNS = ("payment_id, wallet, code_masked, amount_fen, state, asked_at, poll_until, shift_id, clerk_id, "
            "transaction_id, reason, sale_op_id, refunded_fen")


def _payment(row: sqlite3.Row) -> CodePayment:
    return CodePayment(row["payment_id"], Wallet(row["wallet"]), row["code_masked"], row["amount_fen"],
                       State(row["state"]), row["asked_at"], row["poll_until"], row["shift_id"], row["clerk_id"],
                       row["transaction_id"], row["reason"], row["sale_op_id"], row["refunded_fen"])


class CodePaymentRepository(Repository):
    """``CodePayments`` over SQLite; every write is one step in the caller's transaction."""

    def add(self, payment: CodePayment, *, sale: dict[str, object], at: str) -> None:
        self.conn.execute(
            "INSERT INTO code_payments (payment_id, wallet, code_masked, amount_fen, state, asked_at, poll_until, "
            "shift_id, clerk_id, sale, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (payment.payment_id, payment.wallet.value, payment.code_masked, payment.amount_fen, payment.state.value,
             payment.asked_at, payment.poll_until, payment.shift_id, payment.clerk_id,
             json.dumps(sale, ensure_ascii=False), at))
        self._log(payment.payment_id, payment.state, at=at, detail="", supervisor_id=None)

    def get(self, payment_id: str) -> CodePayment | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM code_payments WHERE payment_id = ?", (payment_id,)).fetchone()
        return None if row is None else _payment(row)

    def sale_of(self, payment_id: str) -> dict[str, object]:
        row = self.conn.execute("SELECT sale FROM code_payments WHERE payment_id = ?", (payment_id,)).fetchone()
        return dict(json.loads(row["sale"])) if row is not None else {}

    def step(self, payment: CodePayment, *, at: str, detail: str = "", supervisor_id: str | None = None,
             sale_op_id: str | None = None) -> None:
        self.conn.execute(
            "UPDATE code_payments SET state = ?, transaction_id = ?, reason = ?, sale_op_id = COALESCE(?, sale_op_id),"
            " updated_at = ? WHERE payment_id = ?",
            (payment.state.value, payment.transaction_id, payment.reason, sale_op_id, at, payment.payment_id))
        self._log(payment.payment_id, payment.state, at=at, detail=detail, supervisor_id=supervisor_id)

    def add_refunded(self, payment_id: str, amount_fen: int) -> None:
        self.conn.execute("UPDATE code_payments SET refunded_fen = refunded_fen + ? WHERE payment_id = ?",
                          (amount_fen, payment_id))

    def unresolved(self, shift_id: str | None = None) -> list[CodePayment]:
        marks = ", ".join("?" for _ in OPEN_STATES)
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM code_payments WHERE state IN ({marks}) AND (? IS NULL OR shift_id = ?)"
            " ORDER BY asked_at", (*[s.value for s in OPEN_STATES], shift_id, shift_id)).fetchall()
        return [_payment(r) for r in rows]

    def by_transaction(self, transaction_id: str) -> CodePayment | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM code_payments WHERE transaction_id = ?",
                                (transaction_id,)).fetchone()
        return None if row is None else _payment(row)

    def ask_refund(self, *, refund_id: str, payment_id: str, refund_op_id: str, amount_fen: int, at: str) -> None:
        self.conn.execute("INSERT INTO code_payment_refunds (refund_id, payment_id, refund_op_id, amount_fen, state,"
                          " asked_at) VALUES (?, ?, ?, ?, 'pending', ?)",
                          (refund_id, payment_id, refund_op_id, amount_fen, at))
        self.add_refunded(payment_id, amount_fen)

    def pending_refunds(self) -> list[tuple[str, str, int]]:
        """(refund_id, payment_id, amount) of every refund the acquirer has not answered yet."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT refund_id, payment_id, amount_fen FROM code_payment_refunds WHERE state = 'pending'"
            " ORDER BY asked_at, refund_id")]

    def refund_answered(self, refund_id: str, *, done: bool, reason: str, at: str) -> None:
        self.conn.execute("UPDATE code_payment_refunds SET state = ?, reason = ?, done_at = ? WHERE refund_id = ?",
                          ("done" if done else "refused", reason, at, refund_id))

    def steps(self, payment_id: str) -> list[tuple[str, str]]:
        """(state, detail) of every step, oldest first."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT state, detail FROM code_payment_steps WHERE payment_id = ? ORDER BY step_id", (payment_id,))]

    def _log(self, payment_id: str, state: State, *, at: str, detail: str, supervisor_id: str | None) -> None:
        self.conn.execute("INSERT INTO code_payment_steps (payment_id, state, detail, supervisor_id, at)"
                          " VALUES (?, ?, ?, ?, ?)", (payment_id, state.value, detail, supervisor_id, at))
