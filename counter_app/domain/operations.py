"""The operation kinds a counter records: one typed payload per kind and one spec row per kind.

Every list the app keeps about kinds (names on screens, which kinds are business, how an operation counts in
the day report and the reconciliation, which fields go on the wire, which rejected operation holds a later
one) is derived from ``SPECS``. Adding a kind is one payload class (here or in an area module), one row in ``SPECS`` and one receipt
builder in ``counter_app.printing.receipts`` (the printing layer may not be imported from the domain); a test
fails when any of them is missing, and another when the platform's contract lists other kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from counter_app.domain.model import AccrualReason, OrderLine, Tender
from counter_app.domain.parcel_payloads import ParcelPostingPayload as ParcelPostingPayload
from counter_app.domain.parcel_payloads import ParcelVoidPayload as ParcelVoidPayload
from counter_app.domain.payload import LOCAL_ONLY as LOCAL_ONLY
from counter_app.domain.payload import Kind as Kind
from counter_app.domain.payload import Party as Party
from counter_app.domain.payload import Payload as Payload
from counter_app.domain.payload import TakesTenders as TakesTenders
from counter_app.domain.payload import net_of_change as net_of_change


@dataclass(frozen=True, kw_only=True)
class CounterOrderPayload(TakesTenders, Payload):
    kind: ClassVar[Kind] = Kind.COUNTER_ORDER
    order_no: str
    lines: tuple[OrderLine, ...]
    subtotal_fen: int
    discount_fen: int
    total_fen: int
    tenders: tuple[Tender, ...] = ()
    change_fen: int = 0
    paid: bool = True
    member_id: str | None = None
    points_earned: int = 0
    points_redeemed: int = 0
    offline: bool = field(default=False, metadata=LOCAL_ONLY)

    def journal_fen(self) -> int:
        return self.total_fen

    def report_fen(self) -> int:
        return self.total_fen if self.paid else 0


@dataclass(frozen=True, kw_only=True)
class OrderPaymentPayload(TakesTenders, Payload):
    kind: ClassVar[Kind] = Kind.ORDER_PAYMENT
    order_no: str
    total_fen: int
    tenders: tuple[Tender, ...]
    change_fen: int = 0
    member_id: str | None = None
    points_earned: int = 0
    points_redeemed: int = 0
    offline: bool = field(default=False, metadata=LOCAL_ONLY)

    def journal_fen(self) -> int:
        return self.total_fen

    def report_fen(self) -> int:
        return self.total_fen


@dataclass(frozen=True, kw_only=True)
class PickupCollectedPayload(TakesTenders, Payload):
    kind: ClassVar[Kind] = Kind.PICKUP_COLLECTED
    order_no: str
    collected_at: str
    verified_by: str  # code | order_no
    cod_fen: int = 0  # cash on delivery (代收金额) taken at the hand-over, paid by the tenders
    tenders: tuple[Tender, ...] = ()
    change_fen: int = 0
    offline: bool = field(default=False, metadata=LOCAL_ONLY)

    def journal_fen(self) -> int:
        return self.cod_fen

    def report_fen(self) -> int:
        return self.cod_fen


@dataclass(frozen=True, kw_only=True)
class BillPaymentPayload(TakesTenders, Payload):
    kind: ClassVar[Kind] = Kind.BILL_PAYMENT
    bill_id: str | None
    biller: str
    account_no: str
    period: str | None
    amount_fen: int
    tenders: tuple[Tender, ...]
    change_fen: int = 0
    pending: bool = False
    member_id: str | None = None
    points_earned: int = 0
    biller_name: str = field(default="", metadata=LOCAL_ONLY)

    def journal_fen(self) -> int:
        return self.amount_fen

    def report_fen(self) -> int:
        return self.amount_fen


@dataclass(frozen=True, kw_only=True)
class PointsAccrualPayload(Payload):
    """积分累计 outside a sale: ``reason`` is one of ``AccrualReason``; a purchase make-up names the sale
    (``ref_op_id``), a manual adjustment its supervisor; ``note`` is the clerk's free text."""

    kind: ClassVar[Kind] = Kind.POINTS_ACCRUAL
    member_id: str
    points: int
    reason: AccrualReason
    note: str = ""
    ref_op_id: str | None = None
    supervisor_id: str | None = None
    offline: bool = field(default=False, metadata=LOCAL_ONLY)


