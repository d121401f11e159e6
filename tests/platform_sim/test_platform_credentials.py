"""Credentials (issue 13): expiring single-use codes, expiring rotating tokens, re-enrolment revokes, the admin
key kept out of `ps`, security events in the platform's log. Each attack is refused with a clear code."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from platform_sim.admin import issue_enrolment_code
from platform_sim.credentials import read_admin_key_file
from platform_sim.testing import PlatformProcess, enrol, free_port
from tests.platform_sim.platform_helpers import active_product, auth, db_rows, op, sale

LONG_AGO = "2020-01-01T00:00:00+00:00"


def _set(db_path: Path, sql: str, *args: object) -> None:
    """Test set-up straight in the platform db (e.g. to age a code or a token)."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute(sql, args)
    finally:
        conn.close()


def _push(client: httpx.Client, platform: PlatformProcess, token: str, counter: str = "C01") -> httpx.Response:
    sku, price = active_product(platform.db_path)
    return client.post("/operations/batch", headers=auth(token),
                       json={"operations": [op("counter_order", sale(sku, price), counter=counter)]})


def test_expired_enrolment_code_is_refused_and_creates_no_device(platform: PlatformProcess,
                                                                client: httpx.Client) -> None:
    code = issue_enrolment_code(platform.db_path, "B001")
    _set(platform.db_path, "UPDATE enrolment_codes SET issued_at = ? WHERE code = ?",
         (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=25)).isoformat(timespec="seconds"), code)
    before = len(db_rows(platform.db_path, "SELECT * FROM devices"))
    resp = client.post("/devices/enrol", json={"enrolment_code": code, "branch_id": "B001", "counter_id": "C07"})
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "enrolment_code_expired"
    assert len(db_rows(platform.db_path, "SELECT * FROM devices")) == before
    assert db_rows(platform.db_path, "SELECT used_at FROM enrolment_codes WHERE code = ?", code)[0]["used_at"] is None


def test_reenrolling_a_counter_revokes_its_old_token(platform: PlatformProcess, client: httpx.Client) -> None:
    _, old = enrol(platform.base_url, platform.db_path, "B001", "C08")
    _, new = enrol(platform.base_url, platform.db_path, "B001", "C08")
    refused = _push(client, platform, old, "C08")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "device_revoked"
    assert _push(client, platform, new, "C08").status_code == 200


def test_expired_token_is_refused_and_its_push_stores_nothing(platform: PlatformProcess, client: httpx.Client) -> None:
    device_id, token = enrol(platform.base_url, platform.db_path, "B001", "C09")
    _set(platform.db_path, "UPDATE devices SET token_expires_at = ? WHERE device_id = ?", LONG_AGO, device_id)
    refused = _push(client, platform, token, "C09")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "token_expired"
    assert db_rows(platform.db_path, "SELECT * FROM ops WHERE device_id = ?", device_id) == []


def test_rotated_token_replaces_the_old_one_after_an_overlap(platform: PlatformProcess, client: httpx.Client) -> None:
    device_id, old = enrol(platform.base_url, platform.db_path, "B001", "C10")
    resp = client.post("/devices/token", headers=auth(old))
    assert resp.status_code == 200
    new = resp.json()["token"]
    assert new != old and resp.json()["token_expires_at"] > resp.json()["previous_token_valid_until"]
    assert _push(client, platform, new, "C10").status_code == 200
    assert _push(client, platform, old, "C10").status_code == 200  # the overlap: an answer lost in transit
    _set(platform.db_path, "UPDATE devices SET previous_expires_at = ? WHERE device_id = ?", LONG_AGO, device_id)
    refused = _push(client, platform, old, "C10")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "token_expired"
    assert _push(client, platform, new, "C10").status_code == 200
    stored = db_rows(platform.db_path, "SELECT token_hash, previous_token_hash FROM devices WHERE device_id = ?",
                     device_id)[0]
    assert new not in stored and old not in stored  # hashes only


def test_security_events_name_device_and_request(platform: PlatformProcess, client: httpx.Client) -> None:
    device_id, old = enrol(platform.base_url, platform.db_path, "B001", "C11")
    enrol(platform.base_url, platform.db_path, "B001", "C11")  # revokes `old`
    client.get("/catalog", headers={**auth(old), "X-Request-ID": "probe-revoked-1"})
    client.get("/catalog", headers={**auth("not-a-token-at-all"), "X-Request-ID": "probe-unknown-1"})
    log = platform.log_path.read_text(encoding="utf-8")
    assert f"event=revoked_device device={device_id} request=probe-revoked-1" in log
    assert "event=unknown_token device=- request=probe-unknown-1" in log
    assert old not in log and "not-a-token-at-all" not in log


def test_admin_key_never_appears_on_the_command_line(platform: PlatformProcess) -> None:
    cmdline = Path(f"/proc/{platform.pid}/cmdline").read_bytes().decode("utf-8", "replace")
    assert platform.admin_key not in cmdline


def test_admin_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    key_file = tmp_path / "admin.key"
    key_file.write_text("s3cret-admin-key\n", encoding="utf-8")
    key_file.chmod(0o644)
    with pytest.raises(ValueError, match="chmod 600"):
        read_admin_key_file(key_file)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLATFORM_ADMIN_KEY")}
    served = subprocess.run([sys.executable, "-m", "platform_sim", "platform", "serve", "--db", str(tmp_path / "p.db"),
                             "--port", str(free_port()), "--admin-key-file", str(key_file)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert served.returncode == 2 and "chmod 600" in served.stderr


def test_admin_key_from_a_private_file_opens_the_admin_routes(tmp_path: Path) -> None:
    from platform_sim.testing import seed_small

    key_file = tmp_path / "admin.key"
    key_file.write_text("file-admin-key\n", encoding="utf-8")
    key_file.chmod(0o600)
    seed_small(tmp_path / "platform.db")
    server = PlatformProcess(tmp_path / "platform.db", admin_key="not-this-one",
                             extra_args=("--admin-key-file", str(key_file)))
    with server:
        url = server.api_url + "/admin/enrolment-codes"
        assert httpx.post(url, json={"branch_id": "B001"}, headers={"X-Admin-Key": "file-admin-key"}).status_code == 201
        assert httpx.post(url, json={"branch_id": "B001"}, headers={"X-Admin-Key": "not-this-one"}).status_code == 401
