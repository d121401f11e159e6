"""m008: the member cache and pickup manifest keep keyed slow derivations instead of phone digits and sha256
hashes (issue 13, docs/privacy.md). Registered by ``counter_app.store.migrations``."""

from __future__ import annotations

from sqlite_utils import Database

from counter_app.store.migrations import migrations


@migrations(name="m008_keyed_member_cache")
def m008_keyed_member_cache(db: Database) -> None:
    """Issue 13: the cache keeps phones and pickup codes only as keyed slow derivations (docs/privacy.md). The old
    unsalted sha256 columns and the phone digits go; the member and pickup pulls start over to fetch the keys."""
    db.executescript(
        """
        DROP INDEX IF EXISTS members_phone_hash;
        ALTER TABLE members DROP COLUMN phone_hash;
        ALTER TABLE members ADD COLUMN phone_key TEXT;
        CREATE INDEX members_phone_key ON members(phone_key);
        UPDATE members SET phone_masked = '';
        ALTER TABLE pickup_manifest DROP COLUMN code_hash;
        ALTER TABLE pickup_manifest ADD COLUMN code_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE pickup_manifest ADD COLUMN second_factor INTEGER NOT NULL DEFAULT 0;
        UPDATE pickup_manifest SET phone_masked = CASE WHEN length(phone_masked) >= 4
            THEN '*******' || substr(phone_masked, -4) ELSE '' END;
        DELETE FROM sync_cursors WHERE stream = 'members' OR stream LIKE 'pickups:%';
        """
    )
