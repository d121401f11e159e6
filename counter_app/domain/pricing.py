"""Order totals, member discounts and points: integer fen arithmetic only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counter_app.domain.errors import InvalidInput
from counter_app.domain.model import Member, Order, OrderLine, PointsRule, Product

MAX_QTY = 999


@dataclass(frozen=True)
class PricedLine:
    product: Product
    qty: int

    @property
    def amount_fen(self) -> int:
        return self.product.price_fen * self.qty

    def as_order_line(self) -> OrderLine:
        return OrderLine(self.product.sku, self.product.name, self.qty, self.product.price_fen, self.amount_fen)


@dataclass(frozen=True)
class Totals:
    subtotal_fen: int
    discount_fen: int

    @property
    def total_fen(self) -> int:
        return self.subtotal_fen - self.discount_fen


def check_qty(qty: int) -> int:
    if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
        raise InvalidInput("qty_invalid", "数量必须是正整数", "The quantity must be a whole number above zero",
                           field="qty")
    if qty > MAX_QTY:
        raise InvalidInput("qty_too_large", f"数量不能超过 {MAX_QTY}", f"The quantity cannot exceed {MAX_QTY}",
                           field="qty")
    return qty


def member_discount_fen(lines: list[PricedLine], member: Member | None, rule: PointsRule) -> int:
    """The member-level discount on lines that allow it, rounded down to the fen (the member discount hook)."""
    if member is None:
        return 0
    bp = rule.level_discount_bp.get(member.level, 0)
    eligible = sum(line.amount_fen for line in lines if line.product.member_discount)
    return eligible * bp // 10_000


def totals(lines: list[PricedLine], member: Member | None, rule: PointsRule) -> Totals:
    subtotal = sum(line.amount_fen for line in lines)
    return Totals(subtotal, member_discount_fen(lines, member, rule))


def points_earned(lines: list[PricedLine], totals_: Totals, points_paid_fen: int, rule: PointsRule) -> int:
    """Points earned on what was paid in money for eligible lines: one point per ``earn_fen_per_point``."""
    if totals_.total_fen <= 0:
        return 0
    eligible = sum(line.amount_fen for line in lines if line.product.points_eligible)
    # The discount and the points-paid share are spread over lines by amount, so the rule stays proportional.
    eligible_after_discount = eligible * totals_.total_fen // totals_.subtotal_fen if totals_.subtotal_fen else 0
    money_share = eligible_after_discount * (totals_.total_fen - points_paid_fen) // totals_.total_fen
    return max(0, money_share) // rule.earn_fen_per_point


def makeup_points(order: Order, eligible: Callable[[str], bool], rule: PointsRule) -> int:
    """What a paid order still owes a member who shows the card afterwards (补录消费积分): the points its
    eligible lines earn on the money kept (points tenders and refunds excluded), less what it earned already.
    The same proportions as ``points_earned``, so a sale made up later earns what it would have then."""
    if order.voided or order.total_fen <= 0 or order.subtotal_fen <= 0:
        return 0
    eligible_fen = sum(line.amount_fen for line in order.lines if eligible(line.sku))
    eligible_after_discount = eligible_fen * order.total_fen // order.subtotal_fen
    points_paid = sum(t.amount_fen for t in order.tenders if t.method == "points")
    money_kept = min(order.paid_fen, order.total_fen) - points_paid - order.refunded_fen
    money_share = eligible_after_discount * max(0, money_kept) // order.total_fen
    return max(0, money_share // rule.earn_fen_per_point - order.points_earned)


def points_for_amount(amount_fen: int, rule: PointsRule) -> int:
    """How many points pay ``amount_fen`` (points tender)."""
    return amount_fen // rule.redeem_fen_per_point
