"""Money: what a clerk types becomes integer fen; anything odd is refused with a clear message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.errors import InvalidInput
from counter_app.domain.money import MAX_AMOUNT_FEN, check_fen, format_fen, parse_fen


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("12", 1200), ("12.5", 1250), ("12.50", 1250), ("¥12.50", 1250), ("￥12.50", 1250), (" 0.05 ", 5),
     ("1,234.00", 123400), ("12.", 1200), ("12元", 1200), ("0", 0)],
)
def test_parses_what_a_clerk_types(typed: str, fen: int) -> None:
    assert parse_fen(typed) == fen


@pytest.mark.parametrize(
    ("typed", "code"),
    [("", "amount_empty"), ("-5", "amount_negative"), ("12.345", "amount_too_precise"), ("abc", "amount_malformed"),
     ("1e3", "amount_malformed"), ("12.5.0", "amount_malformed"), ("99999999999999", "amount_too_large"),
     ("1000000.01", "amount_too_large"), ("nan", "amount_malformed")],
)
def test_refuses_malformed_amounts_with_a_chinese_message(typed: str, code: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_fen(typed)
    assert err.value.code == code
    assert err.value.zh and err.value.en
    assert err.value.field == "amount"


def test_refuses_floats_and_booleans_as_fen() -> None:
    for bad in (12.5, True, "12"):
        with pytest.raises(InvalidInput):
            check_fen(bad)  # type: ignore[arg-type]


def test_zero_can_be_refused() -> None:
    with pytest.raises(InvalidInput, match="above zero"):
        parse_fen("0", allow_zero=False)


def test_formats_with_two_decimals() -> None:
    assert format_fen(1250) == "¥12.50"
    assert format_fen(5) == "¥0.05"
    assert format_fen(-740) == "-¥7.40"
    assert format_fen(100, symbol="") == "1.00"


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_FEN))
def test_format_then_parse_round_trips(fen: int) -> None:
    assert parse_fen(format_fen(fen)) == fen
    assert parse_fen(format_fen(fen, symbol="")) == fen


@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=99))
def test_parse_matches_yuan_and_fen_digits(yuan: int, fen: int) -> None:
    assert parse_fen(f"{yuan}.{fen:02d}") == yuan * 100 + fen
