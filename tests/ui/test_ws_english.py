"""The workspaces in English: labels from counter_workspaces_en.ts, refusals in the clerk's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTranslator, Qt
from PySide6.QtWidgets import QApplication

from counter_app.ui.i18n import TsTranslator, build_qm
from counter_app.ui.workspaces.bill import BillWorkspace
from counter_app.ui.workspaces.member import MemberWorkspace
from counter_app.ui.workspaces.pickup import PickupWorkspace
from counter_app.ui.workspaces.report import ReportWorkspace
from counter_app.ui.workspaces.sale import SaleWorkspace
from counter_app.ui.workspaces.sync import SyncWorkspace

from .ws_helpers import approver, ctx, receipts, settle, show, type_enter, type_text  # noqa: F401

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "counter_workspaces_en.ts"
WORKSPACES = [PickupWorkspace, SaleWorkspace, BillWorkspace, MemberWorkspace, ReportWorkspace, SyncWorkspace]


def test_every_workspace_string_has_an_english_translation():
    assert TS.is_file()
    translator = TsTranslator(TS)
    assert len(translator.messages) > 150
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text


def test_workspaces_have_their_keys_titles_and_function_keys(qtbot, ctx):
    keys = [(cls.key, cls.title_zh, cls.shortcut) for cls in WORKSPACES]
    assert keys == [("pickup", "提货", "F1"), ("sale", "销售/下单", "F2"), ("bill", "缴费", "F3"),
                    ("member", "会员", "F4"), ("report", "日结", "F5"), ("sync", "同步", "F6")]
    shown = [cls(ctx) for cls in WORKSPACES]
    for ws, cls in zip(shown, WORKSPACES):
        qtbot.addWidget(ws)
        assert ws.title() == cls.title_zh
    settle(qtbot, ctx)


def test_sale_in_english_labels_and_refusal_beside_the_field(qtbot, ctx, tmp_path):
    translator = QTranslator()
    qm = build_qm(TS, tmp_path)
    assert qm is not None and translator.load(str(qm))
    app = QApplication.instance()
    app.installTranslator(translator)
    try:
        ctx.language = "en"
        ws = show(qtbot, SaleWorkspace(ctx))
        assert ws.findChild(type(ws.cart_table).__mro__[1], "cart") is not None
        pay = [b for b in ws.findChildren(type(ws.reprint_button)) if b.objectName() == "pay"][0]
        # The label names the main key (a label with all three made the screen wider than 1024 px); the
        # tooltip names every key.
        assert pay.text() == "Take payment (F12)"
        assert pay.toolTip() == "Take payment (F12 / Ctrl+Return / Ctrl+Enter)"
        assert ws.title() == "Sale"
        type_enter(qtbot, ws.code_field(), "6901234567892")
        settle(qtbot, ctx)
        type_text(qtbot, ws.cash, "100")
        assert ws.still_due.text() == "Still due ¥28.00"
        qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
        settle(qtbot, ctx)
        assert ws.error_beside("tender") == "Payment is short by ¥28.00"
    finally:
        app.removeTranslator(translator)


def test_a_second_write_while_one_is_recorded_is_told_in_english_on_any_workspace(qtbot, ctx, tmp_path):
    """"正在办理上一笔业务，请稍候" is CounterWorkspace's: every screen that writes says it in English too."""
    translator = QTranslator()
    qm = build_qm(TS, tmp_path)
    assert qm is not None and translator.load(str(qm))
    app = QApplication.instance()
    app.installTranslator(translator)
    try:
        ctx.language = "en"
        ws = show(qtbot, PickupWorkspace(ctx))
        type_enter(qtbot, ws.code_field(), "482913")
        settle(qtbot, ctx)
        ws._writing = True  # the first hand-over is still being recorded on the worker
        qtbot.keyClick(ws.code_field(), Qt.Key.Key_Return)
        assert ws.message.text() == "The previous operation is still being done; please wait"
    finally:
        app.removeTranslator(translator)
