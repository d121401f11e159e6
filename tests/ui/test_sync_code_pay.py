"""F6 同步 lists the code payments whose result is unknown (they block closing the shift): "query again" settles
one through the reference platform (never a second charge), and a supervisor writes one off with a reason in
the REAL supervisor dialog with a real PIN; the service records who and why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.domain.codepay import State
from counter_app.domain.commands import CartLine, PlaceOrder
from counter_app.ui.supervisor import dialog_approver
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.sync import SyncWorkspace
from tests.conftest import CLERK

from .ws_helpers import (  # noqa: F401
    answer_supervisor,
    approver,
    ctx,
    engine,
    go_offline,
    online,
    platform,
    receipts,
    settle,
    show,
    type_text,
)


@pytest.fixture
def counter(online):
    return online.counter


def _asked(counter, code: str) -> str:
    """A code payment recorded as asked whose collect never went out (the counter died right after)."""
    with counter.uow() as uow:
        sku, = uow.conn.execute("SELECT sku FROM catalog WHERE active = 1 AND price_fen > 0 LIMIT 1").fetchone()
    sale = PlaceOrder(CLERK[0], (CartLine(sku, 1),), ())
    payment = services.ask_code_payment(services.AskCodePayment(CLERK[0], code, sale), counter.uow(), counter.deps)
    return payment.payment_id


def _state(counter, payment_id: str) -> State:
    with counter.uow() as uow:
        return uow.code_payments.get(payment_id).state


def _sync_screen(qtbot, ctx) -> SyncWorkspace:
    ws = show(qtbot, SyncWorkspace(ctx))
    ws.code_poll_interval_s = 0.2
    settle(qtbot, ctx)
    return ws


def test_unknown_code_payments_are_listed_and_query_again_settles_one(qtbot, ctx, counter, engine):
    payment_id = _asked(counter, "134567890123450000")
    ws = _sync_screen(qtbot, ctx)
    assert ws.code_payments_box.isVisible()
    [row] = table_rows(ws.code_payments)
    assert row[0] == "微信支付" and row[2] == "已发起" and "*" in row[4] and "134567890123450000" not in row
    ws.code_payments.selectRow(0)
    qtbot.keyClick(ws.code_payments, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "查询结果" in ws.message.text(), timeout=15_000)
    settle(qtbot, ctx)
    # The collect never reached the acquirer: the query finds nothing and the payment is cancelled, no sale.
    assert _state(counter, payment_id) == State.CANCELLED and "已撤销" in ws.message.text()
    qtbot.waitUntil(lambda: table_rows(ws.code_payments) == [], timeout=5000)
    assert not ws.code_payments_box.isVisible()  # nothing left: the screen is as it was
    assert [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "counter_order"] == []


def test_query_again_offline_says_so_at_once(qtbot, ctx, counter, online, platform, engine):
    payment_id = _asked(counter, "284567890123451001")
    go_offline(platform, online)
    ws = _sync_screen(qtbot, ctx)
    ws.code_payments.selectRow(0)
    qtbot.keyClick(ws.code_payments, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, ctx)
    assert "付款码暂不可用" in ws.message.text() and _state(counter, payment_id) == State.ASKED


def test_a_supervisor_writes_one_off_with_a_reason_in_the_real_dialog(qtbot, ctx, counter, engine):
    payment_id = _asked(counter, "134567890123451002")
    ctx.approver = dialog_approver(lambda: ws)  # the shell's approver, not a stand-in
    ws = _sync_screen(qtbot, ctx)
    ws.code_payments.selectRow(0)
    qtbot.keyClick(ws.code_payments, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert ws.error_beside("reason") == "请填写核销原因"  # no reason: the supervisor is not even asked
    assert _state(counter, payment_id) == State.ASKED
    type_text(qtbot, ws.write_off_reason, "acquirer confirms nothing taken")
    seen: list[str] = []
    answer_supervisor(qtbot, seen)
    qtbot.keyClick(ws.write_off_reason, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    settle(qtbot, ctx)
    assert seen[0] == "付款码支付核销"
    assert _state(counter, payment_id) == State.WRITTEN_OFF and "已核销" in ws.message.text()
    with counter.uow() as uow:
        step = uow.conn.execute("SELECT state, supervisor_id FROM code_payment_steps WHERE payment_id = ?"
                                " ORDER BY step_id DESC LIMIT 1", (payment_id,)).fetchone()
        reason, = uow.conn.execute("SELECT reason FROM code_payments WHERE payment_id = ?", (payment_id,)).fetchone()
    assert tuple(step) == ("written_off", "9001") and reason == "acquirer confirms nothing taken"
    qtbot.waitUntil(lambda: table_rows(ws.code_payments) == [], timeout=5000)
    assert ws.write_off_reason.text() == ""


def test_in_english_the_wallets_and_states_have_english_names(qtbot, ctx, counter, engine):
    _asked(counter, "134567890123450000")
    _asked(counter, "284567890123450000")
    ctx.language = "en"
    ws = _sync_screen(qtbot, ctx)
    rows = table_rows(ws.code_payments)
    assert sorted(r[0] for r in rows) == ["Alipay", "WeChat Pay"] and {r[2] for r in rows} == {"Asked"}
