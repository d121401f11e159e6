"""The platform's own SQLite database: connection settings, schema and the global change sequence."""

from __future__ import annotations

import base64
import binascii
import sqlite3
from pathlib import Path

SCHEMA_VERSION = 2  # 2: device tokens expire and rotate

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS change_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO change_counter (id, value) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS branches (
    branch_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS products (
    sku TEXT PRIMARY KEY,
    barcode TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
    unit TEXT NOT NULL,
    member_discount INTEGER NOT NULL,
    points_eligible INTEGER NOT NULL,
    active INTEGER NOT NULL,
    change_seq INTEGER NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS members (
    member_id TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    phone_hash TEXT NOT NULL,
    phone_masked TEXT NOT NULL,
    card_no TEXT NOT NULL,
    name TEXT NOT NULL,
    name_masked TEXT NOT NULL,
    -- the last line of defence for "never below zero": the rules check first, this refuses anyway
    points_balance INTEGER NOT NULL CHECK (points_balance >= 0),
    level TEXT NOT NULL CHECK (level IN ('normal', 'silver', 'gold')),
    change_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    order_no TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('online', 'counter')),
    branch_id TEXT NOT NULL,
    counter_id TEXT,
    status TEXT NOT NULL,
    customer_name TEXT,
    phone TEXT,
    code_hash TEXT,
    lines_json TEXT NOT NULL,
    total_fen INTEGER NOT NULL,
    paid_fen INTEGER NOT NULL DEFAULT 0,
    refunded_fen INTEGER NOT NULL DEFAULT 0,
    member_id TEXT,
    points_earned INTEGER NOT NULL DEFAULT 0,
    points_redeemed INTEGER NOT NULL DEFAULT 0,
    points_reversed INTEGER NOT NULL DEFAULT 0,
    points_restored INTEGER NOT NULL DEFAULT 0,
    created_op_id TEXT,
    created_at TEXT NOT NULL,
    paid_at TEXT,
    collected_at TEXT,
    change_seq INTEGER NOT NULL UNIQUE,
    cod_fen INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS orders_manifest ON orders (source, branch_id, change_seq);
CREATE TABLE IF NOT EXISTS sms_sent (
    order_no TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bills (
    bill_id TEXT PRIMARY KEY,
    biller TEXT NOT NULL,
    account_no TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    period TEXT NOT NULL,
    amount_due_fen INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('unpaid', 'paid')),
    paid_at TEXT,
    paid_op_id TEXT,
    UNIQUE (biller, account_no, period)
);
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL,
    counter_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT,
    token_expires_at TEXT,
    previous_token_hash TEXT,
    previous_expires_at TEXT
);
CREATE TABLE IF NOT EXISTS enrolment_codes (
    code TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT
);
CREATE TABLE IF NOT EXISTS ops (
    op_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    branch_id TEXT NOT NULL,
    counter_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    business_date TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    code TEXT NOT NULL,
    reason TEXT,
    result_json TEXT,
    amount_fen INTEGER NOT NULL DEFAULT 0,
    order_no TEXT,
    received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ops_reconciliation ON ops (branch_id, business_date, counter_id);
CREATE TABLE IF NOT EXISTS op_money (
    op_id TEXT NOT NULL,
    method TEXT NOT NULL,
    amount_fen INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS op_money_op ON op_money (op_id);
-- Accepted points accruals, for the accrual rules: one sale is accrued once; manual ones are capped a day.
CREATE TABLE IF NOT EXISTS accruals (
    op_id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL,
    business_date TEXT NOT NULL,
    member_id TEXT NOT NULL,
    points INTEGER NOT NULL,
    ref_op_id TEXT UNIQUE
);
CREATE INDEX IF NOT EXISTS accruals_manual ON accruals (member_id, branch_id, business_date);
-- The books (issue 16): cash transfers between counters, both sides; corrections issued to a counter's day.
CREATE TABLE IF NOT EXISTS cash_transfers (
    branch_id TEXT NOT NULL,
    transfer_no TEXT NOT NULL,
    from_counter_id TEXT NOT NULL,
    to_counter_id TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    out_op_id TEXT,
    in_op_id TEXT,
    PRIMARY KEY (branch_id, transfer_no)
);
CREATE TABLE IF NOT EXISTS corrections (
    correction_id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL,
    counter_id TEXT NOT NULL,
    business_date TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    reason TEXT NOT NULL,
    op_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'disputed')),
    issued_at TEXT NOT NULL,
    answer_op_id TEXT,
    answer_reason TEXT,
    answered_by TEXT
);
CREATE INDEX IF NOT EXISTS corrections_counter ON corrections (branch_id, counter_id);
-- Need-to-know member cache (issue 13): where a member was last seen, and each branch's derived phone key.
CREATE TABLE IF NOT EXISTS member_visits (
    member_id TEXT NOT NULL,
    branch_id TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (member_id, branch_id)
);
CREATE TABLE IF NOT EXISTS member_keys (
    member_id TEXT NOT NULL,
    branch_id TEXT NOT NULL,
    phone_key TEXT NOT NULL,
    PRIMARY KEY (member_id, branch_id)
);
"""

# Created after a bulk seed, not before: building an index once is far cheaper than updating it per row.
INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS members_seq ON members (change_seq);
CREATE INDEX IF NOT EXISTS members_phone_hash ON members (phone_hash);
CREATE UNIQUE INDEX IF NOT EXISTS members_card_no ON members (card_no);
CREATE INDEX IF NOT EXISTS bills_account ON bills (biller, account_no);
CREATE INDEX IF NOT EXISTS devices_previous_token ON devices (previous_token_hash);
CREATE INDEX IF NOT EXISTS ops_order ON ops (order_no);
"""


class SchemaTooNew(RuntimeError):
    """The database was written by a newer platform_sim; it is refused untouched."""


def connect(db_path: str | Path) -> sqlite3.Connection:
    """Open the platform db in autocommit mode (transactions are explicit), WAL, synchronous=FULL."""
    conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False, timeout=30.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables if missing; refuse a database written by a newer version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"platform db schema {version} is newer than {SCHEMA_VERSION}")
    conn.executescript(SCHEMA)
    _add_missing_columns(conn)
    conn.executescript(INDEXES)
    from platform_sim.parcels import ensure_parcels  # the parcel tables live with their rules

    ensure_parcels(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# Columns added after version 1: (table, column, type). A version 1 database gets them on first start.
_ADDED_COLUMNS = (("devices", "token_expires_at", "TEXT"), ("devices", "previous_token_hash", "TEXT"),
                  ("devices", "previous_expires_at", "TEXT"), ("orders", "cod_fen", "INTEGER NOT NULL DEFAULT 0"),
                  ("branches", "secret", "TEXT"), ("members", "home_branch_id", "TEXT"), ("orders", "code_key", "TEXT"))


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    """Bring an older database's tables up to this schema."""
    for table, column, kind in _ADDED_COLUMNS:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def next_seq(conn: sqlite3.Connection) -> int:
    """Take the next value of the global change sequence (call inside a write transaction)."""
    row = conn.execute("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value").fetchone()
    return int(row[0])


def reserve_seqs(conn: sqlite3.Connection, count: int) -> int:
    """Reserve ``count`` consecutive change sequence values; return the first."""
    row = conn.execute(
        "UPDATE change_counter SET value = value + ? WHERE id = 1 RETURNING value", (count,)
    ).fetchone()
    return int(row[0]) - count + 1


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    """Read one settings value (None when unset)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def encode_cursor(seq: int) -> str:
    """Opaque cursor for a change sequence position."""
    return base64.urlsafe_b64encode(f"c1.{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    """Change sequence position of a cursor; None if the cursor is not one of ours."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    prefix, _, digits = text.partition(".")
    if prefix != "c1" or not digits.isdigit() or len(digits) > 18:
        return None
    return int(digits)
