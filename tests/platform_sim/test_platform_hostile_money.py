"""Issue 13, platform rules on money and points: a hostile counter can neither mint points, take money back
by another method than it was paid, nor squat on another counter's order numbers or re-price the catalogue.
Each attack is refused with a clear code, and nothing it carried is stored."""

from __future__ import annotations

from typing import get_args

import httpx
import pytest

from counter_app.domain.model import AccrualReason
from platform_sim.admin import member_balance
from platform_sim.guards import MANUAL_ACCRUAL_CAP_PER_DAY
from platform_sim.operation_models import PointsAccrualPayload
from platform_sim.testing import PlatformProcess, enrol
from tests.platform_sim.platform_helpers import (
    accrual, active_product, auth, card, cash, db_rows, op, points_tender, push_one, sale, set_balance,
)


@pytest.fixture(scope="module")
def product(platform: PlatformProcess) -> tuple[str, int]:
    return active_product(platform.db_path)


def _refused(platform: PlatformProcess, result: dict, code: str) -> None:
    """Rejected with this code, and the operation moved no money."""
    assert (result["status"], result["code"]) == ("rejected", code), result
    assert db_rows(platform.db_path, "SELECT 1 FROM op_money WHERE op_id = ?", result["op_id"]) == []


def _refund(sale_op: dict, amount: int, tenders: list[dict], **kw: int) -> dict:
    return op("refund", {"target_op_id": sale_op["op_id"], "order_no": sale_op["payload"]["order_no"],
                         "amount_fen": amount, "tenders": tenders, "reason": "退货", "supervisor_id": "9001",
                         "points_reversed": kw.get("reversed", 0), "points_restored": kw.get("restored", 0)})


def test_order_number_of_another_counter_is_refused(platform: PlatformProcess, client: httpx.Client, token: str,
                                                     product: tuple[str, int]) -> None:
    squat = op("counter_order", sale(*product, order_no="B001C02202611250001AB"))
    _refused(platform, push_one(client, token, squat), "order_no_namespace")
    assert db_rows(platform.db_path, "SELECT 1 FROM orders WHERE order_no = 'B001C02202611250001AB'") == []
    own = op("counter_order", sale(*product, order_no="B001C01202611250001AB"))
    assert push_one(client, token, own)["status"] == "accepted"


def test_unit_price_other_than_the_catalogues_needs_an_override_by_a_supervisor(
        platform: PlatformProcess, client: httpx.Client, token: str, product: tuple[str, int]) -> None:
    sku, price = product
    cheap = sale(sku, price - 1)
    _refused(platform, push_one(client, token, op("counter_order", cheap)), "price_differs")
    assert db_rows(platform.db_path, "SELECT 1 FROM orders WHERE order_no = ?", cheap["order_no"]) == []
    allowed = sale(sku, price - 1)
    allowed["lines"][0]["price_override_by"] = "9001"
    assert push_one(client, token, op("counter_order", allowed))["status"] == "accepted"


def test_refund_goes_back_only_by_the_methods_that_paid(platform: PlatformProcess, client: httpx.Client, token: str,
                                                        product: tuple[str, int]) -> None:
    sku, price = product
    paid_by_card = op("counter_order", sale(sku, price, tenders=[card(price)]))
    assert push_one(client, token, paid_by_card)["status"] == "accepted"
    _refused(platform, push_one(client, token, _refund(paid_by_card, price, [cash(price)])), "refund_method_exceeds")
    assert push_one(client, token, _refund(paid_by_card, price, [card(price)]))["status"] == "accepted"


def test_points_go_back_as_points_at_their_value(platform: PlatformProcess, client: httpx.Client, token: str,
                                                 product: tuple[str, int]) -> None:
    sku, price = product
    set_balance(platform.db_path, "M00000040", price + 1000)
    sale_op = op("counter_order", sale(sku, price, member_id="M00000040", redeemed=price))  # all in points
    assert push_one(client, token, sale_op)["status"] == "accepted"
    inflated = {**points_tender(1), "amount_fen": 100}  # one point claimed as 100 fen
    _refused(platform, push_one(client, token, _refund(sale_op, 100, [inflated], restored=1)), "tender_inconsistent")
    _refused(platform, push_one(client, token, _refund(sale_op, 100, [cash(100)])), "refund_method_exceeds")
    assert member_balance(platform.db_path, "M00000040") == 1000
    back = push_one(client, token, _refund(sale_op, 100, [points_tender(100)], restored=100))
    assert back["status"] == "accepted" and member_balance(platform.db_path, "M00000040") == 1100


def test_full_refund_takes_back_the_points_earned(platform: PlatformProcess, client: httpx.Client, token: str,
                                                  product: tuple[str, int]) -> None:
    set_balance(platform.db_path, "M00000041", 0)
    sku, price = product
    earned = price // 100
    assert earned > 0
    sale_op = op("counter_order", sale(sku, price, member_id="M00000041", earned=earned))
    assert push_one(client, token, sale_op)["status"] == "accepted"
    _refused(platform, push_one(client, token, _refund(sale_op, price, [cash(price)])), "points_not_reversed")
    assert member_balance(platform.db_path, "M00000041") == earned
    done = push_one(client, token, _refund(sale_op, price, [cash(price)], reversed=earned))
    assert done["status"] == "accepted" and member_balance(platform.db_path, "M00000041") == 0


