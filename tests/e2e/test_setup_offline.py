"""A counter in an outage must still start: the set-up that scripts/demo.sh runs asks no package index when
.venv already holds this pyproject.toml's install (issue 11 point 11)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_setup_with_a_complete_venv_needs_no_package_index() -> None:
    # No package index reachable: pip would fail at once if it were asked.
    env = {**os.environ, "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_NO_INDEX": "1",
           "PIP_FIND_LINKS": ""}
    started = time.monotonic()
    done = subprocess.run(["bash", "scripts/setup.sh"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no package index asked" in done.stdout
    assert time.monotonic() - started < 10
