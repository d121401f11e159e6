"""Switching the language in a running main window (Ctrl+Shift+E, mid-day): every workspace, the side bar,
the menus and the status strip follow; no text is left in the other language.

The data exception (decided narrowly): table CELLS (product, member and order data from the store) and the
status strip's clerk and branch names are data, shown as stored; the language switch names the other
language in that language ("中文" in English, as every language menu does); everything else is interface text."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTabWidget,
    QWidget,
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
DATA_NAMES = ("王芳", "B001", "C01")  # the clerk and branch shown in the status strip (data, not interface)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every interface text under ``root``: labels, buttons, group box titles, tab texts,
    table headers, placeholders, list items, menus and actions."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}:{widget.objectName()}"
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((name, widget.text()))
        if isinstance(widget, QLineEdit):
            found.append((name + ".placeholder", widget.placeholderText()))
        if isinstance(widget, QGroupBox):
            found.append((name + ".title", widget.title()))
        if isinstance(widget, QTabWidget):
            found += [(f"{name}.tab{i}", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            found += [(f"{name}.header{c}", widget.horizontalHeaderItem(c).text())
                      for c in range(widget.columnCount()) if widget.horizontalHeaderItem(c) is not None]
        if isinstance(widget, QListWidget) and widget.objectName() == "SideBar":
            found += [(f"{name}.item{i}", widget.item(i).text()) for i in range(widget.count())]
        for action in widget.actions():
            found.append((f"{name}.action:{action.objectName()}", action.text()))
    return [(where, text) for where, text in found if text]


def chinese_left(root: QWidget) -> list[tuple[str, str]]:
    left = []
    for where, text in visible_texts(root):
        if where.endswith("action:action_language"):
            continue
        for data in DATA_NAMES:
            text = text.replace(data, "")
        if CJK.search(text):
            left.append((where, text))
    return left


def test_switching_to_english_mid_day_leaves_no_chinese_on_any_workspace(qtbot, make_window):
    window = make_window(fakes=False)
    assert window.workspace("sale").findChild(QAbstractButton, "pay").text().startswith("收款")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.ctx.language == "en")
    qtbot.waitUntil(lambda: window.ctx.runner.running == 0)  # the figures re-read in English
    assert window.workspace("sale").findChild(QAbstractButton, "pay").text().startswith("Take payment")
    for key in ("pickup", "sale", "bill", "member", "report", "sync"):
        window.switch_to(key)
        qtbot.waitUntil(lambda: window.ctx.runner.running == 0)  # a screen re-reads its figures when shown
        assert chinese_left(window.workspace(key)) == [], key
    assert chinese_left(window) == []
    for menu in (window.business_menu, window.shift_menu, window.system_menu):
        assert not CJK.search(menu.title())


def test_switching_back_to_chinese_shows_exactly_what_a_chinese_start_shows(qtbot, make_window):
    window = make_window(fakes=False)
    qtbot.waitUntil(lambda: window.ctx.runner.running == 0)
    qtbot.waitUntil(lambda: "待上传" in window.banner.connectivity.text())  # the strip's first poll is in
    before = visible_texts(window)
    window.set_language("en")
    qtbot.waitUntil(lambda: window.ctx.runner.running == 0)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.ctx.runner.running == 0)
    assert visible_texts(window) == before
