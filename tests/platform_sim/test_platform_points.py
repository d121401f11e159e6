"""Points: a balance never goes below zero, even when two branches redeem from one member at once."""

from __future__ import annotations

import threading

import httpx

from platform_sim.admin import member_balance
from platform_sim.testing import PlatformProcess, enrol
from tests.platform_sim.platform_helpers import accrual, active_product, auth, op, push_one, redemption, sale, set_balance

ROUNDS = 25


def test_two_branches_redeeming_concurrently_never_overdraw(platform: PlatformProcess) -> None:
    member_id = "M00000020"
    seeded = 6000
    set_balance(platform.db_path, member_id, seeded)
    tokens = {b: enrol(platform.base_url, platform.db_path, b, "C01")[1] for b in ("B001", "B002")}
    outcomes: list[tuple[str, int, str, dict | None]] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def counter(branch: str) -> None:
        with httpx.Client(base_url=platform.api_url, timeout=30.0) as http:
            start.wait()
            for i in range(ROUNDS):
                ops = [redemption(member_id, 300, branch=branch)]
                if branch == "B001" and i % 3 == 0:
                    ops.append(accrual(member_id, 40, branch=branch))
                resp = http.post("/operations/batch", json={"operations": ops}, headers=auth(tokens[branch]))
                assert resp.status_code == 200, resp.text
                with lock:
                    for sent, got in zip(ops, resp.json()["results"], strict=True):
                        outcomes.append((sent["kind"], sent["payload"]["points"], got["status"], got))

    threads = [threading.Thread(target=counter, args=(b,)) for b in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    redeemed = sum(p for kind, p, status, _ in outcomes if kind == "points_redemption" and status == "accepted")
    accrued = sum(p for kind, p, status, _ in outcomes if kind == "points_accrual" and status == "accepted")
    rejected = [got for kind, _, status, got in outcomes if status == "rejected"]
    assert rejected, "the test must actually exhaust the balance"
    assert {got["code"] for got in rejected} == {"insufficient_points"}
    assert all(got["result"] is None or got["result"]["points_balance"] >= 0 for *_, got in outcomes)
    final = member_balance(platform.db_path, member_id)
    assert final >= 0
    assert final == seeded + accrued - redeemed


def test_counter_order_with_member_earns_and_spends_atomically(platform: PlatformProcess, client: httpx.Client,
                                                               token: str) -> None:
    member_id = "M00000021"
    set_balance(platform.db_path, member_id, 500)
    sku, price = active_product(platform.db_path)
    too_much = op("counter_order", sale(sku, price, member_id=member_id, redeemed=min(price, 600),
                                        earned=(price - min(price, 600)) // 100))
    result = push_one(client, token, too_much)
    assert (result["status"], result["code"]) == ("rejected", "insufficient_points")
    assert member_balance(platform.db_path, member_id) == 500  # nothing earned either
    fine = op("counter_order", sale(sku, price, member_id=member_id, redeemed=200, earned=(price - 200) // 100))
    result = push_one(client, token, fine)
    assert result["status"] == "accepted"
    assert result["result"]["points_balance"] == 500 - 200 + (price - 200) // 100
