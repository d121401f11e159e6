"""The cart and the tender assembly, without Qt: what 销售/下单 and 缴费 show and send comes from here."""

from __future__ import annotations

import pytest

from counter_app.domain.cart import Cart, CardEntry, assemble_tenders, parse_points, summarise
from counter_app.domain.errors import InvalidInput
from counter_app.domain.model import CartLine, Product, Tender
from counter_app.domain.pricing import MAX_QTY

STAMP = Product("P-STAMP-2026", "2026年生肖邮票大版", "stamps", 12800)
WATER = Product("P-WATER", "农夫山泉矿泉水550ml", "drinks", 250)


def test_adding_the_same_product_again_raises_its_quantity_on_its_row():
    cart, row = Cart().add(STAMP)
    cart, row_water = cart.add(WATER)
    cart, again = cart.add(WATER)
    assert (row, row_water, again) == (0, 1, 1)
    assert [(line.product.sku, line.qty, line.amount_fen) for line in cart.lines] == [
        ("P-STAMP-2026", 1, 12800), ("P-WATER", 2, 500)]
    assert cart.subtotal_fen == 13300
    assert cart.order_lines() == (CartLine("P-STAMP-2026", 1), CartLine("P-WATER", 2))


def test_quantity_changes_and_minus_to_zero_removes_the_line():
    cart, _ = Cart().add(WATER)
    cart = cart.change_qty(0, +2)
    assert cart.lines[0].qty == 3
    cart = cart.set_qty(0, 7)
    assert cart.subtotal_fen == 1750
    assert cart.change_qty(0, -7) == Cart()


def test_refuses_a_quantity_past_the_maximum_or_not_positive():
    cart, _ = Cart().add(WATER)
    with pytest.raises(InvalidInput) as too_many:
        cart.set_qty(0, MAX_QTY + 1)
    assert too_many.value.code == "qty_too_large" and too_many.value.field == "qty"
    with pytest.raises(InvalidInput):
        cart.set_qty(0, 0)
    cart = cart.set_qty(0, MAX_QTY)
    with pytest.raises(InvalidInput):
        cart.add(WATER)
    assert cart.lines[0].qty == MAX_QTY  # the refused add changed nothing


def test_a_card_without_an_amount_pays_what_is_left_after_points_and_cash():
    tenders = assemble_tenders(13550, cash_fen=5000, points=500, fen_per_point=1,
                               cards=(CardEntry("bank_card", None, " 778899 "),))
    assert tenders == (Tender("points", 500, points=500), Tender("bank_card", 8050, reference="778899"),
                       Tender("cash", 5000))


def test_cards_with_amounts_are_kept_and_the_open_one_takes_the_rest():
    tenders = assemble_tenders(10000, cards=(CardEntry("prepaid_card", None, "P1"),
                                             CardEntry("bank_card", 3000, "B1")))
    assert [(t.method, t.amount_fen) for t in tenders] == [("prepaid_card", 7000), ("bank_card", 3000)]


def test_more_cash_than_due_leaves_a_card_at_zero_and_gives_change():
    tenders = assemble_tenders(2000, cash_fen=5000, cards=(CardEntry("bank_card", None, "R"),))
    assert tenders[0] == Tender("bank_card", 0, reference="R")
    assert summarise(2000, tenders).change_fen == 3000


def test_summary_before_tendering_short_and_with_change():
    assert summarise(13550, ()) == summarise(0, ())
    assert summarise(13550, ()).change_fen is None
    short = summarise(13550, (Tender("cash", 10000),))
    assert (short.change_fen, short.short_fen) == (0, 3550)
    paid = summarise(13550, (Tender("points", 550, points=550), Tender("cash", 20000)))
    assert (paid.change_fen, paid.short_fen, paid.points_fen, paid.paid_fen) == (7000, 0, 550, 20550)


def test_points_typed_must_be_a_positive_whole_number():
    assert parse_points("  ") == 0
    assert parse_points("120") == 120
    for bad in ("0", "-5", "1.5", "abc"):
        with pytest.raises(InvalidInput) as refused:
            parse_points(bad)
        assert refused.value.field == "points"
