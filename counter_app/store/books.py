"""The books' rows (issue 16): the branch's cash rules, day closes, corrections pulled from the platform, and the
journal reads the cash box, the X/Z reports and the reconciliation need."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from counter_app.domain.cashbox import BooksRules, Correction
from counter_app.store.repositories import Repository

_SETTLED = ("SELECT json_extract(payload, '$.target_op_id') FROM journal WHERE kind = 'over_short_settle'")


def _entry(row: sqlite3.Row) -> dict[str, Any]:
    entry = dict(row)
    entry["payload"] = json.loads(entry["payload"])
    return entry


class BooksRepository(Repository):
    def rules(self) -> BooksRules:
        """The branch's rules for the cash box and the close (settings key ``books_rules``)."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'books_rules'").fetchone()
        raw = json.loads(row["value"]) if row else {}
        d = BooksRules()
        return BooksRules(
            cash_move_supervisor_above_fen=int(raw.get("cash_move_supervisor_above_fen",
                                                       d.cash_move_supervisor_above_fen)),
            over_short_threshold_fen=int(raw.get("over_short_threshold_fen", d.over_short_threshold_fen)),
            blind_count=bool(raw.get("blind_count", d.blind_count)),
        )

    def entries_of_kinds(self, kinds: Sequence[str], *, shift_id: str | None = None,
                         business_date: str | None = None) -> list[dict[str, Any]]:
        """Journal entries of some kinds, oldest first, with their delivery state."""
        marks = ",".join("?" * len(kinds))
        rows = self.conn.execute(
            f"SELECT j.*, o.state AS sync_state FROM journal j LEFT JOIN outbox o ON o.op_id = j.op_id "
            f"WHERE j.kind IN ({marks}) AND (? IS NULL OR j.shift_id = ?) AND (? IS NULL OR j.business_date = ?) "
            "ORDER BY j.seq", (*kinds, shift_id, shift_id, business_date, business_date)).fetchall()
        return [_entry(r) for r in rows]

    def shifts_on(self, business_date: str, counter_id: str) -> list[dict[str, Any]]:
        """The counter's shifts of a day with their close, if closed."""
        rows = self.conn.execute(
            "SELECT s.shift_id, s.clerk_id, s.float_fen, s.opened_at, c.op_id AS close_op_id, c.closed_at, "
            "c.expected_cash_fen, c.counted_cash_fen, c.difference_fen FROM shifts s "
            "LEFT JOIN shift_closes c ON c.shift_id = s.shift_id WHERE s.business_date = ? AND s.counter_id = ? "
            "ORDER BY s.opened_at", (business_date, counter_id)).fetchall()
        return [dict(r) for r in rows]

    def unsettled_differences(self) -> list[dict[str, Any]]:
        """Shift closes with a cash over or short (长短款) no settlement operation has answered yet."""
        rows = self.conn.execute(
            "SELECT c.op_id, c.shift_id, s.clerk_id, s.business_date, c.difference_fen FROM shift_closes c "
            f"JOIN shifts s ON s.shift_id = c.shift_id WHERE c.difference_fen != 0 AND c.op_id NOT IN ({_SETTLED}) "
            "ORDER BY c.closed_at").fetchall()
        return [dict(r) for r in rows]

    def unanswered(self, *, before_or_on: str) -> list[dict[str, Any]]:
        """Operations of days up to ``before_or_on`` the platform has not answered yet (still queued)."""
        rows = self.conn.execute(
            "SELECT j.op_id, j.kind, j.business_date, j.amount_fen, j.occurred_at FROM outbox o "
            "JOIN journal j ON j.op_id = o.op_id WHERE o.state = 'pending' AND j.business_date <= ? ORDER BY j.seq",
            (before_or_on,)).fetchall()
        return [dict(r) for r in rows]

    def day_close(self, business_date: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM day_closes WHERE business_date = ?", (business_date,)).fetchone()
        return dict(row) if row else None

    def next_close_no(self) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(sequence_no), 0) + 1 FROM day_closes").fetchone()[0])

    def add_day_close(self, *, business_date: str, op_id: str, sequence_no: int, closed_at: str, pending_count: int,
                      supervisor_id: str | None) -> None:
        self.conn.execute(
            "INSERT INTO day_closes (business_date, op_id, sequence_no, closed_at, pending_count, supervisor_id) "
            "VALUES (?, ?, ?, ?, ?, ?)", (business_date, op_id, sequence_no, closed_at, pending_count, supervisor_id))

    def corrections(self, *, business_date: str | None = None) -> list[Correction]:
        """Corrections pulled from the platform, with this counter's answer (from the journal) if any."""
        rows = self.conn.execute(
            "SELECT c.*, j.op_id AS answer_op_id, json_extract(j.payload, '$.answer') AS answer, "
            "o.state AS answer_state FROM corrections c LEFT JOIN journal j ON j.kind = 'correction_answer' AND "
            "json_extract(j.payload, '$.correction_id') = c.correction_id LEFT JOIN outbox o ON o.op_id = j.op_id "
            "WHERE (? IS NULL OR c.business_date = ?) ORDER BY c.issued_at, c.correction_id",
            (business_date, business_date)).fetchall()
        return [Correction(r["correction_id"], r["business_date"], r["amount_fen"], r["reason"], r["op_id"],
                           r["issued_at"], r["answer"], r["answer_op_id"], r["answer_state"]) for r in rows]

    def correction(self, correction_id: str) -> Correction | None:
        return next((c for c in self.corrections() if c.correction_id == correction_id), None)


def save_corrections(conn: sqlite3.Connection, items: Sequence[Mapping[str, Any]], *, at: str) -> int:
    """Keep corrections pulled from the platform (new ones only: what was issued never changes here)."""
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO corrections (correction_id, business_date, amount_fen, reason, op_id, issued_at, "
        "pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(c["correction_id"], c["business_date"], c["amount_fen"], c["reason"], c.get("op_id"), c["issued_at"], at)
         for c in items])
    return conn.total_changes - before
