"""The sync engine pulls the platform's corrections (更正) on its own cycle, at a bounded rate: a correction
issued on the reference platform shows at the counter without anyone opening the books dialog."""

from __future__ import annotations

import time

from counter_app.domain.services.dayclose import books_report
from platform_sim.books import issue_correction
from tests.conftest import FixedClock
from tests.sync.conftest import new_counter, platform  # noqa: F401  (fixture)

DAY = "2026-11-25"


def _issue(platform, counter, amount_fen: int, reason: str) -> str:
    return issue_correction(platform.db_path, branch_id="B001", counter_id=counter.settings()["counter_id"],
                            business_date=DAY, amount_fen=amount_fen, reason=reason)["correction_id"]


def test_a_correction_issued_on_the_platform_reaches_the_counter_by_the_engine_alone(platform, tmp_path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock(), poll_interval_s=0.2)
    engine.corrections_interval_s = 0.2
    heard: list[object] = []
    counter.subscribe(lambda change: heard.append(change))
    correction_id = _issue(platform, counter, -300, "手续费按新标准")
    engine.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if any(c.correction_id == correction_id for c in books_report(DAY, counter.uow()).corrections):
                break
            time.sleep(0.05)
    finally:
        engine.stop()
    report = books_report(DAY, counter.uow())
    [shown] = [c for c in report.corrections if c.correction_id == correction_id]
    assert shown.open and shown.amount_fen == -300
    assert report.suspense_fen == -300  # in suspense: no figure moved
    assert any(getattr(c, "sync", False) for c in heard)  # the screens hear of it


def test_corrections_are_pulled_at_most_once_per_interval(platform, tmp_path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock())
    # new_counter's first cycle pulled them already; within the interval no cycle asks again.
    _issue(platform, counter, 500, "平台多记")
    report = engine.run_once()
    assert report.ok and "corrections" not in report.pulled
    assert books_report(DAY, counter.uow()).corrections == []
    engine.corrections_interval_s = 0.0
    report = engine.run_once()
    assert report.ok and report.pulled["corrections"] == 1
    assert [c.amount_fen for c in books_report(DAY, counter.uow()).corrections] == [500]
