"""Helpers for the workspace tests: a UI context on the seeded counter with an open shift, a supervisor
stand-in for the approval dialog, a receipt service double, and waiting for the worker to go quiet.

For tests against the platform: ``platform`` (the reference server on loopback, seeded small, always
stopped), ``online`` (a counter enrolled on it with its sync engine, synced once) and ``engine`` (that engine
as ``ctx.sync``, stopped before the UI context goes). A module overrides ``counter`` with ``online.counter``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift, SupervisorApproval
from counter_app.domain.errors import PrinterError
from counter_app.app.compose import App, SyncOptions, build
from counter_app.sync import Backoff, SyncEngine
from counter_app.sync.enrolment import enrol
from counter_app.ui.context import Session, UiContext
from counter_app.ui.supervisor import SupervisorDialog
from counter_app.ui.worker import Runner
from platform_sim.admin import issue_enrolment_code
from platform_sim.testing import PlatformProcess, seed_small
from tests.conftest import CLERK, SUPERVISOR, FixedClock

SUPERVISOR_OK = SupervisorApproval("9001", "8888")


@dataclass
class Approver:
    """Stands in for the supervisor dialog in tests about a screen's own rules (refused amounts, cancelling):
    records what was asked, answers with ``answer``. The real dialog is driven with a real supervisor's PIN in
    test_supervisor_dialog.py."""

    answer: SupervisorApproval | None = SUPERVISOR_OK
    asked: list[str] = field(default_factory=list)

    def __call__(self, action: str) -> SupervisorApproval | None:
        self.asked.append(action)
        return self.answer


@dataclass
class FakeReceipts:
    """The ``ReceiptService`` surface the workspaces use; ``fail`` makes the printer unreachable."""

    fail: bool = False
    printed: list[tuple[str, bool]] = field(default_factory=list)
    jobs: list[dict[str, Any]] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)

    def print_operation(self, op_id: str, *, reprint: bool = False) -> None:
        if self.fail:
            job_id = len(self.jobs) + 1
            self.jobs.append({"job_id": job_id, "op_id": op_id, "reprint": reprint, "state": "failed",
                              "last_error": "打印机无法连接", "attempts": 1, "kind": "counter_order"})
            raise PrinterError("printer_unreachable", "打印机无法连接，请检查电源和网线",
                               "The printer cannot be reached", job_id=job_id)
        self.printed.append((op_id, reprint))

    def print_receipt(self, op_id: str, *, reprint: bool = False) -> bool:
        self.print_operation(op_id, reprint=reprint)
        return True

    def preview(self, op_id: str, *, reprint: bool = False) -> Image.Image:
        return Image.new("L", (384, 200), 255)

    def failed_jobs(self) -> list[dict[str, Any]]:
        return [job for job in self.jobs if job["state"] == "failed"]

    def retry(self, job_id: int) -> None:
        self.retried.append(job_id)
        job = next(j for j in self.jobs if j["job_id"] == job_id)
        if self.fail:
            raise PrinterError("printer_unreachable", "打印机无法连接，请检查电源和网线", "The printer cannot be reached",
                               job_id=job_id)
        job["state"] = "done"
        self.printed.append((job["op_id"], job["reprint"]))


@dataclass
class Online:
    """A counter enrolled on the platform, built by the composition root, with its (not started) sync engine."""

    counter: Counter
    engine: SyncEngine
    app: App

    def close(self) -> None:
        self.app.close()


def enrolled_counter(platform: PlatformProcess, data_dir: Path, clock: FixedClock, *,
                     counter_id: str = "C01") -> Online:
    """A counter of branch B001 enrolled on ``platform``, then built as the window builds it (``app.build``)
    with a fast backoff, synced once (catalog, members and the pickup manifest pulled; the link is online)."""
    setup = Counter(data_dir, clock=clock)
    try:
        setup.configure(branch_id="B001", counter_id=counter_id)
        setup.add_clerk(*CLERK)
        setup.add_clerk(*SUPERVISOR)
        enrol(setup, platform_url=platform.base_url, enrolment_code=issue_enrolment_code(platform.db_path, "B001"))
    finally:
        setup.close()
    app = build(data_dir, clock=clock, sync=SyncOptions(timeout=(2.0, 5.0), backoff=Backoff(base_s=0.01, cap_s=0.2)))
    assert app.sync is not None
    report = app.sync.run_once()
    assert report.ok, report.errors
    return Online(app.counter, app.sync, app)


def platform_rows(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """What the platform's database holds (opened read-only)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def go_offline(platform: PlatformProcess, online: Online) -> None:
    """The platform goes away; the engine's next cycle finds out, so the counter works offline."""
    platform.stop()
    online.engine.run_once()
    assert not online.counter.deps.online()


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformProcess]:
    """The reference platform on loopback with a small seeded database; stopped whatever the test did."""
    db = tmp_path / "platform.db"
    seed_small(db)
    server = PlatformProcess(db)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def online(platform: PlatformProcess, tmp_path: Path, clock: FixedClock) -> Iterator[Online]:
    """Counter C01 of B001 enrolled on ``platform`` and synced once; its engine stopped and store closed after."""
    enrolled = enrolled_counter(platform, tmp_path / "counter", clock)
    try:
        yield enrolled
    finally:
        enrolled.close()


