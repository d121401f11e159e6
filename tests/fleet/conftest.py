"""Fleet test fixtures: the reference platform as a real subprocess on loopback, and the CLI as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from platform_sim.testing import PlatformProcess, seed_small

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
