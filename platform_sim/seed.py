"""Deterministic seed data for the platform: branches, catalog, members, pickups, bills, enrolment codes.

Everything derives from ``random.Random(seed)`` (the admin key excepted), so two seeds with the same
arguments hold the same rows. Bulk rows go in with executemany in one transaction, and indexes are
built afterwards: a million members take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from platform_sim import db as platform_db
from platform_sim import seed_names as names
from platform_sim.admin import make_enrolment_code
from platform_sim.privacy import mask_name, mask_phone, pickup_code_hash

# Fixed so the data is the same whichever day it is seeded.
REFERENCE_TIME = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
B001_MIN_AWAITING = 30
_PHONE_STEP = 7_654_321  # coprime with 10**8: i -> (i*step + offset) % 10**8 never repeats below 10**8


def seed(db_path: str | Path, *, demo: bool = True, members: int = 5000, orders: int = 2000, seed: int = 1,
         branches: int = 36, products: int | None = None, bills_per_biller: int | None = None) -> dict[str, int]:
    """Fill an empty platform db; returns row counts. ``demo`` adds history (collected, cancelled, paid).

    Without ``demo`` every pickup is awaiting and every bill unpaid, which is what tests want.
    """
    rng = random.Random(seed)
    conn = platform_db.connect(db_path)
    try:
        platform_db.ensure_schema(conn)
        if conn.execute("SELECT COUNT(*) FROM branches").fetchone()[0]:
            raise ValueError(f"{db_path} is already seeded")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Indexes are dropped for the bulk insert and rebuilt once at the end.
            for index in ("members_seq", "members_phone_hash", "members_card_no"):
                conn.execute(f"DROP INDEX IF EXISTS {index}")
            counts = _seed_all(conn, rng, demo=demo, members=members, orders=orders, branches=branches,
                               products=products, bills_per_biller=bills_per_biller)
            for statement in platform_db.INDEXES.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return counts
    finally:
        conn.close()


def _seed_all(conn: sqlite3.Connection, rng: random.Random, *, demo: bool, members: int, orders: int,
              branches: int, products: int | None, bills_per_biller: int | None) -> dict[str, int]:
    """Write every table, in a fixed order so the random stream is reproducible."""
    branch_ids = _seed_branches(conn, rng, branches)
    catalog = _seed_products(conn, rng, products)
    member_count = _seed_members(conn, rng, members)
    conn.executemany("UPDATE members SET home_branch_id = ? WHERE member_id = ?",  # registered at a branch
                     [(branch_ids[i % len(branch_ids)], f"M{i + 1:08d}") for i in range(member_count if branch_ids else 0)])
    order_count = _seed_pickups(conn, rng, branch_ids, catalog, orders, demo=demo)
    bill_count = _seed_bills(conn, rng, bills_per_biller if bills_per_biller is not None else max(10, orders // 10),
                             demo=demo)
    _seed_enrolment_codes(conn, rng, branch_ids)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('admin_key', ?)", (secrets.token_urlsafe(24),))
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('seed', ?)",
                 (json.dumps({"demo": demo, "members": members, "orders": orders}),))
    product_count = conn.execute("SELECT COUNT(*) FROM products").fetchone()[0]
    return {"branches": len(branch_ids), "products": product_count, "members": member_count,
            "orders": order_count, "bills": bill_count}


def _seed_branches(conn: sqlite3.Connection, rng: random.Random, count: int) -> list[str]:
    """网点 B001..: named after their street, in one of the city's districts."""
    count = min(count, len(names.STREETS))
    rows = []
    for i in range(count):
        street = names.STREETS[i]
        district = names.DISTRICTS[i % len(names.DISTRICTS)]
        rows.append((f"B{i + 1:03d}", f"{names.CITY}{street}邮政支局",
                     f"{names.CITY}{district}{street}{rng.randint(1, 399)}号", f"0999-{rng.randint(6000000, 6999999)}"))
    conn.executemany("INSERT INTO branches (branch_id, name, address, phone) VALUES (?,?,?,?)", rows)
    return [r[0] for r in rows]


def ean13(first12: str) -> str:
    """Append the EAN-13 check digit to 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def _products(rng: random.Random) -> Iterator[tuple[Any, ...]]:
    """Every product: each family name in each of its specs, priced in fen."""
    number = 0
    for category, unit, (low, high), specs, family in names.PRODUCT_FAMILIES:
        company = f"{rng.randint(10000, 99999)}"
        for name in family:
            base = rng.randint(low, high)
            for percent, spec in zip((100, 150, 220), specs, strict=True):
                number += 1
                # Prices end in 0 fen, most in 9.90 or 0.00 as shops price them.
                price = max(100, (base * percent // 100) // 100 * 100 - rng.choice((0, 10, 100)))
                barcode = ean13(f"69{company}{number:05d}")
                discount = category not in ("邮票集邮", "报刊杂志")
                yield (f"P{number:05d}", barcode, f"{name} {spec}", category, price, unit, int(discount),
                       int(rng.random() < 0.9), int(rng.random() > 0.02))


def _seed_products(conn: sqlite3.Connection, rng: random.Random, limit: int | None) -> list[tuple[str, str, int]]:
    """The catalog; returns (sku, name, price_fen) of active products for order lines."""
    rows = list(_products(rng))
    if limit is not None:
        rows = rows[:limit]
    first = platform_db.reserve_seqs(conn, len(rows))
    conn.executemany(
        "INSERT INTO products (sku, barcode, name, category, price_fen, unit, member_discount, points_eligible,"
        " active, change_seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(*row, first + i) for i, row in enumerate(rows)],
    )
    return [(r[0], r[2], r[4]) for r in rows if r[8]]


def _person(rng: random.Random) -> str:
    """A plausible Chinese name."""
    given = rng.choice(names.GIVEN_CHARS) + (rng.choice(names.GIVEN_CHARS) if rng.random() < 0.7 else "")
    return rng.choice(names.SURNAMES) + given


def member_phone(i: int, rng: random.Random) -> str:
    """The i-th member's phone: a unique 8-digit suffix behind a random mobile prefix."""
    return rng.choice(names.PHONE_PREFIXES) + f"{(i * _PHONE_STEP + 13579) % 10**8:08d}"


