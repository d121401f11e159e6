"""Backup and replacement: a backup taken while another process keeps committing sales restores on a new PC
to a database that passes `audit verify`, resumes sync with no duplicate on the platform, and never reuses an
order number; a damaged backup or one of another counter is refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import CartLine, OpenShift, PlaceOrder
from counter_app.domain.model import Tender
from counter_app.sync import attach_sync
from tests.conftest import CLERK
from tests.fleet.conftest import ROOT, cli, enrolled, rows

WRITER = """
import sys, time
from pathlib import Path
from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import CartLine, PlaceOrder
from counter_app.domain.model import Tender
counter = Counter(Path(sys.argv[1]))
sku, price = sys.argv[2], int(sys.argv[3])
stop = Path(sys.argv[4])
n = 0
while not stop.exists() or n < 20:
    counter.run(services.place_order, PlaceOrder("1001", (CartLine(sku, 1),), (Tender("cash", price),)))
    n += 1
    time.sleep(0.005)
counter.close()
print(n)
"""


def test_a_backup_taken_while_sales_commit_restores_and_resumes_with_no_duplicate(platform, tmp_path: Path) -> None:
    old = tmp_path / "old-pc"
    counter = enrolled(platform, old, "C41")
    engine = attach_sync(counter, timeout=(2.0, 5.0))
    assert engine.run_once().ok
    counter.run(services.open_shift, OpenShift(CLERK[0], 20_000))
    with counter.uow() as uow:
        sku, price = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 LIMIT 1").fetchone()
    for _ in range(5):
        counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), (Tender("cash", price),)))
    assert engine.run_once().ok  # some delivered before the backup, the writer's are pending in it

    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(old), sku, str(price), str(stop)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(0.5)
        backup_file = tmp_path / "usb-stick" / "c41.sqlite3"
        taken = cli("backup", str(backup_file), data_dir=old)
        assert taken.returncode == 0, taken.stdout + taken.stderr
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    # The old PC delivers everything, including sales made after the backup, then dies.
    assert engine.run_once().ok
    counter.close()
    old_ops = rows(old / "counter.sqlite3", "SELECT op_id FROM journal")
    old_orders = {r[0] for r in rows(old / "counter.sqlite3", "SELECT order_no FROM orders")}
    in_backup = rows(backup_file, "SELECT op_id FROM journal")
    assert 0 < len(in_backup) < len(old_ops)  # a snapshot in the middle of the writing
    assert rows(backup_file, "SELECT COUNT(*) FROM outbox WHERE state = 'pending'")[0][0] > 0

    new = tmp_path / "replacement-pc"
    restored = cli("restore", str(backup_file), data_dir=new)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "流水校验通过" in restored.stdout
    verified = cli("audit", "verify", data_dir=new)
    assert verified.returncode == 0, verified.stdout
    synced = cli("sync", "--once", data_dir=new)
    assert synced.returncode == 0, synced.stdout + synced.stderr

    device_ops = rows(platform.db_path, "SELECT op_id, COUNT(*) FROM ops GROUP BY op_id")
    mine = {op for (op,) in old_ops}
    assert {op for op, _ in device_ops} >= mine
    assert all(n == 1 for op, n in device_ops if op in mine)
    assert rows(new / "counter.sqlite3", "SELECT COUNT(*) FROM outbox WHERE state = 'pending'") == [(0,)]

    # A sale on the replacement PC (its shift restored open) gets an order number the old PC never used.
    replacement = Counter(new)
    try:
        sold = replacement.run(services.place_order,
                               PlaceOrder(CLERK[0], (CartLine(sku, 1),), (Tender("cash", price),)))
    finally:
        replacement.close()
    assert sold.order_no not in old_orders
    assert int(sold.order_no[-6:-2]) > len(old_orders)


def test_restore_refuses_a_tampered_backup_and_another_counters_backup(platform, tmp_path: Path) -> None:
    counter = enrolled(platform, tmp_path / "a", "C42")
    counter.run(services.open_shift, OpenShift(CLERK[0], 20_000))
    counter.close()
    backup_file = tmp_path / "a.sqlite3"
    assert cli("backup", str(backup_file), data_dir=tmp_path / "a").returncode == 0

    other = enrolled(platform, tmp_path / "b", "C43")
    other.close()
    refused = cli("restore", str(backup_file), data_dir=tmp_path / "b")
    assert refused.returncode == 2 and "另一个柜台" in refused.stderr and "another counter" in refused.stderr

    conn = sqlite3.connect(backup_file)
    conn.execute("UPDATE journal SET amount_fen = amount_fen + 100 WHERE seq = 1")
    conn.commit()
    conn.close()
    refused = cli("restore", str(backup_file), data_dir=tmp_path / "fresh")
    assert refused.returncode == 2 and "流水校验" in refused.stderr and "Traceback" not in refused.stderr
