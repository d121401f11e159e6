"""缴费 workspace against the reference platform on loopback: a real bill looked up and paid in cash, the
platform marking it paid; a bill paid at another counter shown as paid and not taken again; offline (the
platform stopped) the look-up refused, or, where the branch allows it, the payment taken as pending and
confirmed by the platform once it is back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.domain.commands import OpenShift, PayBill
from counter_app.domain.model import BILLERS, Tender
from counter_app.domain.money import format_fen
from counter_app.ui.workspaces.bill import BillWorkspace
from platform_sim import admin
from tests.conftest import CLERK

from .ws_helpers import (  # noqa: F401
    approver,
    ctx,
    enrolled_counter,
    go_offline,
    online,
    platform,
    platform_rows,
    receipts,
    settle,
    show,
    type_enter,
    type_text,
)


@pytest.fixture
def counter(online):
    return online.counter


def _bill_entries(counter):
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "bill_payment"]


def _choose_biller(qtbot, ws, biller: str) -> None:
    number = BILLERS.index(biller) + 1
    qtbot.keyClick(ws.account, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
    assert ws.biller() == biller


def _platform_bill(platform, bill_id: str):
    [row] = platform_rows(platform.db_path, "SELECT customer_name, period, status, paid_op_id FROM bills"
                          " WHERE bill_id = ?", (bill_id,))
    return row


def test_bill_looked_up_on_the_platform_and_paid_in_cash_with_change(qtbot, ctx, counter, online, platform,
                                                                       receipts):
    bill_id, biller, account_no, due = admin.unpaid_bills(platform.db_path, limit=1)[0]
    customer_name, period, _, _ = _platform_bill(platform, bill_id)
    ws = show(qtbot, BillWorkspace(ctx))
    settle(qtbot, ctx)
    _choose_biller(qtbot, ws, biller)
    type_enter(qtbot, ws.code_field(), account_no)
    settle(qtbot, ctx)
    assert ws.error_beside("account_no") == ""
    assert ws.due.text() == format_fen(due) and ws.period.text() == period
    assert ws.customer.text().startswith(customer_name[0]) and account_no not in ws.customer.text()  # masked

    cash = (due // 10_000 + 1) * 10_000  # the next whole ¥100 above the amount due
    type_text(qtbot, ws.cash, str(cash // 100))
    assert ws.change.text() == format_fen(cash - due)
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    assert "缴费成功" in ws.message.text() and format_fen(cash - due) in ws.message.text()
    # The change stays on screen for the customer, labelled as the last payment's until the next bill.
    assert ws.change.text() == format_fen(cash - due) and ws.change_label.text() == "上笔找零"
    type_text(qtbot, ws.cash, "1")
    assert ws.change_label.text() == "找零"
    [entry] = _bill_entries(counter)
    payload = entry["payload"]
    assert (payload["bill_id"], payload["biller"], payload["amount_fen"], payload["change_fen"], payload["pending"]) \
        == (bill_id, biller, due, cash - due, False)
    assert receipts.printed == [(entry["op_id"], False)]

    report = online.engine.run_once()
    assert report.ok, report.errors
    assert _platform_bill(platform, bill_id)[2:] == ("paid", entry["op_id"])


def test_offline_look_up_is_refused_beside_the_account_when_the_branch_takes_no_pending_bills(
        qtbot, ctx, counter, online, platform):
    _, biller, account_no, _ = admin.unpaid_bills(platform.db_path, limit=1)[0]
    go_offline(platform, online)
    ws = show(qtbot, BillWorkspace(ctx))
    settle(qtbot, ctx)
    assert not ws.allow_pending
    _choose_biller(qtbot, ws, biller)
    type_enter(qtbot, ws.code_field(), account_no)
    settle(qtbot, ctx)
    assert "无法查询账单" in ws.error_beside("account_no")
    assert not ws.pending_box.isVisible() and ws.due.text() == "—"
    qtbot.keyClick(ws.account, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert "只有离线无法查询账单时" in ws.error_beside("account_no")
    assert _bill_entries(counter) == []


def test_offline_bill_taken_as_pending_where_the_branch_allows_it_and_confirmed_when_back(
        qtbot, ctx, counter, online, platform, clock):
    bill_id, biller, account_no, due = next(b for b in admin.unpaid_bills(platform.db_path) if b[3] <= 50_000)
    counter.update_settings(offline_rules={"allow_pending_bills": True})
    go_offline(platform, online)
    ws = show(qtbot, BillWorkspace(ctx))
    settle(qtbot, ctx)
    _choose_biller(qtbot, ws, biller)
    type_enter(qtbot, ws.code_field(), account_no)
    settle(qtbot, ctx)
    assert "无法查询账单" in ws.error_beside("account_no")
    assert ws.pending_box.isVisible()
    type_text(qtbot, ws.pending_amount, "600")
    type_text(qtbot, ws.cash, "600")
    qtbot.keyClick(ws.cash, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert "¥500.00" in ws.error_beside("amount")  # over the branch's offline limit per payment
    assert _bill_entries(counter) == []

    cash = (due // 10_000 + 1) * 10_000
    type_text(qtbot, ws.pending_amount, format_fen(due).lstrip("¥"))
    type_text(qtbot, ws.cash, str(cash // 100))
    assert ws.change.text() == format_fen(cash - due)
    qtbot.keyClick(ws.cash, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert "待确认" in ws.message.text()
    [entry] = _bill_entries(counter)
    assert entry["payload"]["pending"] is True and entry["payload"]["bill_id"] is None
    assert entry["payload"]["amount_fen"] == due

    # The platform is back: it matches the pending payment to the account's bill and marks it paid.
    platform.start()
    clock.advance(minutes=5)  # past the engine's retry backoff
    report = online.engine.run_once()
    assert report.ok and report.rejected == 0, report.errors
    assert _platform_bill(platform, bill_id)[2:] == ("paid", entry["op_id"])


def test_refuses_a_bill_already_paid_at_another_counter(qtbot, ctx, counter, platform, clock, tmp_path):
    bill_id, biller, account_no, due = admin.unpaid_bills(platform.db_path, limit=1)[0]
    other = enrolled_counter(platform, tmp_path / "other", clock, counter_id="C02")
    try:
        other.counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))
        bill = services.look_up_bill(biller, account_no, other.counter.deps)
        other.counter.run(services.pay_bill, PayBill(CLERK[0], biller, account_no, due, (Tender("cash", due),),
                                                     bill_id=bill.bill_id, period=bill.period))
        assert other.engine.run_once().ok
    finally:
        other.close()
    assert _platform_bill(platform, bill_id)[2] == "paid"

    ws = show(qtbot, BillWorkspace(ctx))
    settle(qtbot, ctx)
    _choose_biller(qtbot, ws, biller)
    type_enter(qtbot, ws.code_field(), account_no)
    settle(qtbot, ctx)
    assert ws.due.text() == format_fen(due)  # the platform's latest bill for the account, shown as it is
    assert ws.error_beside("account_no") == "该账单状态为 已缴清，无需缴费"

    type_text(qtbot, ws.cash, str(due // 100 + 1))
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    assert "无需缴费" in ws.error_beside("account_no") and "缴费成功" not in ws.message.text()
    assert _bill_entries(counter) == []
