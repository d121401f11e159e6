"""Mobile payment codes (付款码): recognising a scanned code and the payment's state machine.

A payment whose result is unknown is a durable state, never a guess. Each payment moves through

    asked ──collect──▶ confirmed | waiting | declined
    waiting ──query──▶ confirmed | waiting | declined | cancel_asked (deadline passed, or nothing found)
    cancel_asked ──cancel──▶ cancelled (or stays cancel_asked while the acquirer cannot be reached)
    asked | waiting | cancel_asked ──supervisor──▶ written_off

``asked`` is recorded before the collect request goes out; a payment found ``asked`` after a restart may or
may not have reached the acquirer, so its next step is a query, never a second collect. Everything here is
pure: the service records each transition in one local transaction, then performs ``next_action``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from counter_app.domain.errors import InvalidInput


class Wallet(StrEnum):
    """The wallet a code belongs to; its value is the tender method (one method per wallet, see docs)."""

    WECHAT = "wechat_pay"
    ALIPAY = "alipay"


WALLET_NAMES_ZH = {Wallet.WECHAT: "微信支付", Wallet.ALIPAY: "支付宝"}
WALLET_NAMES_EN = {Wallet.WECHAT: "WeChat Pay", Wallet.ALIPAY: "Alipay"}
CODE_METHODS: frozenset[str] = frozenset(w.value for w in Wallet)


def recognise_code(scanned: str) -> Wallet:
    """The wallet of a scanned payment code: WeChat 18 digits starting 10-15, Alipay 16-24 digits starting
    25-30. Anything else is refused (a pickup code, a barcode, a code typed half)."""
    code = (scanned or "").strip()
    if code.isascii() and code.isdigit():
        prefix = int(code[:2]) if len(code) >= 2 else -1
        if len(code) == 18 and 10 <= prefix <= 15:
            return Wallet.WECHAT
        if 16 <= len(code) <= 24 and 25 <= prefix <= 30:
            return Wallet.ALIPAY
    raise InvalidInput("payment_code_unknown", "不是有效的微信或支付宝付款码，请让顾客刷新付款码后重新扫描",
                       "Not a WeChat Pay or Alipay payment code; ask the customer to refresh it and scan again",
                       field="payment_code")


def mask_code(code: str) -> str:
    """A payment code as it may be kept and shown: the wallet prefix and the last four digits."""
    return f"{code[:2]}{'*' * max(0, len(code) - 6)}{code[-4:]}" if len(code) > 6 else "*" * len(code)


class State(StrEnum):
    ASKED = "asked"
    WAITING = "waiting"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCEL_ASKED = "cancel_asked"
    CANCELLED = "cancelled"
    WRITTEN_OFF = "written_off"


FINAL_STATES = frozenset({State.CONFIRMED, State.DECLINED, State.CANCELLED, State.WRITTEN_OFF})
# Unresolved: the money may or may not have moved; the shift cannot close while one is left.
OPEN_STATES = frozenset({State.ASKED, State.WAITING, State.CANCEL_ASKED})

STATE_NAMES_ZH = {State.ASKED: "已发起", State.WAITING: "等待顾客确认", State.CONFIRMED: "支付成功",
                  State.DECLINED: "支付失败", State.CANCEL_ASKED: "正在撤销", State.CANCELLED: "已撤销",
                  State.WRITTEN_OFF: "主管核销"}
STATE_NAMES_EN = {State.ASKED: "Asked", State.WAITING: "Waiting for the customer", State.CONFIRMED: "Paid",
                  State.DECLINED: "Declined", State.CANCEL_ASKED: "Cancelling", State.CANCELLED: "Cancelled",
                  State.WRITTEN_OFF: "Written off"}


class Action(StrEnum):
    COLLECT = "collect"
    QUERY = "query"
    CANCEL = "cancel"
    NONE = "none"


# What the acquirer (or the lack of an answer) said.
class Outcome(StrEnum):
    PAID = "paid"              # success, with the acquirer's transaction id
    USER_PAYING = "userpaying"  # waiting for the customer's password
    DECLINED = "declined"      # refused, with a reason
    NOT_FOUND = "not_found"    # the acquirer never got the request
    CANCELLED = "cancelled"    # reversed / closed: no money taken (or given back)
    UNKNOWN = "unknown"        # no answer (timeout, connection lost, 5xx)


@dataclass(frozen=True)
class Reply:
    outcome: Outcome
    transaction_id: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class CodePayment:
    """One code payment as recorded locally."""

    payment_id: str  # the out_trade_no: the acquirer's idempotency key for this payment
    wallet: Wallet
    code_masked: str
    amount_fen: int
    state: State
    asked_at: str
    poll_until: str  # after this the payment is cancelled unless a query finds it paid
    shift_id: str
    clerk_id: str
    transaction_id: str | None = None
    reason: str = ""
    sale_op_id: str | None = None
    refunded_fen: int = 0

    @property
    def final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def refundable_fen(self) -> int:
        return self.amount_fen - self.refunded_fen if self.state == State.CONFIRMED else 0


def next_action(payment: CodePayment, *, sent: bool) -> Action:
    """What to do next for ``payment``; ``sent`` is whether this process sent its collect request already
    (after a restart an ``asked`` payment is queried: the first request may have arrived)."""
    if payment.state == State.ASKED:
        return Action.QUERY if sent else Action.COLLECT
    if payment.state == State.WAITING:
        return Action.QUERY
    if payment.state == State.CANCEL_ASKED:
        return Action.CANCEL
    return Action.NONE


def _past(deadline: str, now: datetime) -> bool:
    return now >= datetime.fromisoformat(deadline)


def after_reply(payment: CodePayment, action: Action, reply: Reply, now: datetime) -> CodePayment:
    """The payment after the acquirer's ``reply`` to ``action``."""
    if payment.final:
        return payment
    if action == Action.CANCEL:
        if reply.outcome in (Outcome.CANCELLED, Outcome.NOT_FOUND):
            return replace(payment, state=State.CANCELLED, reason=reply.reason or payment.reason)
        if reply.outcome == Outcome.DECLINED:  # nothing was taken: nothing to give back
            return replace(payment, state=State.DECLINED, reason=reply.reason or payment.reason)
        return payment  # no answer: cancel again later
    if reply.outcome == Outcome.PAID:
        return replace(payment, state=State.CONFIRMED, transaction_id=reply.transaction_id)
    if reply.outcome in (Outcome.DECLINED, Outcome.CANCELLED):
        return replace(payment, state=State.DECLINED, reason=reply.reason)
    if reply.outcome == Outcome.NOT_FOUND:
        # The collect never arrived: cancel so that a late copy of it cannot be paid.
        return replace(payment, state=State.CANCEL_ASKED, reason="支付请求未到达收单方")
    # USER_PAYING or UNKNOWN: keep polling until the deadline, then cancel.
    if _past(payment.poll_until, now):
        return replace(payment, state=State.CANCEL_ASKED, reason="等待超时")
    return replace(payment, state=State.WAITING)


