"""The platform contract as the counter reads it: pydantic models mirroring the reply schemas of
``resources/api/openapi.yaml`` (every reply is checked against them before use), and the exact wire form
of an operation (the fields the contract defines, nothing else)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from counter_app.domain.operations import WIRE_FIELDS


class Reply(BaseModel):
    """Base of every reply: strict types; fields the counter does not know are ignored (tolerant reader)."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class ErrorBody(Reply):
    code: str
    message: str
    request_id: str | None = None


class ErrorReply(Reply):
    error: ErrorBody


class Health(Reply):
    status: Literal["ok"]


class Enrolment(Reply):
    device_id: str = Field(min_length=1)
    token: str = Field(min_length=8)
    branch_id: str
    counter_id: str
    branch_name: str
    branch_address: str
    token_expires_at: str | None = None
    branch_secret: str | None = Field(default=None, min_length=32)


class TokenRotation(Reply):
    device_id: str = Field(min_length=1)
    token: str = Field(min_length=8)
    token_expires_at: str
    previous_token_valid_until: str
    branch_secret: str | None = Field(default=None, min_length=32)


class OpResult(Reply):
    op_id: str
    status: Literal["accepted", "duplicate", "rejected"]
    code: str
    reason: str | None = None
    result: dict[str, Any] | None = None


class BatchResult(Reply):
    results: list[OpResult]


class Product(Reply):
    sku: str = Field(min_length=1)
    barcode: str | None = None
    name: str
    category: str
    price_fen: int = Field(ge=0)
    unit: str
    member_discount: bool
    points_eligible: bool
    active: bool


class PointsRule(Reply):
    earn_fen_per_point: int = Field(ge=1)
    redeem_fen_per_point: int = Field(ge=1)
    level_discount_bp: dict[str, int]


class ParcelVersions(Reply):
    tariff: str
    regions: str


class CatalogPage(Reply):
    items: list[Product]
    next_cursor: str
    has_more: bool
    points_rule: PointsRule
    parcel_versions: ParcelVersions | None = None  # None from a platform older than the field: pull them anyway


class Line(Reply):
    sku: str
    name: str
    qty: int
    unit_price_fen: int
    amount_fen: int


class Pickup(Reply):
    order_no: str = Field(min_length=1)
    customer_name_masked: str
    phone_masked: str
    code_key: str = Field(pattern=r"^[0-9a-f]{64}$")
    second_factor: bool = False
    lines: list[Line]
    total_fen: int = Field(ge=0)
    status: Literal["awaiting", "collected", "cancelled"]
    paid_at: str | None = None
    cod_fen: int = Field(0, ge=0)


class PickupPage(Reply):
    items: list[Pickup]
    next_cursor: str
    has_more: bool


class Member(Reply):
    member_id: str = Field(min_length=1)
    phone_masked: str
    phone_key: str = Field(pattern=r"^[0-9a-f]{64}$")
    card_no: str | None = None
    name_masked: str
    points_balance: int = Field(ge=0)
    level: Literal["normal", "silver", "gold"]


class MemberPage(Reply):
    items: list[Member]
    next_cursor: str
    has_more: bool


class OrderStatus(Reply):
    order_no: str
    source: Literal["online", "counter"]
    branch_id: str
    counter_id: str | None = None
    status: str
    total_fen: int
    paid_fen: int
    refunded_fen: int
    lines: list[Line]
    created_at: str
    paid_at: str | None = None
    collected_at: str | None = None


class Bill(Reply):
    bill_id: str = Field(min_length=1)
    biller: str
    account_no_masked: str
    customer_name_masked: str
    period: str
    amount_due_fen: int = Field(ge=0)
    status: Literal["unpaid", "paid"]


class KindFigures(Reply):
    count: int
    amount_fen: int


class Reconciliation(Reply):
    branch_id: str
    business_date: str
    counter_id: str | None = None
    by_kind: dict[str, KindFigures]
    by_method: dict[str, int]
    total_fen: int


class DayOperation(Reply):
    op_id: str
    kind: str
    amount_fen: int
    methods: dict[str, int]
    status: Literal["accepted", "rejected"]
    code: str


class DayOperations(Reply):
    """轧帐 per operation: the platform's operations of a counter's business day."""

    branch_id: str
    counter_id: str
    business_date: str
    operations: list[DayOperation]


class Correction(Reply):
    correction_id: str
    business_date: str
    amount_fen: int
    reason: str
    op_id: str | None = None
    status: Literal["open", "accepted", "disputed"]
    issued_at: str


class CorrectionList(Reply):
    items: list[Correction]


# ---- the operation on the wire -------------------------------------------------------------------------

ENVELOPE_FIELDS = ("op_id", "kind", "branch_id", "counter_id", "clerk_id", "shift_id", "aggregate_id",
                   "device_seq", "occurred_at", "business_date", "payload")

# Payload fields per kind, as the contract's request schemas define them (additionalProperties: false),
# derived from the kind table: fields recorded for the counter's own use ("offline", "biller_name") stay
# in the journal and off the wire.
PAYLOAD_FIELDS = WIRE_FIELDS


def wire_operation(envelope: dict[str, Any]) -> dict[str, Any]:
    """The operation exactly as the contract defines it; deterministic, so a resend is a true replay."""
    op = {k: envelope[k] for k in ENVELOPE_FIELDS if k in envelope}
    fields = PAYLOAD_FIELDS.get(str(envelope.get("kind")))
    payload = envelope.get("payload") or {}
    if fields is not None and isinstance(payload, dict):
        op["payload"] = {k: v for k, v in payload.items() if k in fields}
    return op
