"""Versioned schema migrations, recorded in the database by sqlite-utils.

Append new migrations at the end; never edit one that has shipped. ``SCHEMA_VERSION`` is the number
of migrations this code knows, and is stored in ``PRAGMA user_version`` so that a file written by a
newer release is recognised and refused before anything touches it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("counter_app")


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    """Every table of the first release."""
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE clerks (
            clerk_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
            pin_hash TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE shifts (
            shift_id TEXT PRIMARY KEY,
            op_id TEXT NOT NULL UNIQUE,
            clerk_id TEXT NOT NULL REFERENCES clerks(clerk_id),
            counter_id TEXT NOT NULL,
            business_date TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            float_fen INTEGER NOT NULL CHECK (float_fen >= 0)
        );
        CREATE TABLE shift_closes (
            shift_id TEXT PRIMARY KEY REFERENCES shifts(shift_id),
            op_id TEXT NOT NULL UNIQUE,
            closed_at TEXT NOT NULL,
            expected_cash_fen INTEGER NOT NULL,
            counted_cash_fen INTEGER NOT NULL,
            difference_fen INTEGER NOT NULL,
            cash_count TEXT NOT NULL,
            supervisor_id TEXT
        );
        CREATE TABLE catalog (
            sku TEXT PRIMARY KEY,
            barcode TEXT,
            name TEXT NOT NULL,
            pinyin_initials TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL,
            price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
            unit TEXT NOT NULL DEFAULT '件',
            member_discount INTEGER NOT NULL DEFAULT 0,
            points_eligible INTEGER NOT NULL DEFAULT 1,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX catalog_barcode ON catalog(barcode);
        CREATE INDEX catalog_initials ON catalog(pinyin_initials);
        CREATE TABLE members (
            member_id TEXT PRIMARY KEY,
            phone_hash TEXT,
            phone_masked TEXT NOT NULL DEFAULT '',
            card_no TEXT,
            name_masked TEXT NOT NULL DEFAULT '',
            points_balance INTEGER NOT NULL DEFAULT 0,
            level TEXT NOT NULL DEFAULT 'normal',
            synced_at TEXT NOT NULL
        );
        CREATE INDEX members_phone_hash ON members(phone_hash);
        CREATE INDEX members_card_no ON members(card_no);
        CREATE TABLE pickup_manifest (
            order_no TEXT PRIMARY KEY,
            branch_id TEXT NOT NULL,
            customer_name_masked TEXT NOT NULL DEFAULT '',
            phone_masked TEXT NOT NULL DEFAULT '',
            code_hash TEXT NOT NULL,
            lines TEXT NOT NULL DEFAULT '[]',
            total_fen INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL,
            paid_at TEXT,
            synced_at TEXT NOT NULL
        );
        CREATE TABLE sync_cursors (
            stream TEXT PRIMARY KEY,
            cursor TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE orders (
            order_no TEXT PRIMARY KEY,
            op_id TEXT NOT NULL UNIQUE,
            shift_id TEXT NOT NULL REFERENCES shifts(shift_id),
            clerk_id TEXT NOT NULL,
            member_id TEXT,
            subtotal_fen INTEGER NOT NULL,
            discount_fen INTEGER NOT NULL,
            total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
            created_at TEXT NOT NULL
        );
        CREATE TABLE order_lines (
            order_no TEXT NOT NULL REFERENCES orders(order_no),
            line_no INTEGER NOT NULL,
            sku TEXT NOT NULL,
            name TEXT NOT NULL,
            qty INTEGER NOT NULL CHECK (qty > 0),
            unit_price_fen INTEGER NOT NULL,
            amount_fen INTEGER NOT NULL,
            PRIMARY KEY (order_no, line_no)
        );
        -- Money that moved, one row per tender. direction 'in' is taken, 'out' is given back (refunds).
        CREATE TABLE payments (
            payment_id INTEGER PRIMARY KEY,
            op_id TEXT NOT NULL,
            shift_id TEXT NOT NULL REFERENCES shifts(shift_id),
            order_no TEXT,
            kind TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('cash', 'bank_card', 'prepaid_card', 'points')),
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
            change_fen INTEGER NOT NULL DEFAULT 0,
            reference TEXT,
            points INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX payments_shift ON payments(shift_id);
        CREATE INDEX payments_order ON payments(order_no);
        CREATE TABLE pickups (
            op_id TEXT PRIMARY KEY,
            order_no TEXT NOT NULL UNIQUE,
            shift_id TEXT NOT NULL REFERENCES shifts(shift_id),
            clerk_id TEXT NOT NULL,
            collected_at TEXT NOT NULL,
            verified_by TEXT NOT NULL
        );
        CREATE TABLE bill_payments (
            op_id TEXT PRIMARY KEY,
            bill_id TEXT,
            biller TEXT NOT NULL,
            account_no TEXT NOT NULL,
            period TEXT,
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            pending INTEGER NOT NULL,
            shift_id TEXT NOT NULL REFERENCES shifts(shift_id),
            clerk_id TEXT NOT NULL,
            member_id TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE points_entries (
            entry_id INTEGER PRIMARY KEY,
            op_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            points INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('accrual', 'redemption', 'reversal', 'restore')),
            reason TEXT NOT NULL DEFAULT '',
            business_date TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX points_member ON points_entries(member_id, business_date);
        CREATE TABLE voids (
            op_id TEXT PRIMARY KEY,
            target_op_id TEXT NOT NULL,
            order_no TEXT NOT NULL UNIQUE REFERENCES orders(order_no),
            reason TEXT NOT NULL,
            supervisor_id TEXT NOT NULL
        );
        CREATE TABLE refunds (
            op_id TEXT PRIMARY KEY,
            target_op_id TEXT NOT NULL,
            order_no TEXT NOT NULL REFERENCES orders(order_no),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            reason TEXT NOT NULL,
            supervisor_id TEXT NOT NULL
        );
        -- The append-only, hash-chained record of every operation (流水).
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            op_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            aggregate_id TEXT NOT NULL,
            shift_id TEXT,
            clerk_id TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            business_date TEXT NOT NULL,
            amount_fen INTEGER NOT NULL DEFAULT 0,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        -- The last entry's seq and hash, written with every entry: deleting the newest row shows.
        CREATE TABLE journal_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        -- Messages for the platform, one per operation, in journal order.
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY REFERENCES journal(seq),
            op_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            aggregate_id TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'rejected')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            result TEXT,
            delivered_at TEXT
        );
        CREATE INDEX outbox_state ON outbox(state, seq);
        CREATE INDEX outbox_aggregate ON outbox(aggregate_id, seq);
        -- What a supervisor did about a message the platform rejected (异常单).
        CREATE TABLE exception_actions (
            op_id TEXT PRIMARY KEY REFERENCES outbox(op_id),
            action TEXT NOT NULL CHECK (action IN ('acknowledged', 'refund_done', 'resolved')),
            supervisor_id TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            acted_at TEXT NOT NULL
        );
        CREATE TABLE print_jobs (
            job_id INTEGER PRIMARY KEY,
            op_id TEXT NOT NULL,
            reprint INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('pending', 'printed', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL,
            printed_at TEXT
        );
        CREATE INDEX print_jobs_status ON print_jobs(status);
        """
    )


