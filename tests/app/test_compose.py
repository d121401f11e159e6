"""The composition root, without Qt: ``build`` wires the store, the look-ups, the engine and receipts once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.app.changes import Change
from counter_app.app.compose import SyncOptions, build
from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.sync import Backoff
from counter_app.sync.enrolment import enrol
from platform_sim.admin import issue_enrolment_code
from platform_sim.testing import PlatformProcess, seed_small
from tests.conftest import CLERK, SUPERVISOR

QUICK = SyncOptions(poll_interval_s=3600, timeout=(2.0, 5.0), backoff=Backoff(base_s=0.01, cap_s=0.2))


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformProcess]:
    db = tmp_path / "platform.db"
    seed_small(db)
    server = PlatformProcess(db)
    try:
        yield server.start()
    finally:
        server.stop()


def _enrolled_dir(platform: PlatformProcess, data_dir: Path) -> Path:
    counter = Counter(data_dir)
    try:
        counter.configure(branch_id="B001", counter_id="C07")
        counter.add_clerk(*CLERK)
        counter.add_clerk(*SUPERVISOR)
        enrol(counter, platform_url=platform.base_url, enrolment_code=issue_enrolment_code(platform.db_path, "B001"))
    finally:
        counter.close()
    return data_dir


def _platform_kinds(db_path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT kind FROM ops")]
    finally:
        conn.close()


def test_an_enrolled_counter_gets_its_lookups_at_construction_and_an_engine(platform, tmp_path):
    app = build(_enrolled_dir(platform, tmp_path / "c"), sync=QUICK)
    try:
        assert app.link is not None and app.sync is not None
        assert app.counter.deps.platform is app.link.lookups  # wired once, never rewritten afterwards
        assert app.receipts.counter is app.counter
        assert app.settings.is_enrolled and app.settings.counter_id == "C07"
    finally:
        app.close()


def test_every_recorded_operation_wakes_the_engine(platform, tmp_path):
    app = build(_enrolled_dir(platform, tmp_path / "c"), sync=QUICK)  # it would poll only hourly
    try:
        app.start()
        app.counter.run(services.open_shift, OpenShift(CLERK[0], 20_000))
        deadline = time.monotonic() + 10
        while "shift_open" not in _platform_kinds(platform.db_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "shift_open" in _platform_kinds(platform.db_path)
    finally:
        app.close()


def test_a_counter_not_enrolled_has_no_engine_until_it_enrols(platform, tmp_path):
    app = build(tmp_path / "c", sync=QUICK)
    try:
        assert app.sync is None and app.counter.deps.platform is None and not app.settings.is_configured
        heard: list[Change] = []
        app.counter.subscribe(heard.append)
        app.counter.configure(branch_id="B001", counter_id="C08")
        enrol(app.counter, platform_url=platform.base_url,
              enrolment_code=issue_enrolment_code(platform.db_path, "B001"))
        engine = app.enable_sync()
        assert engine is app.sync is not None and app.enable_sync() is engine  # once
        assert app.counter.deps.platform is app.link.lookups
        assert engine.run_once().ok
        assert any(change.sync for change in heard) and any(change.settings for change in heard)
    finally:
        app.close()


def test_build_refuses_a_second_claim_on_the_same_data(tmp_path):
    first = build(tmp_path / "c", claim=True)
    try:
        with pytest.raises(Exception) as refused:
            build(tmp_path / "c", claim=True)
        assert getattr(refused.value, "code", "") == "already_running"
    finally:
        first.close()


def test_the_application_layer_imports_no_qt():
    code = ("import sys, counter_app.app.compose, counter_app.app.session, counter_app.app.setup, "
            "counter_app.app.printer, counter_app.app.settings; print('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"
