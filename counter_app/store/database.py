"""Opening the counter's database file: location, pragmas, migrations, and refusing newer files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import IO

import platformdirs
from sqlite_utils import Database

from counter_app.domain.errors import StoreError
from counter_app.store.migrations import SCHEMA_VERSION, migrations

DB_FILENAME = "counter.sqlite3"
APP_NAME = "counter_app"


def default_data_dir() -> Path:
    """The data directory: ``COUNTER_APP_DATA`` if set, else the user data directory."""
    env = os.environ.get("COUNTER_APP_DATA")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with the durability pragmas."""
    # isolation_level=None: the driver opens no implicit transaction; the unit of work says BEGIN IMMEDIATE.
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit survives a power cut, not just a process crash.
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def open_database(data_dir: Path | None = None, *, migrate: bool = True) -> Path:
    """Create or upgrade the database in ``data_dir`` and return its path.

    A file written by a newer release is refused untouched, before any migration runs.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            "data_dir_unwritable",
            f"无法创建数据目录：{data_dir}（{exc.strerror}）",
            f"Cannot create the data directory {data_dir}: {exc.strerror}",
        ) from exc
    path = data_dir / DB_FILENAME
    _keep_private(data_dir, path)
    try:
        conn = connect(path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            "db_unreadable", f"本地数据库无法打开：{exc}", f"The local database cannot be opened: {exc}"
        ) from exc
    try:
        version = check_version(conn)
        if migrate:
            upgrade(conn, path, version)
    finally:
        conn.close()
    return path


def upgrade(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Migrate an older file after copying it to ``backups/``; all pending migrations run in ONE transaction,
    so one that fails (or a crash) leaves the file exactly as it was, and the clerk is told what to do."""
    if version >= SCHEMA_VERSION:
        return
    backup = None
    if version > 0:  # a file with data: keep a copy before touching it (docs/fleet.md)
        from counter_app.store.backup import backup_before_upgrade

        backup = backup_before_upgrade(conn, path, version, SCHEMA_VERSION)
    try:
        migrate_connection(conn)
    except Exception as exc:
        if version == 0:
            raise
        raise StoreError(
            "migration_failed",
            f"数据库升级失败（版本 {version} → {SCHEMA_VERSION}），原数据库文件未改动，数据完好。请安装原来的版本继续营业，"
            f"并联系技术支持（升级前的备份：{backup}；原因：{exc}）。",
            f"Upgrading the database failed (schema {version} -> {SCHEMA_VERSION}); the database file was not changed "
            f"and no data is lost. Reinstall the previous release to keep working and call support (backup taken "
            f"before the upgrade: {backup}; cause: {exc}).",
            version=version, backup=str(backup),
        ) from exc


def check_version(conn: sqlite3.Connection) -> int:
    """Return the file's schema version; refuse one written by a newer release."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            "db_corrupt", f"本地数据库已损坏：{exc}", f"The local database is damaged: {exc}"
        ) from exc
    if version > SCHEMA_VERSION:
        raise StoreError(
            "db_too_new",
            f"本地数据库由更新版本的程序创建（版本 {version}，本程序支持 {SCHEMA_VERSION}），请升级程序；文件未作任何改动。",
            f"The local database was written by a newer release (schema {version}, this release knows "
            f"{SCHEMA_VERSION}); upgrade the app. The file was not changed.",
            version=version,
        )
    return int(version)


def migrate_connection(conn: sqlite3.Connection) -> None:
    """Apply pending migrations; each is atomic with its record, and user_version follows."""
    db = Database(conn)
    with db.atomic():  # every pending migration and the version together, or none of them
        migrations.apply(db)
        applied = len(migrations.applied(db))
        conn.execute(f"PRAGMA user_version = {int(applied)}")


def _keep_private(data_dir: Path, path: Path) -> None:
    """Only this user may read the folder and the file: they hold the platform token and the day's takings."""
    try:
        data_dir.chmod(0o700)
        if not path.exists():
            path.touch(mode=0o600)
        path.chmod(0o600)
    except OSError:
        pass  # a folder we may not chmod (shared mount): the database still works


def claim_counter(data_dir: Path) -> IO[str]:
    """Hold the data folder for this process, so that a second window on the same counter is refused.

    Returns the open lock file; the claim lasts until it is closed or the process ends.
    """
    lock_path = Path(data_dir) / "counter.lock"
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the process's life
    try:
        import fcntl
    except ImportError:  # not POSIX: no second-instance guard
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise StoreError(
            "already_running",
            "本柜台程序已经在运行，请切换到已打开的窗口。",
            "The counter app is already running on this machine; switch to its window.",
        ) from exc
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
