"""What a counter may cache (issue 13): only the members its branch serves, never a phone or pickup code that a
copy of its database gives away cheaply.

* A branch serves a member registered there (``home_branch_id``) or seen there (an accepted operation or an
  online look-up at the branch) in the last ``member_seen_months`` months (a platform setting, default 12).
  A member's first visit to a branch moves the member up the change sequence, so the branch's counters pull it.
* Each branch has a secret (sent to its counters at enrolment). The member pull carries ``phone_key``
  (scrypt of the phone salted with the secret), no phone digits; the pickup manifest carries ``code_key`` and
  only the last 4 digits of the phone (the clerk's second factor). Keys are derived once per (member, branch)
  or order and kept; a page derives within ``DERIVE_BUDGET_S`` and ends early rather than overrun.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from platform_sim import db as platform_db
from platform_sim.privacy import mask_name, new_branch_secret, phone_key, pickup_code_key

SEEN_MONTHS_SETTING = "member_seen_months"
SECOND_FACTOR_SETTING = "pickup_second_factor"  # "1": an offline pickup needs the phone's last 4 digits too
DEFAULT_SEEN_MONTHS = 12
DERIVE_BUDGET_S = 2.0


def branch_secret(conn: sqlite3.Connection, branch_id: str) -> str:
    """The branch's secret, made on first use (one statement: safe against a concurrent first use)."""
    conn.execute("UPDATE branches SET secret = ? WHERE branch_id = ? AND secret IS NULL",
                 (new_branch_secret(), branch_id))
    row = conn.execute("SELECT secret FROM branches WHERE branch_id = ?", (branch_id,)).fetchone()
    return str(row[0])


def seen_since(conn: sqlite3.Connection, now: dt.datetime | None = None) -> str:
    """The oldest visit that still makes a member served by a branch."""
    raw = platform_db.get_setting(conn, SEEN_MONTHS_SETTING)
    months = float(raw) if raw else DEFAULT_SEEN_MONTHS
    moment = (now or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(days=30.44 * months)
    return moment.isoformat(timespec="seconds")


def record_visit(conn: sqlite3.Connection, member_id: str, branch_id: str) -> None:
    """Note that ``member_id`` was seen at ``branch_id`` now (call inside a write transaction)."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    row = conn.execute("SELECT last_seen_at FROM member_visits WHERE member_id = ? AND branch_id = ?",
                       (member_id, branch_id)).fetchone()
    home = conn.execute("SELECT home_branch_id FROM members WHERE member_id = ?", (member_id,)).fetchone()
    if home is None:
        return
    conn.execute("INSERT INTO member_visits (member_id, branch_id, last_seen_at) VALUES (?,?,?) ON CONFLICT"
                 " (member_id, branch_id) DO UPDATE SET last_seen_at = excluded.last_seen_at", (member_id, branch_id, now))
    newly_served = home["home_branch_id"] != branch_id and (row is None or row["last_seen_at"] < seen_since(conn))
    if newly_served:  # the branch's counters pull the member from their cursor on
        conn.execute("UPDATE members SET change_seq = ? WHERE member_id = ?", (platform_db.next_seq(conn), member_id))


def _keyed(rows: list[sqlite3.Row], have: dict[str, str], derive: Callable[[sqlite3.Row], str], key_of: str
           ) -> tuple[list[sqlite3.Row], dict[str, str]]:
    """The rows whose key is known or derived within the budget (at least one), and the new keys."""
    ends = time.monotonic() + DERIVE_BUDGET_S
    kept, new = [], {}
    for row in rows:
        ident = row[key_of]
        if ident not in have:
            if kept and time.monotonic() >= ends:
                break
            new[ident] = have[ident] = derive(row)
        kept.append(row)
    return kept, new


def member_page(conn: sqlite3.Connection, branch_id: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    """(items, last change_seq, has_more) of the members ``branch_id`` serves, changed after ``after``."""
    rows = conn.execute(
        "SELECT * FROM members WHERE change_seq > ? AND (home_branch_id = ? OR member_id IN (SELECT member_id FROM"
        " member_visits WHERE branch_id = ? AND last_seen_at >= ?)) ORDER BY change_seq LIMIT ?",
        (after, branch_id, branch_id, seen_since(conn), limit + 1)).fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    secret = branch_secret(conn, branch_id)
    ids = [r["member_id"] for r in rows]
    have = {r[0]: r[1] for r in conn.execute(
        f"SELECT member_id, phone_key FROM member_keys WHERE branch_id = ? AND member_id IN ({','.join('?' * len(ids))})",
        (branch_id, *ids))} if ids else {}
    kept, new = _keyed(rows, have, lambda r: phone_key(secret, r["phone"]), "member_id")
    conn.executemany("INSERT OR IGNORE INTO member_keys (member_id, branch_id, phone_key) VALUES (?,?,?)",
                     [(ident, branch_id, key) for ident, key in new.items()])
    has_more = has_more or len(kept) < len(rows)
    last = kept[-1]["change_seq"] if kept else after
    return [member(r, have[r["member_id"]]) for r in kept], last, has_more


def member(row: sqlite3.Row, key: str) -> dict[str, Any]:
    """A member as a counter may keep it: no phone digits, the phone only as the branch's slow key."""
    return {"member_id": row["member_id"], "phone_masked": "", "phone_key": key, "card_no": row["card_no"],
            "name_masked": row["name_masked"], "points_balance": row["points_balance"], "level": row["level"]}


def member_for(conn: sqlite3.Connection, row: sqlite3.Row, branch_id: str) -> dict[str, Any]:
    """One member (an online look-up) with its key for ``branch_id``, derived now if need be and kept."""
    found = conn.execute("SELECT phone_key FROM member_keys WHERE member_id = ? AND branch_id = ?",
                         (row["member_id"], branch_id)).fetchone()
    key = found[0] if found else phone_key(branch_secret(conn, branch_id), row["phone"])
    if found is None:
        conn.execute("INSERT OR IGNORE INTO member_keys (member_id, branch_id, phone_key) VALUES (?,?,?)",
                     (row["member_id"], branch_id, key))
    return member(row, key)


def pickup_page(conn: sqlite3.Connection, branch_id: str, after: int, limit: int
                ) -> tuple[list[dict[str, Any]], int, bool]:
    """(items, last change_seq, has_more) of the branch's pickup manifest, each code only as its slow key."""
    rows = conn.execute(
        "SELECT o.*, s.code AS sms_code FROM orders o LEFT JOIN sms_sent s ON s.order_no = o.order_no"
        " WHERE o.source = 'online' AND o.branch_id = ? AND o.change_seq > ? ORDER BY o.change_seq LIMIT ?",
        (branch_id, after, limit + 1)).fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    secret = branch_secret(conn, branch_id)
    have = {r["order_no"]: r["code_key"] for r in rows if r["code_key"]}
    kept, new = _keyed(rows, have, lambda r: pickup_code_key(secret, r["order_no"], r["sms_code"] or ""), "order_no")
    conn.executemany("UPDATE orders SET code_key = ? WHERE order_no = ?", [(k, o) for o, k in new.items()])
    has_more = has_more or len(kept) < len(rows)
    last = kept[-1]["change_seq"] if kept else after
    second = platform_db.get_setting(conn, SECOND_FACTOR_SETTING) == "1"
    return [pickup(r, have[r["order_no"]], second) for r in kept], last, has_more


def pickup(row: sqlite3.Row, key: str, second_factor: bool) -> dict[str, Any]:
    """A manifest entry: the code as its key, the phone as its last 4 digits only."""
    phone = row["phone"] or ""
    return {"order_no": row["order_no"], "customer_name_masked": mask_name(row["customer_name"] or ""),
            "phone_masked": ("*" * 7 + phone[-4:]) if len(phone) >= 4 else "", "code_key": key,
            "second_factor": second_factor, "lines": json.loads(row["lines_json"]), "total_fen": row["total_fen"],
            "status": row["status"], "paid_at": row["paid_at"], "cod_fen": row["cod_fen"]}
