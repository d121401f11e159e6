"""m009: saved addresses of members for parcel posting (常用地址), kept on this counter only.

Filled from what this counter posted: a parcel accepted for an identified member remembers its sender and
recipient in the posting's own transaction; existing postings are read back from the journal here. Nothing
is sent to the platform; the parcel screen shows them masked. Registered by ``counter_app.store.migrations``.
"""

from __future__ import annotations

from sqlite_utils import Database

from counter_app.store.migrations import migrations

_PARTY = ("name", "phone", "province", "city", "district", "detail", "country")


@migrations(name="m009_parcel_addresses")
def m009_parcel_addresses(db: Database) -> None:
    """The table, and the addresses of members' parcels already in the journal."""
    db.executescript(
        """
        CREATE TABLE parcel_addresses (
            address_id INTEGER PRIMARY KEY,
            member_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('sender', 'recipient')),
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            province TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            district TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT 'CN',
            uses INTEGER NOT NULL DEFAULT 1,
            last_used_at TEXT NOT NULL,
            UNIQUE (member_id, role, name, phone, province, city, district, detail, country)
        );
        CREATE INDEX parcel_addresses_member ON parcel_addresses(member_id, role, last_used_at);
        """
    )
    for role in ("sender", "recipient"):
        columns = ", ".join(f"COALESCE(json_extract(payload, '$.{role}.{key}'), '')" for key in _PARTY)
        db.execute(
            f"INSERT INTO parcel_addresses (member_id, role, {', '.join(_PARTY)}, last_used_at) "
            f"SELECT json_extract(payload, '$.member_id'), '{role}', {columns}, MAX(occurred_at) FROM journal "
            "WHERE kind = 'parcel_posting' AND json_extract(payload, '$.member_id') IS NOT NULL "
            f"GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 "
            "ON CONFLICT DO NOTHING")
