"""Members and points (线下消费, 线上积分): identify a member, accrue and redeem points."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from counter_app.domain import derivation, pricing
from counter_app.domain.commands import AccruePoints, MakeUpPoints, RedeemPoints
from counter_app.domain.errors import InvalidInput, NotFound, PlatformError, Refused
from counter_app.domain.model import (
    MANUAL_ADJUSTMENT_CAP_PER_DAY,
    Member,
    Operation,
    Order,
    RecordedOperation,
    Shift,
)
from counter_app.domain.order_lookup import number_ends_with
from counter_app.domain.operations import PointsAccrualPayload, PointsRedemptionPayload
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import (
    approve,
    check_reason,
    check_redeemable,
    known_member,
    new_op_id,
    open_shift_of,
    redeemable_points,
    timestamp,
)

MAX_POINTS_PER_OPERATION = 1_000_000


@dataclass(frozen=True)
class PointsChanged:
    member_id: str
    points: int
    recorded: RecordedOperation
    order_no: str | None = None  # the sale a make-up (补录) was for


@dataclass(frozen=True)
class MemberView:
    """A member as the counter sees them: cached balance, what is still unconfirmed, what may be spent."""

    member: Member
    unconfirmed_plus: int
    unconfirmed_minus: int
    redeemable: int
    from_platform: bool


def parse_member_key(text: str) -> tuple[str | None, str | None]:
    """(phone, card_no) from what the clerk typed or scanned: 11 digits starting with 1 is a phone."""
    key = "".join(text.split())
    if not key:
        raise InvalidInput("member_key_empty", "请输入手机号或会员卡号", "Enter a phone or member card number",
                           field="member")
    if key.isdigit() and len(key) == 11 and key.startswith("1"):
        return key, None
    if key.isalnum() and 6 <= len(key) <= 24:
        return None, key
    raise InvalidInput("member_key_invalid", "手机号或会员卡号格式不正确", "Not a phone or member card number",
                       field="member")


def identify_member(text: str, uow: UnitOfWork, deps: Deps) -> MemberView:
    """Find a member by phone or card: online from the platform (refreshing the cache), else from the cache."""
    phone, card = parse_member_key(text)
    from_platform = False
    platform = deps.online_platform()
    if platform is not None:
        try:
            platform.find_member(phone=phone, card_no=card)
            from_platform = True
        except NotFound:
            raise
        except PlatformError:
            pass  # fall back to the cache below
    with uow.read():
        secret = uow.settings.branch_secret()
    key = derivation.phone_key(secret, phone) if phone else None  # one slow derivation, outside the read
    with uow.read():
        member = uow.members.by_phone_key(key) if key else uow.members.by_card(card or "")
        if member is None:
            raise NotFound("member_unknown", "未找到该会员" + ("" if deps.online() else "（离线，仅查本地缓存）"),
                           "No such member" + ("" if deps.online() else " (offline: cache only)"), field="member")
        if phone:  # the phone the clerk just typed, masked for the screen: the cache itself keeps no phone digit
            member = dataclasses.replace(member, phone_masked=f"{phone[:3]}****{phone[-4:]}")
        return _view(uow, member, deps, from_platform)


def member_view(member_id: str, uow: UnitOfWork, deps: Deps) -> MemberView:
    with uow.read():
        member = known_member(uow, member_id)
        assert member is not None
        return _view(uow, member, deps, False)


def _view(uow: UnitOfWork, member: Member, deps: Deps, from_platform: bool) -> MemberView:
    plus, minus = uow.members.undelivered_points(member.member_id)
    business_date = deps.clock.now().date().isoformat()
    available = redeemable_points(uow, member, online=deps.online(), business_date=business_date)
    return MemberView(member, plus, minus, available, from_platform)


def _check_points(points: int) -> int:
    if isinstance(points, bool) or not isinstance(points, int) or points <= 0:
        raise InvalidInput("points_invalid", "积分必须是正整数", "Points are a whole number above zero", field="points")
    if points > MAX_POINTS_PER_OPERATION:
        raise InvalidInput("points_too_many", "积分数量过大，请核对", "Too many points; check the figure",
                           field="points")
    return points


def accrue_points(cmd: AccruePoints, uow: UnitOfWork, deps: Deps) -> PointsChanged:
    """人工调整: credit points by hand with a supervisor's approval, within the per-member daily cap the
    platform enforces (so that a clerk learns of the cap now, not from a rejection in the exceptions list)."""
    points = _check_points(cmd.points)
    note = check_reason(cmd.note)
    if not note:
        raise InvalidInput("reason_missing", "请填写人工调整积分的说明", "Say why the points are adjusted",
                           field="reason")
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        shift, member = _shift_and_member(uow, cmd.clerk_id, cmd.member_id)
        done = uow.members.manual_accrued_on(member.member_id, shift.business_date)
        if done + points > MANUAL_ADJUSTMENT_CAP_PER_DAY:
            left = max(0, MANUAL_ADJUSTMENT_CAP_PER_DAY - done)
            raise Refused("manual_accrual_cap", f"人工调整每位会员每天最多 {MANUAL_ADJUSTMENT_CAP_PER_DAY:,} 积分，"
                          f"今天还可调整 {left:,} 积分", f"At most {MANUAL_ADJUSTMENT_CAP_PER_DAY:,} points a day by "
                          f"hand for a member; {left:,} left today")
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="人工调整积分", action_en="A manual points adjustment")
        payload = PointsAccrualPayload(member_id=member.member_id, points=points, reason="manual_adjustment",
                                       note=note, supervisor_id=supervisor_id, offline=not deps.online())
        recorded = _book(uow, cmd.clerk_id, shift, op_id, timestamp(now), payload, ledger=f"人工调整：{note}")
    return PointsChanged(member.member_id, points, recorded)


def make_up_points(cmd: MakeUpPoints, uow: UnitOfWork, deps: Deps) -> PointsChanged:
    """补录消费积分: a customer shows the card after paying; the sale of this counter earns its points now,
    once, for this member. The points are worked out from the order, never typed."""
    order_no = "".join(cmd.order_no.split()).upper()
    if not order_no:
        raise InvalidInput("order_no_missing", "请输入要补录积分的订单号", "Enter the order number", field="order_no")
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        shift, member = _shift_and_member(uow, cmd.clerk_id, cmd.member_id)
        order = _find_order(uow, order_no, shift.business_date)
        if order is None:
            raise NotFound("order_unknown", f"本柜台没有订单 {order_no}", f"No order {order_no} at this counter",
                           field="order_no")
        _check_makeup(order, member.member_id)
        order_no = order.order_no  # the whole number, where the clerk may have typed its last digits
        points = pricing.makeup_points(order, lambda sku: _points_eligible(uow, sku), uow.settings.points_rule())
        if points <= 0:
            raise Refused("makeup_nothing", f"订单 {order_no} 没有可补录的积分（商品不积分、积分支付或已退款）",
                          f"Order {order_no} earns no points (items without points, paid by points or refunded)")
        payload = PointsAccrualPayload(member_id=member.member_id, points=points, reason="purchase_makeup",
                                       note=f"订单 {order_no}", ref_op_id=order.op_id, offline=not deps.online())
        recorded = _book(uow, cmd.clerk_id, shift, op_id, timestamp(now), payload, ledger=f"补录订单 {order_no}")
    return PointsChanged(member.member_id, points, recorded, order.order_no)


def _find_order(uow: UnitOfWork, text: str, business_date: str) -> Order | None:
    """The order ``text`` names: a whole number, or the last digits of one of today's orders (as on the receipt)."""
    order = uow.orders.get(text)
    if order is not None or len(text) > 8:
        return order
    found = [o.order_no for o in uow.orders.summaries_on(business_date) if number_ends_with(o.order_no, text)]
    if len(found) > 1:
        raise Refused("order_no_ambiguous", f"今天有 {len(found)} 笔订单以 {text} 结尾，请输入更多位",
                      f"{len(found)} of today's orders end in {text}; type more digits", field="order_no")
    return uow.orders.get(found[0]) if found else None


