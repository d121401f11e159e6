"""The ``platform`` command and the PlatformProcess helper, run for real."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from platform_sim.cli import add_platform_parser
from platform_sim.testing import PlatformProcess, enrol, running_platform, seed_small
from tests.platform_sim.platform_helpers import auth, op, push_one

ROOT = Path(__file__).resolve().parents[2]
SUBCOMMANDS = ("serve", "seed", "enrol-code", "revoke", "codes")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m platform_sim ...`` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "platform_sim", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_every_subcommand_has_help_text() -> None:
    listing = _run("platform", "--help").stdout
    for sub in SUBCOMMANDS:
        assert re.search(rf"^\s+{re.escape(sub)}\s+\S", listing, re.MULTILINE), sub
        assert _run("platform", sub, "--help").returncode == 0


def test_platform_parser_plugs_into_another_cli() -> None:
    parser = argparse.ArgumentParser(prog="counter-app")
    add_platform_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["platform", "enrol-code", "--db", "x.db", "--branch", "B002"])
    assert (args.branch, callable(args.func)) == ("B002", True)


def test_seed_codes_enrol_code_and_revoke_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    seeded = _run("platform", "seed", "--db", db, "--members", "50", "--orders", "40")
    assert seeded.returncode == 0 and "members=50" in seeded.stdout
    codes = _run("platform", "codes", "--db", db, "--branch", "B001", "--limit", "3").stdout.splitlines()
    assert len(codes) == 3 and all(len(line.split("\t")[1]) == 6 for line in codes)
    code = _run("platform", "enrol-code", "--db", db, "--branch", "B001")
    assert code.returncode == 0 and len(code.stdout.strip()) == 12
    assert _run("platform", "revoke", "--db", db, "--device", "nope").returncode == 2
    assert _run("platform", "seed", "--db", db).returncode == 2  # already seeded


def test_serve_help_says_it_binds_loopback() -> None:
    out = _run("platform", "serve", "--help")
    assert out.returncode == 0 and "127.0.0.1" in out.stdout


def test_data_survives_a_kill_and_restart_on_the_same_port(tmp_path: Path) -> None:
    seed_small(tmp_path / "platform.db")
    server = PlatformProcess(tmp_path / "platform.db").start()
    try:
        _, token = enrol(server.base_url, server.db_path)
        shift = op("shift_open", {"float_fen": 5000})
        with httpx.Client(base_url=server.api_url) as http:
            assert push_one(http, token, shift)["status"] == "accepted"
        port, old_pid = server.port, server.pid
        server.kill()
        server.start()
        assert server.port == port and server.pid != old_pid
        with httpx.Client(base_url=server.api_url) as http:
            assert push_one(http, token, shift)["status"] == "duplicate"
        server.restart()
        with httpx.Client(base_url=server.api_url) as http:
            assert http.get("/catalog", headers=auth(token)).status_code == 200
    finally:
        server.stop()
    assert server.pid is None


def test_running_platform_stops_its_server(tmp_path: Path) -> None:
    with running_platform(tmp_path) as server:
        pid = server.pid
        assert httpx.get(server.api_url + "/health").json()["status"] == "ok"
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        import os

        os.kill(pid, 0)
