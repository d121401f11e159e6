"""Commands: what a clerk asks the counter to do (imperative names, frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field

from counter_app.domain.model import CartLine, Tender


@dataclass(frozen=True)
class SupervisorApproval:
    """A supervisor's own id and PIN, entered for a supervisor-only action (主管授权)."""

    supervisor_id: str
    pin: str


@dataclass(frozen=True)
class Login:
    clerk_id: str
    pin: str


@dataclass(frozen=True)
class AddClerk:
    clerk_id: str
    name: str
    role: str
    pin: str


@dataclass(frozen=True)
class OpenShift:
    clerk_id: str
    float_fen: int


@dataclass(frozen=True)
class CloseShift:
    clerk_id: str
    cash_count: dict[int, int]  # denomination in fen -> number of notes/coins (点钞)
    approval: SupervisorApproval | None = None


@dataclass(frozen=True)
class PlaceOrder:
    """A counter order; with tenders it is a sale paid now, without (``tenders=None``) it is paid later."""

    clerk_id: str
    lines: tuple[CartLine, ...]
    tenders: tuple[Tender, ...] | None
    member_id: str | None = None


@dataclass(frozen=True)
class PayOrder:
    clerk_id: str
    order_no: str
    tenders: tuple[Tender, ...]


@dataclass(frozen=True)
class VoidOrder:
    clerk_id: str
    order_no: str
    reason: str
    approval: SupervisorApproval


@dataclass(frozen=True)
class RefundOrder:
    clerk_id: str
    order_no: str
    reason: str
    approval: SupervisorApproval
    amount_fen: int | None = None  # None: everything still refundable


@dataclass(frozen=True)
class CollectPickup:
    clerk_id: str
    order_no: str
    code: str | None = None
    approval: SupervisorApproval | None = None  # handing over on the order number alone needs a supervisor
    tenders: tuple[Tender, ...] = ()  # cash on delivery: how the customer pays the amount to collect
    second_factor: str | None = None  # offline, where the manifest says so: the phone's last 4 digits


@dataclass(frozen=True)
class PayBill:
    clerk_id: str
    biller: str
    account_no: str
    amount_fen: int
    tenders: tuple[Tender, ...]
    bill_id: str | None = None  # from the online look-up; None only for an offline pending payment
    period: str | None = None
    member_id: str | None = None
    # What the look-up said, so that a bill paid elsewhere or a wrong amount is refused before money is taken.
    bill_status: str | None = None
    amount_due_fen: int | None = None


@dataclass(frozen=True)
class AccruePoints:
    """人工调整: points credited by hand, approved by a supervisor (capped per member and day)."""

    clerk_id: str
    member_id: str
    points: int
    note: str
    approval: SupervisorApproval | None = None


@dataclass(frozen=True)
class MakeUpPoints:
    """补录消费积分: the points a sale of this counter would have earned had the card been shown."""

    clerk_id: str
    member_id: str
    order_no: str


@dataclass(frozen=True)
class RedeemPoints:
    clerk_id: str
    member_id: str
    points: int
    reason: str
    sku: str | None = None


@dataclass(frozen=True)
class ResolveException:
    """A supervisor's action on a message the platform rejected."""

    clerk_id: str
    op_id: str
    action: str  # acknowledged | refund_done | resolved
    approval: SupervisorApproval
    note: str = ""
    refund_tenders: tuple[Tender, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OpenDrawer:
    """A supervisor opens the cash drawer outside a sale (开钱箱), with a reason."""

    clerk_id: str
    reason: str
    approval: SupervisorApproval | None