@migrations(name="m002_sync_delivery")
def m002_sync_delivery(db: Database) -> None:
    """Delivery bookkeeping for the sync engine: rejection code and reason, duplicates, sync facts."""
    db.executescript(
        """
        ALTER TABLE outbox ADD COLUMN reject_code TEXT;
        ALTER TABLE outbox ADD COLUMN reject_reason TEXT;
        ALTER TABLE outbox ADD COLUMN duplicate INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX outbox_pending_due ON outbox(state, next_attempt_at);
        -- Facts about synchronisation that survive restarts (last successful sync, ...).
        CREATE TABLE sync_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


@migrations(name="m003_receipt_snapshot")
def m003_receipt_snapshot(db: Database) -> None:
    """A print job carries what its receipt shows beyond the operation (the member's masked phone and points
    balance after it), recorded in the operation's own transaction, so a reprint shows what was true then."""
    db.executescript(
        """
        ALTER TABLE print_jobs ADD COLUMN context TEXT;
        CREATE INDEX print_jobs_op ON print_jobs(op_id);
        """
    )


@migrations(name="m004_print_confirmation")
def m004_print_confirmation(db: Database) -> None:
    """What the printer confirmed: a failed attempt that may be on paper (the next print is 补打), the reason's
    code, and whether a printed job was confirmed by the printer's status (0: a device file, no answer)."""
    db.executescript(
        """
        ALTER TABLE print_jobs ADD COLUMN maybe_printed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE print_jobs ADD COLUMN error_code TEXT;
        ALTER TABLE print_jobs ADD COLUMN confirmed INTEGER;
        """
    )


@migrations(name="m005_books")
def m005_books(db: Database) -> None:
    """The books (issue 16): the counter's day closes (Z reports) and the corrections the platform issued."""
    db.executescript(
        """
        CREATE TABLE day_closes (
            business_date TEXT PRIMARY KEY,
            op_id TEXT NOT NULL UNIQUE REFERENCES journal(op_id),
            sequence_no INTEGER NOT NULL UNIQUE,
            closed_at TEXT NOT NULL,
            pending_count INTEGER NOT NULL,
            supervisor_id TEXT
        );
        -- Corrections as pulled from the platform; only a correction_answer operation changes the figures.
        CREATE TABLE corrections (
            correction_id TEXT PRIMARY KEY,
            business_date TEXT NOT NULL,
            amount_fen INTEGER NOT NULL,
            reason TEXT NOT NULL,
            op_id TEXT,
            issued_at TEXT NOT NULL,
            pulled_at TEXT NOT NULL
        );
        -- The drawer's cash box moves are read per shift at every cash figure; settlements and answers by kind.
        CREATE INDEX journal_shift_kind ON journal(shift_id, kind);
        CREATE INDEX journal_kind_date ON journal(kind, business_date);
        """
    )


@migrations(name="m006_parcels")
def m006_parcels(db: Database) -> None:
    """Parcel posting (issue 15): the pulled tariff and region list, tracking number blocks, accepted parcels."""
    db.executescript(
        """
        CREATE TABLE parcel_tariff (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            body TEXT NOT NULL,
            pulled_at TEXT NOT NULL
        );
        CREATE TABLE parcel_regions (
            province TEXT NOT NULL,
            city TEXT NOT NULL,
            district TEXT NOT NULL,
            pinyin_initials TEXT NOT NULL,
            PRIMARY KEY (province, city, district)
        );
        -- Serials first_serial .. first_serial + count - 1; next_serial only grows, in the operation's transaction.
        CREATE TABLE parcel_blocks (
            block_id TEXT PRIMARY KEY,
            series TEXT NOT NULL CHECK (series IN ('domestic', 'international')),
            prefix TEXT NOT NULL,
            country TEXT NOT NULL,
            first_serial INTEGER NOT NULL,
            count INTEGER NOT NULL CHECK (count > 0),
            next_serial INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            CHECK (next_serial >= first_serial AND next_serial <= first_serial + count)
        );
        CREATE TABLE parcels (
            op_id TEXT PRIMARY KEY,
            tracking_no TEXT NOT NULL UNIQUE,
            block_id TEXT NOT NULL REFERENCES parcel_blocks(block_id),
            shift_id TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            service TEXT NOT NULL,
            total_fen INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'voided')),
            created_at TEXT NOT NULL,
            void_op_id TEXT
        );
        """
    )


# Later migrations live in modules named for what they hold; importing them registers them, in this order.
import counter_app.store.migrations_code_payments  # noqa: E402,F401  (m007)
import counter_app.store.migrations_member_keys  # noqa: E402,F401  (m008)
import counter_app.store.migrations_parcels  # noqa: E402,F401  (m009, registered in order)
import counter_app.store.migrations_points_reasons  # noqa: E402,F401  (m010)

# The refusal below relies on this: every migration above raises the schema version by one.
SCHEMA_VERSION = len(migrations._migrations)
