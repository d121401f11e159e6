"""Issue 13: the platform's rules hold against an enrolled but hostile counter, and the smaller points of 5.

Each attacking request is refused with a clear code, and nothing it carried is stored."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import yaml
from fastapi.testclient import TestClient

from platform_sim.app import create_app
from platform_sim.testing import PlatformProcess, enrol
from tests.platform_sim.platform_helpers import DAY, active_product, auth, db_rows, op, push, push_one, sale

CONTRACT = Path(__file__).resolve().parents[2] / "resources" / "api" / "openapi.yaml"


def _other_branch(platform: PlatformProcess) -> str:
    return enrol(platform.base_url, platform.db_path, "B002", "C01")[1]


def test_another_counters_op_id_is_neither_replayed_nor_stored(platform: PlatformProcess, client: httpx.Client,
                                                              token: str) -> None:
    sku, price = active_product(platform.db_path)
    mine = op("counter_order", sale(sku, price))
    assert push_one(client, token, mine)["status"] == "accepted"
    stolen = op("counter_order", sale(sku, price), branch="B002", op_id=mine["op_id"])
    answer = push_one(client, _other_branch(platform), stolen)
    assert answer["status"] == "rejected" and answer["code"] == "op_id_reused" and answer["result"] is None
    rows = db_rows(platform.db_path, "SELECT branch_id FROM ops WHERE op_id = ?", mine["op_id"])
    assert [r["branch_id"] for r in rows] == ["B001"]
    assert db_rows(platform.db_path, "SELECT 1 FROM orders WHERE order_no = ?", stolen["payload"]["order_no"]) == []


def test_rejected_operation_is_recorded_under_the_authenticated_branch(platform: PlatformProcess,
                                                                      client: httpx.Client) -> None:
    sku, price = active_product(platform.db_path)
    forged = op("counter_order", sale(sku, price), branch="B001")
    answer = push_one(client, _other_branch(platform), forged)
    assert answer["status"] == "rejected" and answer["code"] == "branch_mismatch"
    row = db_rows(platform.db_path, "SELECT branch_id, counter_id FROM ops WHERE op_id = ?", forged["op_id"])[0]
    assert (row["branch_id"], row["counter_id"]) == ("B002", "C01")
    assert db_rows(platform.db_path, "SELECT 1 FROM orders WHERE order_no = ?", forged["payload"]["order_no"]) == []
    log = platform.log_path.read_text(encoding="utf-8")
    assert "event=forged_operation" in log and forged["op_id"] in log


def test_order_status_only_for_the_callers_branch(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    sku, price = active_product(platform.db_path)
    order = sale(sku, price)
    assert push_one(client, token, op("counter_order", order))["status"] == "accepted"
    assert client.get(f"/orders/{order['order_no']}", headers=auth(token)).status_code == 200
    other = client.get(f"/orders/{order['order_no']}", headers=auth(_other_branch(platform)))
    assert other.status_code == 404 and other.json()["error"]["code"] == "order_not_found"
    pickup = db_rows(platform.db_path, "SELECT order_no FROM orders WHERE source = 'online' AND branch_id = 'B001'"
                     " LIMIT 1")[0]["order_no"]
    assert client.get(f"/orders/{pickup}", headers=auth(token)).status_code == 200
    assert client.get(f"/orders/{pickup}", headers=auth(_other_branch(platform))).status_code == 404


def test_reconciliation_leaves_out_shift_kinds_and_lists_every_method(platform: PlatformProcess, client: httpx.Client,
                                                                      token: str) -> None:
    day = "2026-10-01"
    shift = op("shift_open", {"float_fen": 10000}, business_date=day)
    sku, price = active_product(platform.db_path)
    assert [r["status"] for r in push(client, token, shift, op("counter_order", sale(sku, price), business_date=day))] \
        == ["accepted", "accepted"]
    rec = client.get("/branches/B001/reconciliation", params={"business_date": day}, headers=auth(token)).json()
    assert set(rec["by_kind"]) == {"counter_order"}
    assert rec["by_method"] == {"cash": price, "bank_card": 0, "prepaid_card": 0, "points": 0, "wechat_pay": 0, "alipay": 0}


def test_method_not_allowed_says_which_methods_are(client: httpx.Client, token: str) -> None:
    resp = client.delete("/catalog", headers=auth(token))
    assert resp.status_code == 405 and resp.headers["Allow"] == "GET"
    assert resp.json()["error"]["code"] == "method_not_allowed"


def test_internal_error_carries_the_request_id(tmp_path: Path) -> None:
    app = create_app(tmp_path / "platform.db")

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("bug")

    with TestClient(app, raise_server_exceptions=False) as http:
        resp = http.get("/api/v1/boom", headers={"X-Request-ID": "req-500-probe"})
    assert resp.status_code == 500 and resp.headers["X-Request-ID"] == "req-500-probe"
    assert resp.json()["error"] == {"code": "internal_error", "message": "平台内部错误 / internal error",
                                    "request_id": "req-500-probe"}


def test_refuses_op_ids_dates_and_order_numbers_in_other_spellings(platform: PlatformProcess, client: httpx.Client,
                                                                   token: str) -> None:
    sku, price = active_product(platform.db_path)
    odd = [
        op("counter_order", sale(sku, price), op_id=str(uuid.uuid4()).upper()),
        op("counter_order", sale(sku, price), op_id=uuid.uuid4().hex),
        op("counter_order", sale(sku, price), business_date=DAY + "T00:00:00"),
        op("counter_order", sale(sku, price), business_date="1999-12-31"),
        op("counter_order", sale(sku, price, order_no=".")),
        op("counter_order", sale(sku, price, order_no="..")),
    ]
    numeric_date = op("counter_order", sale(sku, price))
    numeric_date["business_date"] = 20261130
    for bad in [*odd, numeric_date]:
        resp = client.post("/operations/batch", json={"operations": [bad]}, headers=auth(token))
        assert resp.status_code == 422, bad
        assert db_rows(platform.db_path, "SELECT 1 FROM ops WHERE lower(op_id) = lower(?)", str(bad["op_id"])) == []
    rec = client.get("/branches/B001/reconciliation", params={"business_date": "20261130"}, headers=auth(token))
    assert rec.status_code == 422
    assert client.get("/orders/..", headers=auth(token)).status_code in (404, 422)


def test_contract_writes_every_bound_as_an_integer() -> None:
    floats: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") and isinstance(value, float):
                    floats.append(f"{where}.{key}")
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    walk(contract, "")
    assert floats == []
    seq = contract["components"]["schemas"]["_Envelope"]["properties"]["device_seq"] \
        if "_Envelope" in contract["components"]["schemas"] else None
    text = CONTRACT.read_text(encoding="utf-8")
    assert "maximum: 4611686018427387904" in text and (seq is None or seq["maximum"] == 2**62)
