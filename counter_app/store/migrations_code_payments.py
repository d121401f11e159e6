"""m007: payment codes (付款码): each payment's steps and refunds, kept durably so a crash resumes at the right
step. Registered by ``counter_app.store.migrations``."""

from __future__ import annotations

from sqlite_utils import Database

from counter_app.store.migrations import migrations


@migrations(name="m007_code_payments")
def m007_code_payments(db: Database) -> None:
    """Payment codes (付款码): the payments table takes the two wallets; each code payment and its steps."""
    db.executescript(
        """
        CREATE TABLE payments_new (
            payment_id INTEGER PRIMARY KEY,
            op_id TEXT NOT NULL,
            shift_id TEXT NOT NULL REFERENCES shifts(shift_id),
            order_no TEXT,
            kind TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('cash', 'bank_card', 'prepaid_card', 'points', 'wechat_pay',
                                                   'alipay')),
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
            change_fen INTEGER NOT NULL DEFAULT 0,
            reference TEXT,
            points INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO payments_new SELECT payment_id, op_id, shift_id, order_no, kind, method, direction, amount_fen,
            change_fen, reference, points FROM payments;
        DROP TABLE payments;
        ALTER TABLE payments_new RENAME TO payments;
        CREATE INDEX payments_shift ON payments(shift_id);
        CREATE INDEX payments_order ON payments(order_no);
        -- One row per code payment, its state as of the last step; the code itself is never kept.
        CREATE TABLE code_payments (
            payment_id TEXT PRIMARY KEY,
            wallet TEXT NOT NULL CHECK (wallet IN ('wechat_pay', 'alipay')),
            code_masked TEXT NOT NULL,
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            state TEXT NOT NULL CHECK (state IN ('asked', 'waiting', 'confirmed', 'declined', 'cancel_asked',
                                                 'cancelled', 'written_off')),
            asked_at TEXT NOT NULL,
            poll_until TEXT NOT NULL,
            shift_id TEXT NOT NULL REFERENCES shifts(shift_id),
            clerk_id TEXT NOT NULL,
            transaction_id TEXT,
            reason TEXT NOT NULL DEFAULT '',
            sale TEXT NOT NULL,
            sale_op_id TEXT,
            refunded_fen INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX code_payments_state ON code_payments(state);
        -- Every step of every code payment, append-only, written in the step's own transaction.
        CREATE TABLE code_payment_steps (
            step_id INTEGER PRIMARY KEY,
            payment_id TEXT NOT NULL REFERENCES code_payments(payment_id),
            state TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            supervisor_id TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX code_payment_steps_payment ON code_payment_steps(payment_id, step_id);
        -- Cash on delivery (货到付款): the amount to collect when the order is handed over (代收金额).
        ALTER TABLE pickup_manifest ADD COLUMN cod_fen INTEGER NOT NULL DEFAULT 0;
        -- Money going back to a code payment: recorded with the refund operation, sent to the acquirer after
        -- (the refund_id is its idempotency key), retried until the acquirer answers.
        CREATE TABLE code_payment_refunds (
            refund_id TEXT PRIMARY KEY,
            payment_id TEXT NOT NULL REFERENCES code_payments(payment_id),
            refund_op_id TEXT NOT NULL,
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'refused')),
            reason TEXT NOT NULL DEFAULT '',
            asked_at TEXT NOT NULL,
            done_at TEXT
        );
        """
    )
