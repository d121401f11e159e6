"""Interface languages: Chinese is the source text; English comes from Qt .ts files built to .qm.

``resources/i18n/*.ts`` are in git; the .qm files are built at start (``lrelease``, bundled with PySide6)
into a cache directory when the .ts is newer. If lrelease cannot run, the .ts is read directly, so that a
missing tool never leaves the clerk without a language. ``python -m counter_app.ui.i18n update`` refreshes
the shell's .ts from the sources (lupdate); ``... build DIR`` writes the .qm files.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal

if TYPE_CHECKING:
    from counter_app.ui.context import UiContext

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
# The shell's catalogue, then the workspaces' (maintained by the workspaces engineer), if present.
CATALOGS = ("counter_shell", "counter_workspaces")


def normalise(language: str | None) -> str:
    return "en" if (language or "").lower().startswith("en") else DEFAULT_LANGUAGE


def resources_dir() -> Path:
    """The ``resources`` directory: $COUNTER_APP_RESOURCES, a PyInstaller bundle, or the source tree."""
    env = os.environ.get("COUNTER_APP_RESOURCES")
    if env:
        return Path(env)
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources"


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def qm_cache_dir() -> Path:
    env = os.environ.get("COUNTER_APP_QM_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("counter_app")) / "i18n"


def _tool(name: str) -> list[str] | None:
    bundled = Path(PySide6.__file__).parent / name
    if bundled.is_file() and os.access(bundled, os.X_OK):
        return [str(bundled)]
    wrapper = shutil.which(f"pyside6-{name}")
    return [wrapper] if wrapper else None


def build_qm(ts: Path, out_dir: Path | None = None) -> Path | None:
    """Compile ``ts`` to ``out_dir/<name>.qm`` unless an up-to-date one is there; None when it cannot."""
    out_dir = out_dir or qm_cache_dir()
    qm = out_dir / (ts.stem + ".qm")
    try:
        if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
        tool = _tool("lrelease")
        if tool is None:
            log.warning("lrelease not found; reading %s directly", ts)
            return None
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = qm.with_suffix(f".{os.getpid()}.tmp")
        done = subprocess.run([*tool, "-silent", str(ts), "-qm", str(tmp)], capture_output=True, timeout=60,
                              check=False)
        if done.returncode != 0 or not tmp.is_file():
            log.warning("lrelease failed on %s: %s", ts, done.stderr.decode(errors="replace")[-500:])
            return None
        os.replace(tmp, qm)
        return qm
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot build %s: %s", qm, exc)
        return None


class TsTranslator(QTranslator):
    """A translator reading a .ts file directly: the fallback when lrelease is unavailable."""

    def __init__(self, ts: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.messages: dict[tuple[str, str], str] = {}
        root = ET.parse(ts).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                if translation.text:
                    self.messages[(name, source)] = translation.text

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        # None (a null string) means "not here": Qt then tries the base classes' contexts and falls back to the
        # source text; an empty string would be taken as the translation and blank the label.
        return self.messages.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt name
        return not self.messages


def load_translator(catalog: str, language: str, *, parent: QObject | None = None) -> QTranslator | None:
    """The translator for ``catalog`` in ``language`` (None for the source language or a missing file)."""
    if normalise(language) == DEFAULT_LANGUAGE:
        return None
    ts = i18n_dir() / f"{catalog}_en.ts"
    if not ts.is_file():
        return None
    qm = build_qm(ts)
    translator = QTranslator(parent)
    if qm is not None and translator.load(str(qm)):
        return translator
    try:
        return TsTranslator(ts, parent)
    except (OSError, ET.ParseError) as exc:
        log.error("cannot read %s: %s", ts, exc)
        return None


class LanguageManager(QObject):
    """Installs the translators of the current language; every widget gets a LanguageChange event."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = DEFAULT_LANGUAGE
        self._installed: list[QTranslator] = []

    def set_language(self, language: str) -> str:
        language = normalise(language)
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        if language == DEFAULT_LANGUAGE:
            qt_base = QTranslator(self)
            if qt_base.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_",
                            QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
                self._installed.append(qt_base)
        for catalog in CATALOGS:
            translator = load_translator(catalog, language, parent=self)
            if translator is not None:
                self._installed.append(translator)
        for translator in self._installed:
            app.installTranslator(translator)
        changed = language != self.language
        self.language = language
        if not self._installed:
            # Removing the last translator already posts LanguageChange; make sure it happens once anyway.
            QCoreApplication.sendEvent(app, QEvent(QEvent.LanguageChange))
        if changed:
            self.language_changed.emit(language)
        return language


def switch_language(ctx: UiContext, language: str) -> str:
    """Install ``language``'s translators for the whole application and record it in the context."""
    manager = ctx.languages
    if manager is None:
        manager = ctx.languages = LanguageManager(QCoreApplication.instance())
    ctx.language = manager.set_language(normalise(language))
    # Deliver the LanguageChange events now, so every label reads the new language when this returns.
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)
    return ctx.language


def shell_sources() -> list[Path]:
    ui = Path(__file__).resolve().parent
    names = ("app.py", "main_window.py", "login.py", "setup_dialog.py", "shift_dialogs.py", "supervisor.py",
             "banner.py", "screenshots.py", "printer_dialog.py")
    return [ui / n for n in names if (ui / n).is_file()]


def main(argv: list[str] | None = None) -> int:
    """``update``: refresh counter_shell_en.ts from the sources; ``build [DIR]``: compile every .ts."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["update"]:
        tool = _tool("lupdate")
        if tool is None:
            print("lupdate not found", file=sys.stderr)
            return 1
        ts = i18n_dir() / "counter_shell_en.ts"
        cmd = [*tool, "-no-obsolete", "-source-language", "zh_CN", "-target-language", "en",
               *map(str, shell_sources()), "-ts", str(ts)]
        return subprocess.run(cmd, check=False).returncode
    if argv[:1] == ["build"]:
        out = Path(argv[1]) if len(argv) > 1 else qm_cache_dir()
        failed = 0
        for ts in sorted(i18n_dir().glob("*.ts")):
            qm = build_qm(ts, out)
            print(qm or f"FAILED {ts}")
            failed += qm is None
        return 1 if failed else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
