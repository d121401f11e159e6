"""Helpers for everyone's tests: the platform as a real subprocess on loopback, small seed data, enrolment.

    with running_platform(tmp_path) as platform:
        device_id, token = enrol(platform.base_url, platform.db_path)
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from platform_sim import API_PREFIX
from platform_sim.admin import issue_enrolment_code
from platform_sim.seed import seed

_LIVE: set[PlatformProcess] = set()
TEST_ADMIN_KEY = "test-admin-key"


def free_port() -> int:
    """A port nobody listens on right now on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed_small(db_path: str | Path, *, seed_value: int = 1) -> dict[str, int]:
    """A fast deterministic data set: 4 branches, 50 products, 200 members, pickups for B001/B002, bills."""
    return seed(db_path, demo=False, members=200, orders=60, seed=seed_value, branches=4, products=50,
                bills_per_biller=10)


class PlatformProcess:
    """The platform server as a real subprocess (``python -m platform_sim platform serve``) on 127.0.0.1."""

    def __init__(self, db_path: str | Path, *, port: int | None = None, admin_key: str = TEST_ADMIN_KEY,
                 log_path: str | Path | None = None, startup_timeout_s: float = 20.0,
                 extra_args: tuple[str, ...] = ()) -> None:
        self.db_path = Path(db_path)
        self.port = port or free_port()
        self.admin_key = admin_key
        self.log_path = Path(log_path) if log_path else self.db_path.with_suffix(".server.log")
        self.startup_timeout_s = startup_timeout_s
        self.extra_args = tuple(extra_args)  # more `platform serve` options, e.g. ("--max-in-flight", "1")
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (add ``/api/v1/...``)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """``http://127.0.0.1:PORT/api/v1``."""
        return self.base_url + API_PREFIX

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._proc.pid if self._proc else None

    def start(self) -> PlatformProcess:
        """Start the server and wait until /api/v1/health answers."""
        if self._proc is not None and self._proc.poll() is None:
            return self
        package_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PLATFORM_ADMIN_KEY"] = self.admin_key  # never on the command line, where `ps` shows it
        env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        # In a PyInstaller bundle sys.executable is the counter-app command itself, which has `platform serve`.
        launcher = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "platform_sim"]
        cmd = [*launcher, "platform", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--db", str(self.db_path), *self.extra_args]
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=package_root)
        _LIVE.add(self)
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        """Poll health until it answers; fail with the server log if the process dies or time runs out."""
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                raise RuntimeError(f"platform server exited with {self._proc.returncode}:\n{self._log_tail()}")
            try:
                with urllib.request.urlopen(self.api_url + "/health", timeout=1.0) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"platform server did not answer within {self.startup_timeout_s}s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        """The end of the server log, for failure messages."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self, timeout_s: float = 5.0) -> None:
        """SIGTERM, wait, then SIGKILL if it has not gone."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout_s)
        self._proc = None
        _LIVE.discard(self)

    def kill(self) -> None:
        """SIGKILL at once: a crash, as far as the clients can tell."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        self._proc = None
        _LIVE.discard(self)

    def restart(self) -> PlatformProcess:
        """Stop and start again on the same port and db."""
        self.stop()
        return self.start()

    def __enter__(self) -> PlatformProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@atexit.register
def _kill_leftovers() -> None:
    """No server outlives the test process, whatever a test forgot."""
    for proc in list(_LIVE):
        proc.kill()


@contextlib.contextmanager
def running_platform(tmp_path: str | Path, *, seeded: bool = True, db_name: str = "platform.db",
                     admin_key: str = TEST_ADMIN_KEY) -> Iterator[PlatformProcess]:
    """A small seeded platform db in ``tmp_path`` and its server, stopped on exit."""
    db_path = Path(tmp_path) / db_name
    if seeded and not db_path.exists():
        seed_small(db_path)
    server = PlatformProcess(db_path, admin_key=admin_key)
    try:
        yield server.start()
    finally:
        server.stop()


def request_json(method: str, url: str, *, body: Any = None, token: str | None = None,
                 headers: dict[str, str] | None = None, timeout_s: float = 10.0) -> tuple[int, Any]:
    """One JSON call with the standard library: (status, decoded body or None)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for key, value in (headers or {}).items():
        req.add_header(key, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        try:
            return err.code, json.loads(raw) if raw else None
        except ValueError:
            return err.code, raw.decode("utf-8", "replace")


def enrol(base_url: str, db_path: str | Path, branch_id: str = "B001", counter_id: str = "C01") -> tuple[str, str]:
    """Issue a code straight in the db and enrol through the API: (device_id, token)."""
    code = issue_enrolment_code(db_path, branch_id)
    status, body = request_json("POST", base_url.rstrip("/") + API_PREFIX + "/devices/enrol",
                                body={"enrolment_code": code, "branch_id": branch_id, "counter_id": counter_id})
    if status != 200:
        raise RuntimeError(f"enrolment failed: {status} {body}")
    return body["device_id"], body["token"]
