"""The reference platform as acquirer for payment codes (付款码): collect, query, cancel (reverse), refund.

Included from ``app.py`` under /api/v1/payments. The payment id (out_trade_no) is the counter's idempotency
key: collecting it again never charges twice. Tests steer the outcome with the code's last four digits:

======== ==================================================================================
``1001`` waits for the customer's password (USERPAYING); paid at the second query
``1002`` waits for the customer's password and never gets it (the counter cancels it)
``1003`` declined: 余额不足 / insufficient balance
``1004`` paid, but the reply comes ``acquirer_reply_delay_s`` seconds late (the request times out)
``1005`` the request is lost: the reply comes late and nothing was recorded
other    paid at once
======== ==================================================================================

``acquirer_reply_delay_s`` is a platform setting (default 20 s).
"""


import datetime as dt
import sqlite3
import threading
import time
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path as PathParam, Request
from pydantic import Field, StringConstraints

from platform_sim import db as platform_db
from platform_sim.errors import ApiError
from platform_sim.models import Fen, Ident, Out, Strict, Text
from platform_sim.rule_base import Device

SCHEMA = """
CREATE TABLE IF NOT EXISTS acquirer_payments (
    payment_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    wallet TEXT NOT NULL,
    code_masked TEXT NOT NULL,
    scenario TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('userpaying', 'success', 'declined', 'cancelled')),
    transaction_id TEXT,
    reason TEXT,
    queries INTEGER NOT NULL DEFAULT 0,
    refunded_fen INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS acquirer_refunds (
    refund_id TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL REFERENCES acquirer_payments(payment_id),
    amount_fen INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
"""

