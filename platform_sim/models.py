"""Request and response models of the platform API: the contract the OpenAPI file is generated from.

Request models are strict (no "12" for 12, no 12.0 for fen) and forbid unknown fields.
"""

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


class ErrorBody(Out):
    code: str = Field(description="stable machine code, e.g. `unauthorized`, `validation_failed`")
    message: str = Field(description="Chinese / English message")
    request_id: str


class ErrorResponse(Out):
    """The one error shape of every 4xx/5xx answer."""

    error: ErrorBody


# ---- health, enrolment, admin ---------------------------------------------------------------------------


class Health(Out):
    status: Literal["ok"]
    version: str
    time: str


class EnrolRequest(Strict):
    enrolment_code: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")]
    branch_id: BranchId
    counter_id: CounterId


class Enrolment(Out):
    device_id: str
    token: str
    branch_id: str
    counter_id: str
    branch_name: str
    branch_address: str
    token_expires_at: str = Field(description="when the token stops working unless rotated (POST /devices/token)")


class TokenRotation(Out):
    device_id: str
    token: str
    token_expires_at: str
    previous_token_valid_until: str = Field(description="the token used for this call works until then")


class IssueCodeRequest(Strict):
    branch_id: BranchId


class IssuedCode(Out):
    enrolment_code: str
    branch_id: str


class Revoked(Out):
    device_id: str
    revoked: bool


# ---- operations ---------------------------------------------------------------------------------------


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


class CounterOrderPayload(Payload):
    order_no: Ident
    lines: Annotated[list[OrderLine], Field(min_length=1, max_length=200)]
    subtotal_fen: Fen
    discount_fen: Fen
    total_fen: Fen
    tenders: Annotated[list[Tender], Field(max_length=10)]
    change_fen: Fen
    paid: bool
    member_id: Ident | None = None
    points_earned: Points = 0
    points_redeemed: Points = 0


class OrderPaymentPayload(Payload):
    order_no: Ident
    total_fen: Fen
    tenders: Annotated[list[Tender], Field(min_length=1, max_length=10)]
    change_fen: Fen
    member_id: Ident | None = None
    points_earned: Points = 0
    points_redeemed: Points = 0


class PickupCollectedPayload(Payload):
    order_no: Ident
    collected_at: Timestamp
    verified_by: Literal["code", "order_no"]
    cod_fen: Fen = Field(0, description="cash on delivery (代收金额) taken at the hand-over; the order's own amount")
    tenders: Annotated[list[Tender], Field(max_length=10)] = []
    change_fen: Fen = 0


class BillPaymentPayload(Payload):
    bill_id: Ident | None = None
    biller: Biller
    account_no: AccountNo
    period: Annotated[str, StringConstraints(max_length=16, pattern=r"^[0-9-]+$")] | None = None
    amount_fen: Annotated[int, Field(ge=1, le=MAX_FEN)]
    tenders: Annotated[list[Tender], Field(min_length=1, max_length=10)]
    change_fen: Fen
    pending: bool
    member_id: Ident | None = None
    points_earned: Points = 0
    biller_name: Text | None = Field(default=None, description="the biller in Chinese, for receipts")


class PointsAccrualPayload(Payload):
    member_id: Ident
    points: PositivePoints
    reason: Text
    ref_op_id: OpId | None = None


class PointsRedemptionPayload(Payload):
    member_id: Ident
    points: PositivePoints
    reason: Text
    sku: Ident | None = None


class VoidPayload(Payload):
    target_op_id: OpId
    order_no: Ident
    reason: Text
    supervisor_id: Ident


class RefundPayload(Payload):
    target_op_id: OpId
    order_no: Ident
    amount_fen: Annotated[int, Field(ge=1, le=MAX_FEN)]
    tenders: Annotated[list[Tender], Field(min_length=1, max_length=10)]
    reason: Text
    supervisor_id: Ident
    points_reversed: Points = 0
    points_restored: Points = 0


class ShiftOpenPayload(Payload):
    float_fen: Fen


class DrawerOpenedPayload(Payload):
    reason: Text
    supervisor_id: Ident


class KindTotal(Strict):
    count: Annotated[int, Field(ge=0, le=10_000_000)]
    amount_fen: SignedFen


class ShiftTotals(Strict):
    by_kind: dict[Kind, KindTotal]
    by_method: dict[Method, SignedFen]


class ShiftClosePayload(Payload):
    float_fen: Fen
    expected_cash_fen: SignedFen
    counted_cash_fen: Fen
    difference_fen: SignedFen
    supervisor_id: Ident | None = None
    totals: ShiftTotals


class CashMovePayload(Payload):
    amount_fen: Annotated[int, Field(ge=1, le=MAX_FEN)]
    reason: Text
    supervisor_id: Ident | None = None


class CashTransferOutPayload(Payload):
    transfer_no: Ident
    to_counter_id: CounterId
    amount_fen: Annotated[int, Field(ge=1, le=MAX_FEN)]
    reason: Text
    supervisor_id: Ident | None = None


