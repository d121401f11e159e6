"""Exports of the books: CSV in UTF-8 with a BOM, receipt-width printouts, and `counter-app report x|z|reconcile`
working headless."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from counter_app.app.books_export import printout, report_receipt, report_rows, write_csv
from counter_app.domain import services
from counter_app.domain.cashbox import CollectCash
from counter_app.domain.commands import CartLine, CloseShift, OpenShift, PlaceOrder
from counter_app.domain.model import Tender
from counter_app.domain.services.cashbox import collect_cash
from counter_app.domain.services.dayclose import books_report
from tests.books.test_cashbox import _count_of

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-11-25"


def _a_morning(counter) -> None:
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    counter.run(collect_cash, CollectCash("1001", 10_000, "领零钞"))
    counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 1000),)))


def test_the_x_report_csv_has_a_bom_and_its_figures_in_yuan(counter, tmp_path) -> None:
    _a_morning(counter)
    path = write_csv(report_rows(books_report(DAY, counter.uow())), tmp_path / "x.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["报表", "中途轧帐(X)", DAY]
    assert ["按业务", "销售/下单", "1", "5.00"] in rows
    assert ["按支付方式", "现金", "", "5.00"] in rows
    assert ["尾箱调拨", "尾箱领用", "1", "100.00"] in rows
    assert ["尾箱", "应有现金", "", "605.00"] in rows  # 500.00 + 100.00 collected + 5.00 taken


def test_the_printout_fits_58_and_80_mm_paper(counter) -> None:
    _a_morning(counter)
    receipt = report_receipt(books_report(DAY, counter.uow()), counter.settings(), clerk_id="1001", at=f"{DAY}T12:00:00")
    for columns in (32, 48):
        lines = printout(receipt, columns)
        assert all(line.width <= columns for line in lines)
        text = "\n".join(line.text for line in lines)
        assert "中途轧帐(X)" in text and "应有现金" in text and "￥605.00" in text


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_report_x_and_z_run_headless_and_a_second_z_is_refused(counter, tmp_path) -> None:
    _a_morning(counter)
    counter.run(services.close_shift, CloseShift("1001", _count_of(60_500)))
    data_dir = counter.data_dir
    counter.close()
    x = _cli("report", "x", "--date", DAY, "--csv", str(tmp_path / "x.csv"), data_dir=data_dir)
    assert x.returncode == 0, x.stderr
    assert "中途轧帐(X)" in x.stdout and (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    # No platform here: the day's operations are all queued, so the Z needs a supervisor.
    refused = _cli("report", "z", "--date", DAY, "--clerk", "1001", data_dir=data_dir)
    assert refused.returncode == 2 and "主管" in refused.stderr and "Traceback" not in refused.stderr
    env_pin = {"COUNTER_APP_SUPERVISOR_PIN": "8888"}
    z = subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), "report", "z", "--date", DAY,
                        "--clerk", "1001", "--supervisor", "9001", "--width", "48"], capture_output=True, text=True,
                       timeout=120, cwd=ROOT, env={**__import__("os").environ, **env_pin})
    assert z.returncode == 0, z.stderr
    assert "日终轧帐(Z)" in z.stdout and "第1号" in z.stdout
    again = _cli("report", "z", "--date", DAY, "--clerk", "1001", data_dir=data_dir)
    assert again.returncode == 0 and "日终轧帐(Z)" in again.stdout and "第1号" in again.stdout  # shows the Z taken, takes no second one
    reconcile = _cli("report", "reconcile", "--date", DAY, data_dir=data_dir)
    assert reconcile.returncode == 2 and "未开通" in reconcile.stderr
