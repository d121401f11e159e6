"""同步 Sync: connection state, the unsent queue, the exceptions list (异常单) with the supervisor's actions,
and the print jobs that failed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.app.changes import Change
from counter_app.domain import services
from counter_app.domain.commands import ResolveException
from counter_app.domain.money import format_fen
from counter_app.ui.clerk_texts import error_text, last_error_text, local_time, reason_text
from counter_app.ui.context import UiContext
from counter_app.ui.elide import ElidedLabel
from counter_app.ui.ops import QueryOp
from counter_app.ui.widgets import (
    fill_table,
    kind_name,
    make_table,
    selected_key,
)
from counter_app.ui.workspaces.base import CounterWorkspace
from counter_app.ui.workspaces.sync_codepay import SyncCodePay

if TYPE_CHECKING:
    from counter_app.sync.connectivity import SyncStatus

POLL_MS = 5000  # a fallback: the engine's own status changes refresh the screen at once


class SyncWorkspace(SyncCodePay, CounterWorkspace):
    # The engine reports from its own thread; this signal queues each report to the GUI thread.
    engine_status = Signal(object)

    key = "sync"
    title_zh = "同步"
    title_en = "Sync"
    shortcut = "F6"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = ElidedLabel()
        self.state.setObjectName("state")
        self.queue_length = ElidedLabel()
        self.queue_length.setObjectName("queue_length")
        self.oldest = ElidedLabel()
        self.oldest.setObjectName("oldest")
        self.last_sync = ElidedLabel()
        self.last_sync.setObjectName("last_sync")
        self.queue = make_table([self.tr("序号"), self.tr("业务"), self.tr("单号"), self.tr("时间"), self.tr("尝试"),
                                 self.tr("上次错误")], numeric=(0, 4))
        self.queue.setObjectName("queue")
        self.exceptions = make_table([self.tr("业务"), self.tr("单号"), self.tr("金额"), self.tr("问题"),
                                      self.tr("原因")], numeric=(2,))
        self.exceptions.setObjectName("exceptions")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("处理说明"))
        self.print_jobs = make_table([self.tr("任务"), self.tr("业务流水"), self.tr("错误")])
        self.print_jobs.setObjectName("print_jobs")

        sync_now = self.action(self.tr("立即同步"), ["Alt+S"], self.sync_now, name="sync_now")
        acknowledge = self.action(self.tr("已知悉"), ["Ctrl+K"], lambda: self.resolve("acknowledged"),
                                  name="acknowledge")
        refund_done = self.action(self.tr("已退款给客户"), ["Ctrl+T"], lambda: self.resolve("refund_done"),
                                  name="refund_done")
        resolved = self.action(self.tr("已解决"), ["Ctrl+E"], lambda: self.resolve("resolved"), name="resolved")
        retry = self.action(self.tr("重试打印"), ["Alt+P"], self.retry_print, name="retry_print")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        status = QGridLayout()
        status.addWidget(QLabel(self.tr("状态")), 0, 0)
        status.addWidget(self.state, 0, 1)
        status.addWidget(QLabel(self.tr("待上传")), 0, 2)
        status.addWidget(self.queue_length, 0, 3)
        status.addWidget(QLabel(self.tr("最早未上传")), 1, 0)
        status.addWidget(self.oldest, 1, 1)
        status.addWidget(QLabel(self.tr("上次同步成功")), 1, 2)
        status.addWidget(self.last_sync, 1, 3)
        status.setColumnStretch(1, 1)
        status.setColumnStretch(3, 1)
        top.addLayout(status, 1)
        sync_now.setProperty("primary", True)
        top.addWidget(sync_now)
        layout.addLayout(top)
        queue_box = QGroupBox(self.tr("上传队列"))
        QVBoxLayout(queue_box).addWidget(self.queue)
        layout.addWidget(queue_box, 3)
        exc_box = QGroupBox(self.tr("异常单（平台拒绝，需主管处理）"))
        exc_layout = QVBoxLayout(exc_box)
        exc_layout.addWidget(self.exceptions, 1)
        exc_layout.addWidget(self.field(self.tr("说明"), self.note, "note"))
        actions = QHBoxLayout()
        for button in (acknowledge, refund_done, resolved):
            actions.addWidget(button)
        exc_layout.addLayout(actions)
        jobs_box = QGroupBox(self.tr("打印失败的小票"))
        jobs_layout = QVBoxLayout(jobs_box)
        jobs_layout.addWidget(self.print_jobs, 1)
        jobs_layout.addWidget(retry)
        lower = QHBoxLayout()
        lower.addWidget(exc_box, 3)
        lower.addWidget(jobs_box, 2)
        layout.addLayout(lower, 2)
        layout.addWidget(self._build_code_payments(), 1)  # 付款码 whose result is unknown (sync_codepay.py)
        layout.addWidget(self.message)
        layout.addWidget(self.print_status)
        layout.addWidget(self.hint(self.tr(
            "Alt+S：立即同步；Ctrl+K：已知悉；Ctrl+T：已退款给客户；Ctrl+E：已解决（均需主管授权）；Alt+P：重试打印")))

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.reload)
        self.engine_status.connect(self._engine_status_changed)
        if ctx.sync is not None:
            ctx.sync.subscribe(self.engine_status.emit)
        self.reload()

    def code_field(self) -> None:
        return None

    def _engine_status_changed(self, _status: Any) -> None:
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.timer.stop()
        super().hideEvent(event)

    def activated(self) -> None:
        super().activated()
        self.reload()

    def refresh(self, change: Change) -> None:
        if not change.language:  # a language change is retranslate_state's
            self.reload()

    # -- loading --------------------------------------------------------------------------------------

    def reload(self) -> None:
        counter, sync, receipts = self.ctx.counter, self.ctx.sync, self.ctx.receipts

        def load() -> dict[str, Any]:
            uow = counter.uow
            return {"status": sync.status() if sync is not None else None,
                    "stats": services.queries.outbox_stats(uow()),
                    "queue": services.queries.outbox_queue(uow(), limit=200),
                    "exceptions": services.queries.open_exceptions(uow()),
                    "held": {m.op_id: h for m, h in sync.held()} if hasattr(sync, "held") else {},
                    "jobs": receipts.failed_jobs() if receipts is not None else []}

        QueryOp(self.ctx, load).success(self.show_state).failure(self.show_error).run()
        self.reload_code_payments()

    def _age(self, since: str | None) -> str:
        if not since:
            return self.tr("无")
        try:
            seconds = int((self.ctx.counter.deps.clock.now() - datetime.fromisoformat(since)).total_seconds())
        except (TypeError, ValueError):
            return local_time(since, self.ctx.counter.deps.clock.now().tzinfo)
        minutes, _ = divmod(max(0, seconds), 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return self.tr("%1 小时 %2 分钟前").replace("%1", str(hours)).replace("%2", str(minutes))
        return self.tr("%1 分钟前").replace("%1", str(minutes))

    def show_state(self, data: dict[str, Any]) -> None:
        status: SyncStatus | None = data["status"]
        stats = data["stats"]
        if status is None:
            self.state.setText(self.tr("未配置平台"))
        else:
            # The engine's technical error (exception names, codes) is in the log; the clerk reads a sentence.
            names = {"online": self.tr("在线"), "offline": self.tr("离线"), "degraded": self.tr("连接不稳定")}
            why = {"offline": "platform_unavailable", "degraded": "platform_bad_reply"}
            text = names.get(status.state, self.tr("离线"))
            busy = status.headline_zh() if self.lang.startswith("zh") else status.headline_en()
            if status.state in why and status.last_error:
                text = self.tr("%1：%2").replace("%1", text).replace("%2", error_text(why[status.state], self.lang))
            self.state.setText(busy or text)
        self.queue_length.setText(str(stats.pending))
        self.oldest.setText(self._age(stats.oldest_pending_at))
        last = status.last_success_at if status is not None else None
        self.last_sync.setText(self._time(last or stats.last_delivered_at) or self.tr("从未"))
        fill_table(self.queue, [[m["seq"], kind_name(m["kind"], self.lang), m["aggregate_id"],
                                 self._time(m["created_at"]), m["attempts"], self._why(m, data.get("held", {}))]
                                for m in data["queue"]], keys=[m["op_id"] for m in data["queue"]])
        fill_table(self.exceptions, [[kind_name(m["kind"], self.lang), m["aggregate_id"], format_fen(m["amount_fen"]),
                                      error_text(m["code"], self.lang, rejected=True),
                                      reason_text(m["code"], m["reason"], self.lang)] for m in data["exceptions"]],
                   keys=[m["op_id"] for m in data["exceptions"]])
        jobs = data["jobs"]
        fill_table(self.print_jobs, [[j["job_id"], j["op_id"],
                                      reason_text(j.get("error_code"), j["last_error"], self.lang)
                                      if j["last_error"] else ""] for j in jobs],
                   keys=[j["job_id"] for j in jobs])

    def _time(self, value: Any) -> str:
        """A stored time as the counter's local time, MM-dd HH:mm:ss (never raw ISO in UTC)."""
        return local_time(value, self.ctx.counter.deps.clock.now().tzinfo)

    def _why(self, message: dict[str, Any], held: dict[str, Any]) -> str:
        """The last error, or the exception (异常单) the message waits behind."""
        by = held.get(message["op_id"])
        if by is None:
            return last_error_text(message["last_error"], self.lang)
        return self.tr("等待异常单 %1 %2").replace("%1", kind_name(by.kind, self.lang)).replace("%2", by.aggregate_id)

    # -- actions --------------------------------------------------------------------------------------

    def sync_now(self) -> None:
        sync = self.ctx.sync
        if sync is None:
            self.complain(self.tr("未配置平台，无法同步"))
            return
        self.say(self.tr("正在同步…"))
        def requested(_: object) -> None:
            self.say(self.tr("已请求同步"))
            self.reload()

        self.call(lambda: sync.request_sync(pull=True, retry_now=True), requested)

    def resolve(self, action: str) -> None:
        op_id = selected_key(self.exceptions)
        if op_id is None:
            self.complain(self.tr("请先选择一张异常单"))
            self.exceptions.setFocus()
            return
        clerk_id = self.clerk_id()
        if clerk_id is None:
            return
        approval = self.ask_supervisor(self.tr("处理异常单"))
        if approval is None:
            return
        cmd = ResolveException(clerk_id, op_id, action, approval, note=self.note.text().strip())
        self.write(services.resolve_exception, cmd, self._resolved)

    def _resolved(self, result: Any) -> None:
        self.note.clear()
        self.say(self.tr("异常单已处理"))
        if result.refund is not None:
            self.print_receipt(result.refund.op_id)
        self.reload()

    def retry_print(self) -> None:
        job_id = selected_key(self.print_jobs)
        receipts = self.ctx.receipts
        if job_id is None or receipts is None:
            self.complain(self.tr("请先选择一张打印失败的小票"))
            return
        self.print_status.setText(self.tr("正在打印小票…"))
        self.runner_print(lambda: receipts.retry(job_id), after=self.reload)

    def reset_for_new_clerk(self) -> None:
        """The supervisor's note and a write-off reason half typed are not left for the next clerk."""
        self.note.clear()
        self.write_off_reason.clear()
        super().reset_for_new_clerk()
