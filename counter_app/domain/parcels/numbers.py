"""Tracking numbers (运单号): the UPU S10 form for international parcels and the platform's domestic form.

S10: two letters, an 8-digit serial, a check digit, the 2-letter country (``EE123456785CN``). The check
digit weighs the serial's digits 8 6 4 2 3 5 9 7 and is 11 − (sum mod 11), with 10 → 0 and 11 → 5.

Domestic (the platform's own rule): 13 digits, a 2-digit series prefix, a 10-digit serial and a check digit
computed like an EAN-13's (weights 1 3 1 3 … over the first 12 digits, (10 − sum mod 10) mod 10).

The platform hands each counter blocks of serials (批量取号); ``NumberBlock.number(serial)`` forms a
number from a serial of the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")
_DOMESTIC = re.compile(r"^\d{13}$")
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
SERIES = ("domestic", "international")


def s10_check_digit(serial: int) -> int:
    """The S10 check digit of an 8-digit serial."""
    if not 0 <= serial <= 99_999_999:
        raise ValueError("an S10 serial has 8 digits")
    digits = f"{serial:08d}"
    check = 11 - sum(int(d) * w for d, w in zip(digits, S10_WEIGHTS)) % 11
    return {10: 0, 11: 5}.get(check, check)


def s10_number(prefix: str, serial: int, country: str = "CN") -> str:
    if not (len(prefix) == 2 and prefix.isascii() and prefix.isalpha() and prefix.isupper()):
        raise ValueError("an S10 service indicator is two capital letters")
    return f"{prefix}{serial:08d}{s10_check_digit(serial)}{country}"


def is_valid_s10(number: str) -> bool:
    if not _S10.match(number):
        return False
    return int(number[10]) == s10_check_digit(int(number[2:10]))


def domestic_check_digit(first12: str) -> int:
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError("a domestic number has 12 digits before its check digit")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def domestic_number(prefix: str, serial: int) -> str:
    if len(prefix) != 2 or not prefix.isdigit() or not 0 <= serial <= 9_999_999_999:
        raise ValueError("a domestic number is a 2-digit prefix and a 10-digit serial")
    first12 = f"{prefix}{serial:010d}"
    return f"{first12}{domestic_check_digit(first12)}"


def is_valid_domestic(number: str) -> bool:
    return bool(_DOMESTIC.match(number)) and int(number[12]) == domestic_check_digit(number[:12])


def is_valid_tracking_no(number: str) -> bool:
    """Either form, well formed and with a correct check digit."""
    number = number.strip().upper()
    return is_valid_s10(number) or is_valid_domestic(number)


@dataclass(frozen=True)
class NumberBlock:
    """Serials ``first_serial`` .. ``first_serial + count - 1`` of one series, allocated to one counter."""

    block_id: str
    series: str  # domestic | international
    prefix: str
    country: str
    first_serial: int
    count: int

    def number(self, serial: int) -> str:
        if not self.first_serial <= serial < self.first_serial + self.count:
            raise ValueError("serial outside the block")
        if self.series == "international":
            return s10_number(self.prefix, serial, self.country)
        return domestic_number(self.prefix, serial)

    def holds(self, number: str) -> bool:
        """Whether ``number`` is one of this block's."""
        try:
            if self.series == "international":
                serial = int(number[2:10])
            else:
                serial = int(number[2:12])
        except ValueError:
            return False
        return self.first_serial <= serial < self.first_serial + self.count and self.number(serial) == number


def series_of(international: bool) -> str:
    return "international" if international else "domestic"
