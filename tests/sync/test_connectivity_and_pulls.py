"""Link state follows real calls; pulls resume from their cursors; look-ups cache and translate."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints, CartLine, PlaceOrder, SupervisorApproval, VoidOrder
from counter_app.domain.errors import NotFound, PlatformError
from counter_app.domain.model import Tender
from counter_app.domain import derivation
from counter_app.store import sync_state
from counter_app.sync import SyncStatus, attach_sync
from platform_sim.admin import cancel_pickup, member_phones, pickup_codes
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, SUPERVISOR, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter, platform_query
from tests.sync.fault_proxy import FaultProxy, Schedule


def test_link_state_moves_online_offline_degraded_online_from_real_calls(platform: PlatformProcess,
                                                                         tmp_path: Path) -> None:
    with FaultProxy(platform.port, Schedule()) as proxy:
        counter, _ = new_counter(platform, tmp_path / "c")
        counter.update_settings(platform_url=proxy.url)
        engine = attach_sync(counter)
        assert engine is not None
        changes: list[tuple[str, str]] = []
        statuses: list[SyncStatus] = []
        engine.connectivity.subscribe(lambda old, new: changes.append((old, new)))
        engine.subscribe(statuses.append)
        assert engine.status().state == "offline"  # nothing known before the first call
        engine.run_once()
        assert engine.status().state == "online" and counter.deps.online()
        proxy.schedule.forced = "drop"
        engine.run_once()
        assert engine.status().state == "offline" and not counter.deps.online()
        proxy.schedule.forced = "status_503"
        engine.run_once()
        assert engine.status().state == "degraded" and not counter.deps.online()
        proxy.schedule.forced = None
        engine.run_once()
        assert engine.status().state == "online"
        assert changes == [("offline", "online"), ("online", "offline"), ("offline", "degraded"),
                           ("degraded", "online")]
        # Listeners hear each change of state in order (a state may be announced more than once while its
        # queue figures or retry time move: those repeats are not changes).
        states = [s.state for s in statuses]
        heard = [state for i, state in enumerate(states) if i == 0 or states[i - 1] != state]
        assert heard[-4:] == ["online", "offline", "degraded", "online"]
        assert engine.status().last_success_at is not None
        counter.close()


def test_status_counts_queue_oldest_unsent_and_open_exceptions(platform: PlatformProcess, tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        sku, price = uow.conn.execute("SELECT sku, price_fen FROM catalog WHERE active = 1 LIMIT 1").fetchone()
    placed = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), (Tender("cash", price),)))
    status = engine.status()
    assert status.outbox_pending == 2 and status.oldest_unsent_at is not None  # shift_open + the sale
    engine.run_once()
    assert engine.status().outbox_pending == 0 and engine.status().open_exceptions == 0
    assert local_outbox(counter)[placed.recorded.op_id] == "delivered"
    counter.close()


def test_void_never_overtakes_its_order_and_waits_behind_its_rejection(platform: PlatformProcess,
                                                                       tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        sku = uow.conn.execute("SELECT sku FROM catalog WHERE active = 1 LIMIT 1").fetchone()[0]
    unpaid = counter.run(services.place_order, PlaceOrder(CLERK[0], (CartLine(sku, 1),), None))
    void = counter.run(services.void_order, VoidOrder(CLERK[0], unpaid.order_no, "不要了",
                                                      SupervisorApproval(SUPERVISOR[0], SUPERVISOR[3])))
    batch = sync_state.next_batch(counter.store, now="9999", limit=100)
    assert [m.op_id for m in batch if m.aggregate_id == unpaid.order_no] == [unpaid.recorded.op_id]
    report = engine.run_once()
    assert report.ok and report.delivered == 3 and report.batches == 2
    assert local_outbox(counter)[void.recorded.op_id] == "delivered"
    counter.close()


def test_interrupted_pull_resumes_from_its_cursor(platform: PlatformProcess, tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    # Forget the member stream, then pull it in pages of 20, failing after the second page.
    with counter.uow() as uow:
        uow.conn.execute("DELETE FROM sync_cursors WHERE stream = 'members'")
        uow.conn.execute("DELETE FROM members")
        uow.commit()
    calls = {"n": 0}
    real = engine.client.members_page

    def flaky(cursor, *, limit=20, deadline_s=None):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise PlatformError("platform_unavailable", "断网", "link down", transient=True)
        return real(cursor, limit=20, deadline_s=deadline_s)

    engine.client.members_page = flaky  # type: ignore[method-assign]
    report = engine.run_once(push=False)
    assert not report.ok
    with counter.uow() as uow:
        assert uow.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 40
    cursor_after_two = sync_state.get_cursor(counter.store, "members")
    assert cursor_after_two
    report = engine.run_once(push=False)
    served = platform_query(platform.db_path, "SELECT COUNT(*) FROM members WHERE home_branch_id = 'B001' OR member_id"
                            " IN (SELECT member_id FROM member_visits WHERE branch_id = 'B001')")[0][0]
    assert report.ok and report.pulled["members"] == served - 40  # only the rest
    with counter.uow() as uow:
        assert uow.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == served
    counter.close()


def test_catalog_pull_stores_pinyin_initials_and_the_points_rule(platform: PlatformProcess, tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        rows = uow.conn.execute("SELECT name, pinyin_initials FROM catalog").fetchall()
        rule = uow.settings.get("points_rule")
    assert rows and all(r[1] for r in rows)
    assert rule["earn_fen_per_point"] == 100
    counter.close()


def test_manifest_pull_brings_cancellations_and_lookups_cache_members(platform: PlatformProcess,
                                                                      tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    order_no, _ = pickup_codes(platform.db_path, "B001", limit=3)[-1]
    cancel_pickup(platform.db_path, order_no)
    counter.deps.platform.refresh_pickups()  # type: ignore[union-attr]
    with counter.uow() as uow:
        assert uow.manifest.get(order_no).status == "cancelled"
    member_id, phone, balance = member_phones(platform.db_path, 1)[0]
    with counter.uow() as uow:
        uow.conn.execute("DELETE FROM members WHERE member_id = ?", (member_id,))
        uow.commit()
    view = services.identify_member(phone, counter.uow(), counter.deps)
    assert view.member.member_id == member_id and view.from_platform
    with counter.uow() as uow:
        key = derivation.phone_key(uow.settings.branch_secret(), phone)
        assert uow.members.by_phone_key(key).member_id == member_id
    with pytest.raises(NotFound):
        counter.deps.platform.find_member(phone="19900000000")  # type: ignore[union-attr]
    assert engine.status().state == "online"  # a 404 is a proper answer
    counter.close()


def test_unreachable_lookup_raises_platform_unavailable(platform: PlatformProcess, tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    counter.update_settings(platform_url="http://127.0.0.1:9")
    engine = attach_sync(counter)
    assert engine is not None
    with pytest.raises(PlatformError) as caught:
        counter.deps.platform.find_bill("water", "12345678")  # type: ignore[union-attr]
    assert caught.value.code == "platform_unavailable"
    assert engine.status().state == "offline"
    counter.close()


def test_worker_delivers_in_background_and_stops_cleanly(platform: PlatformProcess, tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c", poll_interval_s=60)
    engine.start()
    try:
        with counter.uow() as uow:
            member = uow.conn.execute("SELECT member_id FROM members LIMIT 1").fetchone()[0]
        counter.run(services.accrue_points, AccruePoints(CLERK[0], member, 3, "x", SUPERVISOR_APPROVAL))  # wakes the worker
        deadline = time.monotonic() + 10
        while engine.status().outbox_pending and time.monotonic() < deadline:
            time.sleep(0.02)
        assert engine.status().outbox_pending == 0
    finally:
        started = time.monotonic()
        engine.stop()
        assert time.monotonic() - started < 5 and not engine.running
    counter.close()
