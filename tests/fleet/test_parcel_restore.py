"""A replacement PC restored from an old backup never reuses a tracking number: the old PC posted parcels
after the backup under numbers of the blocks the backup holds, so the restore retires those blocks and the
replacement posts under blocks the platform allocates afresh; nothing is sent twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.domain.errors import Refused
from counter_app.domain.services.parcels import accept_parcel
from counter_app.sync import attach_sync
from tests.conftest import CLERK
from tests.domain.parcels.helpers import posting
from tests.fleet.conftest import cli, enrolled, rows


def test_a_restored_replacement_pc_never_reuses_a_tracking_number_and_sends_nothing_twice(
        platform, tmp_path: Path) -> None:
    old = tmp_path / "old-pc"
    counter = enrolled(platform, old, "C44")
    engine = attach_sync(counter, timeout=(2.0, 5.0))
    assert engine is not None and engine.run_once().ok  # the tariff, the regions and the number blocks
    counter.run(services.open_shift, OpenShift(CLERK[0], 20_000))
    before = [counter.run(accept_parcel, posting(1000)).tracking_no for _ in range(2)]
    backup_file = tmp_path / "usb-stick" / "c44.sqlite3"
    taken = cli("backup", str(backup_file), data_dir=old)
    assert taken.returncode == 0, taken.stdout + taken.stderr
    # After the backup the old PC posts more (one still pending in the backup's outbox), delivers, and dies.
    after = [counter.run(accept_parcel, posting(1500)).tracking_no for _ in range(3)]
    assert engine.run_once().ok
    counter.close()
    used = set(before) | set(after)
    assert len(used) == 5

    new = tmp_path / "replacement-pc"
    restored = cli("restore", str(backup_file), data_dir=new)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "运单号段已停用" in restored.stdout
    # Offline right after the restore, there is no number to post under: a clear refusal, nothing reused.
    replacement = Counter(new)
    try:
        with pytest.raises(Refused) as refused:
            replacement.run(accept_parcel, posting(800))
        assert "运单号已用完" in refused.value.zh
    finally:
        replacement.close()
    synced = cli("sync", "--once", data_dir=new)
    assert synced.returncode == 0, synced.stdout + synced.stderr

    replacement = Counter(new)
    try:
        fresh = [replacement.run(accept_parcel, posting(2000)).tracking_no for _ in range(3)]
    finally:
        replacement.close()
    assert not set(fresh) & used, (fresh, used)
    synced = cli("sync", "--once", data_dir=new)
    assert synced.returncode == 0, synced.stdout + synced.stderr

    on_platform = rows(platform.db_path, "SELECT tracking_no, op_id FROM parcels WHERE counter_id = 'C44'")
    assert sorted(no for no, _ in on_platform) == sorted(used | set(fresh))
    counts = rows(platform.db_path, "SELECT op_id, COUNT(*) FROM ops WHERE op_id IN (SELECT op_id FROM parcels "
                                    "WHERE counter_id = 'C44') GROUP BY op_id")
    assert len(counts) == 8 and all(n == 1 for _, n in counts)
    assert rows(new / "counter.sqlite3", "SELECT COUNT(*) FROM outbox WHERE state = 'pending'") == [(0,)]
