"""Finding one of today's orders without its whole 21-character number: by the last digits a clerk reads
off the receipt, or by the amount the customer names. Pure: the store reads the rows, this picks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from counter_app.domain.errors import InvalidInput
from counter_app.domain.model import OrderStatus, order_status
from counter_app.domain.money import parse_fen


@dataclass(frozen=True)
class OrderSummary:
    """One line of the look-up list: an order of this counter with what has become of it."""

    order_no: str
    created_at: str
    clerk_id: str
    total_fen: int
    paid_fen: int
    refunded_fen: int
    voided: bool
    tendered: bool

    @property
    def status(self) -> OrderStatus:
        return order_status(voided=self.voided, total_fen=self.total_fen, paid_fen=self.paid_fen,
                            refunded_fen=self.refunded_fen, tendered=self.tendered)

    @property
    def refundable_fen(self) -> int:
        return self.paid_fen - self.refunded_fen


def _amount(text: str) -> int | None:
    try:
        return parse_fen(text)
    except InvalidInput:
        return None


def number_ends_with(order_no: str, text: str) -> bool:
    """True when ``text`` is the end of the order number, with or without its two check characters."""
    wanted, number = text.strip().upper(), order_no.upper()
    return bool(wanted) and (number.endswith(wanted) or number[:-2].endswith(wanted))


def matches(order: OrderSummary, text: str) -> bool:
    """True when ``text`` is the end of the order number (its daily number, with or without the two check
    characters after it: "7", "0007", "0007A3") or the order's amount ("128", "128.00", "2.5")."""
    wanted = text.strip().upper()
    if not wanted:
        return True
    if number_ends_with(order.order_no, wanted):
        return True
    fen = _amount(wanted)
    return fen is not None and fen in (order.total_fen, order.paid_fen)


def find_orders(orders: Iterable[OrderSummary], text: str, *, limit: int = 50) -> list[OrderSummary]:
    """The orders ``text`` points at, in the order given (newest first from the store), at most ``limit``."""
    found = [order for order in orders if matches(order, text)]
    return found[:limit]


# The reasons clerks give most for a refund or a void, offered as a list (a reason can still be typed).
ORDER_REASONS: tuple[str, ...] = ("顾客要求退货", "商品质量问题", "收银错误（金额或商品有误）", "重复收款",
                                  "顾客取消订单", "商品缺货")
