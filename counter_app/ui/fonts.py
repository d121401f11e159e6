"""The counter's CJK font: registered from a known file so that Chinese never renders as boxes."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Tried in order after $COUNTER_APP_FONT and the bundled resources/fonts directory.
KNOWN_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
)
BASE_POINT_SIZE = 13

_registered: str | None = None


def bundled_font_dir() -> Path:
    """``resources/fonts`` next to the package, or inside a PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "fonts"


def candidate_paths() -> list[Path]:
    """Font files to try, best first."""
    paths: list[Path] = []
    env = os.environ.get("COUNTER_APP_FONT")
    if env:
        paths.append(Path(env))
    bundled = bundled_font_dir()
    if bundled.is_dir():
        paths.extend(sorted(p for p in bundled.iterdir() if p.suffix.lower() in (".ttf", ".ttc", ".otf")))
    paths.extend(Path(p) for p in KNOWN_FONT_PATHS)
    return paths


def register_cjk_font() -> str | None:
    """Register the first CJK font file found and return its family (cached), or None when there is none."""
    global _registered
    if _registered is not None:
        return _registered
    for path in candidate_paths():
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded", path)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families:
            _registered = families[0]
            log.info("CJK font %s from %s", _registered, path)
            return _registered
    log.error("no CJK font found; Chinese will render as boxes (set COUNTER_APP_FONT)")
    return None


def counter_font(point_size: int = BASE_POINT_SIZE) -> QFont:
    """The app font: the registered CJK family at a size readable from the customer's side of the counter."""
    family = register_cjk_font()
    font = QFont(family) if family else QFont()
    font.setPointSize(point_size)
    return font


def install_app_font(app: QApplication, point_size: int = BASE_POINT_SIZE) -> QFont:
    """Register the CJK font and make it the application font."""
    font = counter_font(point_size)
    app.setFont(font)
    return font


def has_cjk_glyphs(font: QFont | None = None) -> bool:
    """True when ``font`` (default: the application font) has a glyph for 中."""
    return QFontMetrics(font if font is not None else QApplication.font()).inFontUcs4(ord("中"))