DEFAULT_REPLY_DELAY_S = 20.0
PaymentCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{16,24}$")]
PaymentId = Annotated[str, PathParam(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class CollectRequest(Strict):
    payment_id: Ident = Field(description="the counter's id for this payment (out_trade_no); idempotency key")
    auth_code: PaymentCode = Field(description="the customer's payment code as scanned")
    amount_fen: Annotated[int, Field(ge=1, le=100_000_000)]
    description: Text = ""


class RefundRequest(Strict):
    refund_id: Ident = Field(description="the counter's id for this refund; idempotency key")
    amount_fen: Annotated[int, Field(ge=1, le=100_000_000)]


class PaymentStatus(Out):
    payment_id: str
    status: Literal["success", "userpaying", "declined", "cancelled"]
    wallet: Literal["wechat_pay", "alipay"]
    amount_fen: Fen
    transaction_id: str | None = Field(description="the acquirer's transaction reference once paid")
    reason: str | None = Field(description="why it was declined or cancelled (Chinese / English)")
    refunded_fen: Fen
    money_returned: bool = Field(False, description="a cancel gave back money already taken")


class RefundResult(Out):
    refund_id: str
    payment_id: str
    amount_fen: Fen
    refunded_fen: Fen = Field(description="everything refunded on the payment so far")


def _wallet(code: str) -> str | None:
    prefix = int(code[:2])
    if len(code) == 18 and 10 <= prefix <= 15:
        return "wechat_pay"
    if 16 <= len(code) <= 24 and 25 <= prefix <= 30:
        return "alipay"
    return None


def _ensure(conn: sqlite3.Connection, request: Request) -> threading.Lock:
    """The app's write lock, the acquirer's tables created once per app."""
    from platform_sim.app import _state

    lock = _state(request).write_lock
    if not getattr(request.app.state, "acquirer_ready", False):
        with lock:
            conn.executescript(SCHEMA)
        request.app.state.acquirer_ready = True
    return lock


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _delay(conn: sqlite3.Connection) -> float:
    value = platform_db.get_setting(conn, "acquirer_reply_delay_s")
    return float(value) if value else DEFAULT_REPLY_DELAY_S


def _status(row: sqlite3.Row, *, money_returned: bool = False) -> dict[str, Any]:
    return {"payment_id": row["payment_id"], "status": row["status"], "wallet": row["wallet"],
            "amount_fen": row["amount_fen"], "transaction_id": row["transaction_id"], "reason": row["reason"],
            "refunded_fen": row["refunded_fen"], "money_returned": money_returned}


def _own(conn: sqlite3.Connection, device: Device, payment_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM acquirer_payments WHERE payment_id = ? AND device_id = ?",
                       (payment_id, device.device_id)).fetchone()
    if row is None:
        raise ApiError(404, "payment_not_found", "没有这笔付款 / no such payment")
    return row  # type: ignore[no-any-return]


def _write(conn: sqlite3.Connection, lock: threading.Lock, sql: str, args: tuple[Any, ...]) -> None:
    with lock:
        conn.execute(sql, args)


def router() -> APIRouter:
    """The /payments routes (the dependencies are the app's own)."""
    from platform_sim.app import _AUTH, _BASE, Conn, CurrentDevice, _errors

    r = APIRouter(tags=["payments"])

    @r.post("/payments/collect", response_model=PaymentStatus, responses=_errors(*_BASE, *_AUTH, 409))
    def collect(body: CollectRequest, device: CurrentDevice, conn: Conn, request: Request) -> dict[str, Any]:
        """Collect with a payment code (付款码). Collecting the same payment_id again answers its state."""
        lock = _ensure(conn, request)
        wallet = _wallet(body.auth_code)
        if wallet is None:
            raise ApiError(422, "payment_code_invalid", "付款码无效 / not a payment code")
        scenario = body.auth_code[-4:]
        with lock:
            row = conn.execute("SELECT * FROM acquirer_payments WHERE payment_id = ?", (body.payment_id,)).fetchone()
            if row is not None:
                if row["device_id"] != device.device_id or row["amount_fen"] != body.amount_fen \
                        and row["scenario"] != "lost":
                    raise ApiError(409, "payment_id_reused", "付款单号已用于另一笔付款 / payment id reused")
                return _status(row)
            if scenario == "1005":
                lost = True
            else:
                lost = False
                status, txn, reason = "success", f"T{uuid.uuid4().hex[:20]}", None
                if scenario in ("1001", "1002"):
                    status, txn = "userpaying", None
                elif scenario == "1003":
                    status, txn, reason = "declined", None, "余额不足 / insufficient balance"
                conn.execute("INSERT INTO acquirer_payments (payment_id, device_id, wallet, code_masked, scenario,"
                             " amount_fen, status, transaction_id, reason, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                             (body.payment_id, device.device_id, wallet, body.auth_code[:2] + "****" + scenario,
                              scenario, body.amount_fen, status, txn, reason, _now()))
        if scenario in ("1004", "1005"):
            time.sleep(_delay(conn))
        if lost:
            raise ApiError(409, "payment_lost", "付款请求丢失 / the request was lost")
        return _status(_own(conn, device, body.payment_id))

    @r.get("/payments/{payment_id}", response_model=PaymentStatus, responses=_errors(*_BASE, *_AUTH, 404))
    def query(payment_id: PaymentId, device: CurrentDevice, conn: Conn, request: Request) -> dict[str, Any]:
        """A payment's state; 404 payment_not_found when the collect never arrived."""
        lock = _ensure(conn, request)
        row = _own(conn, device, payment_id)
        if row["status"] == "userpaying":
            paid = row["scenario"] == "1001" and row["queries"] + 1 >= 2
            _write(conn, lock, "UPDATE acquirer_payments SET queries = queries + 1, status = ?, transaction_id = ?"
                   " WHERE payment_id = ?", ("success" if paid else "userpaying",
                                            f"T{uuid.uuid4().hex[:20]}" if paid else None, payment_id))
            row = _own(conn, device, payment_id)
        return _status(row)

    @r.post("/payments/{payment_id}/cancel", response_model=PaymentStatus, responses=_errors(*_BASE, *_AUTH, 409))
    def cancel(payment_id: PaymentId, device: CurrentDevice, conn: Conn, request: Request) -> dict[str, Any]:
        """Cancel (撤销/冲正): close a payment not yet paid, give back one paid. A payment never received is
        recorded as cancelled, so a late copy of the collect cannot be paid."""
        lock = _ensure(conn, request)
        with lock:
            row = conn.execute("SELECT * FROM acquirer_payments WHERE payment_id = ?", (payment_id,)).fetchone()
            if row is not None and row["device_id"] != device.device_id:
                raise ApiError(409, "payment_id_reused", "付款单号属于另一台设备 / another device's payment")
            returned = False
            if row is None:
                conn.execute("INSERT INTO acquirer_payments (payment_id, device_id, wallet, code_masked, scenario,"
                             " amount_fen, status, reason, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                             (payment_id, device.device_id, "wechat_pay", "", "lost", 0, "cancelled",
                              "撤销 / cancelled", _now()))
            elif row["status"] == "success" and row["refunded_fen"] > 0:
                raise ApiError(409, "payment_refunded", "已退款的付款不能撤销 / refunded, cannot be cancelled")
            elif row["status"] in ("success", "userpaying"):
                returned = row["status"] == "success"
                conn.execute("UPDATE acquirer_payments SET status = 'cancelled', reason = ? WHERE payment_id = ?",
                             ("撤销 / cancelled", payment_id))
            row = conn.execute("SELECT * FROM acquirer_payments WHERE payment_id = ?", (payment_id,)).fetchone()
        return _status(row, money_returned=returned)

    @r.post("/payments/{payment_id}/refunds", response_model=RefundResult, responses=_errors(*_BASE, *_AUTH, 404, 409))
    def refund(payment_id: PaymentId, body: RefundRequest, device: CurrentDevice, conn: Conn,
               request: Request) -> dict[str, Any]:
        """Refund all or part of a paid payment, never more than was paid; the same refund_id again answers the
        earlier result."""
        lock = _ensure(conn, request)
        with lock:
            row = _own(conn, device, payment_id)
            done = conn.execute("SELECT * FROM acquirer_refunds WHERE refund_id = ?", (body.refund_id,)).fetchone()
            if done is not None:
                if done["payment_id"] != payment_id or done["amount_fen"] != body.amount_fen:
                    raise ApiError(409, "refund_id_reused", "退款单号已用于另一笔退款 / refund id reused")
                return {"refund_id": body.refund_id, "payment_id": payment_id, "amount_fen": body.amount_fen,
                        "refunded_fen": row["refunded_fen"]}
            if row["status"] != "success":
                raise ApiError(409, "payment_not_paid", "这笔付款未成功，不能退款 / the payment was not paid")
            if body.amount_fen > row["amount_fen"] - row["refunded_fen"]:
                raise ApiError(409, "refund_too_much", "退款超过可退金额 / more than is left to refund")
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("INSERT INTO acquirer_refunds (refund_id, payment_id, amount_fen, created_at)"
                             " VALUES (?,?,?,?)", (body.refund_id, payment_id, body.amount_fen, _now()))
                conn.execute("UPDATE acquirer_payments SET refunded_fen = refunded_fen + ? WHERE payment_id = ?",
                             (body.amount_fen, payment_id))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            refunded = row["refunded_fen"] + body.amount_fen
        return {"refund_id": body.refund_id, "payment_id": payment_id, "amount_fen": body.amount_fen,
                "refunded_fen": refunded}

    return r
