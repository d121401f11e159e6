"""The platform API's building blocks: bounds, the constrained types every model uses, the strict request
and tolerant reply bases, and the tender, order line and payload base the operations share."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union
from uuid import UUID

from pydantic import AfterValidator, BeforeValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

# One counter operation never reaches ¥1,000,000.00 (same bound as counter_app.domain.money).
MAX_FEN = 100_000_000
MAX_POINTS = 1_000_000_000
MAX_OPERATIONS = 100
MAX_PAGE = 1000
MAX_BODY_BYTES = 1024 * 1024


def _utf8_text(value: str) -> str:
    """Refuse text that cannot be stored as UTF-8 (lone surrogates) or holds NUL."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text is not valid UTF-8") from exc
    if "\x00" in value:
        raise ValueError("text holds a NUL character")
    return value


def _text_only(value: object) -> object:
    """Dates, times and UUIDs arrive as JSON strings; refuse numbers that lax parsing would turn into one."""
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
DATE_PATTERN = r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def _spelled(pattern: str, what: str) -> Any:
    """A before-validator: a JSON string in exactly this spelling (one value, one spelling)."""
    compiled = re.compile(pattern)

    def check(value: object) -> object:
        if not isinstance(value, str) or not compiled.match(value):
            raise ValueError(f"expected {what}")
        return value
    return BeforeValidator(check)


# FastAPI validates the decoded JSON as Python objects, where strict mode refuses every string for these
# types; they are parsed from text only, in their canonical spelling, the rest of each model stays strict.
OpId = Annotated[UUID, Field(strict=False, json_schema_extra={"pattern": UUID_PATTERN}),
                 _spelled(UUID_PATTERN, "a UUID in canonical lower-case form")]
Date = Annotated[dt.date, Field(strict=False, json_schema_extra={"pattern": DATE_PATTERN}),
                 _spelled(DATE_PATTERN, "a date YYYY-MM-DD between 2000 and 2099")]
Timestamp = Annotated[AwareDatetime, Field(strict=False), BeforeValidator(_text_only)]

Fen = Annotated[int, Field(ge=0, le=MAX_FEN, description="integer fen (分)")]
SignedFen = Annotated[int, Field(ge=-MAX_FEN, le=MAX_FEN, description="integer fen, may be negative")]
Points = Annotated[int, Field(ge=0, le=MAX_POINTS)]
PositivePoints = Annotated[int, Field(ge=1, le=MAX_POINTS)]
IDENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"  # never "." or "..": a path segment of its own
Ident = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=IDENT_PATTERN)]
BranchId = Annotated[str, StringConstraints(pattern=r"^B[0-9]{3}$")]
CounterId = Annotated[str, StringConstraints(pattern=r"^C[0-9]{2}$")]
AccountNo = Annotated[str, StringConstraints(min_length=4, max_length=32, pattern=r"^[0-9A-Za-z-]+$")]
Text = Annotated[str, StringConstraints(max_length=200), AfterValidator(_utf8_text)]
Kind = Literal[
    "counter_order", "order_payment", "pickup_collected", "bill_payment", "points_accrual",
    "points_redemption", "void", "refund", "shift_open", "shift_close", "drawer_opened", "cash_collect",
    "cash_handback", "cash_transfer_out", "cash_transfer_in", "day_close", "over_short_settle", "correction_answer",
    "parcel_posting", "parcel_void",
]
Method = Literal["cash", "bank_card", "prepaid_card", "points", "wechat_pay", "alipay"]
Biller = Literal["water", "electricity", "gas", "broadband", "landline"]


class Strict(BaseModel):
    """Base of every request body: strict types, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Out(BaseModel):
    """Base of every response body."""

    model_config = ConfigDict(extra="forbid")


# ---- errors -------------------------------------------------------------------------------------------


class Tender(Strict):
    method: Method
    amount_fen: Fen
    reference: Annotated[str, StringConstraints(max_length=64), AfterValidator(_utf8_text)] | None = None
    points: Points = 0


class OrderLine(Strict):
    sku: Ident
    name: Text
    qty: Annotated[int, Field(ge=1, le=9999)]
    unit_price_fen: Fen
    amount_fen: Fen
    price_override_by: Ident | None = Field(
        default=None, description="the supervisor who approved a unit price other than the catalogue's (改价)")


class Payload(Strict):
    """Base of every operation payload: the counter may say it took the operation offline."""

    offline: bool = Field(default=False, description="taken while the counter could not reach the platform")
