"""Authentication: only enrolled, unrevoked devices; each device sees only its own branch."""

from __future__ import annotations

import httpx
import pytest

from platform_sim.admin import issue_enrolment_code, revoke_device
from platform_sim.testing import TEST_ADMIN_KEY, PlatformProcess, enrol
from tests.platform_sim.platform_helpers import auth, db_rows

PROTECTED = ["/catalog", "/members", "/branches/B001/pickups", "/members/lookup?card_no=8801000000000001",
             "/orders/PO20261125000001", "/bills?biller=water&account_no=10000000",
             "/branches/B001/reconciliation?business_date=2026-11-25"]


def _assert_error(resp: httpx.Response, status: int, code: str | None = None) -> None:
    """The answer is the one error shape, with the request id also in the header."""
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert set(error) == {"code", "message", "request_id"}
    assert error["request_id"] == resp.headers["X-Request-ID"]
    if code:
        assert error["code"] == code


@pytest.mark.parametrize("path", PROTECTED)
def test_refuses_calls_without_token(client: httpx.Client, path: str) -> None:
    _assert_error(client.get(path), 401, "unauthorized")


@pytest.mark.parametrize("path", PROTECTED)
def test_refuses_calls_with_wrong_token(client: httpx.Client, path: str) -> None:
    _assert_error(client.get(path, headers=auth("not-a-token")), 401, "unauthorized")


def test_refuses_revoked_device(platform: PlatformProcess, client: httpx.Client) -> None:
    device_id, token = enrol(platform.base_url, platform.db_path)
    assert client.get("/catalog", headers=auth(token)).status_code == 200
    revoke_device(platform.db_path, device_id)
    _assert_error(client.get("/catalog", headers=auth(token)), 401, "device_revoked")
    _assert_error(client.post("/operations/batch", json={"operations": []}, headers=auth(token)), 401)


def test_device_cannot_read_another_branchs_manifest_or_reconciliation(client: httpx.Client, token: str) -> None:
    _assert_error(client.get("/branches/B002/pickups", headers=auth(token)), 403, "forbidden")
    _assert_error(client.get("/branches/B002/reconciliation?business_date=2026-11-25", headers=auth(token)), 403)
    assert client.get("/branches/B001/pickups", headers=auth(token)).status_code == 200


def test_enrolment_code_works_once(platform: PlatformProcess, client: httpx.Client) -> None:
    code = issue_enrolment_code(platform.db_path, "B002")
    body = {"enrolment_code": code, "branch_id": "B002", "counter_id": "C03"}
    first = client.post("/devices/enrol", json=body)
    assert first.status_code == 200
    enrolled = first.json()
    assert enrolled["branch_id"] == "B002" and enrolled["counter_id"] == "C03" and enrolled["branch_name"]
    _assert_error(client.post("/devices/enrol", json=body), 409, "enrolment_code_used")


def test_tokens_are_stored_hashed(platform: PlatformProcess) -> None:
    device_id, token = enrol(platform.base_url, platform.db_path)
    row = db_rows(platform.db_path, "SELECT token_hash FROM devices WHERE device_id = ?", device_id)[0]
    assert token not in row["token_hash"] and len(row["token_hash"]) == 64


def test_refuses_unknown_enrolment_code_and_code_of_another_branch(platform: PlatformProcess,
                                                                     client: httpx.Client) -> None:
    _assert_error(client.post("/devices/enrol", json={"enrolment_code": "NOPE-NOPE-00", "branch_id": "B001",
                                                       "counter_id": "C01"}), 401, "enrolment_code_invalid")
    code = issue_enrolment_code(platform.db_path, "B003")
    _assert_error(client.post("/devices/enrol", json={"enrolment_code": code, "branch_id": "B001",
                                                       "counter_id": "C01"}), 403, "enrolment_code_branch")


def test_admin_routes_need_the_admin_key(platform: PlatformProcess, client: httpx.Client) -> None:
    _assert_error(client.post("/admin/enrolment-codes", json={"branch_id": "B001"}), 401)
    _assert_error(client.post("/admin/enrolment-codes", json={"branch_id": "B001"},
                              headers={"X-Admin-Key": "wrong"}), 401)
    resp = client.post("/admin/enrolment-codes", json={"branch_id": "B001"}, headers={"X-Admin-Key": TEST_ADMIN_KEY})
    assert resp.status_code == 201
    code = resp.json()["enrolment_code"]
    enrolled = client.post("/devices/enrol", json={"enrolment_code": code, "branch_id": "B001", "counter_id": "C02"})
    assert enrolled.status_code == 200
    device_id, token = enrolled.json()["device_id"], enrolled.json()["token"]
    revoked = client.post(f"/admin/devices/{device_id}/revoke", headers={"X-Admin-Key": TEST_ADMIN_KEY})
    assert revoked.json() == {"device_id": device_id, "revoked": True}
    _assert_error(client.get("/catalog", headers=auth(token)), 401, "device_revoked")
    _assert_error(client.post("/admin/devices/nope/revoke", headers={"X-Admin-Key": TEST_ADMIN_KEY}), 404)


def test_guessing_enrolment_codes_is_throttled(tmp_path) -> None:
    from platform_sim.testing import running_platform

    with running_platform(tmp_path) as server, httpx.Client(base_url=server.api_url) as http:
        body = {"enrolment_code": "GUES-SING-00", "branch_id": "B001", "counter_id": "C01"}
        statuses = [http.post("/devices/enrol", json=body).status_code for _ in range(25)]
    assert statuses[0] == 401 and statuses[-1] == 429
