"""``counter-app sync --once`` prints what it did in Chinese and English, and never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from platform_sim.testing import PlatformProcess
from tests.sync.conftest import new_counter

ROOT = Path(__file__).resolve().parents[2]


def _sync_once(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), "sync", "--once"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_sync_once_reports_delivery_and_exits_zero(platform: PlatformProcess, tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")  # its shift_open is still queued
    counter.close()
    done = _sync_once(tmp_path / "c")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "上传 delivered: 1" in done.stdout and "同步完成 / sync complete" in done.stdout


def test_sync_once_unreachable_exits_non_zero_without_traceback(platform: PlatformProcess, tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    counter.update_settings(platform_url="http://127.0.0.1:9")
    counter.close()
    done = _sync_once(tmp_path / "c")
    assert done.returncode == 1
    assert "sync incomplete: platform unreachable" in done.stdout and "无法连接平台" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_sync_once_on_a_counter_never_enrolled_says_so(tmp_path: Path) -> None:
    from counter_app.bootstrap import Counter

    Counter(tmp_path / "c").close()
    done = _sync_once(tmp_path / "c")
    assert done.returncode == 3 and "not enrolled" in done.stdout
