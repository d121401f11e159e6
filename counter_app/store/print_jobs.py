"""The persistent print queue: a receipt waits here until the printer has taken it."""

from __future__ import annotations

import sqlite3
from typing import Any


class PrintJobRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, op_id: str, *, reprint: bool, at: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO print_jobs (op_id, reprint, status, created_at) VALUES (?, ?, 'pending', ?)",
            (op_id, int(reprint), at),
        )
        return int(cur.lastrowid)

    def get(self, job_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM print_jobs WHERE job_id = ?", (job_id,)).fetchone()
        return dict(row) if row else None

    def mark_printed(self, job_id: int, *, at: str) -> None:
        self.conn.execute("UPDATE print_jobs SET status = 'printed', printed_at = ?, attempts = attempts + 1, "
                          "last_error = NULL WHERE job_id = ?", (at, job_id))

    def mark_failed(self, job_id: int, *, error: str) -> None:
        self.conn.execute("UPDATE print_jobs SET status = 'failed', attempts = attempts + 1, last_error = ? "
                          "WHERE job_id = ?", (error, job_id))

    def unprinted(self) -> list[dict[str, Any]]:
        """Jobs waiting or failed, oldest first, with the operation's kind for the list."""
        rows = self.conn.execute(
            "SELECT p.*, j.kind, j.aggregate_id, j.amount_fen FROM print_jobs p "
            "LEFT JOIN journal j ON j.op_id = p.op_id WHERE p.status != 'printed' ORDER BY p.job_id"
        ).fetchall()
        return [dict(r) for r in rows]
