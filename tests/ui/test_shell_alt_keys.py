"""Alt+letter keys in the real main window: a workspace's own keys act, the menu bar's mnemonics never take
them (found in a real X11 window: Alt+B on F4 opened 业务(B) instead of 补录)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu

from counter_app.ui.workspaces.base import Workspace


def _menu_mnemonics(window) -> set[str]:  # noqa: ANN001
    return {QKeySequence.mnemonic(action.text()).toString() for action in window.menuBar().actions()} - {""}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_workspace_key_is_also_a_menu_mnemonic(qtbot, make_window, language: str) -> None:
    window = make_window(fakes=False)
    window.set_language(language)
    qtbot.waitUntil(lambda: ("Shif" in window.menuBar().actions()[1].text()) == (language == "en"), timeout=5_000)
    mnemonics = _menu_mnemonics(window)
    assert mnemonics == {"Alt+B", "Alt+T", "Alt+Y"}
    for workspace in window.workspaces:
        assert isinstance(workspace, Workspace)
        keys = {s.key().toString() for s in workspace.findChildren(QShortcut)}
        assert not keys & mnemonics, (workspace.key, keys & mnemonics)
    window.set_language("zh_CN")


def test_alt_keys_reach_the_workspace_in_the_main_window(qtbot, make_window) -> None:
    window = make_window(fakes=False)
    sale = window.switch_to("sale")
    sale.cash.setFocus()
    qtbot.keyClick(sale.cash, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Alt+S: back to the product field
    assert isinstance(QApplication.focusWidget(), type(sale.product)) and sale.product.hasFocus()
    assert not any(menu.isVisible() for menu in window.findChildren(QMenu))
    member = window.switch_to("member")
    member.points.setFocus()
    qtbot.keyClick(member.points, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Alt+O: 补录
    assert "请先查询会员" in member.error_beside("member") and member.key_edit.hasFocus()
    assert not any(menu.isVisible() for menu in window.findChildren(QMenu))
