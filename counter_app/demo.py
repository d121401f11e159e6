"""``counter-app demo``: a reference platform on 127.0.0.1 with demo data, a counter enrolled at branch
B001, and the counter window on it. Everything lives in one folder, so the demo can be run again or
thrown away."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.app.compose import App, build
from counter_app.domain.model import BILLER_NAMES_ZH
from counter_app.domain.money import format_fen
from counter_app.sync.enrolment import enrol

if TYPE_CHECKING:
    from platform_sim.testing import PlatformProcess

log = logging.getLogger(__name__)

DEMO_BRANCH = "B001"
DEMO_COUNTER = "C01"
DEMO_CLERKS = (("1001", "王芳", "clerk", "1234"), ("1002", "赵磊", "clerk", "1234"),
               ("9001", "李主管", "supervisor", "8888"))


def prepare_demo(data_dir: Path, *, port: int = 0) -> tuple[App, PlatformProcess]:
    """Seed and start the platform, set up and enrol the counter, pull once. Returns (app, server)."""
    from platform_sim import admin
    from platform_sim.seed import seed
    from platform_sim.testing import PlatformProcess, free_port

    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    platform_db = data_dir / "platform.sqlite3"
    if not platform_db.exists():
        print("正在生成演示数据 / seeding the demo platform ...")
        seed(platform_db, demo=True)
    server = PlatformProcess(platform_db, port=port or free_port(), log_path=data_dir / "platform.log").start()

    app = build(data_dir / "counter")
    counter = app.counter
    settings = counter.settings()
    if settings.get("platform_url") != server.api_url.rsplit("/api/v1", 1)[0] or not settings.get("token"):
        if not settings.get("branch_id"):
            counter.configure(branch_id=DEMO_BRANCH, counter_id=DEMO_COUNTER)
            for clerk in DEMO_CLERKS:
                counter.add_clerk(*clerk)
            counter.update_settings(
                printer={"kind": "file", "file_path": str(data_dir / "receipts.escpos"), "paper_mm": 80},
                offline_rules={"allow_pending_bills": True, "pending_bill_max_fen": 50_000,
                               "pending_bill_shift_max_fen": 200_000, "offline_redeem_cap_per_member_day": 5_000},
                idle_lock_minutes=5,
            )
        code = admin.issue_enrolment_code(platform_db, DEMO_BRANCH)
        enrol(counter, platform_url=server.base_url, enrolment_code=code)
        app.enable_sync()  # enrolled now: the platform link and the engine, as the first-run set-up does
    if app.sync is not None:
        report = app.sync.run_once()
        pulled = report.pulled
        print(f"首次同步 / first sync: 商品 products {pulled.get('catalog', 0)}，会员 members "
              f"{pulled.get('members', 0)}，提货单 pickups {pulled.get('pickups', 0)}"
              + ("" if report.ok else f"；问题 problems: {'; '.join(report.errors_zh)}"))
    _print_hints(platform_db)
    return app, server


def _print_hints(platform_db: Path) -> None:
    from platform_sim import admin

    print("营业员 clerks: 1001 / 1234, 1002 / 1234；主管 supervisor: 9001 / 8888")
    codes = admin.pickup_codes(platform_db, DEMO_BRANCH, limit=5)
    print("提货码 pickup codes: " + ", ".join(f"{code} ({order_no})" for order_no, code in codes))
    phones = admin.member_phones(platform_db, limit=3)
    print("会员手机 member phones: " + ", ".join(f"{phone} ({points} 分)" for _, phone, points in phones))
    bills = admin.unpaid_bills(platform_db, limit=3)
    print("待缴账单 bills: " + ", ".join(f"{BILLER_NAMES_ZH.get(biller, biller)} {account} {format_fen(due)}"
                                          for _, biller, account, due in bills))


def run_demo(*, data_dir: Path, language: str = "zh_CN", port: int = 0, headless: bool = False) -> int:
    """Start the whole demo; with ``headless`` set everything up, print the hints and stop."""
    app, server = prepare_demo(data_dir, port=port)
    try:
        app.close()  # the window builds its own (and claims the data folder)
        if headless:
            return 0
        from counter_app.ui.app import run_app

        return run_app(data_dir=Path(data_dir).resolve() / "counter", language=language)
    finally:
        server.stop()
