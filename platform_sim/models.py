"""Request and response models of the platform API: the contract the OpenAPI file is generated from.

Request models are strict (no "12" for 12, no 12.0 for fen) and forbid unknown fields. The shared types are
in ``model_base``, the operations in ``operation_models``; both are re-exported here (``models.X``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints

from platform_sim.model_base import *  # noqa: F403 - re-exported
from platform_sim.model_base import _utf8_text
from platform_sim.operation_models import *  # noqa: F403 - re-exported


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
    branch_secret: str = Field(description="the branch's secret: salt of the slow keys in the member pull and the "
                                           "pickup manifest (phone_key, code_key); keep it secret, never log it")


class TokenRotation(Out):
    device_id: str
    token: str
    token_expires_at: str
    previous_token_valid_until: str = Field(description="the token used for this call works until then")
    branch_secret: str = Field(description="the branch's secret, as at enrolment (a counter enrolled before "
                                           "branch secrets existed learns it here)")


class IssueCodeRequest(Strict):
    branch_id: BranchId


class IssuedCode(Out):
    enrolment_code: str
    branch_id: str


class Revoked(Out):
    device_id: str
    revoked: bool


# ---- operations ---------------------------------------------------------------------------------------


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


class ParcelVersions(Out):
    tariff: str = Field(description="version of the parcel tariff in force (`GET /parcels/tariff`)")
    regions: str = Field(description="version of the region list (`GET /parcels/regions`)")


class CatalogPage(Out):
    items: list[Product]
    next_cursor: str
    has_more: bool
    points_rule: PointsRule
    parcel_versions: ParcelVersions = Field(
        description="what the parcel pulls would bring now: a counter that holds these versions need not ask")


class PickupLine(Out):
    sku: str
    name: str
    qty: int
    unit_price_fen: int
    amount_fen: int


class Pickup(Out):
    order_no: str
    customer_name_masked: str
    phone_masked: str = Field(description="only the last 4 digits of the phone (the clerk's second factor)")
    code_key: str = Field(description="HMAC-SHA256(key=scrypt(code, salt=branch secret, n=2**15, r=8, p=1), order_no)")
    second_factor: bool = Field(False, description="offline, the pickup also needs the last 4 digits of the "
                                                   "recipient's phone or ID, checked by the clerk")
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
    phone_masked: str = Field(description="empty: a counter keeps no phone digits")
    phone_key: str = Field(description="scrypt(phone, salt=branch secret, n=2**14, r=8, p=1), hex")
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
