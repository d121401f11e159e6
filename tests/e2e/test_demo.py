"""`counter-app demo --headless`: the demo sets itself up from nothing and hands the clerk usable data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import Login

ROOT = Path(__file__).resolve().parents[2]


def _demo(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "counter_app", "demo", "--headless", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_demo_seeds_enrols_pulls_and_prints_what_to_try(tmp_path) -> None:
    first = _demo(tmp_path / "demo")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    pulled = re.search(r"商品 products (\d+)，会员 members (\d+)，提货单 pickups (\d+)", first.stdout)
    assert pulled and all(int(n) > 0 for n in pulled.groups())
    codes = re.findall(r"(\d{6}) \((\w+)\)", first.stdout)
    assert len(codes) == 5
    assert re.search(r"会员手机 member phones: 1\d{10}", first.stdout)

    counter = Counter(tmp_path / "demo" / "counter")
    try:
        assert services.login(Login("1001", "1234"), counter.uow(), counter.deps).name
        code, order_no = codes[0]
        found, _ = services.find_pickup(code, counter.uow(), counter.deps)  # offline: from the pulled manifest
        assert found.order_no == order_no
    finally:
        counter.close()
    again = _demo(tmp_path / "demo")  # a second start reuses the data and enrols again on the new port
    assert again.returncode == 0, again.stderr
    assert "正在生成演示数据" not in again.stdout
