"""``counter-app backup FILE`` and ``counter-app restore FILE``: a consistent copy while the app runs, and a
replacement PC put back where the broken one was, without sending anything twice or reusing an order number.

Why nothing is sent twice: every outbox message carries its operation id, the platform's idempotency key; a
message restored as pending that the old PC had already delivered is answered "duplicate" and marked
delivered. Why no order number is reused: orders the old PC numbered after the backup may be on the platform
but not in the backup, so on every business date from the backup's last one to today the daily number
continues past ``RESTORE_ORDER_GAP`` (the ``order_number_floor`` setting). Why no tracking number is reused:
the restored file's number blocks are all retired (the old PC may have posted under any of them after the
backup, offline too), so parcels wait for blocks the platform allocates afresh at the next sync; see
docs/fleet.md.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain.errors import Refused
from counter_app.store.audit import verify_store
from counter_app.store.backup import (
    BACKUP_DIRNAME,
    copy_database,
    file_facts,
    journal_entries,
    raise_order_floor,
    replace_database,
    retire_number_blocks,
    unsent_operations,
)
from counter_app.store.database import DB_FILENAME, claim_counter, default_data_dir, open_database
from counter_app.store.migrations import SCHEMA_VERSION
from counter_app.store.uow import Store

# Daily order numbers a lost PC may have used after its last backup: a counter takes far fewer orders a day.
RESTORE_ORDER_GAP = 5000
MAX_GAP_DAYS = 62


@dataclass(frozen=True)
class Restored:
    """What a restore put back."""

    entries: int
    pending: int
    floor_dates: tuple[str, ...]
    previous_copy: Path | None
    numbers_retired: int = 0


def backup(data_dir: Path | None, dest: Path) -> Path:
    """A consistent copy of the counter's database (SQLite online backup), safe while the app commits."""
    path = open_database(data_dir)
    return copy_database(path, Path(dest))


def restore(data_dir: Path | None, source: Path, *, today: date, force: bool = False) -> Restored:
    """Put the backup ``source`` in place of this counter's database, after checking it: its journal chain
    must verify, it must belong to this counter (when this machine is set up), the app must not be running,
    and operations not yet sent here are not overwritten unless ``force``. The current file is kept in
    ``backups/``."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    source = Path(source)
    if not source.is_file():
        raise Refused("backup_missing", f"找不到备份文件：{source}", f"The backup file does not exist: {source}")
    facts = file_facts(source)
    if facts["version"] > SCHEMA_VERSION:
        raise Refused("backup_too_new", "备份由更新版本的程序创建，请先升级程序。",
                      "The backup was written by a newer release; upgrade the app first.")
    staging = data_dir / "restore-staging"
    shutil.rmtree(staging, ignore_errors=True)
    copy_database(source, staging / DB_FILENAME)
    claim = claim_counter(data_dir)  # refuses while the counter app runs on this data
    try:
        checked = Store(staging)  # migrates an older backup in the staging copy only
        try:
            problems, entries = verify_store(checked)
        finally:
            checked.close()
        if problems:
            raise Refused("backup_not_verified",
                          f"备份文件未通过流水校验（{len(problems)} 处问题），未恢复：{problems[0].reason}",
                          f"The backup fails the journal verification ({len(problems)} problem(s)); nothing "
                          f"was restored: {problems[0].reason}")
        current = Counter(data_dir)
        try:
            previous = _check_target(current, facts, force=force)
        finally:
            current.close()
        staged = Store(staging)
        try:
            floor_dates = raise_order_floor(staged, today=today, gap=RESTORE_ORDER_GAP, max_days=MAX_GAP_DAYS)
            retired = retire_number_blocks(staged)
        finally:
            staged.close()
        replace_database(staging / DB_FILENAME, data_dir / DB_FILENAME)
    finally:
        claim.close()
        shutil.rmtree(staging, ignore_errors=True)
    restored = Counter(data_dir)
    try:
        pending = unsent_operations(restored.store)
    finally:
        restored.close()
    return Restored(entries, pending, floor_dates, previous, retired)


def _check_target(current: Counter, facts: dict[str, object], *, force: bool) -> Path | None:
    """Refuse a backup of another counter, or overwriting operations not yet sent; keep a copy of the file."""
    here = current.settings()
    mine = (here.get("branch_id"), here.get("counter_id"))
    theirs = (facts.get("branch_id"), facts.get("counter_id"))
    if all(mine) and mine != theirs:
        raise Refused("backup_other_counter",
                      f"备份属于另一个柜台（网点 {theirs[0]} 柜台 {theirs[1]}），本机是网点 {mine[0]} 柜台 {mine[1]}，未恢复。",
                      f"The backup belongs to another counter (branch {theirs[0]} counter {theirs[1]}); this "
                      f"machine is branch {mine[0]} counter {mine[1]}. Nothing was restored.")
    unsent = unsent_operations(current.store)
    if unsent and not force:
        raise Refused("restore_would_lose_unsent",
                      f"本机还有 {unsent} 笔业务未上传，恢复会覆盖它们，未恢复。请先同步，或确认后加 --force。",
                      f"This machine still holds {unsent} operation(s) not yet sent; restoring would overwrite "
                      f"them. Sync first, or add --force. Nothing was restored.")
    if not journal_entries(current.store):
        return None
    stamp = current.deps.clock.now().strftime("%Y%m%dT%H%M%S")
    return copy_database(current.store.path,
                         current.data_dir / BACKUP_DIRNAME / f"counter-before-restore-{stamp}.sqlite3")