class CashTransferInPayload(Payload):
    transfer_no: Ident
    from_counter_id: CounterId
    amount_fen: Annotated[int, Field(ge=1, le=MAX_FEN)]
    supervisor_id: Ident | None = None


class DayClosePayload(Payload):
    sequence_no: Annotated[int, Field(ge=1, le=10_000_000)]
    totals: ShiftTotals
    cash: dict[Annotated[str, StringConstraints(max_length=32)], SignedFen]
    pending_op_ids: Annotated[list[OpId], Field(max_length=10_000)] = []
    supervisor_id: Ident | None = None


class OverShortSettlePayload(Payload):
    target_op_id: OpId
    difference_fen: SignedFen
    settlement: Literal["booked", "paid_in", "taken_out"]
    reason: Text
    supervisor_id: Ident


class CorrectionAnswerPayload(Payload):
    correction_id: Ident
    answer: Literal["accepted", "disputed"]
    amount_fen: SignedFen
    reason: Text
    supervisor_id: Ident


class ParcelAddress(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_utf8_text)]
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9+ -]{5,20}$")]
    province: Annotated[str, StringConstraints(max_length=32), AfterValidator(_utf8_text)] = ""
    city: Annotated[str, StringConstraints(max_length=32), AfterValidator(_utf8_text)] = ""
    district: Annotated[str, StringConstraints(max_length=32), AfterValidator(_utf8_text)] = ""
    detail: Text = ""
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "CN"


TrackingNo = Annotated[str, StringConstraints(pattern=r"^([A-Z]{2}[0-9]{9}[A-Z]{2}|[0-9]{13})$")]
Grams = Annotated[int, Field(ge=1, le=1_000_000)]
Cm = Annotated[int, Field(ge=0, le=1000)]


class ParcelPostingPayload(Payload):
    """收寄: a parcel accepted and paid at the counter under a tracking number from the counter's block."""

    tracking_no: TrackingNo
    block_id: Ident
    service: Ident
    tariff_version: Ident
    sender: ParcelAddress
    recipient: ParcelAddress
    category: Ident
    description: Text = ""
    weight_g: Grams
    length_cm: Cm = 0
    width_cm: Cm = 0
    height_cm: Cm = 0
    declared_value_fen: Fen = 0
    chargeable_g: Grams
    zone: Ident
    freight_fen: Fen
    surcharges_fen: Fen
    insurance_fen: Fen
    total_fen: Fen
    tenders: Annotated[list[Tender], Field(min_length=1, max_length=10)]
    change_fen: Fen
    member_id: Ident | None = None
    points_earned: Points = 0


class ParcelVoidPayload(Payload):
    """作废 of a parcel before dispatch: its number is retired, the money handed back by ``tenders``."""

    target_op_id: OpId
    tracking_no: TrackingNo
    amount_fen: Fen
    tenders: Annotated[list[Tender], Field(max_length=10)]
    reason: Text
    supervisor_id: Ident


class _Envelope(Strict):
    op_id: Annotated[OpId, Field(description="idempotency key; never reused")]
    branch_id: BranchId
    counter_id: CounterId
    clerk_id: Ident
    shift_id: Ident
    aggregate_id: Ident
    device_seq: Annotated[int, Field(ge=0, le=2**62)]
    occurred_at: Timestamp
    business_date: Date


class CounterOrderOp(_Envelope):
    kind: Literal["counter_order"]
    payload: CounterOrderPayload


class OrderPaymentOp(_Envelope):
    kind: Literal["order_payment"]
    payload: OrderPaymentPayload


class PickupCollectedOp(_Envelope):
    kind: Literal["pickup_collected"]
    payload: PickupCollectedPayload


class BillPaymentOp(_Envelope):
    kind: Literal["bill_payment"]
    payload: BillPaymentPayload


class PointsAccrualOp(_Envelope):
    kind: Literal["points_accrual"]
    payload: PointsAccrualPayload


class PointsRedemptionOp(_Envelope):
    kind: Literal["points_redemption"]
    payload: PointsRedemptionPayload


class VoidOp(_Envelope):
    kind: Literal["void"]
    payload: VoidPayload


class RefundOp(_Envelope):
    kind: Literal["refund"]
    payload: RefundPayload


class ShiftOpenOp(_Envelope):
    kind: Literal["shift_open"]
    payload: ShiftOpenPayload


class ShiftCloseOp(_Envelope):
    kind: Literal["shift_close"]
    payload: ShiftClosePayload


class DrawerOpenedOp(_Envelope):
    kind: Literal["drawer_opened"]
    payload: DrawerOpenedPayload


class CashCollectOp(_Envelope):
    kind: Literal["cash_collect"]
    payload: CashMovePayload


class CashHandbackOp(_Envelope):
    kind: Literal["cash_handback"]
    payload: CashMovePayload


class CashTransferOutOp(_Envelope):
    kind: Literal["cash_transfer_out"]
    payload: CashTransferOutPayload


class CashTransferInOp(_Envelope):
    kind: Literal["cash_transfer_in"]
    payload: CashTransferInPayload


class DayCloseOp(_Envelope):
    kind: Literal["day_close"]
    payload: DayClosePayload


