"""A trace of what the counter window shows, for the real-window smoke test (scripts/smoke_x11.sh).

Off unless ``$COUNTER_APP_UI_TRACE`` names a file; then one JSON line per event: a top-level window shown or
hidden (its class, name, title, size and, for a message box, its icon), the workspace on screen, the shift
gate, lock and unlock, a view chosen inside a workspace (F5's tabs), and each message a workspace shows the clerk (ok or error). Nothing a clerk types (no
PIN, no code) is written.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

ENV = "COUNTER_APP_UI_TRACE"
_lock = threading.Lock()


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def trace(event: str, **fields: Any) -> None:
    """Append one event to the trace file (when tracing is on)."""
    path = os.environ.get(ENV)
    if not path:
        return
    line = json.dumps({"t": round(time.time(), 3), "event": event, **fields}, ensure_ascii=False)
    with _lock, open(path, "a", encoding="utf-8") as out:
        out.write(line + "\n")


def _window_facts(widget: QWidget) -> dict[str, Any]:
    facts: dict[str, Any] = {"cls": type(widget).__name__, "name": widget.objectName(),
                             "title": widget.windowTitle(), "width": widget.width(), "height": widget.height()}
    if isinstance(widget, QMessageBox):
        facts["icon"] = widget.icon().name
        facts["text"] = widget.text()
    return facts


class WindowTracer(QObject):
    """Application event filter: every top-level window shown or hidden goes to the trace."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QWidget) and watched.isWindow() \
                and not watched.inherits("QMenu") and not watched.inherits("QToolTip") \
                and type(watched).__name__ not in ("QTipLabel", "QComboBoxPrivateContainer"):
            trace("shown" if kind == QEvent.Type.Show else "hidden", **_window_facts(watched))
        return False


def install_tracer(app: QApplication) -> WindowTracer | None:
    """Trace the windows of ``app`` when ``$COUNTER_APP_UI_TRACE`` is set."""
    if not enabled():
        return None
    tracer = WindowTracer(app)
    app.installEventFilter(tracer)
    trace("start", pid=os.getpid())
    return tracer


__all__ = ["install_tracer", "trace"]
