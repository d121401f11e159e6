"""Tracking numbers: the S10 check digit and the domestic form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.parcels.numbers import (
    NumberBlock,
    domestic_number,
    is_valid_domestic,
    is_valid_s10,
    is_valid_tracking_no,
    s10_check_digit,
)


@pytest.mark.parametrize(("serial", "digit"), [
    (12345678, 5),  # the UPU's own example, EE123456785CN
    (10000014, 0),  # sum 34, 34 mod 11 = 1: 11 − 1 = 10 becomes 0
    (0, 5),  # sum 0: 11 becomes 5
])
def test_s10_check_digit(serial, digit) -> None:
    assert s10_check_digit(serial) == digit


def test_known_s10_number_is_valid_and_a_changed_digit_is_not() -> None:
    assert is_valid_s10("EE123456785CN")
    assert not is_valid_s10("EE123456784CN")
    assert not is_valid_s10("EE123456795CN")
    assert not is_valid_s10("E1123456785CN")


@given(st.integers(0, 99_999_999 - 50), st.integers(1, 50))
def test_every_number_a_block_issues_has_a_valid_check_digit(first, count) -> None:
    intl = NumberBlock("B1", "international", "EE", "CN", first, count)
    dom = NumberBlock("B2", "domestic", "98", "CN", first, count)
    for serial in range(first, first + count):
        number = intl.number(serial)
        assert is_valid_s10(number) and is_valid_tracking_no(number) and intl.holds(number)
        d = dom.number(serial)
        assert is_valid_domestic(d) and dom.holds(d) and not intl.holds(d)


def test_domestic_number_check_digit() -> None:
    assert domestic_number("98", 1) == "9800000000014"
    assert is_valid_domestic("9800000000014")
    assert not is_valid_domestic("9800000000015")


def test_a_block_does_not_hold_numbers_outside_it() -> None:
    block = NumberBlock("B1", "international", "EE", "CN", 100, 10)
    with pytest.raises(ValueError):
        block.number(110)
    assert not block.holds(NumberBlock("B0", "international", "EE", "CN", 110, 1).number(110))