@dataclass(frozen=True, kw_only=True)
class PointsRedemptionPayload(Payload):
    kind: ClassVar[Kind] = Kind.POINTS_REDEMPTION
    member_id: str
    points: int
    reason: str
    sku: str | None = None
    offline: bool = field(default=False, metadata=LOCAL_ONLY)


@dataclass(frozen=True, kw_only=True)
class VoidPayload(Payload):
    kind: ClassVar[Kind] = Kind.VOID
    target_op_id: str
    order_no: str
    reason: str
    supervisor_id: str


@dataclass(frozen=True, kw_only=True)
class RefundPayload(Payload):
    kind: ClassVar[Kind] = Kind.REFUND
    target_op_id: str
    order_no: str
    amount_fen: int
    tenders: tuple[Tender, ...]
    reason: str
    supervisor_id: str
    points_reversed: int = 0
    points_restored: int = 0

    def journal_fen(self) -> int:
        return self.amount_fen

    def report_fen(self) -> int:
        return self.amount_fen

    def money_moves(self) -> list[tuple[str, int]]:
        return [(t.method, -t.amount_fen) for t in self.tenders]


@dataclass(frozen=True, kw_only=True)
class ShiftOpenPayload(Payload):
    kind: ClassVar[Kind] = Kind.SHIFT_OPEN
    float_fen: int

    def journal_fen(self) -> int:
        return self.float_fen


@dataclass(frozen=True, kw_only=True)
class ShiftClosePayload(Payload):
    kind: ClassVar[Kind] = Kind.SHIFT_CLOSE
    float_fen: int
    expected_cash_fen: int
    counted_cash_fen: int
    difference_fen: int
    supervisor_id: str | None
    totals: dict[str, Any]  # {"by_kind": {kind: {count, amount_fen}}, "by_method": {method: fen}}

    def journal_fen(self) -> int:
        return self.counted_cash_fen


@dataclass(frozen=True, kw_only=True)
class DrawerOpenedPayload(Payload):
    """A supervisor opened the cash drawer with no sale (开钱箱): who and why; no money moved."""

    kind: ClassVar[Kind] = Kind.DRAWER_OPENED
    reason: str
    supervisor_id: str
# The books' kinds (cash box, day close, corrections) live in their own module to keep this one short.
from counter_app.domain.books_payloads import (  # noqa: E402
    CashCollectPayload as CashCollectPayload,
    CashHandbackPayload as CashHandbackPayload,
    CashTransferInPayload as CashTransferInPayload,
    CashTransferOutPayload as CashTransferOutPayload,
    CorrectionAnswerPayload as CorrectionAnswerPayload,
    DayClosePayload as DayClosePayload,
    OverShortSettlePayload as OverShortSettlePayload,
)


@dataclass(frozen=True)
class KindSpec:
    """What the app knows about one kind besides its payload's fields."""

    kind: Kind
    payload: type[Payload]
    name_zh: str
    name_en: str
    aggregate: str  # what the aggregate id names: the order, the bill, the member, the shift
    business: bool  # counts in the day report and the reconciliation (shift bookkeeping does not)
    # A later message of the same aggregate waits behind a rejected (or not yet delivered) one of these kinds,
    # because it depends on it: an order's payment, refund or void behind its creation, a refund behind a
    # refused payment, a shift's close behind its open. ``None``: behind every kind of its aggregate (the safe
    # default for money). It also never shares a batch with one it depends on.
    waits_behind: frozenset[Kind] | None = None
    receipt_title_zh: str = ""  # the receipt's title when paper says it otherwise than the screen
    # The customer's receipt is queued with the operation (and the 签退 slip; the other shift slips on demand only).
    prints_receipt: bool = True


# Points stand alone: the platform checks each against the member's balance on its own merits, so a refused
# redemption takes nothing away from a later accrual or redemption of the same member.
_STANDS_ALONE: frozenset[Kind] = frozenset()

