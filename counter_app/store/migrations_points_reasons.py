"""m010: points credited outside a sale carry their reason from the fixed list and, for a purchase make-up,
the sale they refer to (issue 13, docs/operations.md). Registered by ``counter_app.store.migrations``."""

from __future__ import annotations

from sqlite_utils import Database

from counter_app.store.migrations import migrations


@migrations(name="m010_points_reasons")
def m010_points_reasons(db: Database) -> None:
    """``reason_code`` (purchase_makeup / manual_adjustment) counts the daily cap on manual adjustments;
    ``ref_op_id`` ties a make-up to its sale, so the sale shows its points and a refund reverses them. Earlier
    rows keep NULL: their accruals went to the platform under the old free-text rule."""
    db.executescript(
        """
        ALTER TABLE points_entries ADD COLUMN reason_code TEXT;
        ALTER TABLE points_entries ADD COLUMN ref_op_id TEXT;
        CREATE INDEX points_ref ON points_entries(ref_op_id) WHERE ref_op_id IS NOT NULL;
        """
    )
