"""The engine pauses as a whole when the platform is busy, every call has a bound, the link comes back fast."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints
from counter_app.domain.errors import PlatformError
from counter_app.sync import Backoff, attach_sync
from counter_app.sync.contract import wire_operation
from platform_sim.admin import member_balance
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter, platform_ops
from tests.sync.fault_proxy import FaultProxy, Schedule


def _members(counter, n: int) -> list[str]:
    with counter.uow() as uow:
        return [r[0] for r in uow.conn.execute("SELECT member_id FROM members ORDER BY member_id LIMIT ?", (n,))]


def _wait_until(condition, timeout_s: float) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout_s, "condition not met in time"
        time.sleep(0.02)
    return time.monotonic() - started


def test_after_a_429_with_retry_after_3_s_nothing_leaves_for_3_s_then_a_full_batch(platform: PlatformProcess,
                                                                                  tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    members = _members(counter, 5)
    for i in range(150):
        counter.run(services.accrue_points, AccruePoints(CLERK[0], members[i % 5], 1, "累计", SUPERVISOR_APPROVAL))
    with FaultProxy(platform.port, Schedule(script=["status_429"], retry_after="3")) as proxy:
        counter.update_settings(platform_url=proxy.url)
        engine = attach_sync(counter, backoff=Backoff(base_s=1.0, cap_s=300.0))
        assert engine is not None
        engine.start()
        try:
            _wait_until(lambda: len(proxy.log) >= 1, 10)
            refused_at = proxy.log[0][0]
            _wait_until(lambda: engine.status().busy, 2)
            status = engine.status()
            assert status.headline_zh() is not None and status.headline_zh().startswith("平台繁忙")
            assert status.state != "offline"
            # During the pause a clerk records a sale (it wakes the engine) and looks a member up: neither
            # makes a request; the look-up says the platform is busy at once.
            counter.run(services.accrue_points, AccruePoints(CLERK[0], members[0], 1, "暂停期间", SUPERVISOR_APPROVAL))
            started = time.monotonic()
            with pytest.raises(PlatformError) as caught:
                counter.deps.platform.find_member(card_no="88000000")  # type: ignore[union-attr]
            assert time.monotonic() - started < 0.5 and "平台繁忙" in caught.value.zh
            _wait_until(lambda: engine.status().outbox_pending == 0, 15)
        finally:
            engine.stop()
        log = list(proxy.log)
    assert log[0][3] == "status_429" and log[0][2] == 100
    after = log[1:]
    assert after, "nothing was sent after the pause"
    assert after[0][0] - refused_at >= 3.0, f"a request left {after[0][0] - refused_at:.2f} s after the 429"
    assert "POST /api/v1/operations/batch" in after[0][1] and after[0][2] == 100  # a full batch
    pushes = [n for _, line, n, _ in after if "operations/batch" in line]
    assert sum(pushes) == 152 and len(pushes) == 2  # the shift_open, 150 accruals, 1 more
    assert all(local_outbox(counter)[op] == "delivered" for op in local_outbox(counter))
    counter.close()


def test_a_batch_carries_one_aggregate_in_order_and_the_platform_answers_each(platform: PlatformProcess,
                                                                             tmp_path: Path) -> None:
    from counter_app.domain.commands import RedeemPoints
    from counter_app.store import sync_state

    counter, engine = new_counter(platform, tmp_path / "c")
    (member,) = _members(counter, 1)
    with counter.uow() as uow:
        uow.conn.execute("UPDATE members SET points_balance = 900000 WHERE member_id = ?", (member,))
        uow.commit()
    start = member_balance(platform.db_path, member)
    too_much = counter.run(services.redeem_points, RedeemPoints(CLERK[0], member, start + 5, "兑换"))
    earn = counter.run(services.accrue_points, AccruePoints(CLERK[0], member, 10, "累计", SUPERVISOR_APPROVAL))
    enough = counter.run(services.redeem_points, RedeemPoints(CLERK[0], member, start + 5, "兑换"))
    batch = sync_state.next_batch(counter.store, now="9999", limit=100)
    ours = [m for m in batch if m.aggregate_id == member]
    assert [m.op_id for m in ours] == [too_much.recorded.op_id, earn.recorded.op_id, enough.recorded.op_id]
    results = engine.client.push_batch([wire_operation(m.envelope) for m in batch])
    by_op = {r.op_id: r.status for r in results}
    # In order: refused (balance too low), accrued, then the same redemption fits.
    assert [by_op[m.op_id] for m in ours] == ["rejected", "accepted", "accepted"]
    assert member_balance(platform.db_path, member) == start + 10 - (start + 5)
    counter.close()


class _SilentServer:
    """A loopback server that accepts and reads, then never answers (``trickle``: answers 1 byte a second)."""

    def __init__(self, *, trickle: bool) -> None:
        self.trickle = trickle
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            if not self.trickle:
                self._stop.wait(120)
                return
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            while not self._stop.wait(1.0):
                conn.sendall(b" ")
        except OSError:
            pass

    def close(self) -> None:
        self._stop.set()
        self.sock.close()
        for conn in self._conns:
            try:
                conn.close()
            except OSError:
                pass


@pytest.fixture(params=[False, True], ids=["never_answers", "trickles_1_byte_a_second"])
def silent_server(request: pytest.FixtureRequest) -> Iterator[_SilentServer]:
    server = _SilentServer(trickle=request.param)
    yield server
    server.close()


def test_sync_once_against_a_hung_platform_returns_within_its_bound_and_says_offline(
        platform: PlatformProcess, silent_server: _SilentServer, tmp_path: Path) -> None:
    from tests.sync.test_sync_cli import _sync_once

    counter, _ = new_counter(platform, tmp_path / "c")  # its shift_open is still queued
    counter.update_settings(platform_url=silent_server.url)
    counter.close()
    # What starting the command costs on this machine now (a counter with no platform exits at once), so a
    # loaded machine does not count against the bound the command documents.
    started = time.monotonic()
    assert _sync_once(tmp_path / "never-enrolled").returncode == 3
    startup = time.monotonic() - started
    started = time.monotonic()
    done = _sync_once(tmp_path / "c")
    took = time.monotonic() - started - startup
    # Documented in `sync --help`: a platform call takes at most 10 s; no pulls follow a failed push.
    assert took < 10 + 3, f"sync --once took {took:.1f} s beyond its {startup:.1f} s start"
    assert done.returncode == 1, done.stdout + done.stderr
    assert "link: offline" in done.stdout and "Traceback" not in done.stdout + done.stderr


def test_lookup_against_a_hung_platform_gives_up_within_3_s_and_the_link_is_offline(
        platform: PlatformProcess, silent_server: _SilentServer, tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    counter.update_settings(platform_url=silent_server.url)
    engine = attach_sync(counter)
    assert engine is not None
    engine.connectivity.observe("ok", None)  # it was online a moment ago
    started = time.monotonic()
    with pytest.raises(PlatformError) as caught:
        counter.deps.platform.find_bill("water", "12345678")  # type: ignore[union-attr]
    assert time.monotonic() - started < 3.5
    assert caught.value.code == "platform_unavailable"
    assert engine.status().state == "offline" and not counter.deps.online()  # the offline options, at once
    counter.close()


def test_after_an_outage_the_queue_empties_within_10_s_of_the_platform_returning(platform: PlatformProcess,
                                                                                 tmp_path: Path) -> None:
    """The outage's two minutes are stood for by the state they leave (seven failed attempts: with the
    production back-off the next push is a minute or two away); the link is then down a few real seconds."""
    counter, _ = new_counter(platform, tmp_path / "c")
    members = _members(counter, 10)
    with FaultProxy(platform.port, Schedule(forced="drop")) as proxy:
        counter.update_settings(platform_url=proxy.url)
        engine = attach_sync(counter, backoff=Backoff(base_s=1.0, cap_s=300.0))
        assert engine is not None
        ops = [counter.run(services.accrue_points, AccruePoints(CLERK[0], m, 2, "离线累计", SUPERVISOR_APPROVAL)).recorded.op_id
               for m in members]
        with counter.uow() as uow:
            uow.conn.execute("UPDATE outbox SET attempts = 7 WHERE state = 'pending'")
            uow.commit()
        engine.start()  # its first cycle fails: the engine pauses a minute or two, probing every 2 s
        try:
            _wait_until(lambda: (engine.status().retry_in_s or 0) > 60, 5)
            assert engine.status().state == "offline" and not engine.status().busy
            time.sleep(3)
            assert engine.status().outbox_pending == 11
            proxy.schedule.forced = None  # the platform is back
            took = _wait_until(lambda: engine.status().outbox_pending == 0, 10)
        finally:
            engine.stop()
    assert took < 10
    assert all(op in platform_ops(platform.db_path) for op in ops)
    counter.close()
