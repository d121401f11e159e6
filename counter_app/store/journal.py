"""The hash-chained journal (流水): appending inside a unit of work, and verifying the chain."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64

# The journal columns the hash covers, in order; changing any of them breaks the chain.
HASHED_FIELDS = ("seq", "op_id", "kind", "aggregate_id", "shift_id", "clerk_id", "occurred_at",
                 "business_date", "amount_fen", "payload")


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces, so that the same data always hashes the same."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """sha256 over the previous hash and this entry's hashed fields."""
    material = prev_hash + "|" + canonical_json([row[name] for name in HASHED_FIELDS])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append_entry(conn: sqlite3.Connection, entry: dict[str, Any]) -> tuple[int, str]:
    """Append one entry (inside the caller's transaction) and return its seq and hash."""
    head = conn.execute("SELECT seq, hash FROM journal_head WHERE id = 1").fetchone()
    prev_seq, prev_hash = (head["seq"], head["hash"]) if head else (0, GENESIS_HASH)
    row = dict(entry, seq=prev_seq + 1)
    row["hash"] = entry_hash(prev_hash, row)
    row["prev_hash"] = prev_hash
    columns = (*HASHED_FIELDS, "prev_hash", "hash")
    conn.execute(
        f"INSERT INTO journal ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [row[c] for c in columns],
    )
    conn.execute(
        "INSERT INTO journal_head (id, seq, hash) VALUES (1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        (row["seq"], row["hash"]),
    )
    return row["seq"], row["hash"]


@dataclass(frozen=True)
class Problem:
    """One finding of ``verify``: where the chain or a record does not hold."""

    seq: int | None
    op_id: str | None
    reason: str

    def __str__(self) -> str:
        where = f"entry #{self.seq}" if self.seq is not None else "journal"
        if self.op_id:
            where += f" (op {self.op_id})"
        return f"{where}: {self.reason}"


def verify(conn: sqlite3.Connection) -> list[Problem]:
    """Check the whole chain, its head, and that outbox and business rows match their entries."""
    problems: list[Problem] = []
    prev_hash = GENESIS_HASH
    expected_seq = 1
    payload_by_op: dict[str, dict[str, Any]] = {}
    for raw in conn.execute("SELECT * FROM journal ORDER BY seq"):
        row = dict(raw)
        if row["seq"] != expected_seq:
            problems.append(Problem(expected_seq, None, f"missing entries #{expected_seq}..#{row['seq'] - 1} (deleted)"))
        if row["prev_hash"] != prev_hash:
            problems.append(Problem(row["seq"], row["op_id"], "link to the previous entry is broken"))
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(Problem(row["seq"], row["op_id"], "content does not match its hash (edited)"))
        try:
            payload_by_op[row["op_id"]] = json.loads(row["payload"])
        except ValueError:
            problems.append(Problem(row["seq"], row["op_id"], "payload is not valid JSON"))
        prev_hash = row["hash"]
        expected_seq = row["seq"] + 1
    head = conn.execute("SELECT seq, hash FROM journal_head WHERE id = 1").fetchone()
    last_seq = expected_seq - 1
    if head is None and last_seq > 0:
        problems.append(Problem(None, None, "the journal head record is missing"))
    elif head is not None and (head["seq"] != last_seq or head["hash"] != prev_hash):
        problems.append(Problem(head["seq"], None, f"the newest entries after #{last_seq} are missing (deleted)"))
    problems.extend(_verify_outbox(conn, payload_by_op))
    problems.extend(_verify_orders(conn, payload_by_op))
    return problems


def _verify_outbox(conn: sqlite3.Connection, payload_by_op: dict[str, dict[str, Any]]) -> list[Problem]:
    """Every outbox message has its journal entry, with the same payload."""
    problems = []
    for row in conn.execute("SELECT seq, op_id, body FROM outbox ORDER BY seq"):
        payload = payload_by_op.get(row["op_id"])
        if payload is None:
            problems.append(Problem(row["seq"], row["op_id"], "outbox message has no journal entry"))
            continue
        body = json.loads(row["body"])
        if canonical_json(body.get("payload")) != canonical_json(payload):
            problems.append(Problem(row["seq"], row["op_id"], "outbox message differs from its journal entry"))
    return problems


def _verify_orders(conn: sqlite3.Connection, payload_by_op: dict[str, dict[str, Any]]) -> list[Problem]:
    """Every counter order's stored total is the one its journal entry recorded."""
    problems = []
    for row in conn.execute("SELECT order_no, op_id, total_fen FROM orders"):
        payload = payload_by_op.get(row["op_id"])
        if payload is None:
            problems.append(Problem(None, row["op_id"], f"order {row['order_no']} has no journal entry"))
        elif payload.get("total_fen") != row["total_fen"]:
            problems.append(Problem(None, row["op_id"], f"order {row['order_no']} total differs from the journal"))
    return problems
