"""开钱箱: the cash drawer opened outside a sale, only with a supervisor and a reason, journaled like any
operation (the drawer is kicked after the commit, so a journal entry exists for every opening asked for)."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.commands import OpenDrawer
from counter_app.domain.errors import InvalidInput
from counter_app.domain.model import Operation, RecordedOperation
from counter_app.domain.operations import DrawerOpenedPayload
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import approve, check_reason, new_op_id, open_shift_of, timestamp

# The reasons a clerk picks from (typing one needs a Chinese input method, which many counters lack).
DRAWER_REASONS = ("找零备用金补充", "收银差错核对", "主管检查钱箱", "硬币兑换")


@dataclass(frozen=True)
class DrawerOpened:
    supervisor_id: str
    recorded: RecordedOperation


def open_drawer(cmd: OpenDrawer, uow: UnitOfWork, deps: Deps) -> DrawerOpened:
    """Record a supervisor's 开钱箱 in the clerk's open shift; the caller then kicks the drawer."""
    reason = check_reason(cmd.reason)
    if not reason:
        raise InvalidInput("reason_missing", "请选择或填写开钱箱原因", "Give a reason for opening the drawer",
                           field="reason")
    now = deps.clock.now()
    op_id = new_op_id()
    with uow:
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="开钱箱", action_en="Opening the drawer")
        shift = open_shift_of(uow, cmd.clerk_id)
        payload = DrawerOpenedPayload(reason=reason, supervisor_id=supervisor_id)
        recorded = uow.record(Operation(op_id, shift.shift_id, cmd.clerk_id, shift.shift_id, timestamp(now),
                                        shift.business_date, payload))
        uow.commit()
    return DrawerOpened(supervisor_id, recorded)
