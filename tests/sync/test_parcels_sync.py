"""Parcels against the reference platform: tariff, regions and number blocks pulled; a parcel posted offline
appears on the platform after sync with its tracking number, and its status is visible through the look-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.domain.errors import PlatformError, Refused
from counter_app.domain.parcels.commands import VoidParcel
from counter_app.domain.parcels.numbers import is_valid_tracking_no
from counter_app.domain.services.parcels import accept_parcel, look_up_parcel, void_parcel
from counter_app.sync import attach_sync
from counter_app.sync.parcels import parcel_status, refill_numbers
from platform_sim.parcels import advance_parcel
from platform_sim.tariff import publish_tariff
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, FixedClock
from tests.domain.parcels.helpers import APPROVAL, posting
from tests.sync.conftest import local_outbox, new_counter, platform_query
from tests.sync.fault_proxy import FaultProxy, Schedule


def test_parcel_posted_offline_appears_on_the_platform_after_sync_and_its_status_is_visible(
        platform: PlatformProcess, tmp_path: Path) -> None:
    with FaultProxy(platform.port, Schedule()) as proxy:
        counter, _ = new_counter(platform, tmp_path / "c", clock=FixedClock(), platform_url=proxy.url)
        engine = attach_sync(counter)
        assert engine is not None and engine.run_once().ok
        with counter.uow().read() as uow:
            assert uow.parcels.tariff() is not None
            assert uow.parcels.numbers_left("domestic") >= 50 and uow.parcels.numbers_left("international") >= 50
            assert ("北京市", "北京市", "海淀区") in uow.parcels.search_regions("bjhd")

        proxy.schedule.forced = "drop"
        assert not engine.run_once().ok and not counter.deps.online()
        done = counter.run(accept_parcel, posting(1250))
        assert done.offline and is_valid_tracking_no(done.tracking_no)
        with pytest.raises(PlatformError):
            parcel_status(engine.client, done.tracking_no)

        proxy.schedule.forced = None
        assert engine.run_once().ok
        assert local_outbox(counter)[done.recorded.op_id] == "delivered"
        rows = platform_query(platform.db_path, "SELECT status, total_fen FROM parcels WHERE tracking_no = ?",
                              (done.tracking_no,))
        assert rows == [("accepted", done.quote.total_fen)]
        status = parcel_status(engine.client, done.tracking_no)
        assert status.status == "accepted" and status.status_zh == "揽收"
        assert advance_parcel(platform.db_path, done.tracking_no) == "in_transit"
        status = parcel_status(engine.client, done.tracking_no)
        assert status.status_zh == "运输中" and [e.status for e in status.events] == ["accepted", "in_transit"]
        # The screen's look-up goes through the service and the counter's online look-ups.
        track = look_up_parcel(done.tracking_no, counter.deps)
        assert (track.status, track.status_zh, len(track.events)) == ("in_transit", "运输中", 2)
        counter.close()


def test_void_before_dispatch_is_accepted_and_the_number_is_retired(platform: PlatformProcess, tmp_path: Path
                                                                   ) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock())
    done = counter.run(accept_parcel, posting(1000))
    voided = counter.run(void_parcel, VoidParcel(CLERK[0], done.tracking_no, "客户取消", APPROVAL))
    assert engine.run_once().ok
    assert parcel_status(engine.client, done.tracking_no).status == "voided"
    rows = platform_query(platform.db_path, "SELECT kind, status, amount_fen FROM ops WHERE op_id IN (?, ?) ORDER BY"
                          " kind", (done.recorded.op_id, voided.recorded.op_id))
    assert rows == [("parcel_posting", "accepted", 800), ("parcel_void", "accepted", 800)]
    # The counter's day report and the platform's reconciliation agree: the money went back.
    money = platform_query(platform.db_path, "SELECT SUM(amount_fen) FROM op_money WHERE op_id IN (?, ?)",
                           (done.recorded.op_id, voided.recorded.op_id))
    assert money == [(0,)]
    counter.close()


def test_offline_posting_stops_when_the_block_is_empty_and_resumes_after_a_refill(platform: PlatformProcess,
                                                                                 tmp_path: Path) -> None:
    with FaultProxy(platform.port, Schedule()) as proxy:
        counter, engine = new_counter(platform, tmp_path / "c", clock=FixedClock(), platform_url=proxy.url)
        engine = attach_sync(counter)
        assert engine is not None and engine.run_once().ok
        with counter.uow().read() as uow:
            left = uow.parcels.numbers_left("domestic")
        proxy.schedule.forced = "drop"
        engine.run_once()
        numbers = {counter.run(accept_parcel, posting(900)).tracking_no for _ in range(left)}
        assert len(numbers) == left
        with pytest.raises(Refused) as err:
            counter.run(accept_parcel, posting(900))
        assert err.value.code == "parcel_numbers_out_offline"
        proxy.schedule.forced = None
        assert engine.run_once().ok  # delivers the parcels and refills the block
        again = counter.run(accept_parcel, posting(900))
        assert again.tracking_no not in numbers
        assert engine.run_once().ok
        assert refill_numbers(engine.client, counter.store, at=lambda: "2026-11-25T10:00:00+08:00") == 0
        used = platform_query(platform.db_path, "SELECT COUNT(*), COUNT(DISTINCT tracking_no) FROM parcels")
        assert used[0][0] == used[0][1] >= left + 1
        counter.close()


def test_tariff_and_regions_are_fetched_again_only_when_the_platform_offers_another_version(
        platform: PlatformProcess, tmp_path: Path) -> None:
    """Every sync cycle used to fetch and rewrite the whole tariff and region list (2 of a cycle's 5 calls,
    2,000 counters every 30 s); the catalog page now says which versions are current."""
    clock = FixedClock()
    counter, engine = new_counter(platform, tmp_path / "c", clock=clock)
    assert engine.run_once().ok
    with counter.uow().read() as uow:
        first = uow.conn.execute("SELECT version, pulled_at FROM parcel_tariff").fetchone()
    clock.advance(minutes=5)
    assert engine.run_once().ok
    assert engine.last_report.pulled["parcels"] == 0  # nothing fetched, nothing rewritten
    with counter.uow().read() as uow:
        assert tuple(uow.conn.execute("SELECT version, pulled_at FROM parcel_tariff").fetchone()) == tuple(first)
        assert ("北京市", "北京市", "海淀区") in uow.parcels.search_regions("bjhd")

    publish_tariff(platform.db_path, "T2026.12", "2026-11-30", {"rounding": "fen"})
    clock.advance(minutes=5)
    assert engine.run_once().ok
    assert engine.last_report.pulled["parcels"] > 0
    with counter.uow().read() as uow:
        tariff = uow.parcels.tariff()
        assert tariff is not None and tariff.version == "T2026.12"
    done = counter.run(accept_parcel, posting(1250))
    assert engine.run_once().ok
    assert platform_query(platform.db_path, "SELECT status FROM ops WHERE op_id = ?",
                          (done.recorded.op_id,)) == [("accepted",)]
    counter.close()
