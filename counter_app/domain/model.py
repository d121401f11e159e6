"""The counter's nouns: plain frozen dataclasses built by repositories and read by services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from counter_app.domain.operations import Payload

Role = Literal["clerk", "supervisor"]
PaymentMethod = Literal["cash", "bank_card", "prepaid_card", "points", "wechat_pay", "alipay"]
# wechat_pay and alipay are payment codes (付款码): one method per wallet, the acquirer's transaction id as the
# reference; a tender of theirs only comes from a confirmed code payment (domain/services/codepay.py).
PAYMENT_METHODS: tuple[str, ...] = ("cash", "bank_card", "prepaid_card", "points", "wechat_pay", "alipay")
BILLERS: tuple[str, ...] = ("water", "electricity", "gas", "broadband", "landline")

METHOD_NAMES_ZH = {"cash": "现金", "bank_card": "银行卡", "prepaid_card": "预付卡", "points": "积分抵扣",
                   "wechat_pay": "微信支付", "alipay": "支付宝"}
# Why points are credited outside a sale (积分累计原因), a fixed list the platform checks (docs/operations.md):
# purchase_makeup (补录消费积分) names a sale of this branch made before the card was shown; manual_adjustment
# (人工调整) names the supervisor who approved it and is capped per member and day.
AccrualReason = Literal["purchase_makeup", "manual_adjustment"]
ACCRUAL_REASON_NAMES_ZH = {"purchase_makeup": "补录消费积分", "manual_adjustment": "人工调整"}
# The platform's cap on manual adjustments per member, branch and business day (platform_sim/guards.py).
MANUAL_ADJUSTMENT_CAP_PER_DAY = 1_000
BILLER_NAMES_ZH = {"water": "水费", "electricity": "电费", "gas": "燃气费", "broadband": "宽带", "landline": "固话"}


@dataclass(frozen=True)
class Clerk:
    clerk_id: str
    name: str
    role: Role
    pin_hash: str
    failed_attempts: int = 0
    locked_until: str | None = None
    active: bool = True

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


@dataclass(frozen=True)
class Shift:
    shift_id: str
    clerk_id: str
    counter_id: str
    business_date: str
    opened_at: str
    float_fen: int
    closed: bool = False


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    category: str
    price_fen: int
    barcode: str | None = None
    unit: str = "件"
    member_discount: bool = False
    points_eligible: bool = True
    active: bool = True
    pinyin_initials: str = ""


@dataclass(frozen=True)
class Member:
    member_id: str
    phone_masked: str
    card_no: str | None
    name_masked: str
    points_balance: int
    level: str = "normal"


@dataclass(frozen=True)
class PointsRule:
    """How points are earned and what they are worth; pulled with the catalog."""

    earn_fen_per_point: int = 100
    redeem_fen_per_point: int = 1
    level_discount_bp: dict[str, int] = field(default_factory=lambda: {"normal": 0, "silver": 200, "gold": 500})


@dataclass(frozen=True)
class OfflineRules:
    """What a branch allows while the platform cannot be reached (configured per branch)."""

    offline_redeem_cap_per_member_day: int = 5000
    allow_pending_bills: bool = False
    pending_bill_max_fen: int = 50_000
    pending_bill_shift_max_fen: int = 200_000
    # Per payment method that works offline: per transaction and per business day (counter_app.domain.offline_limits).
    offline_prepaid_max_fen: int = 50_000
    offline_prepaid_day_max_fen: int = 300_000
    offline_points_max_fen: int = 5_000
    offline_points_day_max_fen: int = 50_000


@dataclass(frozen=True)
class Branch:
    branch_id: str
    branch_name: str
    branch_address: str
    counter_id: str


@dataclass(frozen=True)
class PickupOrder:
    """An order paid online to be collected at this branch, as the manifest says."""

    order_no: str
    branch_id: str
    customer_name_masked: str
    phone_masked: str  # only the last 4 digits
    code_key: str  # derivation.pickup_code_key of the code, never the code
    lines: list[dict[str, Any]]
    total_fen: int
    status: str  # awaiting | collected | cancelled
    collected_here: bool = False
    cod_fen: int = 0  # cash on delivery (货到付款): what to collect when handing it over (代收金额)
    second_factor: bool = False  # offline, the clerk also checks the last 4 digits of the phone or ID


@dataclass(frozen=True)
class Bill:
    """An amount due at a biller, as the platform's online look-up returned it."""

    bill_id: str
    biller: str
    account_no: str
    account_no_masked: str
    customer_name_masked: str
    period: str
    amount_due_fen: int
    status: str = "unpaid"


