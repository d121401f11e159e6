"""日结 (F5) in the real main window at the counter's screen size: the day's totals show every payment method
without scrolling (at 768 px the totals, the reconciliation and the books side by side left three in view and
the books scrolled), and the three views switch by key: Alt+H totals, Alt+D reconciles and shows the result,
Alt+Z the X/Z books, whose tab is marked while something in them wants a supervisor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from counter_app.domain.model import METHOD_NAMES_ZH
from counter_app.ui.main_window import WORKSPACES
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.report import BOOKS_VIEW, RECONCILE_VIEW, TOTALS_VIEW, ReportWorkspace
from tests.ui.conftest import FakeWorkspace
from tests.ui.test_report_after_close import _sell, _settle
from tests.ui.test_shell_shift import close_confirmed, close_dialog_ready
from tests.ui.test_shell_window import DESKTOP_CHROME_H, SCREEN_H, SCREEN_W

pytestmark = pytest.mark.timeout(60)


def _rows_in_view(table) -> int:  # noqa: ANN001 - QTableWidget
    """How many of the table's rows are shown whole, without scrolling."""
    height = table.viewport().height()
    return sum(1 for row in range(table.rowCount()) if table.visualRect(table.model().index(row, 0)).bottom() < height)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_payment_method_is_in_view_and_the_views_switch_by_key(qtbot, make_window, ctx, language):
    factories = {s.key: (lambda c, k=s.key: FakeWorkspace(c, k)) for s in WORKSPACES}
    factories["report"] = ReportWorkspace
    window = make_window(factories=factories)
    window.set_language(language)
    window.resize(SCREEN_W, SCREEN_H - DESKTOP_CHROME_H)
    _sell(ctx)
    report: ReportWorkspace = window.switch_to("report")
    _settle(qtbot, ctx)
    QCoreApplication.processEvents()
    assert window.height() == SCREEN_H - DESKTOP_CHROME_H
    assert report.views.currentIndex() == TOTALS_VIEW and report.by_method.isVisible()
    assert len(table_rows(report.by_method)) == len(METHOD_NAMES_ZH) == 6
    assert _rows_in_view(report.by_method) == 6
    row_h = report.by_kind.verticalHeader().defaultSectionSize()
    assert report.by_kind.viewport().height() >= 3 * row_h, report.by_kind.viewport().height()  # and it scrolls

    focus = report.journal
    focus.setFocus()
    qtbot.keyClick(focus, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    _settle(qtbot, ctx)
    assert report.views.currentIndex() == RECONCILE_VIEW and report.reconcile_result.isVisible()
    assert report.reconcile_result.text()  # offline here: it says why in the view Alt+D brought up
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert report.views.currentIndex() == BOOKS_VIEW and report.books.isVisible()
    assert report.findChild(type(report.close_button), "open_books").isVisible()
    qtbot.keyClick(focus, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert report.views.currentIndex() == TOTALS_VIEW and report.by_method.isVisible()


def test_the_books_tab_is_marked_while_a_shortage_waits_for_a_supervisor(qtbot, make_window, ctx):
    factories = {s.key: (lambda c, k=s.key: FakeWorkspace(c, k)) for s in WORKSPACES}
    factories["report"] = ReportWorkspace
    window = make_window(factories=factories)
    _sell(ctx)
    report: ReportWorkspace = window.switch_to("report")
    _settle(qtbot, ctx)
    assert report.views.tabText(BOOKS_VIEW) == "日结 X/Z (Alt+Z)"
    dialog = close_dialog_ready(qtbot, window)
    dialog.counts[10000].setValue(6)
    dialog.counts[100].setValue(8)  # ¥20.00 short
    close_confirmed(qtbot, dialog)
    dialog.ok.click()
    _settle(qtbot, ctx)
    assert report.books.text("over_short").startswith("短款 ¥20.00；待处理 1 笔")
    assert report.views.tabText(BOOKS_VIEW) == "日结 X/Z (Alt+Z) ●"
    assert report.views.tabBar().tabTextColor(BOOKS_VIEW).name() == "#b00020"
    window.set_language("en")
    assert report.views.tabText(BOOKS_VIEW) == "X/Z report (Alt+Z) ●"
    window.set_language("zh_CN")