SPECS: dict[Kind, KindSpec] = {spec.kind: spec for spec in (
    KindSpec(Kind.COUNTER_ORDER, CounterOrderPayload, "销售/下单", "Counter order", "order", True,
             receipt_title_zh="线下销售"),
    KindSpec(Kind.ORDER_PAYMENT, OrderPaymentPayload, "订单付款", "Order payment", "order", True),
    KindSpec(Kind.PICKUP_COLLECTED, PickupCollectedPayload, "提货", "Pickup", "order", True),
    KindSpec(Kind.BILL_PAYMENT, BillPaymentPayload, "便民缴费", "Bill payment", "bill", True),
    KindSpec(Kind.POINTS_ACCRUAL, PointsAccrualPayload, "积分累计", "Points accrual", "member", True,
             waits_behind=_STANDS_ALONE),
    KindSpec(Kind.POINTS_REDEMPTION, PointsRedemptionPayload, "积分兑换", "Points redemption", "member", True,
             waits_behind=_STANDS_ALONE),
    KindSpec(Kind.VOID, VoidPayload, "作废", "Void", "order", True),
    KindSpec(Kind.REFUND, RefundPayload, "退款", "Refund", "order", True),
    KindSpec(Kind.SHIFT_OPEN, ShiftOpenPayload, "签到", "Open shift", "shift", False, prints_receipt=False),
    KindSpec(Kind.SHIFT_CLOSE, ShiftClosePayload, "签退", "Close shift", "shift", False),
    KindSpec(Kind.DRAWER_OPENED, DrawerOpenedPayload, "开钱箱", "Drawer opened", "shift", False,
             prints_receipt=False),
    # The books' kinds. A cash box move or a settlement is judged on its own (a refused transfer confirmation
    # takes nothing from the next move); the shift's close still waits behind a refused one (its cash counts it).
    KindSpec(Kind.CASH_COLLECT, CashCollectPayload, "尾箱领用", "Cash from safe", "shift", False,
             waits_behind=_STANDS_ALONE),
    KindSpec(Kind.CASH_HANDBACK, CashHandbackPayload, "尾箱上缴", "Cash to safe", "shift", False,
             waits_behind=_STANDS_ALONE),
    KindSpec(Kind.CASH_TRANSFER_OUT, CashTransferOutPayload, "调剂调出", "Cash transfer out", "shift", False,
             waits_behind=_STANDS_ALONE),
    KindSpec(Kind.CASH_TRANSFER_IN, CashTransferInPayload, "调剂调入", "Cash transfer in", "shift", False,
             waits_behind=_STANDS_ALONE),
    KindSpec(Kind.DAY_CLOSE, DayClosePayload, "日终轧帐", "Day close (Z)", "day", False, prints_receipt=False),
    KindSpec(Kind.OVER_SHORT_SETTLE, OverShortSettlePayload, "长短款处理", "Cash difference settled", "shift",
             False, waits_behind=_STANDS_ALONE),
    KindSpec(Kind.CORRECTION_ANSWER, CorrectionAnswerPayload, "更正处理", "Correction answered", "day", False,
             prints_receipt=False),
    KindSpec(Kind.PARCEL_POSTING, ParcelPostingPayload, "寄递收寄", "Parcel posting", "parcel", True,
             receipt_title_zh="寄递收据"),
    KindSpec(Kind.PARCEL_VOID, ParcelVoidPayload, "寄递作废", "Parcel void", "parcel", True),
)}

KIND_NAMES_ZH: dict[str, str] = {k.value: s.name_zh for k, s in SPECS.items()}
KIND_NAMES_EN: dict[str, str] = {k.value: s.name_en for k, s in SPECS.items()}
BUSINESS_KINDS: frozenset[str] = frozenset(k.value for k, s in SPECS.items() if s.business)
WIRE_FIELDS: dict[str, frozenset[str]] = {k.value: s.payload.wire_fields() for k, s in SPECS.items()}


def spec(kind: str) -> KindSpec:
    """The spec of a kind; ``ValueError`` for a kind this version does not know."""
    return SPECS[Kind(kind)]


def is_kind(kind: str) -> bool:
    return kind in KIND_NAMES_ZH


def kind_name(kind: str, language: str = "zh") -> str:
    """A kind's name in the clerk's language; an unknown kind is shown as it is."""
    names = KIND_NAMES_EN if language.startswith("en") else KIND_NAMES_ZH
    return names.get(kind, kind)


def payload_of(kind: str, data: Mapping[str, Any]) -> Payload:
    """A recorded payload (journal or outbox) as its typed object."""
    return spec(kind).payload.from_dict(data)


def waits_behind(later_kind: str, rejected_kind: str) -> bool:
    """Whether a later message of the same aggregate must wait while an earlier one of ``rejected_kind`` is
    rejected and open (and may not share a batch with an earlier pending one of that kind)."""
    if not is_kind(later_kind) or not is_kind(rejected_kind):
        return True  # an unknown kind: keep the old, safe order
    depends_on = spec(later_kind).waits_behind
    return depends_on is None or Kind(rejected_kind) in depends_on
