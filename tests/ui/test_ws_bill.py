"""缴费 workspace: look the bill up, pay it with cash and change; offline, refusal or the pending path.

The reference platform's counter-side client (the sync engine's look-ups) is not in the tree yet, so the
online look-up here goes through a stand-in for the ``PlatformLookups`` port the services use.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from counter_app.domain import services
from counter_app.domain.errors import PlatformError
from counter_app.domain.model import Bill
from counter_app.ui.workspaces.bill import BillWorkspace

from .ws_helpers import approver, ctx, receipts, settle, show, type_enter, type_text  # noqa: F401


@dataclass
class PlatformStandIn:
    online: bool = True

    def is_online(self) -> bool:
        return self.online

    def find_bill(self, biller: str, account_no: str) -> Bill:
        if not self.online:
            raise PlatformError("platform_unavailable", "平台无法连接", "The platform cannot be reached")
        return Bill("BILL-E-0001", biller, account_no, account_no[:2] + "****" + account_no[-2:], "刘*",
                    "2026-10", 8850)


def _bill_entries(counter):
    return [e for e in services.queries.journal_entries(counter.uow()) if e["kind"] == "bill_payment"]


def test_bill_looked_up_and_paid_in_cash_with_change(qtbot, ctx, counter, receipts):
    counter.deps.platform = PlatformStandIn()
    ws = show(qtbot, BillWorkspace(ctx))
    qtbot.keyClick(ws.account, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # 电费
    assert ws.biller() == "electricity"
    type_enter(qtbot, ws.code_field(), "3100123456")
    settle(qtbot, ctx)
    assert ws.due.text() == "¥88.50" and "刘*" in ws.customer.text() and ws.period.text() == "2026-10"
    type_text(qtbot, ws.cash, "100")
    assert ws.change.text() == "¥11.50"
    qtbot.keyClick(ws.cash, Qt.Key.Key_F12)
    settle(qtbot, ctx)
    assert "缴费成功" in ws.message.text() and "¥11.50" in ws.message.text()
    [entry] = _bill_entries(counter)
    payload = entry["payload"]
    assert (payload["bill_id"], payload["biller"], payload["amount_fen"], payload["change_fen"], payload["pending"]) \
        == ("BILL-E-0001", "electricity", 8850, 1150, False)
    assert receipts.printed == [(entry["op_id"], False)]


def test_offline_look_up_is_refused_beside_the_account_when_the_branch_takes_no_pending_bills(qtbot, ctx, counter):
    counter.deps.platform = PlatformStandIn(online=False)
    ws = show(qtbot, BillWorkspace(ctx))
    settle(qtbot, ctx)
    type_enter(qtbot, ws.code_field(), "3100123456")
    settle(qtbot, ctx)
    assert "无法查询账单" in ws.error_beside("account_no")
    assert not ws.pending_box.isVisible()
    qtbot.keyClick(ws.account, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert _bill_entries(counter) == []


def test_offline_bill_taken_as_pending_where_the_branch_allows_it(qtbot, ctx, counter):
    counter.update_settings(offline_rules={"allow_pending_bills": True})
    ws = show(qtbot, BillWorkspace(ctx))
    settle(qtbot, ctx)
    type_enter(qtbot, ws.code_field(), "3100123456")
    settle(qtbot, ctx)
    assert "无法查询账单" in ws.error_beside("account_no")
    assert ws.pending_box.isVisible()
    type_text(qtbot, ws.pending_amount, "600")
    type_text(qtbot, ws.cash, "600")
    qtbot.keyClick(ws.cash, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert "¥500.00" in ws.error_beside("amount")  # over the branch's offline limit per payment
    type_text(qtbot, ws.pending_amount, "88.50")
    type_text(qtbot, ws.cash, "100")
    assert ws.change.text() == "¥11.50"
    qtbot.keyClick(ws.cash, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert "待确认" in ws.message.text()
    [entry] = _bill_entries(counter)
    assert entry["payload"]["pending"] is True and entry["payload"]["bill_id"] is None
    assert entry["payload"]["amount_fen"] == 8850
