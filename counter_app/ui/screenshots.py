"""Offscreen screenshots of the counter (``counter-app screenshots DIR``): the login window, every
workspace with a clerk signed in and a shift open, the lock screen and the shift dialogs."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import Login, OpenShift

log = logging.getLogger(__name__)

SIZE = (1366, 768)


def _settle(app, rounds: int = 5) -> None:  # noqa: ANN001 - QApplication
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(rounds):
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        app.processEvents()


def render_all(out_dir: Path | str, *, language: str = "zh_CN") -> list[Path]:
    """Render the shell and every workspace to PNG files in ``out_dir``; returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from counter_app.ui.app import build_context, build_main_window, prepare_application
    from counter_app.ui.context import Session
    from counter_app.demo_data import CLERK, seed_counter
    from counter_app.ui.login import LoginWindow
    from counter_app.ui.main_window import switch_language
    from counter_app.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog
    from counter_app.ui.worker import Runner

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = prepare_application()
    paths: list[Path] = []

    def save(widget, name: str) -> None:  # noqa: ANN001 - QWidget
        _settle(app)
        path = out / f"{len(paths) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        paths.append(path)

    with tempfile.TemporaryDirectory(prefix="counter-shots-") as tmp:
        counter = Counter(Path(tmp) / "counter")
        try:
            seed_counter(counter)
            ctx = build_context(counter, language=language, runner=Runner())
            switch_language(ctx, language)
            ctx.approver = lambda _action: None

            login = LoginWindow(ctx)
            login.resize(*SIZE)
            login.show()
            save(login, "login")
            login.close()

            clerk = services.login(Login(CLERK[0], CLERK[3]), counter.uow(), counter.deps)
            ctx.session = Session(clerk.clerk_id, clerk.name, clerk.role)
            window = build_main_window(ctx)
            window.show()
            window.resize(*SIZE)
            save(window, "shift-gate")
            dialog = OpenShiftDialog(ctx, window)
            dialog.float_fen.setText("500.00")
            dialog.show()
            save(dialog, "open-shift")
            dialog.close()

            opened = counter.run(services.open_shift, OpenShift(clerk.clerk_id, 50_000))
            ctx.session.shift_id = opened.shift.shift_id
            window.update_gate()
            for spec in window.specs:
                window.switch_to(spec.key)
                save(window, f"workspace-{spec.key}")

            close = CloseShiftDialog(ctx, window)
            ctx.runner.wait_idle()
            _settle(app)
            for denomination, pieces in ((10000, 4), (5000, 1), (1000, 4), (100, 8), (50, 3)):
                close.counts[denomination].setValue(pieces)
            close.show()
            save(close, "close-shift")
            close.close()

            window.lock()
            save(window, "lock")
            window.close()
            ctx.runner.wait_idle()
            _settle(app)
        finally:
            counter.close()
    log.info("%d screenshots in %s", len(paths), out)
    return paths
