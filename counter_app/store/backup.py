"""Copies of the counter's database file: SQLite's online backup (a consistent copy while the app keeps
committing), the copy taken before an upgrade migrates, and putting a verified copy back (restore)."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.domain.errors import StoreError

if TYPE_CHECKING:
    from counter_app.store.uow import Store

BACKUP_DIRNAME = "backups"


def copy_database(source: sqlite3.Connection | Path, dest: Path) -> Path:
    """Write a consistent copy of ``source`` (an open connection or a file) to ``dest`` with the online
    backup API: the copy is one snapshot even while other processes commit, written beside ``dest`` first
    and renamed into place, so a half-written copy never carries the final name."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    src = source if isinstance(source, sqlite3.Connection) else sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(str(partial))
        try:
            src.backup(out)  # pages=-1: the whole file in one step, one read snapshot
            out.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        finally:
            out.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise StoreError("backup_failed", f"备份失败：{exc}", f"The backup failed: {exc}") from exc
    finally:
        if src is not source:
            src.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, dest)
    return dest


def backup_before_upgrade(conn: sqlite3.Connection, path: Path, version: int, target: int) -> Path:
    """The copy an upgrade takes before it migrates: ``backups/counter-v1-before-v4-<UTC time>.sqlite3``."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    dest = path.parent / BACKUP_DIRNAME / f"{path.stem}-v{version}-before-v{target}-{stamp}.sqlite3"
    return copy_database(conn, dest)


def file_facts(path: Path) -> dict[str, Any]:
    """What a database file says about itself (read-only): schema version, branch, counter, device."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            rows = dict(conn.execute("SELECT key, value FROM settings WHERE key IN "
                                     "('branch_id', 'counter_id', 'device_id')").fetchall())
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError("backup_unreadable", f"备份文件无法读取：{exc}", f"The backup file cannot be read: {exc}") from exc
    facts: dict[str, Any] = {key: json.loads(value) for key, value in rows.items()}
    facts["version"] = int(version)
    return facts


def replace_database(source: Path, dest: Path) -> None:
    """Overwrite the database ``dest`` with the content of ``source`` through the backup API (the WAL and
    shared-memory files of ``dest`` stay consistent); the app must not be running on ``dest``."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(str(dest))
        try:
            src.backup(out)
            out.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            out.close()
    except sqlite3.Error as exc:
        raise StoreError("restore_failed", f"恢复失败，原数据未改动：{exc}",
                         f"The restore failed; the data was not changed: {exc}") from exc
    finally:
        src.close()


def journal_entries(store: Store) -> int:
    """How many operations the database holds."""
    return int(store.connection().execute("SELECT COUNT(*) FROM journal").fetchone()[0])


def unsent_operations(store: Store) -> int:
    """Operations not yet accepted or rejected by the platform."""
    return int(store.connection().execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0])


def raise_order_floor(store: Store, *, today: date, gap: int, max_days: int) -> tuple[str, ...]:
    """On every business date from the file's last one to ``today`` (at most ``max_days`` back), make the
    daily order number continue ``gap`` past the orders recorded (``order_number_floor``); returns the dates."""
    with store.uow() as uow:
        assert uow.conn is not None
        last = uow.conn.execute("SELECT MAX(business_date) FROM journal").fetchone()[0]
        start = max(date.fromisoformat(last) if last else today, today - timedelta(days=max_days))
        floor = dict(uow.settings.get("order_number_floor") or {})
        day, dates = start, []
        while day <= today:
            key = day.isoformat()
            floor[key] = uow.orders.count_on(key) + gap
            dates.append(key)
            day += timedelta(days=1)
        uow.settings.set("order_number_floor", floor)
        uow.commit()
    return tuple(dates)


def retire_number_blocks(store: Store) -> int:
    """Mark every tracking number block of a restored file used up, and forget block requests not yet
    answered: the lost PC may have used any number of them after the backup was taken (offline parcels the
    platform has not seen yet too), so the replacement only posts under blocks the platform allocates to it
    afresh. Returns the numbers retired unused."""
    with store.uow() as uow:
        assert uow.conn is not None
        retired = int(uow.conn.execute(
            "SELECT COALESCE(SUM(first_serial + count - next_serial), 0) FROM parcel_blocks").fetchone()[0])
        uow.conn.execute("UPDATE parcel_blocks SET next_serial = first_serial + count")
        # The same request id would be answered with the same block, which the lost PC may have received.
        uow.conn.execute("DELETE FROM sync_meta WHERE key LIKE 'parcel_block_request:%'")
        uow.commit()
    return retired


def integrity_problems(path: Path) -> list[str]:
    """SQLite's own check of the file (``PRAGMA quick_check``), read-only; empty when the file is sound."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows
