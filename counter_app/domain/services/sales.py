"""Counter orders (线下下单): sell now or take an order to pay later; pay, void and refund."""

from __future__ import annotations

from dataclasses import dataclass, replace

from counter_app.domain import pricing
from counter_app.domain.codepay import CODE_METHODS
from counter_app.domain.offline_limits import check_offline_limits
from counter_app.domain.commands import PayOrder, PlaceOrder, RefundOrder, VoidOrder
from counter_app.domain.errors import InvalidInput, NotFound, Refused
from counter_app.domain.model import Member, Operation, Order, PaidTender, PointsRule, RecordedOperation, Tender
from counter_app.domain.money import check_fen, format_fen
from counter_app.domain.operations import (
    CounterOrderPayload,
    OrderPaymentPayload,
    RefundPayload,
    VoidPayload,
)
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import (
    check_reason,
    approve,
    check_redeemable,
    known_member,
    new_op_id,
    open_shift_of,
    timestamp,
)
from counter_app.domain.tender import change_due


@dataclass(frozen=True)
class OrderPlaced:
    order_no: str
    subtotal_fen: int
    discount_fen: int
    total_fen: int
    change_fen: int
    points_earned: int
    points_redeemed: int
    paid: bool
    recorded: RecordedOperation


@dataclass(frozen=True)
class OrderVoided:
    order_no: str
    recorded: RecordedOperation


@dataclass(frozen=True)
class OrderRefunded:
    order_no: str
    amount_fen: int
    tenders: tuple[Tender, ...]
    recorded: RecordedOperation


def _price_lines(uow: UnitOfWork, cmd: PlaceOrder) -> list[pricing.PricedLine]:
    if not cmd.lines:
        raise InvalidInput("cart_empty", "请先添加商品", "Add a product first", field="product")
    merged: dict[str, int] = {}
    for line in cmd.lines:
        merged[line.sku] = merged.get(line.sku, 0) + pricing.check_qty(line.qty)
    priced = []
    for sku, qty in merged.items():
        product = uow.catalog.get(sku)
        if product is None or not product.active:
            raise NotFound("product_unknown", f"商品 {sku} 不存在或已下架", f"Product {sku} is unknown or withdrawn",
                           field="product")
        priced.append(pricing.PricedLine(product, pricing.check_qty(qty)))
    return priced


def _take_payment(uow: UnitOfWork, deps: Deps, *, total_fen: int, tenders: tuple[Tender, ...],
                  member: Member | None, rule: PointsRule, business_date: str) -> tuple[int, int]:
    """Check the tenders for ``total_fen``; return (change, points spent)."""
    if not tenders:
        raise InvalidInput("tender_missing", "请选择付款方式", "Choose how the customer pays", field="tender")
    change = change_due(total_fen, list(tenders), rule)
    points_spent = sum(t.points for t in tenders if t.method == "points")
    if points_spent:
        if member is None:
            raise Refused("points_need_member", "积分抵扣需要先识别会员", "Identify the member to pay with points",
                          field="member")
        check_redeemable(uow, member, points_spent, online=deps.online(), business_date=business_date)
    if not deps.online():
        check_offline_limits(tenders, uow.settings.offline_rules(), uow.offline_takings, business_date=business_date)
    return change, points_spent


def _branch_id(uow: UnitOfWork) -> str:
    branch = uow.settings.branch()
    if branch is None:
        raise Refused("not_enrolled", "本柜台尚未设置网点和柜台号", "This counter has no branch settings yet")
    return branch.branch_id


def _order_no(uow: UnitOfWork, counter_id: str, branch_id: str, business_date: str, op_id: str) -> str:
    """A platform-unique order number made offline: branch, counter, date, daily number, a check part."""
    number = uow.orders.count_on(business_date) + 1
    return f"{branch_id}{counter_id}{business_date.replace('-', '')}{number:04d}{op_id[:2].upper()}"


