"""The hash-chained journal: `audit verify` passes on honest data and names the entry that was touched."""

from __future__ import annotations

import subprocess
import sys

import pytest

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints, CartLine, OpenShift, PlaceOrder
from counter_app.domain.model import Tender
from counter_app.store.audit import verify_store
from tests.conftest import SUPERVISOR_APPROVAL


@pytest.fixture
def busy_counter(counter):
    counter.run(services.open_shift, OpenShift("1001", 10_000))
    for i in range(5):
        counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", i + 1),), (Tender("cash", 5_000),)))
        counter.run(services.accrue_points, AccruePoints("1001", "M0001", 10, "补录", SUPERVISOR_APPROVAL))
    return counter


def _raw(counter):
    """A plain connection, as someone editing the file with a SQLite tool would have."""
    return counter.store.connection()


def test_untouched_journal_verifies(busy_counter) -> None:
    problems, entries = verify_store(busy_counter.store)
    assert problems == [] and entries == 11


def test_edited_amount_is_detected_and_named(busy_counter) -> None:
    conn = _raw(busy_counter)
    op_id = conn.execute("SELECT op_id FROM journal WHERE seq = 4").fetchone()[0]
    conn.execute("UPDATE journal SET amount_fen = 1 WHERE seq = 4")
    problems, _ = verify_store(busy_counter.store)
    assert any(p.seq == 4 and p.op_id == op_id and "edited" in p.reason for p in problems)


def test_edited_payload_is_detected(busy_counter) -> None:
    conn = _raw(busy_counter)
    conn.execute("UPDATE journal SET payload = replace(payload, '\"change_fen\":4750', '\"change_fen\":0') "
                 "WHERE seq = 2")
    problems, _ = verify_store(busy_counter.store)
    assert [p.seq for p in problems if "edited" in p.reason] == [2]


def test_deleted_middle_entry_is_detected(busy_counter) -> None:
    conn = _raw(busy_counter)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM outbox WHERE seq = 5")
    conn.execute("DELETE FROM journal WHERE seq = 5")
    problems, _ = verify_store(busy_counter.store)
    assert any("missing entries #5" in p.reason for p in problems)


def test_deleted_newest_entry_is_detected(busy_counter) -> None:
    conn = _raw(busy_counter)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM outbox WHERE seq = 11")
    conn.execute("DELETE FROM journal WHERE seq = 11")
    problems, _ = verify_store(busy_counter.store)
    assert any("newest entries" in p.reason for p in problems)


def test_order_total_edited_in_place_is_detected(busy_counter) -> None:
    conn = _raw(busy_counter)
    order_no = conn.execute("SELECT order_no FROM orders LIMIT 1").fetchone()[0]
    conn.execute("UPDATE orders SET total_fen = 1 WHERE order_no = ?", (order_no,))
    problems, _ = verify_store(busy_counter.store)
    assert any(order_no in p.reason for p in problems)


def test_outbox_message_edited_is_detected(busy_counter) -> None:
    conn = _raw(busy_counter)
    conn.execute("UPDATE outbox SET body = replace(body, '\"points\":10', '\"points\":9999') WHERE seq = 3")
    problems, _ = verify_store(busy_counter.store)
    assert any(p.seq == 3 and "outbox" in p.reason for p in problems)


def test_audit_verify_command_fails_on_tampering(busy_counter) -> None:
    data_dir = str(busy_counter.data_dir)
    ok = subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", data_dir, "audit", "verify"],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "11 entries" in ok.stdout
    _raw(busy_counter).execute("UPDATE journal SET clerk_id = '9999' WHERE seq = 7")
    bad = subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", data_dir, "audit", "verify"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert "entry #7" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
