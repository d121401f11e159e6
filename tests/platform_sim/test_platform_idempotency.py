"""Idempotency: an op_id is applied once, however often and however concurrently it arrives."""

from __future__ import annotations

import threading

import httpx

from platform_sim.admin import member_balance
from platform_sim.testing import PlatformProcess
from tests.platform_sim.platform_helpers import active_product, auth, db_rows, op, push, sale, set_balance


def _member_batch(platform: PlatformProcess, member_id: str) -> list[dict]:
    """A sale that earns points and spends points, plus a separate redemption."""
    sku, price = active_product(platform.db_path)
    return [op("counter_order", sale(sku, price, qty=3, member_id=member_id, earned=(3 * price) // 100,
                                     redeemed=100), aggregate="order"),
            op("points_redemption", {"member_id": member_id, "points": 50, "reason": "兑换", "sku": None})]


def test_replayed_batch_applies_once(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    member_id = "M00000010"
    set_balance(platform.db_path, member_id, 1000)
    batch = _member_batch(platform, member_id)
    earned = batch[0]["payload"]["points_earned"]
    first = push(client, token, *batch)
    assert [r["status"] for r in first] == ["accepted", "accepted"]
    for _ in range(2):
        again = push(client, token, *batch)
        assert [r["status"] for r in again] == ["duplicate", "duplicate"]
        assert [r["result"] for r in again] == [r["result"] for r in first]
    assert member_balance(platform.db_path, member_id) == 1000 - 100 + earned - 50
    order_no = batch[0]["payload"]["order_no"]
    assert len(db_rows(platform.db_path, "SELECT * FROM orders WHERE order_no = ?", order_no)) == 1


def test_same_batch_from_two_threads_applies_once(platform: PlatformProcess, token: str) -> None:
    member_id = "M00000011"
    set_balance(platform.db_path, member_id, 1000)
    batch = _member_batch(platform, member_id)
    earned = batch[0]["payload"]["points_earned"]
    start = threading.Barrier(2)
    answers: list[list[str]] = []

    def send() -> None:
        with httpx.Client(base_url=platform.api_url, timeout=30.0) as http:
            start.wait()
            resp = http.post("/operations/batch", json={"operations": batch}, headers=auth(token))
            answers.append([r["status"] for r in resp.json()["results"]])

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(answers) == [["accepted", "accepted"], ["duplicate", "duplicate"]]
    assert member_balance(platform.db_path, member_id) == 1000 - 100 + earned - 50
    ops = db_rows(platform.db_path, "SELECT COUNT(*) FROM ops WHERE op_id IN (?, ?)", *(o["op_id"] for o in batch))
    assert ops[0][0] == 2


def test_duplicate_of_rejected_op_stays_rejected_with_original_reason(
        platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    member_id = "M00000012"
    set_balance(platform.db_path, member_id, 10)
    redeem = op("points_redemption", {"member_id": member_id, "points": 500, "reason": "兑换", "sku": None})
    first = push(client, token, redeem)[0]
    assert first["status"] == "rejected" and first["code"] == "insufficient_points"
    set_balance(platform.db_path, member_id, 10_000)  # would pass now: a replay is still not re-evaluated
    again = push(client, token, redeem)[0]
    assert (again["status"], again["code"], again["reason"]) == ("rejected", first["code"], first["reason"])
    assert member_balance(platform.db_path, member_id) == 10_000


def test_op_id_reused_with_other_content_is_rejected_and_changes_nothing(
        platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    member_id = "M00000013"
    set_balance(platform.db_path, member_id, 1000)
    first = op("points_redemption", {"member_id": member_id, "points": 100, "reason": "兑换", "sku": None})
    assert push(client, token, first)[0]["status"] == "accepted"
    other = {**first, "payload": {**first["payload"], "points": 900}}
    result = push(client, token, other)[0]
    assert (result["status"], result["code"]) == ("rejected", "op_id_reused")
    assert member_balance(platform.db_path, member_id) == 900


def test_same_op_twice_in_one_batch_applies_once(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    member_id = "M00000014"
    set_balance(platform.db_path, member_id, 1000)
    redeem = op("points_redemption", {"member_id": member_id, "points": 100, "reason": "兑换", "sku": None})
    results = push(client, token, redeem, redeem)
    assert [r["status"] for r in results] == ["accepted", "duplicate"]
    assert results[1]["result"] == {"points_balance": 900}
    assert member_balance(platform.db_path, member_id) == 900


def test_results_come_back_in_batch_order(platform: PlatformProcess, client: httpx.Client, token: str) -> None:
    ops = [op("shift_open", {"float_fen": 10_000 + i}, aggregate="S-1") for i in range(20)]
    results = push(client, token, *ops)
    assert [r["op_id"] for r in results] == [o["op_id"] for o in ops]