def _member_rows(rng: random.Random, count: int, first_seq: int) -> Iterator[tuple[Any, ...]]:
    """Member rows, generated lazily so a million never sit in memory twice."""
    sha = hashlib.sha256
    levels = ("normal",) * 16 + ("silver",) * 3 + ("gold",)
    for i in range(count):
        phone = member_phone(i, rng)
        name = _person(rng)
        level = rng.choice(levels)
        points = rng.randint(0, 20000) if rng.random() < 0.85 else 0
        yield (f"M{i + 1:08d}", phone, sha(phone.encode()).hexdigest(), mask_phone(phone),
               f"8801{i + 1:012d}", name, mask_name(name), points, level, first_seq + i)


def _seed_members(conn: sqlite3.Connection, rng: random.Random, count: int) -> int:
    """会员: phones, card numbers, points, levels."""
    first = platform_db.reserve_seqs(conn, count) if count else 0
    conn.executemany(
        "INSERT INTO members (member_id, phone, phone_hash, phone_masked, card_no, name, name_masked,"
        " points_balance, level, change_seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
        _member_rows(rng, count, first),
    )
    return count


def _order_lines(rng: random.Random, catalog: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """One to three lines of an online order."""
    lines = []
    for sku, name, price in rng.sample(catalog, k=min(len(catalog), rng.randint(1, 3))):
        qty = rng.choice((1, 1, 1, 2, 3))
        lines.append({"sku": sku, "name": name, "qty": qty, "unit_price_fen": price, "amount_fen": qty * price})
    return lines


def _seed_pickups(conn: sqlite3.Connection, rng: random.Random, branch_ids: list[str],
                  catalog: list[tuple[str, str, int]], count: int, *, demo: bool) -> int:
    """Orders paid online to collect at a branch, with the SMS that carried each pickup code.

    The first orders all go to B001 awaiting, so the demo branch always has a full manifest.
    """
    if not catalog or not branch_ids:
        return 0
    first = platform_db.reserve_seqs(conn, count) if count else 0
    orders, sms = [], []
    for i in range(count):
        order_no = f"PO{REFERENCE_TIME:%Y%m%d}{i + 1:06d}"
        forced = i < B001_MIN_AWAITING
        branch_id = "B001" if forced else rng.choice(branch_ids)
        status = "awaiting"
        if demo and not forced:
            status = rng.choices(("awaiting", "collected", "cancelled"), (85, 10, 5))[0]
        code = f"{rng.randint(0, 999999):06d}"
        name, phone = _person(rng), member_phone(rng.randint(10**7, 10**8 - 1), rng)
        lines = _order_lines(rng, catalog)
        paid_at = REFERENCE_TIME - dt.timedelta(minutes=rng.randint(30, 7 * 24 * 60))
        collected_at = (paid_at + dt.timedelta(hours=rng.randint(2, 48))).isoformat() if status == "collected" else None
        orders.append((order_no, branch_id, status, name, phone, pickup_code_hash(order_no, code),
                       json.dumps(lines, ensure_ascii=False), sum(line["amount_fen"] for line in lines),
                       paid_at.isoformat(), collected_at, first + i))
        sms.append((order_no, phone, code, f"【江城邮政】您的订单{order_no}已到{branch_id}网点，提货码{code}。",
                    paid_at.isoformat()))
    conn.executemany(
        "INSERT INTO orders (order_no, source, branch_id, status, customer_name, phone, code_hash, lines_json,"
        " total_fen, paid_fen, created_at, paid_at, collected_at, change_seq)"
        " VALUES (?1, 'online', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?9, ?10, ?11)", orders)
    conn.executemany("INSERT INTO sms_sent (order_no, phone, code, message, sent_at) VALUES (?,?,?,?,?)", sms)
    return count


def _seed_bills(conn: sqlite3.Connection, rng: random.Random, per_biller: int, *, demo: bool) -> int:
    """便民缴费 bills for this month, one per account."""
    rows = []
    period = f"{REFERENCE_TIME:%Y-%m}"
    for biller, (prefix, digits, (low, high)) in names.BILLERS.items():
        accounts = rng.sample(range(10 ** (digits - 1), 10**digits), per_biller)
        for n, account in enumerate(accounts):
            status = "paid" if demo and rng.random() < 0.1 else "unpaid"
            rows.append((f"BL-{biller[:2].upper()}-{n + 1:06d}", biller, f"{prefix}{account}", _person(rng), period,
                         rng.randint(low, high) // 10 * 10, status))
    conn.executemany("INSERT INTO bills (bill_id, biller, account_no, customer_name, period, amount_due_fen, status)"
                     " VALUES (?,?,?,?,?,?,?)", rows)
    return len(rows)


def _seed_enrolment_codes(conn: sqlite3.Connection, rng: random.Random, branch_ids: list[str]) -> None:
    """Three one-time enrolment codes per branch."""
    issued = REFERENCE_TIME.isoformat()
    conn.executemany("INSERT INTO enrolment_codes (code, branch_id, issued_at) VALUES (?,?,?)",
                     [(make_enrolment_code(rng), b, issued) for b in branch_ids for _ in range(3)])
