"""Chinese by default, English on request; Chinese really renders (font and screenshots)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from counter_app.ui.fonts import has_cjk_glyphs
from counter_app.ui.i18n import TsTranslator, i18n_dir
from counter_app.ui.login import LoginWindow
from counter_app.ui.i18n import switch_language
from counter_app.ui.screenshots import render_all


def test_switching_to_english_changes_the_visible_labels(qtbot, ctx):
    window = LoginWindow(ctx)
    qtbot.add_widget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.language_requested.connect(lambda lang: switch_language(ctx, lang))
    assert window.form.submit.text() == "登录 (Enter)"
    with qtbot.waitActive(window):
        window.activateWindow()
    window.form.clerk_id.setFocus()
    qtbot.keyClick(window.form.clerk_id, Qt.Key_F12)  # keys go where the focus is
    qtbot.waitUntil(lambda: window.form.submit.text() == "Log in (Enter)", timeout=5_000)
    assert window.form.clerk_label.text() == "Staff id"
    assert window.language.text() == "中文 (F12)"
    switch_language(ctx, "zh_CN")
    qtbot.waitUntil(lambda: window.form.submit.text() == "登录 (Enter)", timeout=5_000)


def test_english_main_window_and_errors(qtbot, make_window):
    window = make_window(shift=False)
    window.set_language("en")
    qtbot.waitUntil(lambda: window.gate_button.text() == "Open shift (F9)", timeout=5_000)
    assert window.side_bar.item(0).text() == "F1   Pickup"
    assert window.banner.shift.text() == "No shift"
    assert window.ctx.language == "en"


def test_every_shell_string_has_an_english_translation():
    root = ET.parse(i18n_dir() / "counter_shell_en.ts").getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if (m.find("translation") is None or m.find("translation").get("type") == "unfinished"
                      or not (m.findtext("translation") or "").strip())]
    assert unfinished == []
    assert len(list(root.iter("message"))) > 80


def test_the_ts_fallback_translates_without_lrelease():
    translator = TsTranslator(i18n_dir() / "counter_shell_en.ts")
    assert translator.translate("LoginForm", "工号") == "Staff id"
    # Not found is a null string (None), never "": an empty translation would blank the label.
    assert translator.translate("LoginForm", "no such text") is None


def test_the_app_font_has_chinese_glyphs(styled_app):
    assert has_cjk_glyphs()
    assert QFontMetrics(QApplication.font()).inFontUcs4(ord("中"))


def test_screenshots_render_chinese(styled_app, tmp_path):
    paths = render_all(tmp_path / "shots")
    names = [p.name for p in paths]
    assert names[0] == "01-login.png"
    assert any("workspace-sale" in n for n in names) and len([n for n in names if "workspace-" in n]) == 6
    for path in paths:
        assert path.stat().st_size > 8_000, path
        with Image.open(path) as image:
            assert image.size[0] >= 480
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
            assert colours is None or len(colours) > 50, path  # text was drawn, not a blank or boxes
