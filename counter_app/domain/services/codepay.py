"""Taking a payment code (付款码) for a sale: ask, collect, poll, cancel, write off.

Each step is one local transaction written before the next request goes out (see ``domain/codepay.py``). The
sale itself is recorded (journal entry, outbox message, receipt) in the same transaction as the payment's
confirmation, so the sale exists exactly when the payment succeeded. A payment that cannot be settled now
(the acquirer unreachable) stays unresolved: ``resume_code_payments`` finishes it later, and the shift
cannot close until it is settled or a supervisor writes it off.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from counter_app.domain.codepay import (
    CODE_METHODS,
    OPEN_STATES,
    Acquirer,
    Action,
    CodePayment,
    Outcome,
    Reply,
    State,
    after_reply,
    mask_code,
    next_action,
    poll_deadline,
    recognise_code,
)
from counter_app.domain.commands import CollectPickup, PlaceOrder, SupervisorApproval
from counter_app.domain.errors import CounterError, InvalidInput, NotFound, Refused
from counter_app.domain.model import METHOD_NAMES_ZH, CartLine, Tender
from counter_app.domain.ports import Deps, UnitOfWork
from counter_app.domain.services._common import approve, check_reason, new_op_id, open_shift_of, timestamp
from counter_app.domain.services.pickups import PickupCollected, cod_due_by_code, hand_over_code_paid
from counter_app.domain.services.sales import OrderPlaced, record_sale, sale_total

POLL_INTERVAL_S = 3.0   # how often a waiting payment is queried
POLL_WINDOW_S = 45.0    # how long the customer has to enter the password before the payment is cancelled
CANCEL_TRIES = 3        # cancels tried in one go before the payment is left for later (still blocking the shift)

OFFLINE_METHODS = ("cash", "bank_card", "prepaid_card", "points")


@dataclass(frozen=True)
class AskCodePayment:
    """Pay ``sale`` (its cart; its tenders are the other part of a split payment, empty when the code pays it
    all) with the customer's scanned ``code``; or a cash-on-delivery pickup (``CollectPickup``: the order is
    verified now and handed over when the payment is confirmed)."""

    clerk_id: str
    code: str
    sale: PlaceOrder | CollectPickup


@dataclass(frozen=True)
class WriteOffCodePayment:
    clerk_id: str
    payment_id: str
    reason: str
    approval: SupervisorApproval


@dataclass(frozen=True)
class CodePaymentResult:
    payment: CodePayment
    placed: OrderPlaced | PickupCollected | None = None  # the sale (or pickup), when this step confirmed it

    @property
    def recorded(self) -> Any:
        return self.placed.recorded if self.placed is not None else None


def _offline_refusal() -> Refused:
    names = "、".join(METHOD_NAMES_ZH[m] for m in OFFLINE_METHODS)
    return Refused("code_pay_offline", f"平台未连接，微信/支付宝付款码暂不可用；现在可以收：{names}",
                   "The platform cannot be reached: payment codes are unavailable; cash, bank card, prepaid card "
                   "and points work", field="tender", available=list(OFFLINE_METHODS))


def _acquirer(deps: Deps) -> Acquirer:
    if deps.acquirer is None or not deps.online():
        raise _offline_refusal()
    return deps.acquirer


def check_code_pay_available(deps: Deps) -> None:
    """Refuse at once, before any code is scanned, when payment codes cannot be taken now (offline): the
    refusal names the methods that work."""
    _acquirer(deps)


def _sale_dict(sale: PlaceOrder) -> dict[str, Any]:
    return {"clerk_id": sale.clerk_id, "member_id": sale.member_id,
            "lines": [{"sku": ln.sku, "qty": ln.qty} for ln in sale.lines],
            "tenders": [t.as_dict() for t in sale.tenders or ()]}


def _pickup_dict(pickup: CollectPickup, verified_by: str) -> dict[str, Any]:
    """A cash-on-delivery pickup as kept with its payment: never the pickup code itself, only how it was
    verified (the code, or a supervisor's approval for the order number)."""
    return {"pickup": True, "order_no": pickup.order_no, "clerk_id": pickup.clerk_id, "verified_by": verified_by,
            "tenders": [t.as_dict() for t in pickup.tenders]}


def _tenders(data: dict[str, Any], payment: CodePayment) -> tuple[Tender, ...]:
    others = tuple(Tender(t["method"], t["amount_fen"], t.get("reference"), t.get("points", 0))
                   for t in data.get("tenders", ()))
    return (*others, Tender(payment.wallet.value, payment.amount_fen, payment.transaction_id))


def _sale_cmd(data: dict[str, Any], payment: CodePayment) -> PlaceOrder:
    return PlaceOrder(str(data["clerk_id"]), tuple(CartLine(ln["sku"], ln["qty"]) for ln in data["lines"]),
                      _tenders(data, payment), data.get("member_id"))


def _record_paid(data: dict[str, Any], payment: CodePayment, uow: UnitOfWork,
                 deps: Deps) -> OrderPlaced | PickupCollected:
    """What the confirmed payment paid, recorded in the open unit of work: the sale, or the pickup."""
    if data.get("pickup"):
        return hand_over_code_paid(data, _tenders(data, payment), uow, deps)
    return record_sale(_sale_cmd(data, payment), uow, deps)


def ask_code_payment(cmd: AskCodePayment, uow: UnitOfWork, deps: Deps, *,
                     poll_window_s: float = POLL_WINDOW_S) -> CodePayment:
    """Record the payment as asked (before any request goes out); the code pays what the other tenders leave."""
    wallet = recognise_code(cmd.code)
    _acquirer(deps)
    if any(t.method in CODE_METHODS for t in cmd.sale.tenders or ()):
        raise InvalidInput("code_tender_twice", "一笔销售只能使用一个付款码", "One payment code per sale", field="tender")
    now = deps.clock.now()
    with uow:
        shift = open_shift_of(uow, cmd.clerk_id)
        if isinstance(cmd.sale, CollectPickup):
            total, verified_by = cod_due_by_code(cmd.sale, uow, deps)
            kept = _pickup_dict(cmd.sale, verified_by)
        else:
            total, kept = sale_total(cmd.sale, uow), _sale_dict(cmd.sale)
        amount = total - sum(t.amount_fen for t in cmd.sale.tenders or ())
        if amount <= 0:
            raise Refused("code_pay_nothing_due", "其他付款已足额，无需付款码支付",
                          "The other tenders already pay it all; no payment code needed", field="tender")
        payment = CodePayment(new_op_id(), wallet, mask_code(cmd.code.strip()), amount, State.ASKED, timestamp(now),
                              poll_deadline(now, poll_window_s), shift.shift_id, cmd.clerk_id)
        uow.code_payments.add(payment, sale=kept, at=timestamp(now))
        uow.commit()
    return payment


def _get(uow: UnitOfWork, payment_id: str) -> CodePayment:
    payment = uow.code_payments.get(payment_id)
    if payment is None:
        raise NotFound("code_payment_unknown", "没有这笔付款码支付", "No such code payment", field="payment_id")
    return payment


def _perform(acquirer: Acquirer, action: Action, payment: CodePayment, code: str | None) -> Reply:
    if action == Action.COLLECT:
        return acquirer.collect(payment.payment_id, (code or "").strip(), payment.amount_fen, "邮政营业柜台")
    if action == Action.QUERY:
        return acquirer.query(payment.payment_id)
    return acquirer.cancel(payment.payment_id)


def _record(payment_id: str, action: Action, reply: Reply, uow: UnitOfWork, deps: Deps) -> CodePaymentResult:
    """Record what ``reply`` means in one transaction; a confirmation records the sale with it."""
    now = deps.clock.now()
    detail = f"{action.value}:{reply.outcome.value}"
    with uow:
        current = _get(uow, payment_id)
        after = after_reply(current, action, reply, now)
        if after.state == current.state and after == current:
            return CodePaymentResult(current)  # nothing changed (or another thread got there first)
        if after.state != State.CONFIRMED:
            uow.code_payments.step(after, at=timestamp(now), detail=detail)
            uow.commit()
            return CodePaymentResult(after)
        try:
            placed = _record_paid(uow.code_payments.sale_of(payment_id), after, uow, deps)
            uow.code_payments.step(after, at=timestamp(now), detail=detail, sale_op_id=placed.recorded.op_id)
            uow.commit()
            return CodePaymentResult(after, placed)
        except CounterError as exc:
            failure = exc  # the sale cannot be recorded: the money goes back (below, in a new transaction)
    with uow:
        current = _get(uow, payment_id)
        if current.final:
            return CodePaymentResult(current)
        back = replace(current, state=State.CANCEL_ASKED, transaction_id=reply.transaction_id,
                       reason=f"销售未能完成：{failure.zh}")
        uow.code_payments.step(back, at=timestamp(now), detail=f"{detail}:sale_refused:{failure.code}")
        uow.commit()
    return CodePaymentResult(back)


def step_code_payment(payment_id: str, uow: UnitOfWork, deps: Deps, *, code: str | None = None) -> CodePaymentResult:
    """One step: the next request (collect only when ``code`` is given, i.e. this process asked it), then
    its result recorded."""
    with uow.read():
        payment = _get(uow, payment_id)
    action = next_action(payment, sent=code is None)
    if action == Action.NONE:
        return CodePaymentResult(payment)
    acquirer = deps.acquirer
    reply = _perform(acquirer, action, payment, code) if acquirer is not None else Reply(Outcome.UNKNOWN)
    return _record(payment_id, action, reply, uow, deps)


def settle_code_payment(payment_id: str, uow: UnitOfWork, deps: Deps, *, code: str | None = None,
                        poll_interval_s: float = POLL_INTERVAL_S, sleep: Callable[[float], None] = time.sleep,
                        on_step: Callable[[CodePayment], None] | None = None) -> CodePaymentResult:
    """Step until the payment is final, polling every ``poll_interval_s``; a cancel the acquirer does not
    answer is tried ``CANCEL_TRIES`` times, then the payment is left unresolved for later."""
    placed: OrderPlaced | PickupCollected | None = None
    cancel_tries = 0
    while True:
        result = step_code_payment(payment_id, uow, deps, code=code)
        code = None
        placed = placed or result.placed
        if on_step is not None:
            on_step(result.payment)
        if result.payment.final:
            return CodePaymentResult(result.payment, placed)
        if result.payment.state == State.CANCEL_ASKED:
            cancel_tries += 1
            if cancel_tries > CANCEL_TRIES:
                return CodePaymentResult(result.payment, placed)
            if cancel_tries == 1:
                continue  # cancel at once, don't wait a poll interval
        sleep(poll_interval_s)


def resume_code_payments(uow: UnitOfWork, deps: Deps, **options: Any) -> list[CodePaymentResult]:
    """Settle every unresolved payment (after a restart, or from the sync screen): the right next step for
    each, never a second collect."""
    with uow.read():
        open_ones = uow.code_payments.unresolved()
    results = [settle_code_payment(p.payment_id, uow, deps, **options) for p in open_ones]
    send_code_refunds(uow, deps)
    return results


def unresolved_code_payments(uow: UnitOfWork, shift_id: str | None = None) -> list[CodePayment]:
    with uow.read():
        return uow.code_payments.unresolved(shift_id)


def write_off_code_payment(cmd: WriteOffCodePayment, uow: UnitOfWork, deps: Deps) -> CodePayment:
    """A supervisor settles a payment whose result cannot be learnt (核销), with a reason; the step records who."""
    reason = check_reason(cmd.reason)
    if not reason:
        raise InvalidInput("reason_missing", "请填写核销原因", "Give a reason for the write-off", field="reason")
    now = deps.clock.now()
    with uow:
        supervisor_id = approve(uow, cmd.approval, deps, action_zh="付款码支付核销", action_en="A write-off")
        payment = _get(uow, cmd.payment_id)
        if payment.state not in OPEN_STATES:
            raise Refused("code_payment_settled", "这笔付款已有结果，无需核销", "This payment is settled already")
        written = replace(payment, state=State.WRITTEN_OFF, reason=reason)
        uow.code_payments.step(written, at=timestamp(now), detail=f"write_off:{cmd.clerk_id}",
                               supervisor_id=supervisor_id)
        uow.commit()
    return written


def check_no_unresolved(uow: UnitOfWork, shift_id: str) -> None:
    """Refuse (inside an open unit of work) while a code payment of the shift has no result."""
    open_ones = uow.code_payments.unresolved(shift_id)
    if open_ones:
        raise Refused("code_payment_unresolved",
                      f"有 {len(open_ones)} 笔付款码支付结果未明，请在同步页处理（或由主管核销）后再签退",
                      f"{len(open_ones)} code payment(s) have no result yet; settle them on the sync screen (or "
                      f"have a supervisor write them off) before closing the shift", field="shift",
                      payments=[p.payment_id for p in open_ones])


def send_code_refunds(uow: UnitOfWork, deps: Deps) -> list[str]:
    """Send the refunds recorded for code payments (after the refund's commit, and again after a restart);
    each refund_id is sent until the acquirer answers. Returns the refund ids done now."""
    acquirer = deps.acquirer
    if acquirer is None:
        return []
    with uow.read():
        pending = uow.code_payments.pending_refunds()
    done: list[str] = []
    for refund_id, payment_id, amount_fen in pending:
        try:
            acquirer.refund(payment_id, refund_id, amount_fen)
        except CounterError as exc:
            if exc.details.get("transient", True):
                continue  # no answer: sent again next time, same refund_id
            answered, reason = False, exc.zh
        else:
            answered, reason = True, ""
        with uow:
            uow.code_payments.refund_answered(refund_id, done=answered, reason=reason,
                                              at=timestamp(deps.clock.now()))
            uow.commit()
        if answered:
            done.append(refund_id)
    return done
