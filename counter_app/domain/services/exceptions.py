"""The exceptions list (异常单): what the platform rejected, and the supervisor's action on each."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.commands import ResolveException
from counter_app.domain.errors import InvalidInput, NotFound, Refused
from counter_app.domain.model import Operation, RecordedOperation
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


def _book_refund(cmd: ResolveException, uow: UnitOfWork, deps: Deps, envelope: dict, supervisor_id: str
                 ) -> RecordedOperation:
    """Money handed back for a rejected payment: a refund entry out of this shift's drawer."""
    payload = envelope["payload"]
    amount = payload.get("amount_fen") or payload.get("total_fen") or 0
    if envelope["kind"] not in ("counter_order", "order_payment", "bill_payment") or (
            envelope["kind"] == "counter_order" and not payload.get("paid")):
        amount = 0  # no money came in (an order taken unpaid; a refund's money already went out)
    # A refused sale or order payment: its order's refunds and this one are one account, so neither path
    # can hand the same money back a second time.
    refund_order_no = payload.get("order_no") if envelope["kind"] in ("counter_order", "order_payment") else None
    if refund_order_no is not None and amount:
        order = uow.orders.get(refund_order_no)
        if order is not None and order["paid_fen"] - order["refunded_fen"] < amount:
            raise Refused("exception_already_refunded", "该订单已办理过退款，不能再退", "This order was already refunded")
    if not amount:
        raise Refused("exception_nothing_to_refund", "该异常单没有需要退还的款项", "Nothing to refund for this one")
    shift = open_shift_of(uow, cmd.clerk_id)
    tenders = [t.as_dict() for t in cmd.refund_tenders] or _net_of_change(payload.get("tenders", []),
                                                                         payload.get("change_fen", 0))
    tenders = [t for t in tenders if t["amount_fen"] > 0]
    if sum(t["amount_fen"] for t in tenders) != amount:
        change_due(amount, [], uow.settings.points_rule())  # raises the clear "short" message
    op_id = new_op_id()
    now = deps.clock.now()
    order_no = payload.get("order_no") or envelope["aggregate_id"]
    uow.orders.add_payments(op_id=op_id, shift_id=shift.shift_id, order_no=refund_order_no, kind="refund",
                            tenders=tenders, change_fen=0, direction="out")
    refund_payload = {"target_op_id": envelope["op_id"], "order_no": order_no, "amount_fen": amount,
                      "tenders": tenders, "reason": cmd.note or "平台拒绝，退还客户", "supervisor_id": supervisor_id,
                      "points_reversed": 0, "points_restored": 0}
    return uow.record(Operation(op_id, "refund", envelope["aggregate_id"], cmd.clerk_id, shift.shift_id,
                                timestamp(now), shift.business_date, refund_payload, amount))


def _net_of_change(tenders: list[dict], change_fen: int) -> list[dict]:
    """What each tender left in the drawer: the change comes off the cash tenders once, first cash first."""
    change_left = change_fen
    net = []
    for t in tenders:
        change = min(change_left, t["amount_fen"]) if t["method"] == "cash" else 0
        change_left -= change
        net.append({"method": t["method"], "amount_fen": t["amount_fen"] - change, "reference": t.get("reference"),
                    "points": t.get("points", 0)})
    return net
