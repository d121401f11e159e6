"""Fixtures: a small seeded platform running as a real server on loopback, one per test module."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from platform_sim.testing import PlatformProcess, enrol, seed_small


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """A seeded platform server shared by the tests of one module."""
    db_path = tmp_path_factory.mktemp("platform") / "platform.db"
    seed_small(db_path)
    server = PlatformProcess(db_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def token(platform: PlatformProcess) -> str:
    """A fresh device of B001/C01."""
    return enrol(platform.base_url, platform.db_path, "B001", "C01")[1]


@pytest.fixture
def client(platform: PlatformProcess) -> Iterator[httpx.Client]:
    """An HTTP client on the platform's /api/v1."""
    with httpx.Client(base_url=platform.api_url, timeout=30.0) as http:
        yield http
