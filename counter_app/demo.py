"""``counter-app demo``: a reference platform on 127.0.0.1 with demo data, a counter enrolled at branch
B001, and the counter window on it. Everything lives in one folder, so the demo can be run again or
thrown away."""

from __future__ import annotations

import logging
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain.model import BILLER_NAMES_ZH
from counter_app.domain.money import format_fen

log = logging.getLogger(__name__)

DEMO_BRANCH = "B001"
DEMO_COUNTER = "C01"
DEMO_CLERKS = (("1001", "王芳", "clerk", "1234"), ("1002", "赵磊", "clerk", "1234"),
               ("9001", "李主管", "supervisor", "8888"))


def prepare_demo(data_dir: Path, *, port: int = 0):
    """Seed and start the platform, set up and enrol the counter, pull once. Returns (counter, server, engine)."""
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

    counter = Counter(data_dir / "counter")
    settings = counter.settings()
    if settings.get("platform_url") != server.api_url.rsplit("/api/v1", 1)[0] or not settings.get("token"):
        from counter_app.sync.enrolment import enrol

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

    from counter_app.sync import attach_sync

    engine = attach_sync(counter)
    if engine is not None:
        report = engine.run_once()
        pulled = report.pulled
        print(f"首次同步 / first sync: 商品 products {pulled.get('catalog', 0)}，会员 members "
              f"{pulled.get('members', 0)}，提货单 pickups {pulled.get('pickups', 0)}"
              + ("" if report.ok else f"；问题 problems: {'; '.join(report.errors_zh)}"))
    _print_hints(platform_db)
    return counter, server, engine


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
    counter, server, engine = prepare_demo(data_dir, port=port)
    try:
        if headless:
            return 0
        counter.close()
        if engine is not None:
            engine.stop()
        from counter_app.ui.app import run_app

        return run_app(data_dir=Path(data_dir).resolve() / "counter", language=language)
    finally:
        if engine is not None:
            engine.stop()
        server.stop()