def _book_points(uow: UnitOfWork, *, op_id: str, member: Member | None, earned: int, spent: int, reason: str,
                 business_date: str, created_at: str) -> None:
    if member is None:
        return
    if spent:
        uow.members.add_points(op_id=op_id, member_id=member.member_id, points=-spent, kind="redemption",
                               reason=reason, business_date=business_date, created_at=created_at)
    if earned:
        uow.members.add_points(op_id=op_id, member_id=member.member_id, points=earned, kind="accrual",
                               reason=reason, business_date=business_date, created_at=created_at)


def place_order(cmd: PlaceOrder, uow: UnitOfWork, deps: Deps) -> OrderPlaced:
    """Sell the cart now (with tenders) or take it as an order paid later (``tenders=None``)."""
    if any(t.method in CODE_METHODS for t in cmd.tenders or ()):
        raise Refused("code_tender_direct", "付款码支付请扫描顾客的付款码收款", "Scan the customer's payment code to take it",
                      field="tender")
    with uow:
        placed = record_sale(cmd, uow, deps)
        uow.commit()
    return placed


def sale_total(cmd: PlaceOrder, uow: UnitOfWork) -> int:
    """What the cart of ``cmd`` costs now (in an open unit of work)."""
    member = known_member(uow, cmd.member_id)
    totals = pricing.totals(_price_lines(uow, cmd), member, uow.settings.points_rule())
    return check_fen(totals.total_fen, field="total")


def record_sale(cmd: PlaceOrder, uow: UnitOfWork, deps: Deps) -> OrderPlaced:
    """``place_order``'s work inside an open write unit of work, not committed (a confirmed code payment
    records its sale in its own step's transaction)."""
    now = deps.clock.now()
    op_id = new_op_id()
    shift = open_shift_of(uow, cmd.clerk_id)
    rule = uow.settings.points_rule()
    member = known_member(uow, cmd.member_id)
    lines = _price_lines(uow, cmd)
    totals = pricing.totals(lines, member, rule)
    check_fen(totals.total_fen, field="total")
    paid = cmd.tenders is not None
    change, spent, earned = 0, 0, 0
    if paid:
        change, spent = _take_payment(uow, deps, total_fen=totals.total_fen, tenders=cmd.tenders or (),
                                      member=member, rule=rule, business_date=shift.business_date)
        if member is not None:
            points_paid_fen = sum(t.amount_fen for t in cmd.tenders or () if t.method == "points")
            earned = pricing.points_earned(lines, totals, points_paid_fen, rule)
    order_no = _order_no(uow, shift.counter_id, _branch_id(uow), shift.business_date, op_id)
    order_lines = tuple(line.as_order_line() for line in lines)
    tenders = tuple(cmd.tenders or ())
    uow.orders.add(order_no=order_no, op_id=op_id, shift_id=shift.shift_id, clerk_id=cmd.clerk_id,
                   member_id=member.member_id if member else None, subtotal_fen=totals.subtotal_fen,
                   discount_fen=totals.discount_fen, total_fen=totals.total_fen, created_at=timestamp(now),
                   lines=order_lines)
    if paid:
        uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=order_no, kind="counter_order",
                                tenders=tenders, change_fen=change)
    _book_points(uow, op_id=op_id, member=member, earned=earned, spent=spent, reason=f"订单 {order_no}",
                 business_date=shift.business_date, created_at=timestamp(now))
    payload = CounterOrderPayload(
        order_no=order_no, lines=order_lines, subtotal_fen=totals.subtotal_fen,
        discount_fen=totals.discount_fen, total_fen=totals.total_fen, tenders=tenders, change_fen=change,
        paid=paid, member_id=member.member_id if member else None, points_earned=earned, points_redeemed=spent,
        offline=not deps.online())
    recorded = uow.record(Operation(op_id, order_no, cmd.clerk_id, shift.shift_id, timestamp(now),
                                    shift.business_date, payload))
    return OrderPlaced(order_no, totals.subtotal_fen, totals.discount_fen, totals.total_fen, change, earned, spent,
                       paid, recorded)


def _order(uow: UnitOfWork, order_no: str) -> Order:
    order = uow.orders.get(order_no.strip())
    if order is None:
        raise NotFound("order_unknown", f"订单 {order_no} 不存在", f"No order {order_no}", field="order_no")
    return order


