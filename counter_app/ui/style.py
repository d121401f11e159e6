"""The shell's look: the QSS style sheet from resources/qss and an app icon drawn in code."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.ui.i18n import resources_dir

log = logging.getLogger(__name__)

# Sizes in points: the base is set by fonts.BASE_POINT_SIZE; these are what a customer reads across the desk.
SIZES = {"big": "16pt", "title": "20pt", "amount": "30pt", "mono": "DejaVu Sans Mono"}


def style_sheet() -> str:
    path = resources_dir() / "qss" / "counter.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        log.error("style sheet %s missing: %s", path, exc)
        return ""
    for key, value in SIZES.items():
        text = text.replace(f"@{key}@", value)
    return text


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(app_icon())


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property (``state``, ``error``, ``tone``) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def app_icon(size: int = 64) -> QIcon:
    """A green square with a yellow 邮: drawn, not downloaded."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setBrush(QColor("#0b5d36"))
    painter.setPen(Qt.NoPen)
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    font = QFont(QApplication.font())
    font.setPixelSize(int(size * 0.62))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#f5c400"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignCenter, "邮")
    painter.end()
    return QIcon(pixmap)
