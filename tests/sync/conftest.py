"""Sync test fixtures: the reference platform as a real subprocess on loopback, counters enrolled on it."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.domain.ports import Clock
from counter_app.sync import Backoff, SyncEngine, attach_sync
from counter_app.sync.enrolment import enrol
from platform_sim.admin import issue_enrolment_code
from platform_sim.testing import PlatformProcess, seed_small
from tests.conftest import CLERK, SUPERVISOR

FAST_BACKOFF = Backoff(base_s=0.01, cap_s=0.2)
_counter_ids = itertools.count(1)


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """A small seeded platform for the module's tests (state accumulates across them)."""
    db = tmp_path_factory.mktemp("platform") / "platform.db"
    seed_small(db)
    server = PlatformProcess(db)
    server.start()
    yield server
    server.stop()


def new_counter(platform: PlatformProcess, data_dir: Path, *, clock: Clock | None = None, branch_id: str = "B001",
                platform_url: str | None = None, open_shift: bool = True, **engine_options: object
                ) -> tuple[Counter, SyncEngine]:
    """A counter enrolled on ``platform`` (its own device and counter id), synced once, with a shift open."""
    counter_id = f"C{next(_counter_ids) % 100:02d}"
    counter = Counter(data_dir, clock=clock)
    counter.configure(branch_id=branch_id, counter_id=counter_id)
    counter.add_clerk(*CLERK)
    counter.add_clerk(*SUPERVISOR)
    enrol(counter, platform_url=platform.base_url, enrolment_code=issue_enrolment_code(platform.db_path, branch_id))
    if platform_url:  # e.g. through the fault proxy
        counter.update_settings(platform_url=platform_url)
    engine_options.setdefault("backoff", FAST_BACKOFF)
    engine_options.setdefault("timeout", (2.0, 5.0))
    engine = attach_sync(counter, **engine_options)  # type: ignore[arg-type]
    assert engine is not None
    report = engine.run_once()
    assert report.ok, report.errors
    if open_shift:
        counter.run(services.open_shift, OpenShift(CLERK[0], 20000))
    return counter, engine


def platform_ops(db_path: Path) -> dict[str, tuple[str, str]]:
    """op_id -> (status, kind) as the platform's database holds them (read-only)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT op_id, status, kind FROM ops")}
    finally:
        conn.close()


def platform_query(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def local_outbox(counter: Counter) -> dict[str, str]:
    """op_id -> delivery state in a counter's outbox."""
    from counter_app.store import sync_state

    return sync_state.delivery_states(counter.store)
