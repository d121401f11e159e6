"""Totals, discounts, tenders and change: integer rules that hold for any cart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain import pricing
from counter_app.domain.errors import InvalidInput, Refused
from counter_app.domain.model import Member, PointsRule, Product, Tender
from counter_app.domain.tender import change_due

RULE = PointsRule()
GOLD = Member("M1", "138****1234", None, "张*", 100_000, "gold")

products = st.builds(
    Product,
    sku=st.text(alphabet="ABCDEFGHJK0123456789", min_size=3, max_size=8),
    name=st.just("商品"),
    category=st.just("食品饮料"),
    price_fen=st.integers(min_value=0, max_value=150_000),  # a cart stays under the ¥1,000,000 cap
    member_discount=st.booleans(),
    points_eligible=st.booleans(),
)
carts = st.lists(st.tuples(products, st.integers(min_value=1, max_value=50)), min_size=1, max_size=12)


@given(carts, st.sampled_from([None, GOLD]), st.integers(min_value=0, max_value=3), st.data())
def test_lines_minus_discount_equal_payments_minus_change(cart, member, n_cards, data) -> None:
    lines = [pricing.PricedLine(p, q) for p, q in cart]
    totals = pricing.totals(lines, member, RULE)
    assert totals.total_fen == sum(ln.amount_fen for ln in lines) - totals.discount_fen
    assert 0 <= totals.discount_fen <= totals.subtotal_fen
    # Some card tenders that never exceed the total, then cash for the rest plus a tip for change.
    tenders, left = [], totals.total_fen
    for _ in range(n_cards):
        if left <= 0:
            break
        part = data.draw(st.integers(min_value=1, max_value=left))
        tenders.append(Tender("bank_card", part, reference="T123456"))
        left -= part
    extra = data.draw(st.integers(min_value=0, max_value=100_000))
    if left + extra > 0:
        tenders.append(Tender("cash", left + extra))
    change = change_due(totals.total_fen, tenders, RULE)
    assert sum(t.amount_fen for t in tenders) - change == totals.total_fen
    assert change == (extra if left + extra > 0 else 0)


def test_gold_member_gets_five_percent_on_discountable_lines_only() -> None:
    lines = [pricing.PricedLine(Product("A", "礼盒", "x", 10_000, member_discount=True), 1),
             pricing.PricedLine(Product("B", "水", "x", 10_000, member_discount=False), 1)]
    assert pricing.totals(lines, GOLD, RULE).discount_fen == 500
    assert pricing.totals(lines, None, RULE).discount_fen == 0


def test_points_earned_on_money_paid_for_eligible_lines() -> None:
    lines = [pricing.PricedLine(Product("A", "礼盒", "x", 10_000, points_eligible=True), 1),
             pricing.PricedLine(Product("B", "报纸", "x", 10_000, points_eligible=False), 1)]
    totals = pricing.totals(lines, None, RULE)
    assert pricing.points_earned(lines, totals, 0, RULE) == 100
    # Half the total paid in points: only the money half earns.
    assert pricing.points_earned(lines, totals, 10_000, RULE) == 50


def test_refuses_short_payment_and_says_how_much() -> None:
    with pytest.raises(Refused, match="¥1.00") as err:
        change_due(1000, [Tender("cash", 900)], RULE)
    assert err.value.code == "tender_short"


def test_only_cash_gives_change() -> None:
    with pytest.raises(Refused) as err:
        change_due(1000, [Tender("bank_card", 1500, reference="T99")], RULE)
    assert err.value.code == "tender_over_noncash"


def test_refuses_a_card_number_where_a_reference_belongs() -> None:
    with pytest.raises(InvalidInput) as err:
        change_due(1000, [Tender("bank_card", 1000, reference="6222 0212 3456 7890 123")], RULE)
    assert err.value.code == "tender_card_number"


def test_refuses_quantities_that_are_not_positive_whole_numbers() -> None:
    for bad in (0, -1, 1000, 1.5):
        with pytest.raises(InvalidInput):
            pricing.check_qty(bad)  # type: ignore[arg-type]


def test_reconciliation_lists_only_real_differences() -> None:
    from counter_app.domain.model import OrderLine, Tender
    from counter_app.domain.operations import CounterOrderPayload
    from counter_app.domain.reports import day_report, reconcile

    def order(total: int, tenders: tuple[Tender, ...], change: int) -> dict:
        payload = CounterOrderPayload(order_no="N1", lines=(OrderLine("P", "邮票", 1, total, total),),
                                      subtotal_fen=total, discount_fen=0, total_fen=total, tenders=tenders,
                                      change_fen=change, paid=bool(tenders))
        return {"kind": "counter_order", "business_date": "2026-11-25", "clerk_id": "1001", "amount_fen": total,
                "payload": payload.as_dict()}

    sale = order(1000, (Tender("cash", 1500),), 500)
    unpaid = order(700, (), 0)
    report = day_report("2026-11-25", [sale, unpaid])
    assert report.by_kind["counter_order"] == {"count": 2, "amount_fen": 1000}
    assert report.by_method["cash"] == 1000
    platform = {"by_kind": {"counter_order": {"count": 2, "amount_fen": 1000},
                            "shift_open": {"count": 1, "amount_fen": 0}},
                "by_method": {"cash": 1000}}
    assert reconcile(report, platform) == []
    platform["by_method"]["cash"] = 900
    (diff,) = reconcile(report, platform)
    assert diff.what == "method:cash" and (diff.counter_fen, diff.platform_fen) == (1000, 900)
