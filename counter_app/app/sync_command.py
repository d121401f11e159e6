"""``counter-app sync --once``: one sync cycle of the counter the composition root built, what it did, what
is left and why, and an exit code that tells the truth (0 only when nothing is left to send and the pulls
succeeded). The command's output belongs here, not in the engine; no Qt here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.app.compose import App
    from counter_app.sync.engine import SyncEngine, SyncReport

log = logging.getLogger("counter_app.sync")

DONE = 0  # everything delivered, nothing left to send, the pulls succeeded
OFFLINE = 1  # the platform could not be reached or did not answer within the deadline
FAILED = 2  # the counter itself failed (its database, an internal error)
NOT_ENROLLED = 3  # this counter has no platform connection yet
RETRY = 4  # messages wait out a retry delay (platform busy or failing, an earlier failure), or more to do
HELD = 5  # messages wait behind an exception (异常单) a supervisor must act on
REJECTED = 6  # the platform rejected messages in this run: they are now on the exceptions list

EXIT_CODES_HELP = """exit codes (when several apply, the first in this list):
  3  this counter is not enrolled with a platform
  2  the counter itself failed (database, internal error)
  1  offline: the platform could not be reached or did not answer in time
  4  messages wait out a retry delay (platform busy or failing) or the cycle ran out of time
  5  messages are held behind an exception (异常单) a supervisor must act on
  6  the platform rejected messages in this run (now on the exceptions list)
  0  everything delivered, nothing left to send, pulls succeeded
bounds: one cycle takes at most 30 s (its deadline); every platform call at most 10 s (connect and the
whole reply), so with a platform that never answers the command returns after about 10 s."""

SHOWN = 10  # messages listed by name in the summary


@dataclass(frozen=True)
class Left:
    """What a cycle left behind: held, waiting to retry, still unsent."""

    pending: int
    held: list[str]
    waiting: list[str]


def _what_is_left(engine: SyncEngine) -> Left:
    from counter_app.domain.operations import KIND_NAMES_ZH
    from counter_app.store import sync_state
    from counter_app.sync.engine import utc_key

    def name(kind: str) -> str:
        return f"{KIND_NAMES_ZH.get(kind, kind)} {kind}"

    held = [f"#{m.seq} {name(m.kind)} {m.aggregate_id}: 等待异常单 / held behind exception #{h.seq} "
            f"{name(h.kind)} ({h.reject_code})" for m, h in engine.held()]
    now = utc_key(engine.counter.deps.clock.now())
    waiting = [f"#{m.seq} {name(m.kind)} {m.aggregate_id}: 等待重试 / waiting to retry after "
               f"{(m.next_attempt_at or '')[:19]}Z ({m.last_error or ''})"
               for m in sync_state.waiting_messages(engine.store, now=now)]
    return Left(engine.status().outbox_pending, held, waiting)


def exit_code(report: SyncReport, state: str, left: Left) -> int:
    """The ``sync --once`` exit code of a cycle (see ``EXIT_CODES_HELP``)."""
    if not report.ok and state == "offline":
        return OFFLINE
    if left.waiting or report.retrying or report.out_of_time or (not report.ok and not left.held):
        return RETRY
    if left.held:
        return HELD
    if report.rejected:
        return REJECTED
    if left.pending or not report.pulled_all:
        return RETRY
    return DONE


def _print_report(report: SyncReport, engine: SyncEngine, left: Left) -> None:
    status = engine.status()
    print(f"上传 delivered: {report.delivered}（重复 duplicates {report.duplicates}）  拒绝 rejected: "
          f"{report.rejected}  待重试 retrying: {report.retrying}")
    if report.pulled:
        print("拉取 pulled: " + ", ".join(
            f"{ {'catalog': '商品', 'members': '会员', 'pickups': '提货单'}.get(k, k)} {k} {v}"
            for k, v in report.pulled.items()))
    print(f"平台连接 link: {status.state}  待上传 unsent: {status.outbox_pending}  异常单 open exceptions: "
          f"{status.open_exceptions}  等待异常单 held: {len(left.held)}")
    for line in (left.held + left.waiting)[:SHOWN]:
        print(f"  {line}")
    more = len(left.held) + len(left.waiting) - SHOWN
    if more > 0:
        print(f"  … 另 {more} 笔 / {more} more")


_VERDICT = {
    OFFLINE: "同步未完成：平台无法连接 / sync incomplete: platform unreachable",
    RETRY: "同步未完成：部分业务等待重试 / sync incomplete: messages wait to be retried",
    HELD: "同步未完成：部分业务等待异常单处理 / sync incomplete: messages held behind an exception",
    REJECTED: "同步完成，但有业务被平台拒绝（见异常单）/ sync done, but the platform rejected messages (see exceptions)",
}


NOT_ENROLLED_TEXT = ("本柜台尚未开通平台连接，请先运行 counter-app init --platform-url ... --enrolment-code ... / "
                     "this counter is not enrolled with a platform yet")


def sync_once(app: App) -> int:
    """``counter-app sync --once`` on the composed app: one cycle, printed in Chinese and English; the exit
    code says how it went (``EXIT_CODES_HELP``)."""
    if app.sync is None:
        print(NOT_ENROLLED_TEXT)
        return NOT_ENROLLED
    return report_cycle(app.sync)


def report_cycle(engine: SyncEngine) -> int:
    """Run one cycle, print what it did and what is left, and return the exit code."""
    from counter_app.domain.errors import CounterError

    try:
        report = engine.run_once()
        left = _what_is_left(engine)
        _print_report(report, engine, left)
        code = exit_code(report, engine.status().state, left)
    except CounterError as exc:
        print(f"同步失败 / sync failed: {exc.zh} / {exc.en}")
        return FAILED
    except Exception:  # noqa: BLE001 - no traceback or exception name for the clerk; the log has it
        log.exception("sync --once failed")
        print("同步失败 / sync failed: 内部错误，详见日志 / internal error, see the log")
        return FAILED
    if report.errors:
        print(f"问题 / problems: {'; '.join(report.errors_zh)} / {'; '.join(report.errors)}")
    print(_VERDICT.get(code, "同步完成 / sync complete"))
    return code