def test_accrual_must_refer_to_an_unaccrued_sale_of_this_branch(platform: PlatformProcess, client: httpx.Client,
                                                                token: str, product: tuple[str, int]) -> None:
    set_balance(platform.db_path, "M00000042", 0)
    sku, price = product
    plain_sale = op("counter_order", sale(sku, price))
    assert push_one(client, token, plain_sale)["status"] == "accepted"
    worth = price // 100
    too_many = accrual("M00000042", worth + 1, ref_op_id=plain_sale["op_id"])
    _refused(platform, push_one(client, token, too_many), "points_above_ref")
    other = enrol(platform.base_url, platform.db_path, "B002", "C01")[1]
    foreign = accrual("M00000042", worth, branch="B002", ref_op_id=plain_sale["op_id"])
    _refused(platform, push_one(client, other, foreign), "ref_other_branch")
    good = accrual("M00000042", worth, ref_op_id=plain_sale["op_id"])
    assert push_one(client, token, good)["status"] == "accepted"
    again = accrual("M00000042", worth, ref_op_id=plain_sale["op_id"])
    _refused(platform, push_one(client, token, again), "ref_already_accrued")
    assert member_balance(platform.db_path, "M00000042") == worth


def test_manual_accruals_are_capped_per_member_and_day(platform: PlatformProcess, client: httpx.Client,
                                                       token: str) -> None:
    set_balance(platform.db_path, "M00000043", 0)
    minted = accrual("M00000043", 1_000_000_000)
    _refused(platform, push_one(client, token, minted), "manual_accrual_cap")
    assert push_one(client, token, accrual("M00000043", MANUAL_ACCRUAL_CAP_PER_DAY - 1))["status"] == "accepted"
    _refused(platform, push_one(client, token, accrual("M00000043", 2)), "manual_accrual_cap")
    assert member_balance(platform.db_path, "M00000043") == MANUAL_ACCRUAL_CAP_PER_DAY - 1


def test_the_counter_and_the_platform_have_the_same_reason_list() -> None:
    assert get_args(PointsAccrualPayload.model_fields["reason"].annotation) == get_args(AccrualReason)


def test_an_accrual_gives_a_reason_from_the_fixed_list(platform: PlatformProcess, client: httpx.Client,
                                                        token: str) -> None:
    """A free-text reason is not one of the list: the batch is refused with the field named, nothing stored."""
    set_balance(platform.db_path, "M00000044", 0)
    free_text = accrual("M00000044", 10)
    free_text["payload"]["reason"] = "活动赠送"
    resp = client.post("/operations/batch", json={"operations": [free_text]}, headers=auth(token))
    assert resp.status_code == 422 and "reason" in resp.json()["error"]["message"], resp.text
    assert db_rows(platform.db_path, "SELECT * FROM ops WHERE op_id = ?", free_text["op_id"]) == []
    assert member_balance(platform.db_path, "M00000044") == 0


def test_a_manual_adjustment_names_its_supervisor_and_no_sale(platform: PlatformProcess, client: httpx.Client,
                                                              token: str, product: tuple[str, int]) -> None:
    set_balance(platform.db_path, "M00000045", 0)
    _refused(platform, push_one(client, token, accrual("M00000045", 10, supervisor_id=None)),
             "accrual_supervisor_required")
    sku, price = product
    plain_sale = op("counter_order", sale(sku, price))
    assert push_one(client, token, plain_sale)["status"] == "accepted"
    dressed_up = accrual("M00000045", 10)
    dressed_up["payload"]["ref_op_id"] = plain_sale["op_id"]  # a sale's points under the capped-but-unchecked reason
    _refused(platform, push_one(client, token, dressed_up), "accrual_reason_mismatch")
    no_sale = accrual("M00000045", 10, ref_op_id=plain_sale["op_id"])
    no_sale["payload"]["ref_op_id"] = None  # a make-up that names no sale
    _refused(platform, push_one(client, token, no_sale), "accrual_ref_required")
    assert member_balance(platform.db_path, "M00000045") == 0


def test_a_made_up_sale_gives_its_points_back_on_a_full_refund(platform: PlatformProcess, client: httpx.Client,
                                                               token: str, product: tuple[str, int]) -> None:
    """补录 makes the sale the member's: refunding it all without taking the points back is refused."""
    set_balance(platform.db_path, "M00000046", 0)
    sku, price = product
    plain_sale = op("counter_order", sale(sku, price))
    assert push_one(client, token, plain_sale)["status"] == "accepted"
    worth = price // 100
    assert push_one(client, token, accrual("M00000046", worth, ref_op_id=plain_sale["op_id"]))["status"] == "accepted"
    _refused(platform, push_one(client, token, _refund(plain_sale, price, [cash(price)])), "points_not_reversed")
    done = push_one(client, token, _refund(plain_sale, price, [cash(price)], reversed=worth))
    assert done["status"] == "accepted" and member_balance(platform.db_path, "M00000046") == 0
