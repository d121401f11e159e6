"""The window never grows past the screen (issue 11, point 2): the longest messages in both languages, on
every workspace, the status strip and the sync screen, at 1366×768 and 1024×768; the totals stay in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from counter_app.sync.connectivity import SyncStatus
from counter_app.ui.banner import Connectivity
from counter_app.ui.elide import ElidedLabel
from counter_app.ui.widgets import AmountDisplay

LONG_ZH = ("平台 15 秒内没有答复，业务已保存在本机，稍后自动重试；网络恢复后所有待上传业务会按顺序自动上传，"
           "请不要重复办理同一笔业务，如长时间无法连接请联系网点主管或拨打信息技术服务热线 95580 报修。") * 2
LONG_EN = ("The platform did not answer within 15 s; work is kept on this counter and sent later "
           "(platform_unavailable: HTTPConnectionPool(host='127.0.0.1', port=8766): Max retries exceeded with "
           "url: /api/v1/operations/batch?counter_id=C01&branch_id=B001&retry=true) ") * 2
# One "word" that cannot wrap: a path or code with no spaces, as technical texts have.
UNBREAKABLE = "/api/v1/operations/batch?counter_id=C01&branch_id=B001&token=" + "x" * 120


def _message_labels(workspace: QWidget) -> list[QLabel]:
    """The texts a workspace fills from outcomes: its message line, the print status, each field's error."""
    labels = [getattr(workspace, name) for name in ("message", "print_status") if hasattr(workspace, name)]
    labels += [field.error for field in getattr(workspace, "fields", {}).values()]
    labels += [label for label in workspace.findChildren(QLabel)
               if label.objectName() in ("state", "last_sync", "oldest")]
    return labels


def _fill(window, text: str) -> None:  # noqa: ANN001 - MainWindow
    for workspace in window.workspaces:
        for label in _message_labels(workspace):
            label.setText(text)
            label.show()
        if workspace.key == "bill":
            workspace.pending_box.setVisible(True)
    window.banner.set_connectivity(Connectivity("offline", pending=123456))
    window.notify(text)


def _totals_visible(window) -> None:  # noqa: ANN001 - MainWindow
    """Every big amount (应收, 找零, 应缴, ...) of the current workspace lies inside the window."""
    workspace = window.current_workspace()
    for amount in workspace.findChildren(AmountDisplay):
        if not amount.isVisibleTo(workspace):
            continue
        top_left = amount.mapTo(window, QPoint(0, 0))
        assert top_left.x() >= 0 and top_left.x() + amount.width() <= window.width(), \
            (workspace.key, amount.objectName(), top_left.x(), amount.width(), window.width())
        assert amount.width() >= amount.fontMetrics().horizontalAdvance("¥9,999.99"), \
            (workspace.key, amount.objectName(), amount.width())


# Both interface languages at both screen widths: the English labels are short enough for 1024 px (the full
# key list of a button is in its tooltip), with long Chinese and English messages alike.
@pytest.mark.parametrize(("width", "languages"), [(1366, ("zh_CN", "en")), (1024, ("zh_CN", "en"))])
def test_longest_messages_never_widen_the_window(qtbot, ctx, make_window, width, languages):
    window = make_window(fakes=False)
    window.resize(width, 768)
    QCoreApplication.processEvents()
    assert window.width() == width
    for language in languages:
        window.set_language(language)
        for text in (LONG_ZH, LONG_EN, UNBREAKABLE):
            _fill(window, text)
            for index in range(len(window.workspaces)):
                window.switch_to(index)
                QCoreApplication.processEvents()
                assert window.width() == width, (language, window.current_workspace().key, text[:20],
                                                 window.width())
                assert window.minimumSizeHint().width() <= width, (language, window.current_workspace().key,
                                                                   window.minimumSizeHint())
                _totals_visible(window)
    # Offline on the sync screen with the engine's long technical error: still the same width.
    sync = window.workspace("sync")
    window.switch_to("sync")
    status = SyncStatus("offline", 3, None, None, None, 0, last_error=LONG_EN + UNBREAKABLE)
    sync.show_state({"status": status, "stats": _Stats(), "queue": [], "exceptions": [], "held": {}, "jobs": []})
    QCoreApplication.processEvents()
    assert window.width() == width


def test_the_pickup_code_field_shows_its_whole_placeholder_at_1024(qtbot, ctx, make_window):
    """F1's code field was cut to "扫描或输入提货码 / 订…": in both languages its placeholder fits inside it (the
    8 px padding and 2 px border each side, as counter.qss has them), and the window still fits the screen."""
    window = make_window(fakes=False)
    window.resize(1024, 768)
    for language in ("zh_CN", "en"):
        window.set_language(language)
        pickup = window.switch_to("pickup")
        QCoreApplication.processEvents()
        code = pickup.code_field()
        room = code.width() - 2 * (8 + 2)
        assert code.fontMetrics().horizontalAdvance(code.placeholderText()) <= room, \
            (language, code.placeholderText(), code.width())
        assert window.width() == 1024


def test_a_long_message_is_elided_or_wrapped_with_the_whole_text_in_its_tooltip(qtbot, ctx, make_window):
    window = make_window(fakes=False)
    window.resize(1024, 768)
    sale = window.switch_to("sale")
    sale.complain(UNBREAKABLE)
    QCoreApplication.processEvents()
    assert sale.message.toolTip() == UNBREAKABLE and sale.message.wordWrap()
    assert window.width() == 1024
    # One line (a state, a status): cut with "…" to its room, the whole text in text() and the tooltip.
    box = QWidget()
    qtbot.add_widget(box)
    line = ElidedLabel(LONG_ZH)
    QHBoxLayout(box).addWidget(line)
    box.resize(300, 40)
    box.show()
    QCoreApplication.processEvents()
    assert box.width() == 300
    assert line.is_elided() and line.text() == LONG_ZH and line.toolTip() == LONG_ZH
    assert line.fontMetrics().horizontalAdvance(QLabel.text(line)) <= line.width()
    line.setText("在线")
    QCoreApplication.processEvents()
    assert not line.is_elided()


class _Stats:
    pending = 3
    oldest_pending_at = None
    last_delivered_at = None
