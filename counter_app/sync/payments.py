"""The payments API (the platform as acquirer for payment codes): the domain's ``Acquirer`` over HTTP.

An unanswered request (timeout, connection lost, 5xx, a reply that breaks the contract) is
``Outcome.UNKNOWN``, never an error and never a guess: the state machine queries or cancels next.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from counter_app.domain import services
from counter_app.domain.codepay import Outcome, Reply
from counter_app.domain.errors import CounterError, PlatformError
from counter_app.sync.client import PlatformClient
from counter_app.sync.connectivity import ONLINE

if TYPE_CHECKING:
    from counter_app.bootstrap import Counter

log = logging.getLogger("counter_app.sync.payments")

# A collect may wait for the customer's password; a few seconds more than the acquirer's own wait.
PAYMENT_TIMEOUT = (3.05, 12.0)


class PaymentStatus(BaseModel):
    model_config = ConfigDict(extra="ignore")

    payment_id: str
    status: str  # success | userpaying | declined | cancelled
    wallet: str
    amount_fen: int
    transaction_id: str | None = None
    reason: str | None = None
    refunded_fen: int = 0
    money_returned: bool = False


class RefundResult(BaseModel):
    model_config = ConfigDict(extra="ignore")

    refund_id: str
    payment_id: str
    amount_fen: int
    refunded_fen: int


_OUTCOMES = {"success": Outcome.PAID, "userpaying": Outcome.USER_PAYING, "declined": Outcome.DECLINED,
             "cancelled": Outcome.CANCELLED}


def _reply(status: PaymentStatus) -> Reply:
    return Reply(_OUTCOMES.get(status.status, Outcome.UNKNOWN), status.transaction_id, status.reason or "")


class PaymentsApi:
    """``Acquirer`` over the platform's /payments routes, on its own client (its own timeout)."""

    def __init__(self, client: PlatformClient) -> None:
        self.client = client

    def collect(self, payment_id: str, code: str, amount_fen: int, description: str) -> Reply:
        body = {"payment_id": payment_id, "auth_code": code, "amount_fen": amount_fen, "description": description}
        try:
            return _reply(self.client._call("POST", "/payments/collect", PaymentStatus, json_body=body))
        except PlatformError as exc:
            if not exc.details.get("transient", True) and exc.details.get("server_code") in (
                    "payment_code_invalid", "validation_failed"):
                return Reply(Outcome.DECLINED, reason="付款码无效，请顾客刷新后重试")
            return Reply(Outcome.UNKNOWN, reason=exc.zh)

    def query(self, payment_id: str) -> Reply:
        try:
            return _reply(self.client._call("GET", f"/payments/{payment_id}", PaymentStatus))
        except PlatformError as exc:
            if exc.details.get("server_code") == "payment_not_found":
                return Reply(Outcome.NOT_FOUND)
            return Reply(Outcome.UNKNOWN, reason=exc.zh)

    def cancel(self, payment_id: str) -> Reply:
        try:
            status = self.client._call("POST", f"/payments/{payment_id}/cancel", PaymentStatus)
        except PlatformError as exc:
            return Reply(Outcome.UNKNOWN, reason=exc.zh)
        reply = _reply(status)
        return reply if reply.outcome in (Outcome.CANCELLED, Outcome.DECLINED) else Reply(Outcome.UNKNOWN)

    def refund(self, payment_id: str, refund_id: str, amount_fen: int) -> int:
        result = self.client._call("POST", f"/payments/{payment_id}/refunds", RefundResult,
                                   json_body={"refund_id": refund_id, "amount_fen": amount_fen})
        return result.refunded_fen


class PaymentResumer:
    """A connectivity listener: each time the link comes (back) online, settle the unresolved code payments and
    resend unanswered refunds on a thread of their own (never on the caller's: it may be the GUI's or a
    payment's own call). ``stop`` before the store closes: a thread still reading a closed SQLite connection
    crashed the process (``counter-app doctor`` exited with a segmentation fault now and then)."""

    def __init__(self, counter: Counter) -> None:
        self.counter = counter
        self._busy = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def __call__(self, old: str, new: str) -> None:
        if new == ONLINE and not self._stopped and self._busy.acquire(blocking=False):
            self._thread = threading.Thread(target=self._run, name="code-payments-resume", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            services.resume_code_payments(self.counter.uow(), self.counter.deps)
        except CounterError as exc:
            log.warning("code payments not resumed: %s", exc.en)
        except Exception:  # a bug must not kill the process; the log has it, the next link change retries
            log.exception("code payments not resumed")
        finally:
            self._busy.release()

    def stop(self, timeout_s: float = 30.0) -> None:
        """No new round starts; the one running finishes (its calls have their own deadlines)."""
        self._stopped = True
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