@dataclass(frozen=True)
class Tender:
    """One payment line: method, amount in fen, a card reference (never a card number), points spent."""

    method: str
    amount_fen: int
    reference: str | None = None
    points: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"method": self.method, "amount_fen": self.amount_fen, "reference": self.reference, "points": self.points}


@dataclass(frozen=True)
class CartLine:
    sku: str
    qty: int


@dataclass(frozen=True)
class OrderLine:
    """One line of a counter order at the price it was sold at."""

    sku: str
    name: str
    qty: int
    unit_price_fen: int
    amount_fen: int


@dataclass(frozen=True)
class PaidTender:
    """A payment taken for an order, with the change the cash tender gave back."""

    method: str
    amount_fen: int
    change_fen: int = 0
    reference: str | None = None
    points: int = 0

    @property
    def net_fen(self) -> int:
        return self.amount_fen - self.change_fen


OrderStatus = Literal["unpaid", "paid", "voided", "partly_refunded", "refunded"]


def order_status(*, voided: bool, total_fen: int, paid_fen: int, refunded_fen: int, tendered: bool) -> OrderStatus:
    """What has become of an order, from its money rows (``tendered``: any payment line was taken)."""
    if voided:
        return "voided"
    if paid_fen == 0 and total_fen > 0 and not tendered:
        return "unpaid"
    if refunded_fen >= paid_fen and refunded_fen > 0:
        return "refunded"
    if refunded_fen > 0:
        return "partly_refunded"
    return "paid"


@dataclass(frozen=True)
class Order:
    """A counter order with what has happened to it since: payments, refunds, a void."""

    order_no: str
    op_id: str
    shift_id: str
    clerk_id: str
    member_id: str | None
    subtotal_fen: int
    discount_fen: int
    total_fen: int
    created_at: str
    lines: tuple[OrderLine, ...]
    tenders: tuple[PaidTender, ...]
    paid_fen: int
    refunded_fen: int
    voided: bool
    points_earned: int
    points_redeemed: int

    @property
    def status(self) -> OrderStatus:
        return order_status(voided=self.voided, total_fen=self.total_fen, paid_fen=self.paid_fen,
                            refunded_fen=self.refunded_fen, tendered=bool(self.tenders))

    @property
    def refundable_fen(self) -> int:
        return self.paid_fen - self.refunded_fen


@dataclass(frozen=True)
class Operation:
    """What a service asks the unit of work to journal and send: a typed payload on an aggregate.

    ``payload`` is one of ``counter_app.domain.operations``' payload classes; its class names the kind."""

    op_id: str
    aggregate_id: str
    clerk_id: str
    shift_id: str | None
    occurred_at: str
    business_date: str
    payload: Payload

    @property
    def kind(self) -> str:
        return self.payload.kind.value

    @property
    def amount_fen(self) -> int:
        return self.payload.journal_fen()


@dataclass(frozen=True)
class RecordedOperation:
    """An operation as committed: the envelope the platform receives, and its journal position."""

    seq: int
    envelope: dict[str, Any]

    @property
    def op_id(self) -> str:
        return str(self.envelope["op_id"])

    @property
    def kind(self) -> str:
        return str(self.envelope["kind"])

    @property
    def payload(self) -> dict[str, Any]:
        return dict(self.envelope["payload"])
