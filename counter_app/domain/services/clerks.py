"""Clerk services: adding clerks and logging in with a PIN (lockout after five failures)."""

from __future__ import annotations

from counter_app.domain import auth
from counter_app.domain.commands import AddClerk, Login, SupervisorApproval
from counter_app.domain.errors import InvalidInput, NotAllowed, Refused
from counter_app.domain.model import Clerk, Role
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import approve


def add_clerk(cmd: AddClerk, uow: UnitOfWork) -> Clerk:
    """Register a clerk or supervisor at this counter with a hashed PIN."""
    if cmd.role not in ("clerk", "supervisor"):
        raise InvalidInput("role_invalid", "角色只能是营业员或主管", "Role is clerk or supervisor", field="role")
    if not cmd.clerk_id.strip():
        raise InvalidInput("clerk_id_empty", "请输入工号", "Enter a staff id", field="clerk_id")
    if not auth.valid_pin_format(cmd.pin):
        raise InvalidInput("pin_format", "密码须为 4 到 8 位数字", "The PIN is 4 to 8 digits", field="pin")
    role: Role = "supervisor" if cmd.role == "supervisor" else "clerk"
    clerk = Clerk(cmd.clerk_id.strip(), cmd.name.strip() or cmd.clerk_id, role, auth.hash_pin(cmd.pin))
    with uow:
        if uow.clerks.get(clerk.clerk_id) is not None:
            raise Refused("clerk_exists", f"工号 {clerk.clerk_id} 已存在", f"Staff id {clerk.clerk_id} exists",
                          field="clerk_id")
        uow.clerks.add(clerk)
        uow.commit()
    return clerk


def login(cmd: Login, uow: UnitOfWork, deps: Deps) -> Clerk:
    """Check a clerk's PIN; five wrong PINs in a row lock the clerk for a quarter of an hour."""
    now = deps.clock.now()
    with uow:
        clerk = uow.clerks.get(cmd.clerk_id.strip())
        if clerk is None or not clerk.active:
            raise NotAllowed("login_failed", "工号或密码错误", "Wrong staff id or PIN", field="pin")
        if clerk.locked_until is not None and auth.is_locked(clerk.locked_until, now):
            until = clerk.locked_until[11:16]
            raise NotAllowed("clerk_locked", f"密码错误次数过多，账号已锁定至 {until}",
                             f"Too many wrong PINs; locked until {until}", field="clerk_id")
        if not auth.check_pin(cmd.pin, clerk.pin_hash):
            failed, locked_until = auth.after_failure(clerk.failed_attempts, now)
            uow.clerks.record_login(clerk.clerk_id, failed_attempts=failed, locked_until=locked_until)
            uow.commit()
            if locked_until:
                raise NotAllowed("clerk_locked", f"密码连续错误 {failed} 次，账号已锁定 {auth.LOCKOUT_MINUTES} 分钟",
                                 f"{failed} wrong PINs in a row; locked for {auth.LOCKOUT_MINUTES} minutes",
                                 field="pin")
            left = auth.MAX_FAILED_ATTEMPTS - failed
            raise NotAllowed("login_failed", f"工号或密码错误（再错 {left} 次将锁定）",
                             f"Wrong staff id or PIN ({left} tries left before lockout)", field="pin")
        if clerk.failed_attempts or clerk.locked_until:
            uow.clerks.record_login(clerk.clerk_id, failed_attempts=0, locked_until=None)
        uow.commit()
    return clerk


def check_supervisor(approval: SupervisorApproval | None, uow: UnitOfWork, deps: Deps, *, action_zh: str,
                     action_en: str) -> str:
    """A supervisor's own id and PIN for an action that is not a counter operation (e.g. printer settings);
    a wrong PIN counts towards their lockout like any other. Returns the supervisor id."""
    with uow:
        supervisor_id = approve(uow, approval, deps, action_zh=action_zh, action_en=action_en)
        uow.commit()
    return supervisor_id