def poll_deadline(now: datetime, seconds: float) -> str:
    return (now + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


class Acquirer(Protocol):
    """The payments API (the platform, acting as acquirer). ``collect``, ``query`` and ``cancel`` never raise
    for an unanswered request: they return ``Outcome.UNKNOWN``."""

    def collect(self, payment_id: str, code: str, amount_fen: int, description: str) -> Reply: ...
    def query(self, payment_id: str) -> Reply: ...
    def cancel(self, payment_id: str) -> Reply: ...
    def refund(self, payment_id: str, refund_id: str, amount_fen: int) -> int:
        """Give ``amount_fen`` back; returns the total refunded so far. Raises ``PlatformError``."""
        ...


class CodePayments(Protocol):
    """The store's code payments: the row of each and the append-only steps."""

    def add(self, payment: CodePayment, *, sale: dict[str, object], at: str) -> None: ...
    def get(self, payment_id: str) -> CodePayment | None: ...
    def sale_of(self, payment_id: str) -> dict[str, object]: ...
    def step(self, payment: CodePayment, *, at: str, detail: str = "", supervisor_id: str | None = None,
             sale_op_id: str | None = None) -> None: ...
    def add_refunded(self, payment_id: str, amount_fen: int) -> None: ...
    def unresolved(self, shift_id: str | None = None) -> list[CodePayment]: ...
    def by_transaction(self, transaction_id: str) -> CodePayment | None: ...
    def ask_refund(self, *, refund_id: str, payment_id: str, refund_op_id: str, amount_fen: int, at: str) -> None: ...
    def pending_refunds(self) -> list[tuple[str, str, int]]: ...
    def refund_answered(self, refund_id: str, *, done: bool, reason: str, at: str) -> None: ...
