"""The outbox: messages for the platform, written with their journal entry, and their delivery state.

Only the unit of work inserts messages (``enqueue``); only the sync engine changes delivery state.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from counter_app.domain.operations import waits_behind
from counter_app.store.journal import canonical_json


@dataclass(frozen=True)
class OutboxMessage:
    seq: int
    op_id: str
    kind: str
    aggregate_id: str
    envelope: dict[str, Any]
    created_at: str
    state: str
    attempts: int
    last_error: str | None = None
    result: dict[str, Any] | None = None
    reject_code: str | None = None
    reject_reason: str | None = None
    duplicate: bool = False
    next_attempt_at: str | None = None


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    rejected_open: int
    oldest_pending_at: str | None
    last_delivered_at: str | None


def enqueue(conn: sqlite3.Connection, seq: int, envelope: dict[str, Any], created_at: str) -> None:
    """Insert the message for journal entry ``seq`` (inside the unit of work's transaction)."""
    conn.execute(
        "INSERT INTO outbox (seq, op_id, kind, aggregate_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (seq, envelope["op_id"], envelope["kind"], envelope["aggregate_id"], canonical_json(envelope), created_at),
    )


def _message(row: sqlite3.Row) -> OutboxMessage:
    return OutboxMessage(
        seq=row["seq"],
        op_id=row["op_id"],
        kind=row["kind"],
        aggregate_id=row["aggregate_id"],
        envelope=json.loads(row["body"]),
        created_at=row["created_at"],
        state=row["state"],
        attempts=row["attempts"],
        last_error=row["last_error"],
        result=json.loads(row["result"]) if row["result"] else None,
        reject_code=row["reject_code"] if "reject_code" in row.keys() else None,
        reject_reason=row["reject_reason"] if "reject_reason" in row.keys() else None,
        duplicate=bool(row["duplicate"]) if "duplicate" in row.keys() else False,
        next_attempt_at=row["next_attempt_at"],
    )


def _open_rejections(conn: sqlite3.Connection) -> dict[str, list[tuple[int, str, str]]]:
    """aggregate -> [(seq, kind, op_id)] of rejected messages no supervisor has acted on yet, oldest first."""
    held: dict[str, list[tuple[int, str, str]]] = {}
    for r in conn.execute(
            "SELECT o.aggregate_id, o.seq, o.kind, o.op_id FROM outbox o LEFT JOIN exception_actions a "
            "ON a.op_id = o.op_id WHERE o.state = 'rejected' AND a.op_id IS NULL ORDER BY o.seq"):
        held.setdefault(r["aggregate_id"], []).append((r["seq"], r["kind"], r["op_id"]))
    return held


def holder(rejections: list[tuple[int, str, str]], seq: int, kind: str) -> str | None:
    """The op_id of the open rejection (of the same aggregate, earlier) that a message of ``kind`` waits
    behind, by the kind's dependency rule (``waits_behind``); None if it waits behind none."""
    for rejected_seq, rejected_kind, op_id in rejections:
        if rejected_seq < seq and waits_behind(kind, rejected_kind):
            return op_id
    return None


def next_batch(conn: sqlite3.Connection, *, now: str, limit: int) -> list[OutboxMessage]:
    """Up to ``limit`` pending messages due now, in journal order, aggregates kept in order:

    * a message goes only when every earlier message of its aggregate is delivered, resolved, rejected
      without it depending on that (``waits_behind``), or travels in this same batch ahead of it;
    * several messages of one aggregate share a batch unless the later depends on an earlier one: an
      order's void never travels with the order (so a rejection of the order holds the void back), while
      1,000 accruals of one member go 100 a batch (the platform applies a batch in order);
    * once one message of an aggregate stays behind (held, waiting out a retry, or dependent), every later
      message of that aggregate stays behind too.

    Walks the pending messages in journal order and stops as soon as the batch is full, so a long queue
    costs about ``limit`` rows per batch, not the whole queue. ``now`` and ``next_attempt_at`` are
    comparable strings (the sync engine writes UTC ISO 8601).
    """
    if limit <= 0:
        return []
    rejections = _open_rejections(conn)
    closed: set[str] = set()
    taken_kinds: dict[str, set[str]] = {}
    chosen: list[int] = []
    cursor = conn.execute(
        "SELECT seq, kind, aggregate_id, next_attempt_at FROM outbox WHERE state = 'pending' ORDER BY seq")
    try:
        while len(chosen) < limit:
            rows = cursor.fetchmany(256)
            if not rows:
                break
            for row in rows:
                aggregate, kind = row["aggregate_id"], row["kind"]
                if aggregate in closed:
                    continue
                earlier = taken_kinds.get(aggregate, ())
                if ((aggregate in rejections and holder(rejections[aggregate], row["seq"], kind))
                        or (row["next_attempt_at"] is not None and row["next_attempt_at"] > now)
                        or any(waits_behind(kind, k) for k in earlier)):
                    closed.add(aggregate)  # whatever keeps this one, later ones of its aggregate wait
                    continue
                taken_kinds.setdefault(aggregate, set()).add(kind)
                chosen.append(row["seq"])
                if len(chosen) >= limit:
                    break
    finally:
        cursor.close()
    if not chosen:
        return []
    marks = ",".join("?" * len(chosen))
    rows = conn.execute(f"SELECT * FROM outbox WHERE seq IN ({marks}) ORDER BY seq", chosen).fetchall()
    return [_message(r) for r in rows]


def held(conn: sqlite3.Connection, *, limit: int = 500) -> list[tuple[OutboxMessage, OutboxMessage]]:
    """Pending messages that wait behind an open rejection, each with the rejected message holding it
    (directly, or through an earlier held message of its aggregate)."""
    rejections = _open_rejections(conn)
    if not rejections:
        return []
    marks = ",".join("?" * len(rejections))
    rows = conn.execute(f"SELECT * FROM outbox WHERE state = 'pending' AND aggregate_id IN ({marks}) ORDER BY seq",
                        list(rejections)).fetchall()
    blocked_by: dict[str, str] = {}
    found: list[tuple[OutboxMessage, str]] = []
    for row in rows:
        aggregate = row["aggregate_id"]
        op_id = blocked_by.get(aggregate) or holder(rejections[aggregate], row["seq"], row["kind"])
        if op_id is None:
            continue
        blocked_by[aggregate] = op_id
        found.append((_message(row), op_id))
        if len(found) >= limit:
            break
    holders = {op_id: get(conn, op_id) for op_id in {h for _, h in found}}
    return [(m, h) for m, op_id in found if (h := holders[op_id]) is not None]


def next_due_at(conn: sqlite3.Connection) -> str | None:
    """The earliest ``next_attempt_at`` among pending messages that wait for a retry (None if none waits)."""
    row = conn.execute("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending' "
                       "AND next_attempt_at IS NOT NULL").fetchone()
    return row[0] if row else None


def mark_delivered(conn: sqlite3.Connection, op_id: str, *, result: dict[str, Any] | None, at: str,
                   duplicate: bool = False) -> bool:
    """The platform accepted (or, ``duplicate``, had already applied) the message; False if it was not pending."""
    cur = conn.execute(
        "UPDATE outbox SET state = 'delivered', result = ?, delivered_at = ?, last_error = NULL, "
        "next_attempt_at = NULL, duplicate = ?, attempts = attempts + 1 WHERE op_id = ? AND state = 'pending'",
        (canonical_json(result) if result is not None else None, at, int(duplicate), op_id),
    )
    return cur.rowcount > 0


def mark_rejected(conn: sqlite3.Connection, op_id: str, *, code: str, reason: str,
                  result: dict[str, Any] | None, at: str) -> bool:
    """The platform refused the message: it goes to the exceptions list for a supervisor."""
    cur = conn.execute(
        "UPDATE outbox SET state = 'rejected', last_error = ?, reject_code = ?, reject_reason = ?, result = ?, "
        "delivered_at = ?, next_attempt_at = NULL, attempts = attempts + 1 WHERE op_id = ? AND state = 'pending'",
        (f"{code}: {reason}", code, reason, canonical_json(result) if result is not None else None, at, op_id),
    )
    return cur.rowcount > 0


def mark_retry(conn: sqlite3.Connection, op_id: str, *, error: str, next_attempt_at: str) -> None:
    """Delivery failed for a passing reason; try again after ``next_attempt_at``."""
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
        "WHERE op_id = ? AND state = 'pending'",
        (error, next_attempt_at, op_id),
    )