class OverShortSettleOp(_Envelope):
    kind: Literal["over_short_settle"]
    payload: OverShortSettlePayload


class CorrectionAnswerOp(_Envelope):
    kind: Literal["correction_answer"]
    payload: CorrectionAnswerPayload


class ParcelPostingOp(_Envelope):
    kind: Literal["parcel_posting"]
    payload: ParcelPostingPayload


class ParcelVoidOp(_Envelope):
    kind: Literal["parcel_void"]
    payload: ParcelVoidPayload


Operation = Annotated[
    Union[
        CounterOrderOp, OrderPaymentOp, PickupCollectedOp, BillPaymentOp, PointsAccrualOp,
        PointsRedemptionOp, VoidOp, RefundOp, ShiftOpenOp, ShiftCloseOp, DrawerOpenedOp, CashCollectOp,
        CashHandbackOp, CashTransferOutOp, CashTransferInOp, DayCloseOp, OverShortSettleOp, CorrectionAnswerOp,
        ParcelPostingOp, ParcelVoidOp,
    ],
    Field(discriminator="kind"),
]


class OperationBatch(Strict):
    operations: Annotated[list[Operation], Field(min_length=1, max_length=MAX_OPERATIONS)]


class OpResult(Out):
    op_id: str
    status: Literal["accepted", "duplicate", "rejected"]
    code: str = Field(description="`ok` when accepted, else the rejection code")
    reason: str | None = Field(description="Chinese / English reason when rejected or duplicate")
    result: dict[str, Any] | None = Field(description="e.g. `{\"points_balance\": 120}`")


class BatchResult(Out):
    results: list[OpResult]


# ---- pulls --------------------------------------------------------------------------------------------


class Product(Out):
    sku: str
    barcode: str
    name: str
    category: str
    price_fen: int
    unit: str
    member_discount: bool
    points_eligible: bool
    active: bool


class PointsRule(Out):
    earn_fen_per_point: int
    redeem_fen_per_point: int
    level_discount_bp: dict[str, int]


class CatalogPage(Out):
    items: list[Product]
    next_cursor: str
    has_more: bool
    points_rule: PointsRule


class PickupLine(Out):
    sku: str
    name: str
    qty: int
    unit_price_fen: int
    amount_fen: int


class Pickup(Out):
    order_no: str
    customer_name_masked: str
    phone_masked: str
    code_hash: str
    lines: list[PickupLine]
    total_fen: int
    status: Literal["awaiting", "collected", "cancelled"]
    paid_at: str
    cod_fen: Fen = Field(0, description="cash on delivery (货到付款): the amount to collect at the hand-over (代收金额)")


class PickupPage(Out):
    items: list[Pickup]
    next_cursor: str
    has_more: bool


class Member(Out):
    member_id: str
    phone_masked: str
    phone_hash: str
    card_no: str
    name_masked: str
    points_balance: int
    level: Literal["normal", "silver", "gold"]


class MemberPage(Out):
    items: list[Member]
    next_cursor: str
    has_more: bool


class OrderStatus(Out):
    order_no: str
    source: Literal["online", "counter"]
    branch_id: str
    counter_id: str | None
    status: Literal["awaiting", "collected", "cancelled", "unpaid", "paid", "voided", "partially_refunded", "refunded"]
    total_fen: int
    paid_fen: int
    refunded_fen: int
    lines: list[PickupLine]
    created_at: str
    paid_at: str | None
    collected_at: str | None


class Bill(Out):
    bill_id: str
    biller: str
    account_no_masked: str
    customer_name_masked: str
    period: str
    amount_due_fen: int
    status: Literal["unpaid", "paid"]


class KindFigures(Out):
    count: int
    amount_fen: int


class Reconciliation(Out):
    branch_id: str
    business_date: str
    counter_id: str | None
    by_kind: dict[str, KindFigures]
    by_method: dict[str, int]
    total_fen: int = Field(description="net money taken: sum of by_method")


# ---- the books: per-operation reconciliation and corrections ------------------------------------------


class DayOperation(Out):
    op_id: str
    kind: str
    amount_fen: int = Field(description="as by_kind counts it (see the reconciliation)")
    methods: dict[str, int] = Field(description="net money per method, as by_method counts it")
    status: Literal["accepted", "rejected"]
    code: str = Field(description="`ok` when accepted, else the rejection code")


class DayOperations(Out):
    branch_id: str
    counter_id: str
    business_date: str
    operations: list[DayOperation]


class IssueCorrection(Strict):
    branch_id: BranchId
    counter_id: CounterId
    business_date: Date
    amount_fen: Annotated[SignedFen, Field(description="what the platform books differently: + more, - less")]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_utf8_text)]
    op_id: OpId | None = Field(default=None, description="the operation it concerns, if one")


class Correction(Out):
    correction_id: str
    branch_id: str
    counter_id: str
    business_date: str
    amount_fen: int
    reason: str
    op_id: str | None
    status: Literal["open", "accepted", "disputed"]
    issued_at: str
    answer_reason: str | None
    answered_by: str | None


class CorrectionList(Out):
    items: list[Correction]
