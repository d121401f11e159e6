"""The exceptions list (异常单): what the platform rejected, and the supervisor's action on each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.domain.commands import ResolveException
from counter_app.domain.errors import InvalidInput, NotFound, Refused
from counter_app.domain.model import Operation, RecordedOperation
from counter_app.domain.operations import RefundPayload, payload_of, spec
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import check_reason, approve, new_op_id, open_shift_of, timestamp
from counter_app.domain.tender import change_due

ACTIONS = ("acknowledged", "refund_done", "resolved")


@dataclass(frozen=True)
class ExceptionResolved:
    op_id: str
    action: str
    refund: RecordedOperation | None


def resolve_exception(cmd: ResolveException, uow: UnitOfWork, deps: Deps) -> ExceptionResolved:
    """Record a supervisor's action; ``refund_done`` on a rejected bill payment books the money given back."""
    if cmd.action not in ACTIONS:
        raise InvalidInput("action_unknown", "未知的处理方式", "Unknown action", field="action")
    check_reason(cmd.note)
    now = deps.clock.now()
    with uow:
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="处理异常单", action_en="Resolving an exception")
        message = uow.outbox.get(cmd.op_id)
        if message is None or message.state != "rejected":
            raise NotFound("exception_unknown", "该异常单不存在或已处理", "No such open exception")
        if any(m.op_id == cmd.op_id for m in uow.outbox.open_exceptions()) is False:
            raise Refused("exception_done", "该异常单已处理", "This exception was already handled")
        refund = None
        if cmd.action == "refund_done":
            refund = _book_refund(cmd, uow, deps, message.envelope, supervisor_id)
        uow.outbox.record_action(cmd.op_id, action=cmd.action, supervisor_id=supervisor_id, note=cmd.note,
                                 at=timestamp(now))
        uow.commit()
    return ExceptionResolved(cmd.op_id, cmd.action, refund)


def _book_refund(cmd: ResolveException, uow: UnitOfWork, deps: Deps, envelope: dict[str, Any], supervisor_id: str
                 ) -> RecordedOperation:
    """Money handed back for a rejected payment: a refund entry out of this shift's drawer."""
    payload = payload_of(envelope["kind"], envelope["payload"])
    # What the rejected operation left in the drawer: nothing for an order taken unpaid, a pickup, or a
    # refund (its money already went out).
    taken = tuple(t for t in payload.takings() if t.amount_fen > 0)
    amount = sum(t.amount_fen for t in taken)
    # A refused sale or order payment: its order's refunds and this one are one account, so neither path
    # can hand the same money back a second time.
    refund_order_no = envelope["aggregate_id"] if spec(envelope["kind"]).aggregate == "order" else None
    if refund_order_no is not None and amount:
        order = uow.orders.get(refund_order_no)
        if order is not None and order.refundable_fen < amount:
            raise Refused("exception_already_refunded", "该订单已办理过退款，不能再退", "This order was already refunded")
    if not amount:
        raise Refused("exception_nothing_to_refund", "该异常单没有需要退还的款项", "Nothing to refund for this one")
    shift = open_shift_of(uow, cmd.clerk_id)
    tenders = tuple(t for t in cmd.refund_tenders if t.amount_fen > 0) or taken
    if sum(t.amount_fen for t in tenders) != amount:
        change_due(amount, [], uow.settings.points_rule())  # raises the clear "short" message
    op_id = new_op_id()
    now = deps.clock.now()
    uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=refund_order_no, kind="refund",
                            tenders=tenders, change_fen=0, direction="out")
    refund = RefundPayload(target_op_id=envelope["op_id"], order_no=envelope["aggregate_id"], amount_fen=amount,
                           tenders=tenders, reason=cmd.note or "平台拒绝，退还客户", supervisor_id=supervisor_id)
    return uow.record(Operation(op_id, envelope["aggregate_id"], cmd.clerk_id, shift.shift_id, timestamp(now),
                                shift.business_date, refund))
