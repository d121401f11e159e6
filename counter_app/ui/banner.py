"""The always-visible status strip: connectivity (在线/离线/降级, 待上传), clerk, shift, counter, clock."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from counter_app.domain.services import queries
from counter_app.ui.context import UiContext
from counter_app.ui.elide import ElidedLabel
from counter_app.ui.ops import QueryOp
from counter_app.ui.style import repolish
from counter_app.ui.worker import Runner

if TYPE_CHECKING:
    from counter_app.sync.connectivity import SyncStatus

log = logging.getLogger(__name__)

POLL_MS = 3000


@dataclass(frozen=True)
class Connectivity:
    """What the banner shows; built from a SyncEngine status (or the outbox alone when there is none)."""

    state: str  # online | degraded | offline | local (no platform configured)
    pending: int = 0
    since: datetime | None = None  # when the platform was last reached
    oldest_age_s: float | None = None


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value).astimezone()
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def from_sync_status(status: SyncStatus) -> Connectivity:
    """The engine's status (state, pending, oldest unsent age, last success) as banner facts."""
    return Connectivity(status.state or "offline", status.outbox_pending, _as_datetime(status.last_success_at),
                        status.oldest_unsent_age_s)


def read_connectivity(ctx: UiContext) -> Connectivity:
    """The current connectivity (runs on a worker: the engine or the store may take a moment)."""
    if ctx.sync is not None:
        return from_sync_status(ctx.sync.status())
    stats = queries.outbox_stats(ctx.counter.uow())
    return Connectivity("local", stats.pending, _as_datetime(stats.last_delivered_at))


class _Bridge(QObject):
    status = Signal(object)


class StatusStrip(QWidget):
    """The banner across the top of the main window."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("StatusStrip")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.connectivity_state = Connectivity("local")
        self.brand = QLabel()
        self.brand.setObjectName("brand")
        self.connectivity = ElidedLabel()
        self.connectivity.setObjectName("connectivity")
        self.clerk = QLabel()
        self.clerk.setObjectName("clerk")
        self.shift = QLabel()
        self.shift.setObjectName("shift")
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counter")
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.brand)
        layout.addWidget(self.connectivity)
        layout.addStretch(1)
        for label in (self.counter_label, self.clerk, self.shift, self.clock):
            layout.addWidget(label)
        # Sync status reads go on their own pool, so that polling never shows the busy indicator.
        self._poller = Runner(self, max_threads=1)
        self._polling = False
        self._bridge = _Bridge(self)
        self._bridge.status.connect(self._apply_raw_status)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.tick)
        self.retranslate()

    def start(self) -> None:
        """Begin the clock and connectivity polling; subscribe to the engine when it offers that."""
        self.tick()
        self.poll()
        self.poll_timer.start()
        self.clock_timer.start()
        if self.ctx.sync is not None:
            # The engine calls back from its own thread: the signal queues it to the GUI thread.
            self.ctx.sync.subscribe(self._bridge.status.emit)

    def stop(self) -> None:
        self.poll_timer.stop()
        self.clock_timer.stop()
        self._poller.wait_idle(5000)

    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        QueryOp(self.ctx, lambda: read_connectivity(self.ctx), runner=self._poller).success(self._polled) \
            .failure(self._poll_failed).run()

    def _polled(self, connectivity: Connectivity) -> None:
        self._polling = False
        self.set_connectivity(connectivity)

    def _poll_failed(self, error: Any) -> None:
        self._polling = False
        log.warning("connectivity poll failed: %s", error)

    def _apply_raw_status(self, status: SyncStatus) -> None:
        self.set_connectivity(from_sync_status(status))

    def set_connectivity(self, connectivity: Connectivity) -> None:
        self.connectivity_state = connectivity
        c = connectivity
        if c.state == "online":
            text = self.tr("在线")
        elif c.state == "degraded":
            text = self.tr("网络不稳定")
        elif c.state == "offline":
            text = self.tr("离线")
            if c.since is not None:
                text += self.tr("（自 %1）").replace("%1", c.since.strftime("%H:%M"))
        else:
            text = self.tr("单机（未接平台）")
        if c.pending:
            text += " · " + self.tr("%1 笔待上传").replace("%1", str(c.pending))
        self.connectivity.setText(text)
        self.connectivity.setProperty("state", c.state)
        repolish(self.connectivity)

    def refresh(self) -> None:
        """Clerk, shift and counter from the context (call after login, shift changes, settings)."""
        session = self.ctx.session
        settings = self.ctx.settings
        self.counter_label.setText(
            self.tr("网点 %1 · 柜台 %2").replace("%1", settings.branch_id or "-").replace("%2", settings.counter_id or "-"))
        if session is None:
            self.clerk.setText(self.tr("未登录"))
            self.shift.setText("")
            return
        role = self.tr("主管") if session.is_supervisor else self.tr("营业员")
        self.clerk.setText(self.tr("%1 %2（%3）").replace("%1", role).replace("%2", session.name)
                           .replace("%3", session.clerk_id))
        self.shift.setText(self.tr("班次已开") if session.shift_id else self.tr("未签到"))

    def tick(self) -> None:
        now = self.ctx.counter.deps.clock.now()
        watch = self.ctx.app.clock_watch if self.ctx.app is not None else None
        status = watch.status() if watch is not None else None
        if status is None or status.ok:
            self.clock.setText(now.strftime("%H:%M:%S"))
            self.clock.setToolTip("")
            self.clock.setStyleSheet("")
            return
        # A clock far off the platform's: a short mark here (the window must not grow), the whole advice in
        # the tooltip; the log has it too (app/clock.py).
        self.clock.setText(now.strftime("%H:%M:%S") + " " + self.tr("时钟有误"))
        self.clock.setToolTip(status.banner("en" if self.ctx.language.startswith("en") else "zh"))
        self.clock.setStyleSheet("color: #c62828; font-weight: bold;")

    def retranslate(self) -> None:
        self.brand.setText(self.tr("中国邮政"))
        self.set_connectivity(self.connectivity_state)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
