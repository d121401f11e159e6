"""A supervisor's 开钱箱 reaches the platform like any operation, exactly once, and counts in neither side's
business totals (the reconciliation still balances)."""

from __future__ import annotations

from counter_app.domain import services
from counter_app.domain.commands import OpenDrawer, SupervisorApproval
from counter_app.domain.services.queries import reconcile_day
from platform_sim.testing import PlatformProcess
from tests.conftest import SUPERVISOR
from tests.sync.conftest import new_counter, platform_ops


def test_drawer_opening_is_delivered_once_and_reconciliation_balances(platform: PlatformProcess, tmp_path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    try:
        opened = counter.run(services.open_drawer,
                             OpenDrawer("1001", "主管检查钱箱", SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])))
        assert engine.run_once().ok
        assert engine.run_once().ok  # a second cycle sends nothing again
        assert platform_ops(platform.db_path)[opened.recorded.op_id] == ("accepted", "drawer_opened")
        business_date = opened.recorded.envelope["business_date"]
        report, differences = reconcile_day(business_date, counter.uow(), counter.deps)
        assert differences == [] and "drawer_opened" not in report.by_kind
    finally:
        engine.stop()
        counter.close()
