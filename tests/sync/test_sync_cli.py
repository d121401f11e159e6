"""``counter-app sync --once`` prints what it did in Chinese and English, and never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from platform_sim.testing import PlatformProcess
from tests.sync.conftest import new_counter, platform_ops
from tests.conftest import SUPERVISOR_APPROVAL

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


def test_sync_once_exits_5_and_names_the_exception_when_a_message_is_held(platform: PlatformProcess,
                                                                          tmp_path: Path) -> None:
    import uuid

    from tests.sync.test_rejections import _record_raw

    counter, engine = new_counter(platform, tmp_path / "c")
    order_no = f"T{uuid.uuid4().hex[:12]}"
    # An order the platform refuses (a product it does not sell), and its void, which depends on it.
    order = _record_raw(counter, "counter_order", order_no, {
        "order_no": order_no, "lines": [{"sku": "NO-SUCH-SKU", "name": "无", "qty": 1, "unit_price_fen": 100,
                                         "amount_fen": 100}],
        "subtotal_fen": 100, "discount_fen": 0, "total_fen": 100, "tenders": [], "change_fen": 0, "paid": False,
        "member_id": None, "points_earned": 0, "points_redeemed": 0})
    void = _record_raw(counter, "void", order_no, {"target_op_id": order.recorded.op_id, "order_no": order_no,
                                                   "reason": "不要了", "supervisor_id": "9001"})
    counter.close()
    done = _sync_once(tmp_path / "c")
    assert done.returncode == 5, done.stdout + done.stderr
    assert "held behind an exception" in done.stdout and "等待异常单" in done.stdout
    assert f"作废 void {order_no}" in done.stdout and "unknown_sku" in done.stdout
    assert void.recorded.op_id not in platform_ops(platform.db_path)
    # Nothing changed: the next run says the same (still held, not "complete").
    assert _sync_once(tmp_path / "c").returncode == 5


def test_sync_once_exits_4_while_messages_wait_out_a_retry_delay(platform: PlatformProcess, tmp_path: Path) -> None:
    from counter_app.domain import services
    from counter_app.domain.commands import AccruePoints
    from counter_app.store import sync_state
    from tests.conftest import CLERK

    counter, engine = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        member = uow.conn.execute("SELECT member_id FROM members LIMIT 1").fetchone()[0]
    accrued = counter.run(services.accrue_points, AccruePoints(CLERK[0], member, 5, "补录", SUPERVISOR_APPROVAL))
    sync_state.schedule_retries(counter.store, [(accrued.recorded.op_id, "2999-01-01T00:00:00.000000Z")],
                                error="platform_unavailable: The platform is busy (HTTP 503); will retry")
    counter.close()
    done = _sync_once(tmp_path / "c")
    assert done.returncode == 4, done.stdout + done.stderr
    assert "waiting to retry" in done.stdout and "等待重试" in done.stdout and "HTTP 503" in done.stdout
    assert "sync complete" not in done.stdout
    assert accrued.recorded.op_id not in platform_ops(platform.db_path)
