"""Repositories: the SQL behind each noun, used inside a unit of work's transaction."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from counter_app.domain.model import (
    Branch,
    Clerk,
    Member,
    OfflineRules,
    PickupOrder,
    PointsRule,
    Product,
    Shift,
)
from counter_app.domain.pinyin import name_matches

# Upserts shared by the repositories (one row) and the sync engine's pulled pages (many rows).
SETTINGS_UPSERT = ("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
CATALOG_UPSERT = (
    "INSERT INTO catalog (sku, barcode, name, pinyin_initials, category, price_fen, unit, member_discount, "
    "points_eligible, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sku) DO UPDATE SET "
    "barcode = excluded.barcode, name = excluded.name, pinyin_initials = excluded.pinyin_initials, "
    "category = excluded.category, price_fen = excluded.price_fen, unit = excluded.unit, "
    "member_discount = excluded.member_discount, points_eligible = excluded.points_eligible, "
    "active = excluded.active"
)
MEMBER_UPSERT = (
    "INSERT INTO members (member_id, phone_key, phone_masked, card_no, name_masked, points_balance, level, "
    "synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(member_id) DO UPDATE SET "
    "phone_key = COALESCE(excluded.phone_key, members.phone_key), phone_masked = excluded.phone_masked, "
    "card_no = excluded.card_no, name_masked = excluded.name_masked, "
    "points_balance = excluded.points_balance, level = excluded.level, synced_at = excluded.synced_at"
)
MANIFEST_UPSERT = (
    "INSERT INTO pickup_manifest (order_no, branch_id, customer_name_masked, phone_masked, code_key, lines, "
    "total_fen, status, paid_at, synced_at, cod_fen, second_factor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(order_no) DO UPDATE SET branch_id = excluded.branch_id, "
    "customer_name_masked = excluded.customer_name_masked, phone_masked = excluded.phone_masked, "
    "code_key = excluded.code_key, lines = excluded.lines, total_fen = excluded.total_fen, "
    "status = excluded.status, paid_at = excluded.paid_at, synced_at = excluded.synced_at, cod_fen = excluded.cod_fen, "
    "second_factor = excluded.second_factor"
)


class Repository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn


class SettingsRepository(Repository):
    """Device and branch settings as JSON values under a key."""

    def get(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else default

    def set(self, key: str, value: Any) -> None:
        self.conn.execute(SETTINGS_UPSERT, (key, json.dumps(value, ensure_ascii=False)))

    def all(self) -> dict[str, Any]:
        return {r["key"]: json.loads(r["value"]) for r in self.conn.execute("SELECT key, value FROM settings")}

    def branch(self) -> Branch | None:
        values = self.all()
        if "branch_id" not in values or "counter_id" not in values:
            return None
        return Branch(
            branch_id=values["branch_id"],
            branch_name=values.get("branch_name", values["branch_id"]),
            branch_address=values.get("branch_address", ""),
            counter_id=values["counter_id"],
        )

    def branch_secret(self) -> str:
        """The salt of the cached keys, from enrolment ("" before: nothing keyed is cached then)."""
        return str(self.get("branch_secret") or "")

    def points_rule(self) -> PointsRule:
        raw = self.get("points_rule")
        if not raw:
            return PointsRule()
        return PointsRule(
            earn_fen_per_point=int(raw.get("earn_fen_per_point", 100)),
            redeem_fen_per_point=int(raw.get("redeem_fen_per_point", 1)),
            level_discount_bp={str(k): int(v) for k, v in raw.get("level_discount_bp", {}).items()},
        )

    def offline_rules(self) -> OfflineRules:
        raw = self.get("offline_rules") or {}
        defaults = OfflineRules()
        return OfflineRules(
            offline_redeem_cap_per_member_day=int(
                raw.get("offline_redeem_cap_per_member_day", defaults.offline_redeem_cap_per_member_day)),
            allow_pending_bills=bool(raw.get("allow_pending_bills", defaults.allow_pending_bills)),
            pending_bill_max_fen=int(raw.get("pending_bill_max_fen", defaults.pending_bill_max_fen)),
            pending_bill_shift_max_fen=int(raw.get("pending_bill_shift_max_fen", defaults.pending_bill_shift_max_fen)),
            **{key: int(raw.get(key, getattr(defaults, key))) for key in (
                "offline_prepaid_max_fen", "offline_prepaid_day_max_fen", "offline_points_max_fen",
                "offline_points_day_max_fen")},
        )


def _clerk(row: sqlite3.Row) -> Clerk:
    return Clerk(row["clerk_id"], row["name"], row["role"], row["pin_hash"], row["failed_attempts"],
                 row["locked_until"], bool(row["active"]))


class ClerkRepository(Repository):
    def get(self, clerk_id: str) -> Clerk | None:
        row = self.conn.execute("SELECT * FROM clerks WHERE clerk_id = ?", (clerk_id,)).fetchone()
        return _clerk(row) if row else None

    def add(self, clerk: Clerk) -> None:
        self.conn.execute(
            "INSERT INTO clerks (clerk_id, name, role, pin_hash, active) VALUES (?, ?, ?, ?, ?)",
            (clerk.clerk_id, clerk.name, clerk.role, clerk.pin_hash, int(clerk.active)),
        )

    def record_login(self, clerk_id: str, *, failed_attempts: int, locked_until: str | None) -> None:
        self.conn.execute(
            "UPDATE clerks SET failed_attempts = ?, locked_until = ? WHERE clerk_id = ?",
            (failed_attempts, locked_until, clerk_id),
        )


def _shift(row: sqlite3.Row) -> Shift:
    return Shift(row["shift_id"], row["clerk_id"], row["counter_id"], row["business_date"], row["opened_at"],
                 row["float_fen"], closed=row["closed"] is not None)


_SHIFT_SELECT = "SELECT s.*, c.closed_at AS closed FROM shifts s LEFT JOIN shift_closes c ON c.shift_id = s.shift_id"


class ShiftRepository(Repository):
    def open_for(self, clerk_id: str, counter_id: str) -> Shift | None:
        row = self.conn.execute(
            f"{_SHIFT_SELECT} WHERE s.clerk_id = ? AND s.counter_id = ? AND c.shift_id IS NULL "
            "ORDER BY s.opened_at DESC LIMIT 1",
            (clerk_id, counter_id),
        ).fetchone()
        return _shift(row) if row else None

    def get(self, shift_id: str) -> Shift | None:
        row = self.conn.execute(f"{_SHIFT_SELECT} WHERE s.shift_id = ?", (shift_id,)).fetchone()
        return _shift(row) if row else None

    def add(self, shift: Shift, op_id: str) -> None:
        self.conn.execute(
            "INSERT INTO shifts (shift_id, op_id, clerk_id, counter_id, business_date, opened_at, float_fen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (shift.shift_id, op_id, shift.clerk_id, shift.counter_id, shift.business_date, shift.opened_at,
             shift.float_fen),
        )

    def close(self, shift_id: str, *, op_id: str, closed_at: str, expected_cash_fen: int, counted_cash_fen: int,
              cash_count: dict[str, int], supervisor_id: str | None) -> None:
        self.conn.execute(
            "INSERT INTO shift_closes (shift_id, op_id, closed_at, expected_cash_fen, counted_cash_fen, "
            "difference_fen, cash_count, supervisor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (shift_id, op_id, closed_at, expected_cash_fen, counted_cash_fen, counted_cash_fen - expected_cash_fen,
             json.dumps(cash_count), supervisor_id),
        )

    def cash_movements(self, shift_id: str) -> tuple[int, int, int]:
        """Cash taken in, change given, cash paid out (refunds) during a shift."""
        row = self.conn.execute(
            "SELECT COALESCE(SUM(CASE WHEN direction = 'in' THEN amount_fen END), 0) AS cash_in, "
            "COALESCE(SUM(change_fen), 0) AS change, "
            "COALESCE(SUM(CASE WHEN direction = 'out' THEN amount_fen END), 0) AS cash_out "
            "FROM payments WHERE shift_id = ? AND method = 'cash'",
            (shift_id,),
        ).fetchone()
        return row["cash_in"], row["change"], row["cash_out"]


def _product(row: sqlite3.Row) -> Product:
    return Product(row["sku"], row["name"], row["category"], row["price_fen"], row["barcode"], row["unit"],
                   bool(row["member_discount"]), bool(row["points_eligible"]), bool(row["active"]),
                   row["pinyin_initials"])


class CatalogRepository(Repository):
    def get(self, sku: str) -> Product | None:
        row = self.conn.execute("SELECT * FROM catalog WHERE sku = ?", (sku,)).fetchone()
        return _product(row) if row else None

    def by_code(self, code: str) -> Product | None:
        """A product by scanned barcode or typed sku."""
        row = self.conn.execute(
            "SELECT * FROM catalog WHERE (barcode = ? OR sku = ?) AND active = 1 LIMIT 1", (code, code)
        ).fetchone()
        return _product(row) if row else None

    def search(self, text: str, *, limit: int = 30) -> list[Product]:
        """Products by sku or barcode, or whose name ``text`` finds (``pinyin.name_matches``: initials or the
        start of a word, not the middle of a Latin word), those whose initials start with it first."""
        like = text.replace("%", "").replace("_", "")
        rows = self.conn.execute(
            "SELECT * FROM catalog WHERE active = 1 AND (name LIKE ? OR pinyin_initials LIKE ? OR sku = ? "
            "OR barcode = ?) ORDER BY (pinyin_initials LIKE ?) DESC, name",
            (f"%{like}%", f"%{like.lower()}%", text, text, f"{like.lower()}%"),
        ).fetchall()
        found = [_product(r) for r in rows
                 if text in (r["sku"], r["barcode"]) or name_matches(r["name"], r["pinyin_initials"], like)]
        return found[:limit]

    def upsert(self, product: Product) -> None:
        self.conn.execute(
            CATALOG_UPSERT,
            (product.sku, product.barcode, product.name, product.pinyin_initials, product.category,
             product.price_fen, product.unit, int(product.member_discount), int(product.points_eligible),
             int(product.active)),
        )


def _member(row: sqlite3.Row) -> Member:
    return Member(row["member_id"], row["phone_masked"], row["card_no"], row["name_masked"],
                  row["points_balance"], row["level"])


class MemberRepository(Repository):
    def get(self, member_id: str) -> Member | None:
        row = self.conn.execute("SELECT * FROM members WHERE member_id = ?", (member_id,)).fetchone()
        return _member(row) if row else None

    def by_phone_key(self, phone_key: str) -> Member | None:
        row = self.conn.execute("SELECT * FROM members WHERE phone_key = ?", (phone_key,)).fetchone()
        return _member(row) if row else None

    def by_card(self, card_no: str) -> Member | None:
        row = self.conn.execute("SELECT * FROM members WHERE card_no = ?", (card_no,)).fetchone()
        return _member(row) if row else None

    def upsert(self, member: Member, *, phone_key: str | None, synced_at: str) -> None:
        self.conn.execute(
            MEMBER_UPSERT,
            (member.member_id, phone_key, "", member.card_no, member.name_masked,
             member.points_balance, member.level, synced_at),
        )

    def undelivered_points(self, member_id: str) -> tuple[int, int]:
        """Points this counter has accrued and redeemed for a member that the platform has not confirmed."""
        row = self.conn.execute(
            "SELECT COALESCE(SUM(CASE WHEN p.points > 0 THEN p.points END), 0) AS plus, "
            "COALESCE(-SUM(CASE WHEN p.points < 0 THEN p.points END), 0) AS minus "
            "FROM points_entries p JOIN outbox o ON o.op_id = p.op_id "
            "WHERE p.member_id = ? AND o.state = 'pending'",
            (member_id,),
        ).fetchone()
        return row["plus"], row["minus"]

    def redeemed_offline_on(self, member_id: str, business_date: str) -> int:
        """Points redeemed for a member on a day that were taken while offline (still unconfirmed or flagged)."""
        row = self.conn.execute(
            "SELECT COALESCE(-SUM(p.points), 0) FROM points_entries p JOIN journal j ON j.op_id = p.op_id "
            "WHERE p.member_id = ? AND p.business_date = ? AND p.points < 0 "
            "AND json_extract(j.payload, '$.offline') = 1",
            (member_id, business_date),
        ).fetchone()
        return int(row[0])

    def history(self, member_id: str, *, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT p.*, o.state FROM points_entries p LEFT JOIN outbox o ON o.op_id = p.op_id "
            "WHERE p.member_id = ? ORDER BY p.entry_id DESC LIMIT ?",
            (member_id, limit),
        ).fetchall()
        return [dict(r) for r in rows]

    def add_points(self, *, op_id: str, member_id: str, points: int, kind: str, reason: str,
                   business_date: str, created_at: str, reason_code: str | None = None,
                   ref_op_id: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO points_entries (op_id, member_id, points, kind, reason, business_date, created_at, "
            "reason_code, ref_op_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (op_id, member_id, points, kind, reason, business_date, created_at, reason_code, ref_op_id),
        )

    def manual_accrued_on(self, member_id: str, business_date: str) -> int:
        """Points adjusted by hand for a member at this counter on a business date (the daily cap's count)."""
        return int(self.conn.execute(
            "SELECT COALESCE(SUM(points), 0) FROM points_entries WHERE member_id = ? AND business_date = ? "
            "AND reason_code = 'manual_adjustment'", (member_id, business_date)).fetchone()[0])


def _pickup(row: sqlite3.Row) -> PickupOrder:
    return PickupOrder(row["order_no"], row["branch_id"], row["customer_name_masked"], row["phone_masked"],
                       row["code_key"], json.loads(row["lines"]), row["total_fen"], row["status"],
                       collected_here=row["collected"] is not None, cod_fen=row["cod_fen"],
                       second_factor=bool(row["second_factor"]))


_PICKUP_SELECT = "SELECT m.*, p.op_id AS collected FROM pickup_manifest m LEFT JOIN pickups p ON p.order_no = m.order_no"


class ManifestRepository(Repository):
    """The cached pickup manifest of this branch, and the pickups done here."""

    def get(self, order_no: str) -> PickupOrder | None:
        row = self.conn.execute(f"{_PICKUP_SELECT} WHERE m.order_no = ?", (order_no,)).fetchone()
        return _pickup(row) if row else None

    def for_branch(self, branch_id: str) -> list[PickupOrder]:
        """Every cached order of the branch, collected and cancelled ones too (to explain a re-scan)."""
        rows = self.conn.execute(f"{_PICKUP_SELECT} WHERE m.branch_id = ? ORDER BY m.order_no", (branch_id,))
        return [_pickup(r) for r in rows]

    def upsert(self, order: PickupOrder, *, paid_at: str | None, synced_at: str) -> None:
        self.conn.execute(
            MANIFEST_UPSERT,
            (order.order_no, order.branch_id, order.customer_name_masked, order.phone_masked, order.code_key,
             json.dumps(order.lines, ensure_ascii=False), order.total_fen, order.status, paid_at, synced_at,
             order.cod_fen, int(order.second_factor)),
        )

    def record_pickup(self, *, op_id: str, order_no: str, shift_id: str, clerk_id: str, collected_at: str,
                      verified_by: str) -> None:
        self.conn.execute(
            "INSERT INTO pickups (op_id, order_no, shift_id, clerk_id, collected_at, verified_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (op_id, order_no, shift_id, clerk_id, collected_at, verified_by),
        )


class JournalReader(Repository):
    """Reads of the journal for reports, receipts and reprints (never writes)."""

    def entry(self, op_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM journal WHERE op_id = ?", (op_id,)).fetchone()
        if row is None:
            return None
        entry = dict(row)
        entry["payload"] = json.loads(entry["payload"])
        return entry

    def envelope(self, op_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT body FROM outbox WHERE op_id = ?", (op_id,)).fetchone()
        return json.loads(row["body"]) if row else None

    def entries(self, *, business_date: str | None = None, shift_id: str | None = None,
                limit: int = 1000) -> list[dict[str, Any]]:
        clauses, params = [], []
        if business_date:
            clauses.append("j.business_date = ?")
            params.append(business_date)
        if shift_id:
            clauses.append("j.shift_id = ?")
            params.append(shift_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.conn.execute(
            f"SELECT j.*, o.state AS sync_state FROM journal j LEFT JOIN outbox o ON o.op_id = j.op_id "
            f"{where} ORDER BY j.seq DESC LIMIT ?", (*params, limit)).fetchall()
        result = []
        for r in rows:
            entry = dict(r)
            entry["payload"] = json.loads(entry["payload"])
            result.append(entry)
        return result
