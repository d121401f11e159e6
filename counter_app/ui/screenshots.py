"""Offscreen screenshots of the counter (``counter-app screenshots DIR``): the login window, every
workspace with a clerk signed in and a shift open, the lock screen and the shift dialogs."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import (
    AccruePoints,
    CartLine,
    Login,
    OpenShift,
    PayBill,
    PlaceOrder,
    RefundOrder,
    SupervisorApproval,
)
from counter_app.domain.model import Tender

log = logging.getLogger(__name__)

SIZE = (1366, 768)


def _settle(app, rounds: int = 5) -> None:  # noqa: ANN001 - QApplication
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(rounds):
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        app.processEvents()


def _drain(app, ctx, timeout_s: float = 15.0) -> None:  # noqa: ANN001 - QApplication, UiContext
    """Until the worker has no job left and every callback has run on the GUI thread."""
    deadline = time.monotonic() + timeout_s
    while True:
        _settle(app)
        if ctx.runner.running == 0:
            _settle(app)
            if ctx.runner.running == 0:
                return
        if time.monotonic() > deadline:
            raise TimeoutError("the worker did not go quiet")
        ctx.runner.wait_idle(50)


def seed_day(counter: Counter, clerk_id: str) -> dict[str, str]:
    """A morning's work through the services: the shift, four sales (cash, bank card, a member paying partly in
    points), a pending bill, points accrued by hand, a refund. Returns what the screens then show."""
    from counter_app.demo_data import MEMBER, SUPERVISOR

    boss = SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])
    counter.update_settings(offline_rules={"allow_pending_bills": True})
    shift = counter.run(services.open_shift, OpenShift(clerk_id, 50_000)).shift
    sales = [
        ((CartLine("P-STAMP-2026", 2), CartLine("P-WATER", 1)), (Tender("cash", 30_000),), None),
        ((CartLine("P-TEA", 1),), (Tender("bank_card", 36_800, reference="T8812034"),), None),
        ((CartLine("P-STAMP-2026", 1), CartLine("P-WATER", 4)), (Tender("points", 1_000, points=1_000),
                                                                 Tender("cash", 20_000)), MEMBER.member_id),
        ((CartLine("P-WATER", 2),), (Tender("cash", 1_000),), None),
    ]
    placed = [counter.run(services.place_order, PlaceOrder(clerk_id, lines, tenders, member_id=member))
              for lines, tenders, member in sales]
    counter.run(services.pay_bill, PayBill(clerk_id, "water", "2200456789", 6_420, (Tender("cash", 10_000),)))
    counter.run(services.accrue_points, AccruePoints(clerk_id, MEMBER.member_id, 200, "集邮活动奖励", boss))
    counter.run(services.refund_order, RefundOrder(clerk_id, placed[3].order_no, "商品破损", boss))
    return {"shift_id": shift.shift_id, "order_no": placed[0].order_no}


def render_all(out_dir: Path | str, *, language: str = "zh_CN") -> list[Path]:
    """Render the shell and every workspace at work (1366×768) to PNG files in ``out_dir``; returns their paths.

    The counter is the demo counter, offline: a day of operations is seeded through the services first, then
    each workspace is driven to a typical moment (a cart being paid, a pickup found, a pending bill, ...).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from counter_app.demo_data import CLERK, MEMBER_PHONE, PICKUP_CODE, PRODUCTS, seed_counter
    from counter_app.ui.app import build_context, build_main_window, prepare_application
    from counter_app.ui.context import Session
    from counter_app.ui.login import LoginWindow
    from counter_app.ui.i18n import switch_language
    from counter_app.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog
    from counter_app.ui.worker import Runner

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = prepare_application()
    paths: list[Path] = []

    with tempfile.TemporaryDirectory(prefix="counter-shots-") as tmp:
        counter = Counter(Path(tmp) / "counter")
        receipts = None
        try:
            seed_counter(counter)
            ctx = build_context(counter, language=language, runner=Runner())
            switch_language(ctx, language)
            ctx.approver = lambda _action: None
            try:
                from counter_app.receipts import ReceiptService

                ctx.receipts = receipts = ReceiptService(counter)  # receipt previews on the report screen
            except Exception:  # noqa: BLE001 - screenshots without previews are still screenshots
                log.warning("receipt service not available; no receipt preview", exc_info=True)

            def save(widget, name: str) -> None:  # noqa: ANN001 - QWidget
                _drain(app, ctx)
                path = out / f"{len(paths) + 1:02d}-{name}.png"
                if not widget.grab().save(str(path)):
                    raise OSError(f"cannot write {path}")
                paths.append(path)

            login = LoginWindow(ctx)
            login.resize(*SIZE)
            login.show()
            save(login, "login")
            login.close()

            clerk = services.login(Login(CLERK[0], CLERK[3]), counter.uow(), counter.deps)
            ctx.session = Session(clerk.clerk_id, clerk.name, clerk.role)
            window = build_main_window(ctx)
            window.show()
            window.resize(*SIZE)
            save(window, "shift-gate")
            dialog = OpenShiftDialog(ctx, window)
            dialog.float_fen.setText("500.00")
            dialog.show()
            save(dialog, "open-shift")
            dialog.close()

            day = seed_day(counter, clerk.clerk_id)
            ctx.session.shift_id = day["shift_id"]
            window.update_gate()
            _drain(app, ctx)

            pickup = window.switch_to("pickup")
            pickup.code.setText(PICKUP_CODE)
            pickup.look_up()
            save(window, "workspace-pickup")

            sale = window.switch_to("sale")
            by_sku = {p.sku: p for p in PRODUCTS}
            for sku in ("P-STAMP-2026", "P-TEA", "P-WATER"):
                sale.add_product(by_sku[sku])
            _drain(app, ctx)
            sale.member.setText(MEMBER_PHONE)
            sale.identify()
            _drain(app, ctx)
            sale.cash.setText("500.00")
            sale.cash.setFocus()
            save(window, "workspace-sale")

            bill = window.switch_to("bill")
            bill.billers.button(2).click()  # electricity
            _drain(app, ctx)
            bill.account.setText("3100123456")
            bill.look_up()  # offline: the branch allows a pending payment
            _drain(app, ctx)
            bill.pending_amount.setText("128.50")
            bill.cash.setText("150")
            save(window, "workspace-bill")

            member = window.switch_to("member")
            member.key_edit.setText(MEMBER_PHONE)
            member.identify()
            save(window, "workspace-member")

            report = window.switch_to("report")
            _drain(app, ctx)
            if report.journal.rowCount():
                report.journal.selectRow(min(1, report.journal.rowCount() - 1))
            save(window, "workspace-report")

            window.switch_to("sync")
            save(window, "workspace-sync")

            close = CloseShiftDialog(ctx, window)
            _drain(app, ctx)
            for denomination, pieces in ((10000, 4), (5000, 1), (1000, 4), (100, 8), (50, 3)):
                close.counts[denomination].setValue(pieces)
            close.show()
            save(close, "close-shift")
            close.close()

            window.lock()
            save(window, "lock")
            window.close()
            # Gone before the store is: a window left over would answer the next render's language change
            # by reading this counter's store after its folder was deleted.
            window.deleteLater()
            _drain(app, ctx)
        finally:
            if receipts is not None:  # its queue thread reads the store: stopped before the store goes
                receipts.close()
            counter.close()
    log.info("%d screenshots in %s", len(paths), out)
    return paths
