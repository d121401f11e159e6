"""Bad input: every refusal is a 4xx with the one error shape, never a 500."""

from __future__ import annotations

import socket

import httpx
import pytest

from platform_sim.models import MAX_BODY_BYTES
from platform_sim.testing import PlatformProcess
from tests.platform_sim.platform_helpers import auth, op


def _assert_error(resp: httpx.Response, status: int, code: str) -> None:
    """The answer is the error shape with this status and code."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert body["error"]["request_id"] == resp.headers["X-Request-ID"]


def test_refuses_oversized_body_with_413(client: httpx.Client, token: str) -> None:
    big = b'{"operations": [' + b" " * (MAX_BODY_BYTES + 10) + b"]}"
    resp = client.post("/operations/batch", content=big,
                       headers={**auth(token), "Content-Type": "application/json"})
    _assert_error(resp, 413, "payload_too_large")


def test_refuses_oversized_chunked_body_that_declares_no_length(client: httpx.Client, token: str) -> None:
    def chunks():
        yield b'{"operations": ['
        for _ in range(20):
            yield b" " * 65536
        yield b"]}"

    resp = client.post("/operations/batch", content=chunks(),
                       headers={**auth(token), "Content-Type": "application/json"})
    _assert_error(resp, 413, "payload_too_large")


def test_refuses_body_larger_than_its_content_length_claims(platform: PlatformProcess, token: str) -> None:
    """A lying Content-Length cannot smuggle more than it declared past the limit."""
    with socket.create_connection(("127.0.0.1", platform.port), timeout=10) as sock:
        head = (f"POST /api/v1/operations/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {MAX_BODY_BYTES + 1}\r\n\r\n")
        sock.sendall(head.encode())
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413")


def test_refuses_malformed_json_with_400(client: httpx.Client, token: str) -> None:
    resp = client.post("/operations/batch", content=b'{"operations": [', headers={
        **auth(token), "Content-Type": "application/json"})
    _assert_error(resp, 400, "malformed_json")


def test_refuses_unknown_fields_with_422(client: httpx.Client, token: str) -> None:
    operation = op("shift_open", {"float_fen": 100, "extra": 1})
    _assert_error(client.post("/operations/batch", json={"operations": [operation]}, headers=auth(token)),
                  422, "validation_failed")
    envelope = {**op("shift_open", {"float_fen": 100}), "surprise": True}
    _assert_error(client.post("/operations/batch", json={"operations": [envelope]}, headers=auth(token)),
                  422, "validation_failed")
    _assert_error(client.post("/devices/enrol", json={"enrolment_code": "X", "branch_id": "B001",
                                                       "counter_id": "C01", "admin": True}), 422, "validation_failed")


@pytest.mark.parametrize("amount", [12.5, 12.0, "1200", -1, 10**12, True])
def test_refuses_money_that_is_not_whole_fen(client: httpx.Client, token: str, amount: object) -> None:
    operation = op("shift_open", {"float_fen": amount})
    _assert_error(client.post("/operations/batch", json={"operations": [operation]}, headers=auth(token)),
                  422, "validation_failed")


def test_refuses_more_than_100_operations(client: httpx.Client, token: str) -> None:
    ops = [op("shift_open", {"float_fen": 1}) for _ in range(101)]
    _assert_error(client.post("/operations/batch", json={"operations": ops}, headers=auth(token)),
                  422, "validation_failed")


def test_refuses_unknown_kind_and_unparsable_dates(client: httpx.Client, token: str) -> None:
    for bad in ({**op("shift_open", {"float_fen": 1}), "kind": "teleport"},
                {**op("shift_open", {"float_fen": 1}), "business_date": "2026-13-45"},
                {**op("shift_open", {"float_fen": 1}), "occurred_at": "2026-11-25T09:30:00"},
                {**op("shift_open", {"float_fen": 1}), "op_id": "not-a-uuid"},
                {**op("shift_open", {"float_fen": 1}), "business_date": 1764028800}):
        _assert_error(client.post("/operations/batch", json={"operations": [bad]}, headers=auth(token)),
                      422, "validation_failed")


def test_refuses_text_that_is_not_utf8(client: httpx.Client, token: str) -> None:
    raw = ('{"operations": [{"op_id": "5f0c3c8e-2a53-4b52-9a43-2f1d7f0a1b11", "kind": "points_redemption",'
           ' "branch_id": "B001", "counter_id": "C01", "clerk_id": "1", "shift_id": "S", "aggregate_id": "M",'
           ' "device_seq": 1, "occurred_at": "2026-11-25T09:30:00+08:00", "business_date": "2026-11-25",'
           ' "payload": {"member_id": "M00000001", "points": 1, "reason": "\\ud800", "sku": null}}]}')
    resp = client.post("/operations/batch", content=raw.encode(), headers={**auth(token),
                                                                            "Content-Type": "application/json"})
    _assert_error(resp, 422, "validation_failed")


def test_refuses_bad_query_values(client: httpx.Client, token: str) -> None:
    for path in ("/members?limit=1001", "/members?limit=0", "/members?cursor=garbage!", "/catalog?cursor=YzEuLTE",
                 "/members/lookup", "/members/lookup?phone=12&card_no=1", "/bills?biller=tea&account_no=1234",
                 "/branches/B001/reconciliation?business_date=yesterday"):
        resp = client.get(path, headers=auth(token))
        assert resp.status_code == 422, (path, resp.text)
        assert resp.json()["error"]["code"] in ("validation_failed", "invalid_cursor")


def test_unknown_route_and_method_answer_the_error_shape(client: httpx.Client, token: str) -> None:
    _assert_error(client.get("/nowhere", headers=auth(token)), 404, "not_found")
    _assert_error(client.delete("/catalog", headers=auth(token)), 405, "method_not_allowed")


def test_request_id_is_echoed_when_sane(client: httpx.Client) -> None:
    assert client.get("/health", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    assert client.get("/health", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"] != "<script>"