@pytest.fixture
def engine(ctx: UiContext, online: Online) -> Iterator[SyncEngine]:
    """The online counter's engine as the UI's ``ctx.sync``; stopped, and the worker drained, before ``ctx`` goes."""
    ctx.sync = online.engine
    yield online.engine
    online.engine.stop()
    QApplication.processEvents()  # refreshes the engine queued for the GUI thread run now, not after close
    ctx.runner.wait_idle()


@pytest.fixture
def approver() -> Approver:
    return Approver()


@pytest.fixture
def receipts() -> FakeReceipts:
    return FakeReceipts()


@pytest.fixture
def ctx(counter: Counter, qtbot: Any, approver: Approver, receipts: FakeReceipts) -> Iterator[UiContext]:
    """Clerk 1001 logged in with an open shift (float ¥500.00), offline, on a real SQLite counter."""
    opened = counter.run(services.open_shift, OpenShift("1001", 50000))
    runner = Runner()
    context = UiContext(counter, runner, language="zh_CN",
                        session=Session("1001", "王芳", "clerk", shift_id=opened.shift.shift_id),
                        receipts=receipts, approver=approver)
    yield context
    runner.wait_idle()


def show(qtbot: Any, workspace: Any) -> Any:
    """Show the workspace as an active window so its shortcuts fire, focus on its code field."""
    qtbot.addWidget(workspace)
    workspace.resize(1100, 760)
    workspace.show()
    qtbot.waitExposed(workspace)  # activating before the window is exposed leaves it inactive (no shortcuts)
    workspace.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workspace)
    workspace.activated()
    return workspace


def settle(qtbot: Any, ctx: UiContext, timeout: int = 5000) -> None:
    """Wait until the worker has no job left (callbacks included)."""
    qtbot.waitUntil(lambda: ctx.runner.running == 0, timeout=timeout)


def type_enter(qtbot: Any, widget: Any, text: str) -> None:
    """Type ASCII ``text`` (non-ASCII would abort pytest) and press Enter."""
    assert text.isascii(), "keyClicks with non-ASCII text aborts the pytest process"
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    assert text.isascii(), "keyClicks with non-ASCII text aborts the pytest process"
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def answer_supervisor(qtbot: Any, seen: list[str], supervisor_id: str = "9001", pin: str = "8888") -> None:
    """When the supervisor dialog is up: type the id, Enter, the PIN, Enter (as a supervisor would)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SupervisorDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.action_label.text())
        seen.append(dialog.id_label.text() + "|" + dialog.pin_label.text())
        qtbot.keyClicks(dialog.supervisor_id, supervisor_id)
        qtbot.keyClick(dialog.supervisor_id, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.pin, pin)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def cancel_supervisor(seen: list[str]) -> None:
    """When the supervisor dialog is up: press 取消 (Esc's button)."""

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SupervisorDialog):
            QTimer.singleShot(20, cancel)
            return
        seen.append(dialog.action_label.text())
        dialog.cancel.click()

    QTimer.singleShot(0, cancel)


def answer_message_box(seen: list[str], *, accept: bool = True) -> None:
    """When a confirmation box (a real ``QMessageBox``) is up: note its text, press its accept button (Enter)
    or its reject button (Esc), as a clerk would."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        QTest.keyClick(box, Qt.Key.Key_Return if accept else Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
