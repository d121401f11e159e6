"""Opening the database: migrations upgrade old files in place, newer files are refused untouched,
and a full disk loses nothing and says so."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlite_utils import Database

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder
from counter_app.domain.errors import StoreError
from counter_app.domain.model import Tender
from counter_app.store.database import DB_FILENAME, connect, open_database
from counter_app.store.migrations import SCHEMA_VERSION, migrations


def test_new_database_uses_wal_full_sync_and_foreign_keys(tmp_path) -> None:
    path = open_database(tmp_path)
    conn = connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("applied", range(1, SCHEMA_VERSION + 1))
def test_database_from_an_older_migration_upgrades_in_place(tmp_path, applied: int) -> None:
    names = [m.name for m in migrations._migrations]
    conn = connect(tmp_path / DB_FILENAME)
    db = Database(conn)
    stop = names[applied] if applied < len(names) else None
    migrations.apply(db, stop_before=stop)
    conn.execute(f"PRAGMA user_version = {applied}")
    conn.execute("INSERT INTO settings (key, value) VALUES ('branch_id', '\"B009\"')")
    conn.close()

    counter = Counter(tmp_path)
    assert counter.settings()["branch_id"] == "B009"
    with counter.uow() as uow:
        assert uow.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    counter.close()


def test_database_from_a_newer_release_is_refused_untouched(tmp_path) -> None:
    path = open_database(tmp_path)
    conn = connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError) as err:
        Counter(tmp_path)
    assert err.value.code == "db_too_new"
    assert "升级" in err.value.zh
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_unwritable_data_dir_gives_a_clear_message(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError) as err:
        open_database(blocker / "sub")
    assert err.value.code == "data_dir_unwritable"


def test_full_disk_refuses_the_sale_and_keeps_everything_before(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 10_000))
    conn = counter.store.connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # Cap the file at its current size: the next insert needs a page and gets SQLITE_FULL, like a full disk.
    conn.execute(f"PRAGMA max_page_count = {pages}")
    big_cart = tuple(CartLine(sku, 1) for sku in ("P-WATER", "P-TEA", "P-STAMP-2026", "P-NEWS"))
    with pytest.raises(StoreError) as err:
        for _ in range(200):
            counter.run(services.place_order, PlaceOrder("1001", big_cart, (Tender("cash", 100_000),)))
    assert err.value.code == "disk_full"
    assert "磁盘已满" in err.value.zh
    conn.execute(f"PRAGMA max_page_count = {pages * 100}")
    from counter_app.store.audit import verify_store

    problems, _ = verify_store(counter.store)
    assert problems == []
    with counter.uow() as uow:
        journal_orders = uow.conn.execute("SELECT COUNT(*) FROM journal WHERE kind = 'counter_order'").fetchone()[0]
        orders = uow.conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        messages = uow.conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'counter_order'").fetchone()[0]
    assert journal_orders == orders == messages


def test_corrupt_file_is_refused_with_a_message(tmp_path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as err:
        Counter(tmp_path)
    assert err.value.code in ("db_corrupt", "db_unreadable")
    assert isinstance(err.value.__cause__, sqlite3.DatabaseError)


def test_data_dir_comes_from_the_environment_when_not_given(tmp_path, monkeypatch) -> None:
    from counter_app.store.database import default_data_dir

    monkeypatch.setenv("COUNTER_APP_DATA", str(tmp_path / "from-env"))
    assert default_data_dir() == tmp_path / "from-env"
    counter = Counter()
    assert counter.store.path == tmp_path / "from-env" / DB_FILENAME
    counter.close()
    monkeypatch.delenv("COUNTER_APP_DATA")
    assert "counter_app" in str(default_data_dir())


def test_a_second_app_on_the_same_counter_is_refused(tmp_path) -> None:
    first = Counter(tmp_path)
    first.claim()
    second = Counter(tmp_path)
    with pytest.raises(StoreError) as err:
        second.claim()
    assert err.value.code == "already_running" and "已经在运行" in err.value.zh
    first.close()
    second.claim()  # once the first has gone, the counter is free again
    second.close()


def test_the_database_is_readable_by_its_user_only(tmp_path) -> None:
    counter = Counter(tmp_path / "c")
    assert (counter.store.path.stat().st_mode & 0o777) == 0o600
    assert (counter.data_dir.stat().st_mode & 0o777) == 0o700
    counter.close()