def _check_makeup(order: Order, member_id: str) -> None:
    if order.voided:
        raise Refused("order_voided", f"订单 {order.order_no} 已作废，不能补录积分",
                      f"Order {order.order_no} was voided", field="order_no")
    if order.paid_fen <= 0:
        raise Refused("order_unpaid", f"订单 {order.order_no} 尚未付款，付款时出示会员即可累计",
                      f"Order {order.order_no} is not paid yet", field="order_no")
    if order.member_id not in (None, member_id):
        raise Refused("order_other_member", f"订单 {order.order_no} 已记在其他会员名下",
                      f"Order {order.order_no} belongs to another member", field="order_no")
    if order.points_earned > 0:
        raise Refused("order_already_accrued", f"订单 {order.order_no} 已累计过积分",
                      f"Order {order.order_no} has earned its points already", field="order_no")


def _points_eligible(uow: UnitOfWork, sku: str) -> bool:
    product = uow.catalog.get(sku)
    return product is not None and product.points_eligible


def redeem_points(cmd: RedeemPoints, uow: UnitOfWork, deps: Deps) -> PointsChanged:
    """Spend a member's points (积分兑换); never below zero, and offline within the cached balance and cap."""
    points = _check_points(cmd.points)
    check_reason(cmd.reason)
    now = deps.clock.now()
    op_id = new_op_id()
    online = deps.online()
    with uow:
        shift, member = _shift_and_member(uow, cmd.clerk_id, cmd.member_id)
        check_redeemable(uow, member, points, online=online, business_date=shift.business_date)
        if cmd.sku is not None and uow.catalog.get(cmd.sku) is None:
            raise NotFound("product_unknown", f"兑换商品 {cmd.sku} 不存在", f"Unknown product {cmd.sku}",
                           field="product")
        reason = cmd.reason.strip() or "积分兑换"
        payload = PointsRedemptionPayload(member_id=member.member_id, points=points, reason=reason, sku=cmd.sku,
                                          offline=not online)
        recorded = _book(uow, cmd.clerk_id, shift, op_id, timestamp(now), payload, ledger=reason)
    return PointsChanged(member.member_id, -points, recorded)