def waiting(conn: sqlite3.Connection, *, now: str, limit: int = 500) -> list[OutboxMessage]:
    """Pending messages waiting out a retry delay at ``now`` (oldest first)."""
    rows = conn.execute("SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at > ? ORDER BY seq LIMIT ?",
                        (now, limit)).fetchall()
    return [_message(r) for r in rows]


def get(conn: sqlite3.Connection, op_id: str) -> OutboxMessage | None:
    row = conn.execute("SELECT * FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
    return _message(row) if row else None


def pending(conn: sqlite3.Connection, *, limit: int = 500) -> list[OutboxMessage]:
    rows = conn.execute("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?", (limit,)).fetchall()
    return [_message(r) for r in rows]


def open_exceptions(conn: sqlite3.Connection) -> list[OutboxMessage]:
    """Rejected messages no supervisor has acted on yet (异常单)."""
    rows = conn.execute(
        "SELECT o.* FROM outbox o LEFT JOIN exception_actions a ON a.op_id = o.op_id "
        "WHERE o.state = 'rejected' AND a.op_id IS NULL ORDER BY o.seq"
    ).fetchall()
    return [_message(r) for r in rows]


def stats(conn: sqlite3.Connection) -> OutboxStats:
    row = conn.execute(
        """
        SELECT
          (SELECT COUNT(*) FROM outbox WHERE state = 'pending') AS pending,
          (SELECT COUNT(*) FROM outbox o LEFT JOIN exception_actions a ON a.op_id = o.op_id
             WHERE o.state = 'rejected' AND a.op_id IS NULL) AS rejected_open,
          (SELECT MIN(created_at) FROM outbox WHERE state = 'pending') AS oldest,
          (SELECT MAX(delivered_at) FROM outbox WHERE state = 'delivered') AS last_delivered
        """
    ).fetchone()
    return OutboxStats(row["pending"], row["rejected_open"], row["oldest"], row["last_delivered"])


def record_action(conn: sqlite3.Connection, op_id: str, *, action: str, supervisor_id: str, note: str,
                  at: str) -> None:
    """A supervisor's action on a rejected message; it leaves the open exceptions list."""
    conn.execute(
        "INSERT INTO exception_actions (op_id, action, supervisor_id, note, acted_at) VALUES (?, ?, ?, ?, ?)",
        (op_id, action, supervisor_id, note, at),
    )


class OutboxRepository:
    """The outbox as the services see it: read its state, act on exceptions (never insert messages)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, op_id: str) -> OutboxMessage | None:
        return get(self.conn, op_id)

    def stats(self) -> OutboxStats:
        return stats(self.conn)

    def pending(self, *, limit: int = 500) -> list[OutboxMessage]:
        return pending(self.conn, limit=limit)

    def open_exceptions(self) -> list[OutboxMessage]:
        return open_exceptions(self.conn)

    def record_action(self, op_id: str, *, action: str, supervisor_id: str, note: str, at: str) -> None:
        record_action(self.conn, op_id, action=action, supervisor_id=supervisor_id, note=note, at=at)
