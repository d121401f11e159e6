"""付款码 at the counter, driven for real: scan a code, the waiting state on the clerk's dialog and on the customer
display (客显), then success; against the reference platform on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from counter_app.bootstrap import Counter
from counter_app.domain.commands import CartLine, PlaceOrder
from counter_app.ui.app import build_context
from counter_app.ui.code_pay_dialog import CodePayDialog
from counter_app.ui.customer_display import CustomerDisplay
from counter_app.ui.worker import Runner
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK
from tests.sync.conftest import new_counter, platform  # noqa: F401 - the reference platform fixture


@pytest.fixture
def online_counter(platform: PlatformProcess, tmp_path: Path) -> Iterator[Counter]:
    counter, _ = new_counter(platform, tmp_path / "c")
    yield counter
    counter.close()


def test_scan_a_code_waiting_on_both_displays_then_success(qtbot, styled_app, online_counter: Counter) -> None:  # noqa: ANN001
    counter = online_counter
    with counter.uow() as uow:
        sku, name, price = uow.conn.execute(
            "SELECT sku, name, price_fen FROM catalog WHERE active = 1 AND price_fen > 0 LIMIT 1").fetchone()
    ctx = build_context(counter, runner=Runner())
    display = CustomerDisplay()
    qtbot.addWidget(display)
    display.place()
    display.show_cart([(name, 1, price)], price, member_masked="138****1234")
    sale = PlaceOrder(CLERK[0], (CartLine(sku, 1),), ())
    done = []
    dialog = CodePayDialog(ctx, sale, price, display=display, poll_interval_s=0.4, on_done=done.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert display.status.text() == "请出示付款码" and "￥" in display.due.text()
    assert display.member.text() == "会员 138****1234"  # only the masked phone
    qtbot.keyClicks(dialog.code, "13" + "572468013579" + "1001")  # waits for the password, paid at the 2nd query
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "等待" in dialog.status.text() and "输入支付密码" in display.status.text(), timeout=10_000)
    assert not dialog.close_button.isEnabled()  # no leaving while the payment has no result
    qtbot.waitUntil(lambda: bool(done), timeout=15_000)
    assert dialog.status.text() == "支付成功" and display.status.text() == "支付成功，谢谢惠顾"
    assert done[0].placed is not None and dialog.close_button.isEnabled()
    # Nothing but the customer's view on the display: no buttons, no input fields.
    from PySide6.QtWidgets import QAbstractButton, QLineEdit
    assert not display.findChildren(QAbstractButton) and not display.findChildren(QLineEdit)
    ctx.runner.wait_idle()


def test_a_code_that_is_no_payment_code_is_refused_on_the_dialog(qtbot, styled_app, online_counter: Counter) -> None:  # noqa: ANN001
    ctx = build_context(online_counter, runner=Runner())
    with online_counter.uow() as uow:
        sku, price = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 LIMIT 1").fetchone()
    dialog = CodePayDialog(ctx, PlaceOrder(CLERK[0], (CartLine(sku, 1),), ()), price)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "6901234567892")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "付款码" in dialog.status.text() and dialog.code.isEnabled(), timeout=5000)
    ctx.runner.wait_idle()
