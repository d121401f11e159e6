"""Logs: a full workflow (enrolment, sign-in PINs, a member found by phone, a card payment, sync, a receipt)
writes one line per operation, sync cycle and printer event to the rotating log, with no PIN, token, card
reference or full phone number in it, even where code logs such values carelessly."""

from __future__ import annotations

import logging
import sqlite3
from logging.handlers import RotatingFileHandler
from pathlib import Path

from counter_app.app.compose import SyncOptions, build
from counter_app.app.logs import configure_logging
from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import AccruePoints, CartLine, OpenShift, PlaceOrder, SupervisorApproval
from counter_app.domain.model import Tender
from counter_app.sync.enrolment import enrol
from platform_sim.admin import issue_enrolment_code

PIN = "739154"
SUP_PIN = "864213"
CARD_REF = "RRN4471902"


def test_a_full_workflow_log_holds_no_pin_token_card_reference_or_phone(platform, tmp_path: Path) -> None:
    conn = sqlite3.connect(platform.db_path)
    phone, member_id = conn.execute("SELECT phone, member_id FROM members ORDER BY member_id LIMIT 1").fetchone()
    conn.close()
    root = logging.getLogger()
    level = root.level
    path = configure_logging(tmp_path / "logs", level=logging.DEBUG, max_bytes=20_000, backups=3)
    assert path is not None
    try:
        data = tmp_path / "counter"
        counter = Counter(data)
        counter.configure(branch_id="B001", counter_id="C51", printer={"kind": "file",
                                                                       "file_path": str(tmp_path / "r.escpos")})
        counter.add_clerk("2001", "李明", "clerk", PIN)
        counter.add_clerk("9101", "赵主管", "supervisor", SUP_PIN)
        code = issue_enrolment_code(platform.db_path, "B001")
        enrol(counter, platform_url=platform.base_url, enrolment_code=code)
        token = counter.settings()["token"]
        counter.close()

        app = build(data, sync=SyncOptions(timeout=(2.0, 5.0)))
        try:
            assert app.sync is not None and app.sync.run_once().ok
            c = app.counter
            c.run(services.open_shift, OpenShift("2001", 20_000))
            view = services.identify_member(phone, c.uow(), c.deps)
            with c.uow() as uow:
                sku, price = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 LIMIT 1").fetchone()
            sold = c.run(services.place_order, PlaceOrder("2001", (CartLine(sku, 1),),
                                                         (Tender("bank_card", price, reference=CARD_REF),),
                                                         member_id=view.member.member_id))
            c.run(services.accrue_points, AccruePoints("2001", member_id, 5, "测试累计", SupervisorApproval("9101", SUP_PIN)))
            app.receipts.print_operation(sold.recorded.op_id)
            assert app.sync.run_once().ok
            # Careless logging is masked too.
            logging.getLogger("counter_app.careless").info("settings %s pin=%s phone %s reference=%s enrolment_code=%s",
                                                           c.settings(), PIN, phone, CARD_REF, code)
        finally:
            app.close()
    finally:
        for handler in list(root.handlers):
            if isinstance(handler, RotatingFileHandler) and handler.baseFilename == str(path):
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(path.parent.glob("counter_app.log*")))
    for secret in (PIN, SUP_PIN, token, CARD_REF, phone, code):
        assert secret not in text, secret
    assert phone[:3] + "****" + phone[-4:] in text
    assert "operation counter_order" in text and "operation points_accrual" in text
    assert "sync cycle: delivered=" in text and "printer: job" in text
    assert all(len(p.read_bytes()) <= 21_000 for p in path.parent.glob("counter_app.log*"))
