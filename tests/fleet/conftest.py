"""Fleet test fixtures: the reference platform as a real subprocess on loopback, and the CLI as a user runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.bootstrap import Counter
from counter_app.sync.enrolment import enrol
from platform_sim.admin import issue_enrolment_code
from platform_sim.testing import PlatformProcess, seed_small
from tests.conftest import CLERK, SUPERVISOR

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    db = tmp_path_factory.mktemp("platform") / "platform.db"
    seed_small(db)
    server = PlatformProcess(db).start()
    yield server
    server.stop()


def cli(*args: str, data_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``counter-app --data-dir DIR ARGS`` as a subprocess (no configuration file from the environment)."""
    environ = {k: v for k, v in os.environ.items() if k != "COUNTER_APP_CONFIG"}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=environ)


def rows(path: Path, sql: str) -> list[tuple]:
    """A query's rows from a database file, read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def enrolled(platform: PlatformProcess, data_dir: Path, counter_id: str) -> Counter:
    """A counter of branch B001 with the demo clerk and supervisor, enrolled on ``platform`` (still open)."""
    counter = Counter(data_dir)
    counter.configure(branch_id="B001", counter_id=counter_id)
    counter.add_clerk(*CLERK)
    counter.add_clerk(*SUPERVISOR)
    enrol(counter, platform_url=platform.base_url, enrolment_code=issue_enrolment_code(platform.db_path, "B001"))
    return counter
