"""Money in integer fen (分): parsing what a clerk types and formatting for screens and receipts.

No float ever touches an amount: parsing works on the digits of the text.
"""

from __future__ import annotations

import re

from counter_app.domain.errors import InvalidInput

# One counter operation never reaches ¥1,000,000.00; anything larger is a typing slip.
MAX_AMOUNT_FEN = 100_000_000

_AMOUNT = re.compile(r"^(?P<yuan>\d+)(?:\.(?P<fen>\d{0,2}))?$")
_CURRENCY_MARKS = ("¥", "￥", "RMB", "CNY", "元")


def parse_fen(text: str, *, field: str = "amount", allow_zero: bool = True) -> int:
    """Parse a clerk's amount ("12", "12.5", "12.50", "¥12.50") into fen; refuse anything odd."""
    if not isinstance(text, str):
        raise InvalidInput("amount_not_text", "金额格式不正确", "The amount is not text", field=field)
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    for mark in _CURRENCY_MARKS:
        if cleaned.startswith(mark):
            cleaned = cleaned[len(mark):]
        if cleaned.endswith(mark):
            cleaned = cleaned[: -len(mark)]
    if not cleaned:
        raise InvalidInput("amount_empty", "请输入金额", "Enter an amount", field=field)
    if cleaned.startswith("-"):
        raise InvalidInput("amount_negative", "金额不能为负数", "The amount cannot be negative", field=field)
    match = _AMOUNT.match(cleaned)
    if match is None:
        if re.match(r"^\d+\.\d{3,}$", cleaned):
            raise InvalidInput(
                "amount_too_precise", "金额最多两位小数", "An amount has at most two decimals", field=field
            )
        raise InvalidInput("amount_malformed", f"金额格式不正确：{text}", f"Not an amount: {text}", field=field)
    yuan_digits = match.group("yuan")
    if len(yuan_digits) > 12:
        raise InvalidInput("amount_too_large", "金额过大，请核对", "The amount is too large; check it", field=field)
    fen_digits = (match.group("fen") or "").ljust(2, "0")
    fen = int(yuan_digits) * 100 + int(fen_digits)
    return check_fen(fen, field=field, allow_zero=allow_zero)


def check_fen(fen: int, *, field: str = "amount", allow_zero: bool = True) -> int:
    """Return ``fen`` if it is a sane amount, else refuse it (floats, negatives, absurd sizes)."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidInput("amount_not_integer", "金额必须以分为整数", "Amounts are whole fen", field=field)
    if fen < 0:
        raise InvalidInput("amount_negative", "金额不能为负数", "The amount cannot be negative", field=field)
    if fen == 0 and not allow_zero:
        raise InvalidInput("amount_zero", "金额必须大于零", "The amount must be above zero", field=field)
    if fen > MAX_AMOUNT_FEN:
        raise InvalidInput("amount_too_large", "金额过大，请核对", "The amount is too large; check it", field=field)
    return fen


def format_fen(fen: int, *, symbol: str = "¥") -> str:
    """Format fen as "¥12.50" (negative as "-¥12.50"); ``symbol=""`` for bare figures."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError("format_fen takes integer fen")
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), 100)
    return f"{sign}{symbol}{yuan}.{rest:02d}"
