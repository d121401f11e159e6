"""The platform's rules for the books' kinds: transfers paired across counters, one Z per counter and day, a cash
difference settled once, a correction answered once with its own amount; and the per-operation listing."""

from __future__ import annotations

import uuid

import httpx

from platform_sim.books import issue_correction
from platform_sim.testing import PlatformProcess, enrol
from tests.platform_sim.platform_helpers import DAY, active_product, auth, op, push_one, sale

TOTALS = {"by_kind": {}, "by_method": {}}


def _rejected(result: dict, code: str) -> None:
    assert (result["status"], result["code"]) == ("rejected", code), result
    assert " / " in result["reason"]


def _device(platform: PlatformProcess, counter: str) -> str:
    return enrol(platform.base_url, platform.db_path, "B001", counter)[1]


def _transfer(kind: str, no: str, other: str, amount: int, counter: str) -> dict:
    side = "to_counter_id" if kind == "cash_transfer_out" else "from_counter_id"
    payload = {"transfer_no": no, side: other, "amount_fen": amount, "supervisor_id": None}
    if kind == "cash_transfer_out":
        payload["reason"] = "调剂"
    return op(kind, payload, counter=counter)


def test_a_transfer_pairs_across_counters_and_refuses_a_different_amount(platform: PlatformProcess,
                                                                         client: httpx.Client) -> None:
    c11, c12 = _device(platform, "C11"), _device(platform, "C12")
    no = f"T{uuid.uuid4().hex[:8]}"
    assert push_one(client, c11, _transfer("cash_transfer_out", no, "C12", 5_000, "C11"))["status"] == "accepted"
    _rejected(push_one(client, c12, _transfer("cash_transfer_in", no, "C11", 4_000, "C12")), "transfer_amount_differs")
    assert push_one(client, c12, _transfer("cash_transfer_in", no, "C11", 5_000, "C12"))["status"] == "accepted"
    _rejected(push_one(client, c12, _transfer("cash_transfer_in", no, "C11", 5_000, "C12")),
              "transfer_already_confirmed")
    _rejected(push_one(client, c11, _transfer("cash_transfer_out", f"T{uuid.uuid4().hex[:8]}", "C11", 100, "C11")),
              "transfer_to_self")


def test_a_second_z_for_the_same_day_is_refused(platform: PlatformProcess, client: httpx.Client) -> None:
    token = _device(platform, "C13")
    z = {"sequence_no": 1, "totals": TOTALS, "cash": {"difference_fen": 0}, "pending_op_ids": [], "supervisor_id": None}
    assert push_one(client, token, op("day_close", z, counter="C13"))["status"] == "accepted"
    _rejected(push_one(client, token, op("day_close", z | {"sequence_no": 2}, counter="C13")), "day_already_closed")
    assert push_one(client, token, op("day_close", z | {"sequence_no": 2}, counter="C13",
                                      business_date="2026-11-26"))["status"] == "accepted"


def test_a_cash_difference_is_settled_once(platform: PlatformProcess, client: httpx.Client) -> None:
    token = _device(platform, "C14")
    close = op("shift_close", {"float_fen": 10_000, "expected_cash_fen": 10_000, "counted_cash_fen": 9_000,
                               "difference_fen": -1_000, "supervisor_id": "9001", "totals": TOTALS}, counter="C14")
    assert push_one(client, token, close)["status"] == "accepted"
    settle = {"target_op_id": close["op_id"], "difference_fen": -1_000, "settlement": "paid_in", "reason": "补足",
              "supervisor_id": "9001"}
    assert push_one(client, token, op("over_short_settle", settle, counter="C14"))["status"] == "accepted"
    _rejected(push_one(client, token, op("over_short_settle", settle, counter="C14")), "already_settled")
    _rejected(push_one(client, token, op("over_short_settle", settle | {"target_op_id": str(uuid.uuid4())},
                                         counter="C14")), "unknown_shift_close")


def test_a_correction_is_answered_once_with_its_own_amount(platform: PlatformProcess, client: httpx.Client) -> None:
    token = _device(platform, "C15")
    issued = issue_correction(platform.db_path, branch_id="B001", counter_id="C15", business_date=DAY,
                              amount_fen=-500, reason="手续费")
    listed = client.get("/branches/B001/corrections", params={"counter_id": "C15"}, headers=auth(token)).json()
    assert [(c["correction_id"], c["status"]) for c in listed["items"]] == [(issued["correction_id"], "open")]
    answer = {"correction_id": issued["correction_id"], "answer": "disputed", "amount_fen": -400, "reason": "不同意",
              "supervisor_id": "9001"}
    _rejected(push_one(client, token, op("correction_answer", answer, counter="C15")), "amount_differs")
    assert push_one(client, token, op("correction_answer", answer | {"amount_fen": -500},
                                      counter="C15"))["status"] == "accepted"
    _rejected(push_one(client, token, op("correction_answer", answer | {"amount_fen": -500, "answer": "accepted"},
                                         counter="C15")), "correction_answered")
    other = _device(platform, "C16")
    _rejected(push_one(client, other, op("correction_answer", answer | {"amount_fen": -500}, counter="C16")),
              "unknown_correction")
    listed = client.get("/branches/B001/corrections", params={"counter_id": "C15"}, headers=auth(token)).json()
    assert listed["items"][0]["status"] == "disputed" and listed["items"][0]["answered_by"] == "9001"


def test_the_day_listing_holds_accepted_and_rejected_operations_with_their_money(platform: PlatformProcess,
                                                                                 client: httpx.Client) -> None:
    token = _device(platform, "C17")
    sku, price = active_product(platform.db_path)
    good = op("counter_order", sale(sku, price, change=500), counter="C17")
    bad = op("counter_order", sale("NO-SUCH-SKU", 100), counter="C17")
    assert push_one(client, token, good)["status"] == "accepted"
    push_one(client, token, bad)
    listed = client.get("/branches/B001/reconciliation/operations", params={"business_date": DAY, "counter_id": "C17"},
                        headers=auth(token))
    assert listed.status_code == 200, listed.text
    ops = {o["op_id"]: o for o in listed.json()["operations"]}
    assert ops[good["op_id"]] == {"op_id": good["op_id"], "kind": "counter_order", "amount_fen": price,
                                  "methods": {"cash": price}, "status": "accepted", "code": "ok"}
    assert ops[bad["op_id"]]["status"] == "rejected" and ops[bad["op_id"]]["code"] == "unknown_sku"
    other_branch = enrol(platform.base_url, platform.db_path, "B002", "C01")[1]
    assert client.get("/branches/B001/reconciliation/operations", params={"business_date": DAY, "counter_id": "C17"},
                      headers=auth(other_branch)).status_code == 403