def _shift_and_member(uow: UnitOfWork, clerk_id: str, member_id: str) -> tuple[Shift, Member]:
    """The clerk's open shift and the member a points operation is for (both refused when missing)."""
    shift = open_shift_of(uow, clerk_id)
    member = known_member(uow, member_id)
    assert member is not None  # known_member refuses an unknown id; None only comes back for None
    return shift, member


def _book(uow: UnitOfWork, clerk_id: str, shift: Shift, op_id: str, at: str,
          payload: PointsAccrualPayload | PointsRedemptionPayload, *, ledger: str) -> RecordedOperation:
    """The member's points entry (what the history shows as ``ledger``), the journal entry and the outbox
    message, committed together: the one write every points operation makes."""
    if isinstance(payload, PointsAccrualPayload):
        uow.members.add_points(op_id=op_id, member_id=payload.member_id, points=payload.points, kind="accrual",
                               reason=ledger, business_date=shift.business_date, created_at=at,
                               reason_code=payload.reason, ref_op_id=payload.ref_op_id)
    else:
        uow.members.add_points(op_id=op_id, member_id=payload.member_id, points=-payload.points, kind="redemption",
                               reason=ledger, business_date=shift.business_date, created_at=at)
    recorded = uow.record(Operation(op_id, payload.member_id, clerk_id, shift.shift_id, at, shift.business_date,
                                    payload))
    uow.commit()
    return recorded
