"""Simulator administration without HTTP: enrolment codes, revocation, and what the demo needs to know.

Used by the CLI, by tests and by the admin routes. Each public function opens its own connection.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import sqlite3
from pathlib import Path

from platform_sim import db as platform_db
from platform_sim.errors import ApiError

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed


def _now() -> str:
    """Now as ISO 8601 with offset."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _open(db_path: str | Path) -> sqlite3.Connection:
    """A connection on an existing platform db, schema ensured."""
    conn = platform_db.connect(db_path)
    platform_db.ensure_schema(conn)
    return conn


def make_enrolment_code(rng: random.Random | None = None) -> str:
    """A code like ``K7QM-3XPD-W9`` (10 characters from an unambiguous alphabet)."""
    chooser = rng or secrets.SystemRandom()
    chars = "".join(chooser.choice(_CODE_ALPHABET) for _ in range(10))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def issue_code_in(conn: sqlite3.Connection, branch_id: str) -> str:
    """Issue a one-time enrolment code on an open connection; refuses an unknown branch."""
    if conn.execute("SELECT 1 FROM branches WHERE branch_id = ?", (branch_id,)).fetchone() is None:
        raise ApiError(404, "branch_not_found", f"网点不存在 / unknown branch {branch_id}")
    code = make_enrolment_code()
    conn.execute("INSERT INTO enrolment_codes (code, branch_id, issued_at) VALUES (?,?,?)", (code, branch_id, _now()))
    return code


def revoke_in(conn: sqlite3.Connection, device_id: str) -> bool:
    """Revoke a device on an open connection; False if there is no such device."""
    cur = conn.execute("UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE device_id = ?",
                       (_now(), device_id))
    return cur.rowcount > 0


def issue_enrolment_code(db_path: str | Path, branch_id: str) -> str:
    """Issue a new one-time enrolment code for ``branch_id``; raises LookupError for an unknown branch."""
    conn = _open(db_path)
    try:
        try:
            return issue_code_in(conn, branch_id)
        except ApiError as exc:
            raise LookupError(exc.message) from exc
    finally:
        conn.close()


def revoke_device(db_path: str | Path, device_id: str) -> None:
    """Revoke a device: its token answers 401 from now on. Raises LookupError for an unknown device."""
    conn = _open(db_path)
    try:
        if not revoke_in(conn, device_id):
            raise LookupError(f"unknown device {device_id}")
    finally:
        conn.close()


def pickup_codes(db_path: str | Path, branch_id: str, limit: int = 10) -> list[tuple[str, str]]:
    """(order_no, code) of awaiting pickups at a branch, from the SMS the customers received."""
    conn = _open(db_path)
    try:
        rows = conn.execute(
            "SELECT o.order_no, s.code FROM orders o JOIN sms_sent s ON s.order_no = o.order_no"
            " WHERE o.source = 'online' AND o.branch_id = ? AND o.status = 'awaiting' ORDER BY o.order_no LIMIT ?",
            (branch_id, limit)).fetchall()
        return [(r[0], r[1]) for r in rows]
    finally:
        conn.close()


def member_phones(db_path: str | Path, limit: int = 10) -> list[tuple[str, str, int]]:
    """(member_id, phone, points_balance) of some members, for demos and tests."""
    conn = _open(db_path)
    try:
        rows = conn.execute("SELECT member_id, phone, points_balance FROM members ORDER BY member_id LIMIT ?",
                            (limit,)).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]
    finally:
        conn.close()


def unpaid_bills(db_path: str | Path, limit: int = 10) -> list[tuple[str, str, str, int]]:
    """(bill_id, biller, account_no, amount_due_fen) of unpaid bills, for demos and tests."""
    conn = _open(db_path)
    try:
        rows = conn.execute("SELECT bill_id, biller, account_no, amount_due_fen FROM bills WHERE status = 'unpaid'"
                            " ORDER BY bill_id LIMIT ?", (limit,)).fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]
    finally:
        conn.close()


def cancel_pickup(db_path: str | Path, order_no: str) -> None:
    """Cancel an online pickup order, as the customer would online (it shows in the next manifest pull)."""
    conn = _open(db_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute("UPDATE orders SET status = 'cancelled', change_seq = ? WHERE order_no = ?"
                           " AND source = 'online'", (platform_db.next_seq(conn), order_no))
        if cur.rowcount == 0:
            conn.execute("ROLLBACK")
            raise LookupError(f"unknown pickup order {order_no}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def member_balance(db_path: str | Path, member_id: str) -> int:
    """A member's points balance as the platform holds it."""
    conn = _open(db_path)
    try:
        row = conn.execute("SELECT points_balance FROM members WHERE member_id = ?", (member_id,)).fetchone()
        if row is None:
            raise LookupError(f"unknown member {member_id}")
        return int(row[0])
    finally:
        conn.close()


def admin_key(db_path: str | Path) -> str | None:
    """The admin key stored at seed time (None if the db was never seeded)."""
    conn = _open(db_path)
    try:
        return platform_db.get_setting(conn, "admin_key")
    finally:
        conn.close()