def pay_order(cmd: PayOrder, uow: UnitOfWork, deps: Deps) -> OrderPlaced:
    """Take payment for a counter order that was taken unpaid."""
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        order = _order(uow, cmd.order_no)
        if order.status != "unpaid":
            raise Refused("order_not_unpaid", f"订单状态为“{order.status}”，不能再付款",
                          f"The order is {order.status}; it cannot be paid", field="order_no")
        rule = uow.settings.points_rule()
        member = known_member(uow, order.member_id)
        change, spent = _take_payment(uow, deps, total_fen=order.total_fen, tenders=cmd.tenders, member=member,
                                      rule=rule, business_date=shift.business_date)
        earned = 0
        if member is not None:
            points_paid_fen = sum(t.amount_fen for t in cmd.tenders if t.method == "points")
            # At the prices the order was taken at: the catalog may have changed since (the platform caps
            # points by the order's total).
            lines = [pricing.PricedLine(replace(product, price_fen=ln.unit_price_fen), ln.qty)
                     for ln in order.lines if (product := uow.catalog.get(ln.sku)) is not None]
            earned = pricing.points_earned(lines, pricing.Totals(order.subtotal_fen, order.discount_fen),
                                           points_paid_fen, rule)
        uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=order.order_no,
                                kind="order_payment", tenders=cmd.tenders, change_fen=change)
        _book_points(uow, op_id=op_id, member=member, earned=earned, spent=spent,
                     reason=f"订单 {order.order_no}", business_date=shift.business_date, created_at=timestamp(now))
        payload = OrderPaymentPayload(order_no=order.order_no, total_fen=order.total_fen, tenders=cmd.tenders,
                                      change_fen=change, member_id=order.member_id, points_earned=earned,
                                      points_redeemed=spent, offline=not deps.online())
        recorded = uow.record(Operation(op_id, order.order_no, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return OrderPlaced(order.order_no, order.subtotal_fen, order.discount_fen, order.total_fen, change,
                       earned, spent, True, recorded)


def void_order(cmd: VoidOrder, uow: UnitOfWork, deps: Deps) -> OrderVoided:
    """Void (作废) an unpaid counter order: a supervisor approves; a new journal entry, nothing edited."""
    check_reason(cmd.reason)
    now = deps.clock.now()
    op_id = new_op_id()
    if not cmd.reason.strip():
        raise InvalidInput("reason_missing", "请填写作废原因", "Give a reason for the void", field="reason")
    with uow:
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="作废", action_en="A void")
        shift = open_shift_of(uow, cmd.clerk_id)
        order = _order(uow, cmd.order_no)
        if order.status != "unpaid":
            raise Refused("void_paid_order", "只能作废未付款的订单；已付款的订单请办理退款",
                          "Only an unpaid order can be voided; refund a paid one", field="order_no")
        uow.orders.add_void(op_id=op_id, target_op_id=order.op_id, order_no=order.order_no,
                            reason=cmd.reason.strip(), supervisor_id=supervisor_id)
        payload = VoidPayload(target_op_id=order.op_id, order_no=order.order_no, reason=cmd.reason.strip(),
                              supervisor_id=supervisor_id)
        recorded = uow.record(Operation(op_id, order.order_no, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return OrderVoided(order.order_no, recorded)


def refund_allocation(tenders: tuple[PaidTender, ...], amount_fen: int, *,
                      fen_per_point: int = 1) -> list[Tender]:
    """Give ``amount_fen`` back by the methods it was paid with, last tender first (cash net of change)."""
    left = amount_fen
    back: list[Tender] = []
    for tender in reversed(tenders):
        if left <= 0:
            break
        part = min(tender.net_fen, left)
        if part <= 0:
            continue
        points = part // fen_per_point if tender.method == "points" else 0
        back.append(Tender(tender.method, part, tender.reference, points))
        left -= part
    return back


def refund_order(cmd: RefundOrder, uow: UnitOfWork, deps: Deps) -> OrderRefunded:
    """Refund (退款) all or part of a paid order by the methods it was paid with; a supervisor approves."""
    check_reason(cmd.reason)
    now = deps.clock.now()
    op_id = new_op_id()
    if not cmd.reason.strip():
        raise InvalidInput("reason_missing", "请填写退款原因", "Give a reason for the refund", field="reason")
    with uow:
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="退款", action_en="A refund")
        shift = open_shift_of(uow, cmd.clerk_id)
        order = _order(uow, cmd.order_no)
        if order.status not in ("paid", "partly_refunded"):
            raise Refused("refund_not_paid", f"订单状态为“{order.status}”，不能退款",
                          f"The order is {order.status}; it cannot be refunded", field="order_no")
        refundable = order.refundable_fen
        amount = refundable if cmd.amount_fen is None else check_fen(cmd.amount_fen, field="amount",
                                                                     allow_zero=False)
        if amount > refundable:
            raise Refused("refund_too_much", f"退款金额超过可退金额 {format_fen(refundable)}",
                          f"The refund exceeds the refundable {format_fen(refundable)}", field="amount")
        already = order.refunded_fen
        # Allocate over what has not yet been given back: skip the part of the tenders refunded before.
        fen_per_point = uow.settings.points_rule().redeem_fen_per_point
        back = refund_allocation(order.tenders, already + amount, fen_per_point=fen_per_point)
        refunded = _without_first(back, already, fen_per_point)
        points_restored = sum(t.points for t in refunded)
        earned = order.points_earned
        points_reversed = earned * (already + amount) // order.paid_fen - earned * already // order.paid_fen \
            if order.paid_fen else 0
        for i, part in enumerate(t for t in refunded if t.method in CODE_METHODS):
            # Back to the same code payment through the payments API, sent after the commit (send_code_refunds).
            paid_by = uow.code_payments.by_transaction(part.reference or "")
            if paid_by is None:
                raise Refused("code_payment_unknown", "找不到原付款码支付记录，不能原路退回", "The original code payment "
                              "is not on this counter; it cannot be refunded to it", field="order_no")
            uow.code_payments.ask_refund(refund_id=f"{op_id}-{i}", payment_id=paid_by.payment_id, refund_op_id=op_id,
                                         amount_fen=part.amount_fen, at=timestamp(now))
        uow.orders.add_refund(op_id=op_id, target_op_id=order.op_id, order_no=order.order_no,
                              amount_fen=amount, reason=cmd.reason.strip(), supervisor_id=supervisor_id)
        uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=order.order_no, kind="refund",
                                tenders=refunded, change_fen=0, direction="out")
        if order.member_id:
            if points_reversed:
                uow.members.add_points(op_id=op_id, member_id=order.member_id, points=-points_reversed,
                                       kind="reversal", reason=f"退款 {order.order_no}",
                                       business_date=shift.business_date, created_at=timestamp(now))
            if points_restored:
                uow.members.add_points(op_id=op_id, member_id=order.member_id, points=points_restored,
                                       kind="restore", reason=f"退款 {order.order_no}",
                                       business_date=shift.business_date, created_at=timestamp(now))
        payload = RefundPayload(target_op_id=order.op_id, order_no=order.order_no, amount_fen=amount,
                                tenders=refunded, reason=cmd.reason.strip(), supervisor_id=supervisor_id,
                                points_reversed=points_reversed, points_restored=points_restored)
        recorded = uow.record(Operation(op_id, order.order_no, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return OrderRefunded(order.order_no, amount, refunded, recorded)


def _without_first(allocation: list[Tender], fen: int, fen_per_point: int) -> tuple[Tender, ...]:
    """Drop the first ``fen`` of an allocation (what earlier refunds already gave back)."""
    result = []
    skip = fen
    for part in allocation:
        if skip >= part.amount_fen:
            skip -= part.amount_fen
            continue
        amount = part.amount_fen - skip
        skip = 0
        result.append(Tender(part.method, amount, part.reference,
                             amount // fen_per_point if part.method == "points" else 0))
    return tuple(result)
