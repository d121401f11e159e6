"""``counter-app sync --once``: one sync cycle of the counter the composition root built, and what it did,
in Chinese and English (the command's output belongs here, not in the engine)."""

from __future__ import annotations

import logging

from counter_app.app.compose import App
from counter_app.domain.errors import CounterError
from counter_app.sync.connectivity import SyncStatus
from counter_app.sync.engine import SyncReport

log = logging.getLogger(__name__)

PULLED_ZH = {"catalog": "商品", "members": "会员", "pickups": "提货单"}


def report_lines(report: SyncReport, status: SyncStatus) -> list[str]:
    """What one cycle did and where the link stands, one line each."""
    lines = [f"上传 delivered: {report.delivered}（重复 duplicates {report.duplicates}）  拒绝 rejected: "
             f"{report.rejected}  待重试 retrying: {report.retrying}"]
    if report.pulled:
        lines.append("拉取 pulled: " + ", ".join(f"{PULLED_ZH.get(k, k)} {k} {v}" for k, v in report.pulled.items()))
    lines.append(f"平台连接 link: {status.state}  待上传 unsent: {status.outbox_pending}  异常单 open exceptions: "
                 f"{status.open_exceptions}")
    return lines


def sync_once(app: App) -> int:
    """One cycle, printed; 0 when it all went through, 1 when something is left, 2 on failure, 3 when the
    counter is not enrolled."""
    if app.sync is None:
        print("本柜台尚未开通平台连接，请先运行 counter-app init --platform-url ... --enrolment-code ... / "
              "this counter is not enrolled with a platform yet")
        return 3
    try:
        report = app.sync.run_once()
        for line in report_lines(report, app.sync.status()):
            print(line)
    except CounterError as exc:
        print(f"同步失败 / sync failed: {exc.zh} / {exc.en}")
        return 2
    except Exception:  # noqa: BLE001 - no traceback or exception name for the clerk; the log has it
        log.exception("sync --once failed")
        print("同步失败 / sync failed: 内部错误，详见日志 / internal error, see the log")
        return 2
    if not report.ok:
        print(f"同步未完成 / sync incomplete: {'; '.join(report.errors_zh)} / {'; '.join(report.errors)}")
        return 1
    print("同步完成 / sync complete")
    return 0
