"""`counter-app parcel price` and `counter-app parcel status` as a user runs them, against the reference platform."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.domain.parcels.numbers import is_valid_tracking_no
from counter_app.domain.services.parcels import accept_parcel
from platform_sim.parcels import advance_parcel
from platform_sim.testing import PlatformProcess, seed_small
from tests.conftest import FixedClock
from tests.domain.parcels.helpers import posting
from tests.sync.conftest import new_counter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def platform(tmp_path) -> Iterator[PlatformProcess]:
    db = tmp_path / "platform.db"
    seed_small(db)
    server = PlatformProcess(db).start()
    yield server
    server.stop()


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_price_and_status_from_the_command_line(platform: PlatformProcess, tmp_path: Path) -> None:
    data_dir = tmp_path / "c"
    counter, engine = new_counter(platform, data_dir, clock=FixedClock())
    done = counter.run(accept_parcel, posting(1250))
    assert engine.run_once().ok and is_valid_tracking_no(done.tracking_no)
    counter.close()

    priced = _cli("parcel", "price", "--to", "北京市", "--weight", "1250", "--service", "standard", data_dir=data_dir)
    assert priced.returncode == 0, priced.stderr
    assert "标准快递" in priced.stdout and "计费重 1250 克" in priced.stdout and "合计  ¥10.00" in priced.stdout
    over = _cli("parcel", "price", "--to", "北京市", "--weight", "1250", "--category", "lithium", data_dir=data_dir)
    assert over.returncode == 2 and "禁寄物品" in over.stderr and "Traceback" not in over.stderr

    advance_parcel(platform.db_path, done.tracking_no)
    shown = _cli("parcel", "status", done.tracking_no, data_dir=data_dir)
    assert shown.returncode == 0, shown.stderr
    assert done.tracking_no in shown.stdout and "运输中" in shown.stdout and "揽收" in shown.stdout
    unknown = _cli("parcel", "status", "EE123456785CN", data_dir=data_dir)
    assert unknown.returncode == 2 and "没有找到" in unknown.stderr and "Traceback" not in unknown.stderr
