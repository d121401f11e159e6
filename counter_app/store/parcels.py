"""Parcel rows: the pulled tariff and regions, tracking number blocks and the parcels accepted here.

A number is taken by ``take_number`` inside the operation's own transaction: the block's ``next_serial``
only grows and is committed with the journal entry, so a crash before the commit leaves the serial unused
and never handed out, and one after it leaves it used for good.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.domain.parcels.tariff import Tariff, tariff_from_dict
from counter_app.store.repositories import Repository

ADDRESS_KEYS = ("name", "phone", "province", "city", "district", "detail", "country")
REGION_UPSERT = ("INSERT INTO parcel_regions (province, city, district, pinyin_initials) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT(province, city, district) DO UPDATE SET pinyin_initials = excluded.pinyin_initials")


def _block(row: Mapping[str, Any]) -> NumberBlock:
    return NumberBlock(row["block_id"], row["series"], row["prefix"], row["country"], row["first_serial"], row["count"])


class ParcelRepository(Repository):
    # ---- the tariff and regions ----

    def tariff(self) -> Tariff | None:
        row = self.conn.execute("SELECT body FROM parcel_tariff WHERE id = 1").fetchone()
        return tariff_from_dict(json.loads(row["body"])) if row else None

    def save_tariff(self, body: Mapping[str, Any], *, at: str) -> None:
        self.conn.execute(
            "INSERT INTO parcel_tariff (id, version, valid_from, body, pulled_at) VALUES (1, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET version = excluded.version, valid_from = excluded.valid_from, "
            "body = excluded.body, pulled_at = excluded.pulled_at",
            (body["version"], body["valid_from"], json.dumps(dict(body), ensure_ascii=False), at))

    def save_regions(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """(province, city, district, pinyin initials of the three) rows."""
        self.conn.executemany(REGION_UPSERT, rows)

    def search_regions(self, text: str, *, limit: int = 30) -> list[tuple[str, str, str]]:
        """Regions whose names contain ``text`` or whose pinyin initials start with it (``bjhd`` → 北京海淀区)."""
        text = text.strip()
        if not text:
            return []
        like = f"%{text}%"
        rows = self.conn.execute(
            "SELECT province, city, district FROM parcel_regions WHERE pinyin_initials LIKE ? OR province || city ||"
            " district LIKE ? OR pinyin_initials LIKE ? ORDER BY pinyin_initials LIKE ? DESC, province, city,"
            " district LIMIT ?", (f"{text.lower()}%", like, f"%{text.lower()}%", f"{text.lower()}%", limit))
        return [(r["province"], r["city"], r["district"]) for r in rows]

    # ---- number blocks ----

    def add_block(self, block: NumberBlock, *, at: str) -> None:
        """Keep a block the platform allocated; the same block twice is kept once."""
        self.conn.execute(
            "INSERT OR IGNORE INTO parcel_blocks (block_id, series, prefix, country, first_serial, count, next_serial,"
            " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (block.block_id, block.series, block.prefix, block.country, block.first_serial, block.count,
             block.first_serial, at))

    def numbers_left(self, series: str) -> int:
        return int(self.conn.execute(
            "SELECT COALESCE(SUM(first_serial + count - next_serial), 0) FROM parcel_blocks WHERE series = ?",
            (series,)).fetchone()[0])

    def take_number(self, series: str) -> tuple[NumberBlock, str] | None:
        """The next unused number of the oldest block with numbers left (None: none left). Call inside the
        operation's write transaction."""
        row = self.conn.execute(
            "SELECT * FROM parcel_blocks WHERE series = ? AND next_serial < first_serial + count "
            "ORDER BY received_at, first_serial LIMIT 1", (series,)).fetchone()
        if row is None:
            return None
        serial = row["next_serial"]
        self.conn.execute("UPDATE parcel_blocks SET next_serial = next_serial + 1 WHERE block_id = ? AND "
                          "next_serial = ?", (row["block_id"], serial))
        block = _block(row)
        return block, block.number(serial)

    # ---- parcels ----

    def add(self, *, op_id: str, tracking_no: str, block_id: str, shift_id: str, clerk_id: str, service: str,
            total_fen: int, created_at: str) -> None:
        self.conn.execute(
            "INSERT INTO parcels (op_id, tracking_no, block_id, shift_id, clerk_id, service, total_fen, status, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'accepted', ?)",
            (op_id, tracking_no, block_id, shift_id, clerk_id, service, total_fen, created_at))

    def get(self, tracking_no: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM parcels WHERE tracking_no = ?", (tracking_no,)).fetchone()
        return dict(row) if row else None

    def mark_voided(self, tracking_no: str, void_op_id: str) -> None:
        self.conn.execute("UPDATE parcels SET status = 'voided', void_op_id = ? WHERE tracking_no = ? AND "
                          "status = 'accepted'", (void_op_id, tracking_no))

    def on_date(self, business_date: str) -> list[dict[str, Any]]:
        """Parcels accepted on ``business_date`` at this counter, newest first, each with its posting payload."""
        rows = self.conn.execute(
            "SELECT p.op_id, p.tracking_no, p.shift_id, p.status, p.created_at, j.payload FROM parcels p "
            "JOIN journal j ON j.op_id = p.op_id WHERE j.business_date = ? ORDER BY j.seq DESC", (business_date,))
        return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]

    # ---- members' saved addresses (常用地址, m009) ----

    def remember_address(self, *, member_id: str, role: str, party: Mapping[str, Any], at: str) -> None:
        """Keep a member's sender or recipient address (the same one again counts one more use)."""
        values = [str(party.get(key) or "") for key in ADDRESS_KEYS]
        values[-1] = values[-1] or "CN"
        self.conn.execute(
            f"INSERT INTO parcel_addresses (member_id, role, {', '.join(ADDRESS_KEYS)}, last_used_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id, role, name, phone, province, city, "
            "district, detail, country) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at",
            (member_id, role, *values, at))

    def addresses(self, member_id: str, role: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """A member's saved addresses for ``role``, most recently used first."""
        rows = self.conn.execute(
            f"SELECT address_id, {', '.join(ADDRESS_KEYS)} FROM parcel_addresses WHERE member_id = ? AND role = ? "
            "ORDER BY last_used_at DESC, uses DESC LIMIT ?", (member_id, role, limit))
        return [dict(r) for r in rows]

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM parcels").fetchone()[0])
