"""Helpers every counter service shares: the clerk's open shift, supervisor approval, ids and times."""

from __future__ import annotations

import uuid
from datetime import datetime

from counter_app.domain import auth
from counter_app.domain.commands import SupervisorApproval
from counter_app.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from counter_app.domain.model import Clerk, Member, Shift
from counter_app.domain.ports import Deps, UnitOfWork


def new_op_id() -> str:
    return str(uuid.uuid4())


def timestamp(now: datetime) -> str:
    return now.isoformat(timespec="seconds")


def active_clerk(uow: UnitOfWork, clerk_id: str) -> Clerk:
    clerk = uow.clerks.get(clerk_id)
    if clerk is None or not clerk.active:
        raise NotFound("clerk_unknown", f"营业员 {clerk_id} 不存在", f"No clerk {clerk_id}", field="clerk_id")
    return clerk


def open_shift_of(uow: UnitOfWork, clerk_id: str) -> Shift:
    """The clerk's open shift at this counter; every operation needs one."""
    branch = uow.settings.branch()
    counter_id = branch.counter_id if branch else ""
    shift = uow.shifts.open_for(clerk_id, counter_id)
    if shift is None:
        raise Refused("no_open_shift", "请先签到（开班）再办理业务", "Open a shift before serving customers")
    return shift


def approve(uow: UnitOfWork, approval: SupervisorApproval | None, deps: Deps, *, action_zh: str,
            action_en: str) -> str:
    """Check a supervisor's own id and PIN for a supervisor-only action; return the supervisor id."""
    if approval is None:
        raise NotAllowed("supervisor_required", f"{action_zh}需要主管授权", f"{action_en} needs a supervisor")
    now = deps.clock.now()
    supervisor = uow.clerks.get(approval.supervisor_id)
    if supervisor is None or not supervisor.active:
        raise NotAllowed("supervisor_unknown", "主管工号不存在", "No such supervisor", field="supervisor_id")
    if auth.is_locked(supervisor.locked_until, now):
        raise NotAllowed("supervisor_locked", "该主管账号已锁定", "That supervisor is locked out",
                         field="supervisor_id")
    if not supervisor.is_supervisor:
        raise NotAllowed("not_supervisor", f"{supervisor.clerk_id} 不是主管，无权授权{action_zh}",
                         f"{supervisor.clerk_id} is not a supervisor and cannot approve: {action_en}",
                         field="supervisor_id")
    if not auth.check_pin(approval.pin, supervisor.pin_hash):
        failed, locked_until = auth.after_failure(supervisor.failed_attempts, now)
        uow.clerks.record_login(supervisor.clerk_id, failed_attempts=failed, locked_until=locked_until)
        # The failure count must survive the refusal: commit it now, the operation itself is not written.
        uow.commit()
        raise NotAllowed("supervisor_pin_wrong", "主管密码错误", "Wrong supervisor PIN", field="supervisor_pin")
    if supervisor.failed_attempts:
        uow.clerks.record_login(supervisor.clerk_id, failed_attempts=0, locked_until=None)
    return supervisor.clerk_id


def known_member(uow: UnitOfWork, member_id: str | None) -> Member | None:
    if member_id is None:
        return None
    member = uow.members.get(member_id)
    if member is None:
        raise NotFound("member_unknown", "会员不存在，请重新查询", "Unknown member; look them up again",
                       field="member")
    return member


def redeemable_points(uow: UnitOfWork, member: Member, *, online: bool, business_date: str) -> int:
    """Points a member may spend here now: cached balance less unconfirmed redemptions, and offline
    at most the branch's daily cap per member."""
    _, unconfirmed = uow.members.undelivered_points(member.member_id)
    available = max(0, member.points_balance - unconfirmed)
    if not online:
        cap = uow.settings.offline_rules().offline_redeem_cap_per_member_day
        used = uow.members.redeemed_offline_on(member.member_id, business_date)
        available = min(available, max(0, cap - used))
    return available


def check_redeemable(uow: UnitOfWork, member: Member, points: int, *, online: bool, business_date: str) -> None:
    available = redeemable_points(uow, member, online=online, business_date=business_date)
    if points > available:
        if online:
            raise Refused("points_overdrawn", f"积分不足：可用 {available} 分，需要 {points} 分",
                          f"Not enough points: {available} available, {points} needed", field="points",
                          available=available)
        raise Refused("points_offline_limit",
                      f"离线状态下最多可用 {available} 分（按缓存余额和离线每日上限），需要 {points} 分",
                      f"Offline, at most {available} points can be used (cached balance and the daily offline cap);"
                      f" {points} needed", field="points", available=available)


MAX_REASON_CHARS = 200  # the platform's limit on reasons and notes


def check_reason(text: str) -> str:
    """A reason or note, refused when longer than the platform takes (it would be refused after the fact)."""
    if len(text.strip()) > MAX_REASON_CHARS:
        raise InvalidInput("reason_too_long", f"原因最多 {MAX_REASON_CHARS} 个字", f"At most {MAX_REASON_CHARS} characters",
                           field="reason")
    return text.strip()
