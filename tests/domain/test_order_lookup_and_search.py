"""Finding things without typing them whole: today's orders by their last digits or amount (refunds and
voids), products by pinyin initials or the start of a word, never the middle of a Latin word."""

from __future__ import annotations

from counter_app.domain.order_lookup import OrderSummary, find_orders, matches
from counter_app.domain.pinyin import initials, name_matches


def _order(order_no: str, total_fen: int, **kw) -> OrderSummary:
    base = dict(created_at="2026-11-25T09:00:00+08:00", clerk_id="1001", paid_fen=total_fen, refunded_fen=0,
                voided=False, tendered=True)
    return OrderSummary(order_no, total_fen=total_fen, **{**base, **kw})


SEVENTH = _order("B001C01202611250007A3", 12_800)
TWELFTH = _order("B001C01202611250012F0", 250)


def test_an_order_is_found_by_the_last_digits_of_its_number_with_or_without_the_check_part():
    for text in ("7", "07", "0007", "0007A3", "7a3", "A3"):
        assert matches(SEVENTH, text), text
    assert not matches(SEVENTH, "12")
    assert find_orders([SEVENTH, TWELFTH], "12") == [TWELFTH]


def test_an_order_is_found_by_its_amount_in_yuan():
    assert find_orders([SEVENTH, TWELFTH], "128") == [SEVENTH]
    assert find_orders([SEVENTH, TWELFTH], "128.00") == [SEVENTH]
    assert find_orders([SEVENTH, TWELFTH], "2.5") == [TWELFTH]
    assert find_orders([SEVENTH, TWELFTH], "") == [SEVENTH, TWELFTH]
    assert find_orders([SEVENTH, TWELFTH], "2026") == []  # the middle of the number is no end of it


def test_an_order_summary_tells_its_status_as_an_order_does():
    assert _order("X", 500, paid_fen=0, tendered=False).status == "unpaid"
    assert _order("X", 500, refunded_fen=200).status == "partly_refunded"
    assert _order("X", 500, refunded_fen=500).status == "refunded"
    assert _order("X", 500, voided=True).status == "voided"
    assert _order("X", 500, refunded_fen=200).refundable_fen == 300


def test_latin_letters_match_pinyin_initials_or_word_starts_not_the_middle_of_a_word():
    cable, stamps = "Type-C数据线", "2026年生肖邮票大版"
    assert not name_matches(cable, initials(cable), "yp")
    assert name_matches(stamps, initials(stamps), "yp")
    assert name_matches(stamps, initials(stamps), "sxyp")
    assert name_matches(cable, initials(cable), "type")
    assert name_matches(cable, initials(cable), "C")
    assert name_matches(cable, initials(cable), "sjx")
    assert not name_matches(cable, initials(cable), "pe")
    water = "农夫山泉矿泉水550ml"
    assert name_matches(water, initials(water), "550")
    assert not name_matches(water, initials(water), "ml")


def test_chinese_text_matches_anywhere_in_the_name():
    assert name_matches("2026年生肖邮票大版", "", "邮票")
    assert not name_matches("Type-C数据线", "tsjx", "邮票")
