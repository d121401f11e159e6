"""Members and points (线下消费, 线上积分): identify a member, accrue and redeem points."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from counter_app.domain import derivation
from counter_app.domain.commands import AccruePoints, RedeemPoints
from counter_app.domain.errors import InvalidInput, NotFound, PlatformError
from counter_app.domain.model import Member, Operation, RecordedOperation
from counter_app.domain.operations import PointsAccrualPayload, PointsRedemptionPayload
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import (
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
    """Credit points to a member (积分累计), e.g. for a purchase made before the card was shown."""
    points = _check_points(cmd.points)
    if not cmd.reason.strip():
        raise InvalidInput("reason_missing", "请填写积分累计原因", "Give a reason", field="reason")
    check_reason(cmd.reason)
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        member = known_member(uow, cmd.member_id)
        assert member is not None
        uow.members.add_points(op_id=op_id, member_id=member.member_id, points=points, kind="accrual",
                               reason=cmd.reason.strip(), business_date=shift.business_date,
                               created_at=timestamp(now))
        payload = PointsAccrualPayload(member_id=member.member_id, points=points, reason=cmd.reason.strip(),
                                       ref_op_id=cmd.ref_op_id, offline=not deps.online())
        recorded = uow.record(Operation(op_id, member.member_id, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return PointsChanged(member.member_id, points, recorded)


def redeem_points(cmd: RedeemPoints, uow: UnitOfWork, deps: Deps) -> PointsChanged:
    """Spend a member's points (积分兑换); never below zero, and offline within the cached balance and cap."""
    points = _check_points(cmd.points)
    check_reason(cmd.reason)
    now = deps.clock.now()
    op_id = new_op_id()
    online = deps.online()
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        member = known_member(uow, cmd.member_id)
        assert member is not None
        check_redeemable(uow, member, points, online=online, business_date=shift.business_date)
        if cmd.sku is not None and uow.catalog.get(cmd.sku) is None:
            raise NotFound("product_unknown", f"兑换商品 {cmd.sku} 不存在", f"Unknown product {cmd.sku}",
                           field="product")
        reason = cmd.reason.strip() or "积分兑换"
        uow.members.add_points(op_id=op_id, member_id=member.member_id, points=-points, kind="redemption",
                               reason=reason, business_date=shift.business_date, created_at=timestamp(now))
        payload = PointsRedemptionPayload(member_id=member.member_id, points=points, reason=reason, sku=cmd.sku,
                                          offline=not online)
        recorded = uow.record(Operation(op_id, member.member_id, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return PointsChanged(member.member_id, -points, recorded)
