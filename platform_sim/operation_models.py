"""The operations a counter pushes: one payload and one envelope model per kind, the discriminated union,
and the batch request and answer (``POST /operations/batch``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, Field, StringConstraints

from platform_sim.model_base import *  # noqa: F403 - the shared types
from platform_sim.model_base import _utf8_text


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
    """积分累计 outside a sale. ``purchase_makeup`` (补录消费积分) names the sale in ``ref_op_id``: one of this
    branch, of this member or of no member, not accrued before, within what it paid for. ``manual_adjustment``
    (人工调整) names the approving supervisor and is capped per member, branch and business day."""

    member_id: Ident
    points: PositivePoints
    reason: Literal["purchase_makeup", "manual_adjustment"]
    note: Text = ""
    ref_op_id: OpId | None = None
    supervisor_id: Ident | None = None


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
