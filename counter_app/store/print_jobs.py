"""The persistent print queue: a receipt waits here until the printer has taken it.

The first job of an operation is queued by the unit of work in the operation's own transaction, with a
snapshot of what the receipt shows beyond the operation; reprints are later jobs that copy that snapshot."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


class PrintJobRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, op_id: str, *, reprint: bool, at: str, context: dict[str, Any] | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO print_jobs (op_id, reprint, status, created_at, context) VALUES (?, ?, 'pending', ?, ?)",
            (op_id, int(reprint), at, json.dumps(context, ensure_ascii=False) if context is not None else None),
        )
        return int(cur.lastrowid or 0)

    def get(self, job_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM print_jobs WHERE job_id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def original(self, op_id: str) -> dict[str, Any] | None:
        """The job queued with the operation itself (None for an operation recorded before receipts were)."""
        row = self.conn.execute("SELECT * FROM print_jobs WHERE op_id = ? AND reprint = 0 ORDER BY job_id LIMIT 1",
                                (op_id,)).fetchone()
        return _job(row) if row else None

    def mark_printed(self, job_id: int, *, at: str, confirmed: bool = True) -> None:
        self.conn.execute("UPDATE print_jobs SET status = 'printed', printed_at = ?, attempts = attempts + 1, "
                          "last_error = NULL, error_code = NULL, confirmed = ? WHERE job_id = ?",
                          (at, int(confirmed), job_id))

    def mark_failed(self, job_id: int, *, error: str, code: str | None = None, maybe_printed: bool = False) -> None:
        """A failed attempt; once an attempt may be on paper the job stays ``maybe_printed``."""
        self.conn.execute("UPDATE print_jobs SET status = 'failed', attempts = attempts + 1, last_error = ?, "
                          "error_code = ?, maybe_printed = MAX(maybe_printed, ?) WHERE job_id = ?",
                          (error, code, int(maybe_printed), job_id))

    def unprinted(self) -> list[dict[str, Any]]:
        """Jobs waiting or failed, oldest first, with the operation's kind for the list."""
        rows = self.conn.execute(
            "SELECT p.*, j.kind, j.aggregate_id, j.amount_fen FROM print_jobs p "
            "LEFT JOIN journal j ON j.op_id = p.op_id WHERE p.status != 'printed' ORDER BY p.job_id"
        ).fetchall()
        return [_job(r) for r in rows]


def _job(row: sqlite3.Row) -> dict[str, Any]:
    job = dict(row)
    job["context"] = json.loads(job["context"]) if job.get("context") else None
    return job
