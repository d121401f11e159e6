"""Upgrades keep data: a database made by the first release (migration m001 only) holding a day of
operations is backed up, then migrated by the current code, with every operation and the journal chain
intact; a migration that fails midway leaves the original file unchanged and says what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import CartLine, CloseShift, OpenShift, PlaceOrder
from counter_app.domain.errors import StoreError
from counter_app.domain.model import Tender
from counter_app.store.audit import verify_store
from counter_app.store.database import DB_FILENAME, connect
from counter_app.store.migrations import SCHEMA_VERSION, migrations
from tests.conftest import CLERK, FixedClock, seed_counter
from tests.fleet.conftest import rows


def _a_day_of_operations(data_dir: Path) -> None:
    counter = Counter(data_dir, clock=FixedClock())
    seed_counter(counter)
    counter.run(services.open_shift, OpenShift(CLERK[0], 20_000))
    for n in range(6):
        cart = (CartLine("P-WATER", 1 + n), CartLine("P-STAMP-2026", 1))
        counter.run(services.place_order, PlaceOrder(CLERK[0], cart, (Tender("cash", 100_000),)))
    counter.close()


def _first_release_file(tmp_path: Path) -> Path:
    """A day of operations in a file with the first release's schema (m001 only, user_version 1): the day is
    recorded by the current code, then every row is copied into the m001 tables (the columns they had)."""
    _a_day_of_operations(tmp_path / "today")
    old_dir = tmp_path / "old"
    old_dir.mkdir()
    conn = connect(old_dir / DB_FILENAME)
    migrations.apply(Database(conn), stop_before=migrations._migrations[1].name)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("ATTACH DATABASE ? AS today", (str(tmp_path / "today" / DB_FILENAME),))
    tables = [r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'")]
    conn.execute("PRAGMA foreign_keys = OFF")
    for table in tables:
        cols = ", ".join(f'"{r[1]}"' for r in conn.execute(f'PRAGMA main.table_info("{table}")'))
        conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM today."{table}"')
    conn.execute("DETACH DATABASE today")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return old_dir


OPS = "SELECT seq, op_id, kind, amount_fen, hash FROM journal ORDER BY seq"


def test_a_first_release_database_is_backed_up_then_migrated_with_every_operation(tmp_path: Path) -> None:
    old_dir = _first_release_file(tmp_path)
    before = rows(old_dir / DB_FILENAME, OPS)
    assert len(before) >= 7 and sum(1 for r in before if r[2] == "counter_order") == 6
    outbox_before = rows(old_dir / DB_FILENAME, "SELECT op_id, state FROM outbox ORDER BY op_id")

    counter = Counter(old_dir)
    try:
        assert counter.store.connection().execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        problems, entries = verify_store(counter.store)
        assert problems == [] and entries == len(before)
    finally:
        counter.close()
    assert rows(old_dir / DB_FILENAME, OPS) == before
    assert rows(old_dir / DB_FILENAME, "SELECT op_id, state FROM outbox ORDER BY op_id") == outbox_before

    backups = list((old_dir / "backups").glob(f"counter-v1-before-v{SCHEMA_VERSION}-*.sqlite3"))
    assert len(backups) == 1
    assert rows(backups[0], "PRAGMA user_version") == [(1,)]
    assert rows(backups[0], OPS) == before


def test_a_migration_failing_midway_leaves_the_original_file_unchanged(tmp_path: Path) -> None:
    old_dir = _first_release_file(tmp_path)
    path = old_dir / DB_FILENAME
    dump_before = list(sqlite3.connect(path).iterdump())

    @migrations(name="m999_fails_midway")
    def _fails(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x INTEGER)")
        raise sqlite3.OperationalError("simulated failure in the middle of a migration")

    try:
        with pytest.raises(StoreError) as err:
            Counter(old_dir)
    finally:
        migrations._migrations.remove(next(m for m in migrations._migrations if m.name == "m999_fails_midway"))
    assert err.value.code == "migration_failed"
    assert "未改动" in err.value.zh and "not changed" in err.value.en and "backups" in err.value.zh
    assert list(sqlite3.connect(path).iterdump()) == dump_before  # m002..m004 rolled back with it
    assert rows(path, "PRAGMA user_version") == [(1,)]

    # The current release (without the broken migration) still upgrades it.
    counter = Counter(old_dir)
    assert verify_store(counter.store)[0] == []
    counter.close()
