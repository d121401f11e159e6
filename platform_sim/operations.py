"""Applying a batch of counter operations: idempotent by op_id, serialized, each checked by its kind's rules.

Replay rule (documented in the contract): an op_id seen before is never evaluated again. If it was
accepted, the answer is ``duplicate`` with the original result; if it was rejected, the answer is the
original ``rejected`` with the original code and reason, so the counter's exceptions list (异常单) never
flips. The same op_id with different content is refused as ``op_id_reused`` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from typing import Any, Sequence

from platform_sim import db as platform_db
from platform_sim import guards, need_to_know
from platform_sim import models as m
from platform_sim.rule_base import (
    Applied,
    Device,
    Rejection,
    _check_envelope,
    _check_member_points,
    _check_tenders,
    _counter_order,
    _lines_json,
    _member_balance,
    _move_points,
    _points_in,
    _result,
    _target_order,
)

DUPLICATE_REASON = "重复提交，返回原结果 / duplicate op_id, original result returned"


# ---- the batch ----------------------------------------------------------------------------------------


def apply_batch(conn: sqlite3.Connection, lock: threading.Lock, device: Device,
                operations: Sequence[m.Operation]) -> list[dict[str, Any]]:
    """Apply a batch in one write transaction; answer one result per operation, in order."""
    now = _utc_now()
    hashes = [_content_hash(op) for op in operations]  # CPU work done before taking the write lock
    # The process lock keeps threads of this server in line; BEGIN IMMEDIATE keeps other processes out.
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            results = [_apply_one(conn, device, op, now, h) for op, h in zip(operations, hashes)]
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return results


def _apply_one(conn: sqlite3.Connection, device: Device, op: m.Operation, now: str,
               content_hash: str) -> dict[str, Any]:
    """Answer one operation: replay it if known, else check and apply it inside a savepoint."""
    op_id = str(op.op_id)
    seen = conn.execute(
        "SELECT status, code, reason, result_json, payload_hash, branch_id, counter_id FROM ops WHERE op_id = ?",
        (op_id,)).fetchone()
    if seen is not None and (seen["branch_id"], seen["counter_id"]) != (device.branch_id, device.counter_id):
        # op_ids are namespaced by counter: another counter's op_id is neither replayed to this one nor stored.
        return _answer(op_id, "rejected", "op_id_reused", "操作编号已被其他柜台使用 / op_id used by another counter",
                       None)
    if seen is not None:
        return _replay(op_id, seen, content_hash)
    conn.execute("SAVEPOINT op")
    try:
        _check_envelope(device, op)
        applied = rule_for(op.kind)(conn, device, op)
    except Rejection as rej:
        conn.execute("ROLLBACK TO op")
        conn.execute("RELEASE op")
        _record(conn, device, op, content_hash, now, "rejected", rej.code, rej.reason, Applied())
        return _answer(op_id, "rejected", rej.code, rej.reason, None)
    except sqlite3.IntegrityError:
        # The CHECK on points_balance is the last guard; a rule should have caught it first.
        conn.execute("ROLLBACK TO op")
        conn.execute("RELEASE op")
        rej = Rejection("insufficient_points", "积分不足", "insufficient points")
        _record(conn, device, op, content_hash, now, "rejected", rej.code, rej.reason, Applied())
        return _answer(op_id, "rejected", rej.code, rej.reason, None)
    conn.execute("RELEASE op")
    _record(conn, device, op, content_hash, now, "accepted", "ok", None, applied)
    return _answer(op_id, "accepted", "ok", None, applied.result)


def _replay(op_id: str, seen: sqlite3.Row, content_hash: str) -> dict[str, Any]:
    """The answer for an op_id seen before (see the module docstring)."""
    if seen["payload_hash"] != content_hash:
        return _answer(op_id, "rejected", "op_id_reused",
                       "操作编号已用于其他内容 / op_id already used for different content", None)
    result = json.loads(seen["result_json"]) if seen["result_json"] else None
    if seen["status"] == "rejected":
        return _answer(op_id, "rejected", seen["code"], seen["reason"], result)
    return _answer(op_id, "duplicate", seen["code"], DUPLICATE_REASON, result)


def _answer(op_id: str, status: str, code: str, reason: str | None, result: dict[str, Any] | None) -> dict[str, Any]:
    """One element of the batch answer."""
    return {"op_id": op_id, "status": status, "code": code, "reason": reason, "result": result}


def _record(conn: sqlite3.Connection, device: Device, op: m.Operation, content_hash: str, now: str,
            status: str, code: str, reason: str | None, applied: Applied) -> None:
    """Keep the operation and its answer so a replay gets the same answer."""
    op_id = str(op.op_id)
    conn.execute(
        "INSERT INTO ops (op_id, device_id, branch_id, counter_id, kind, business_date, payload_hash, status,"
        " code, reason, result_json, amount_fen, order_no, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (op_id, device.device_id, device.branch_id, device.counter_id, op.kind, op.business_date.isoformat(),
         content_hash, status, code, reason, json.dumps(applied.result) if applied.result is not None else None,
         applied.amount_fen, applied.order_no, now),
    )
    conn.executemany("INSERT INTO op_money (op_id, method, amount_fen) VALUES (?,?,?)",
                     [(op_id, method, amount) for method, amount in applied.money])
    member_id = getattr(op.payload, "member_id", None)
    if status == "accepted" and member_id:
        need_to_know.record_visit(conn, str(member_id), device.branch_id)


def _content_hash(op: m.Operation) -> str:
    """Canonical hash of an operation, to tell a true replay from a reused op_id."""
    canonical = json.dumps(op.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _utc_now() -> str:
    """Now as ISO 8601 with offset."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# ---- one rule per kind --------------------------------------------------------------------------------


def counter_order(conn: sqlite3.Connection, device: Device, op: m.CounterOrderOp) -> Applied:
    """线下下单: a sale; accepted orders become visible online."""
    p = op.payload
    if conn.execute("SELECT 1 FROM orders WHERE order_no = ?", (p.order_no,)).fetchone():
        raise Rejection("order_exists", "订单号已存在", f"order number {p.order_no} already used")
    for line in p.lines:
        product = conn.execute("SELECT active FROM products WHERE sku = ?", (line.sku,)).fetchone()
        if product is None or not product["active"]:
            raise Rejection("unknown_sku", "商品不存在或已下架", f"unknown sku {line.sku}")
        if line.amount_fen != line.qty * line.unit_price_fen:
            raise Rejection("totals_inconsistent", "金额不平", f"line {line.sku}: amount is not qty x unit price")
    guards.order_no_namespace(device, p.order_no)
    guards.catalogue_prices(conn, p.lines)
    if p.subtotal_fen != sum(line.amount_fen for line in p.lines):
        raise Rejection("totals_inconsistent", "金额不平", "subtotal is not the sum of the lines")
    if p.discount_fen > p.subtotal_fen or p.total_fen != p.subtotal_fen - p.discount_fen:
        raise Rejection("totals_inconsistent", "金额不平", "total is not subtotal minus discount")
    money: list[tuple[str, int]] = []
    if p.paid:
        money = _check_tenders(p.tenders, p.total_fen, p.change_fen)
        if _points_in(p.tenders) != p.points_redeemed:
            raise Rejection("tender_inconsistent", "积分抵扣不符", "points_redeemed is not the points tendered")
    elif p.tenders or p.change_fen or p.points_earned or p.points_redeemed:
        raise Rejection("unpaid_with_tenders", "未付款订单不能有支付", "an unpaid order carries no tenders or points")
    _check_member_points(p.member_id, p.points_earned, p.points_redeemed, p.total_fen)
    balance = None
    if p.member_id is not None:
        balance = _move_points(conn, p.member_id, spend=p.points_redeemed, earn=p.points_earned)
    status = "paid" if p.paid else "unpaid"
    when = op.occurred_at.isoformat()
    conn.execute(
        "INSERT INTO orders (order_no, source, branch_id, counter_id, status, lines_json, total_fen, paid_fen,"
        " member_id, points_earned, points_redeemed, created_op_id, created_at, paid_at, change_seq)"
        " VALUES (?, 'counter', ?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (p.order_no, device.branch_id, device.counter_id, status, _lines_json(p.lines), p.total_fen,
         p.total_fen if p.paid else 0, p.member_id, p.points_earned, p.points_redeemed, str(op.op_id), when,
         when if p.paid else None, platform_db.next_seq(conn)),
    )
    return Applied(_result(p.member_id, balance, order_status=status), p.total_fen if p.paid else 0, money,
                   p.order_no)


def order_payment(conn: sqlite3.Connection, device: Device, op: m.OrderPaymentOp) -> Applied:
    """Payment of an earlier unpaid counter order."""
    p = op.payload
    order = _counter_order(conn, device, p.order_no)
    if order["status"] == "voided":
        raise Rejection("order_voided", "订单已作废", "the order was voided")
    if order["status"] != "unpaid":
        raise Rejection("already_paid", "订单已付款", "the order is already paid")
    if p.total_fen != order["total_fen"]:
        raise Rejection("amount_differs", "金额与订单不符", f"the order total is {order['total_fen']} fen")
    money = _check_tenders(p.tenders, p.total_fen, p.change_fen)
    if _points_in(p.tenders) != p.points_redeemed:
        raise Rejection("tender_inconsistent", "积分抵扣不符", "points_redeemed is not the points tendered")
    _check_member_points(p.member_id, p.points_earned, p.points_redeemed, p.total_fen)
    balance = None
    if p.member_id is not None:
        balance = _move_points(conn, p.member_id, spend=p.points_redeemed, earn=p.points_earned)
    conn.execute(
        "UPDATE orders SET status = 'paid', paid_fen = ?, paid_at = ?, member_id = COALESCE(?, member_id),"
        " points_earned = points_earned + ?, points_redeemed = points_redeemed + ?, change_seq = ?"
        " WHERE order_no = ?",
        (p.total_fen, op.occurred_at.isoformat(), p.member_id, p.points_earned, p.points_redeemed,
         platform_db.next_seq(conn), p.order_no),
    )
    return Applied(_result(p.member_id, balance, order_status="paid"), p.total_fen, money, p.order_no)


def pickup_collected(conn: sqlite3.Connection, device: Device, op: m.PickupCollectedOp) -> Applied:
    """提货: an online order handed over at its pickup branch, once."""
    p = op.payload
    order = conn.execute("SELECT * FROM orders WHERE order_no = ? AND source = 'online'", (p.order_no,)).fetchone()
    if order is None:
        raise Rejection("unknown_order", "提货订单不存在", f"unknown pickup order {p.order_no}")
    if order["branch_id"] != device.branch_id:
        raise Rejection("wrong_branch", "订单不在本网点提货", "the order is not for pickup at this branch")
    if order["status"] == "collected":
        raise Rejection("already_collected", "已提货", "already collected")
    if order["status"] == "cancelled":
        raise Rejection("order_cancelled", "订单已取消", "the order was cancelled")
    if p.cod_fen != order["cod_fen"]:
        raise Rejection("cod_mismatch", "代收金额与订单不符", "cod_fen is not the order's amount to collect")
    money = _check_tenders(p.tenders, p.cod_fen, p.change_fen) if p.cod_fen or p.tenders else []
    conn.execute("UPDATE orders SET status = 'collected', collected_at = ?, paid_fen = paid_fen + ?, change_seq = ?"
                 " WHERE order_no = ?", (p.collected_at.isoformat(), p.cod_fen, platform_db.next_seq(conn), p.order_no))
    return Applied({"order_status": "collected"}, p.cod_fen, money, p.order_no)


def bill_payment(conn: sqlite3.Connection, device: Device, op: m.BillPaymentOp) -> Applied:
    """便民缴费: pays a known, unpaid bill for exactly its amount."""
    p = op.payload
    if p.bill_id is not None:
        bill = conn.execute("SELECT * FROM bills WHERE bill_id = ?", (p.bill_id,)).fetchone()
        if bill is not None and (bill["biller"] != p.biller or bill["account_no"] != p.account_no):
            raise Rejection("bill_mismatch", "账单与缴费账户不符", "bill_id does not belong to this biller/account")
    else:
        bill = conn.execute(
            "SELECT * FROM bills WHERE biller = ? AND account_no = ? AND (? IS NULL OR period = ?)"
            " ORDER BY status = 'unpaid' DESC, period DESC LIMIT 1",
            (p.biller, p.account_no, p.period, p.period),
        ).fetchone()
    if bill is None:
        raise Rejection("unknown_bill", "缴费账户不存在", "unknown bill or account")
    if bill["status"] == "paid":
        raise Rejection("bill_already_paid", "该账单已缴清", "the bill is already paid")
    if p.amount_fen != bill["amount_due_fen"]:
        raise Rejection("amount_differs", "缴费金额与账单不符", f"the bill is {bill['amount_due_fen']} fen")
    if any(t.method == "points" for t in p.tenders):
        raise Rejection("points_not_accepted", "缴费不能用积分", "bills cannot be paid with points")
    money = _check_tenders(p.tenders, p.amount_fen, p.change_fen)
    _check_member_points(p.member_id, p.points_earned, 0, p.amount_fen)
    balance = None
    if p.member_id is not None:
        balance = _move_points(conn, p.member_id, earn=p.points_earned)
    conn.execute("UPDATE bills SET status = 'paid', paid_at = ?, paid_op_id = ? WHERE bill_id = ?",
                 (op.occurred_at.isoformat(), str(op.op_id), bill["bill_id"]))
    return Applied(_result(p.member_id, balance, bill_id=bill["bill_id"], bill_status="paid"), p.amount_fen, money)


def points_accrual(conn: sqlite3.Connection, device: Device, op: m.PointsAccrualOp) -> Applied:
    """积分累计."""
    p = op.payload
    guards.accrual(conn, device, op)
    balance = _move_points(conn, p.member_id, earn=p.points)
    guards.record_accrual(conn, device, op)
    return Applied(_result(p.member_id, balance))


def points_redemption(conn: sqlite3.Connection, device: Device, op: m.PointsRedemptionOp) -> Applied:
    """积分兑换: never past the balance, whichever branch asks first wins."""
    p = op.payload
    if p.sku is not None and conn.execute("SELECT 1 FROM products WHERE sku = ?", (p.sku,)).fetchone() is None:
        raise Rejection("unknown_sku", "商品不存在", f"unknown sku {p.sku}")
    balance = _move_points(conn, p.member_id, spend=p.points)
    return Applied(_result(p.member_id, balance))


def void(conn: sqlite3.Connection, device: Device, op: m.VoidOp) -> Applied:
    """作废: only an unpaid counter order."""
    p = op.payload
    order = _target_order(conn, device, str(p.target_op_id), p.order_no, ("counter_order",))
    if order["status"] == "voided":
        raise Rejection("already_voided", "订单已作废", "the order is already voided")
    if order["status"] != "unpaid":
        raise Rejection("order_paid", "已付款订单不能作废，请退款", "a paid order cannot be voided; refund it")
    conn.execute("UPDATE orders SET status = 'voided', change_seq = ? WHERE order_no = ?",
                 (platform_db.next_seq(conn), p.order_no))
    return Applied({"order_status": "voided"}, 0, [], p.order_no)


def refund(conn: sqlite3.Connection, device: Device, op: m.RefundOp) -> Applied:
    """退款: never more than was paid; points earned are taken back, points spent given back."""
    p = op.payload
    rejected = _rejected_target(conn, device, str(p.target_op_id))
    if rejected is not None:
        return rejected
    order = _target_order(conn, device, str(p.target_op_id), p.order_no, ("counter_order", "order_payment"))
    if order["status"] not in ("paid", "partially_refunded", "refunded"):
        raise Rejection("order_not_paid", "订单未付款，不能退款", "the order is not paid")
    if p.amount_fen + order["refunded_fen"] > order["paid_fen"]:
        raise Rejection("refund_exceeds_paid", "退款金额超过实付金额",
                        f"refund above what was paid ({order['paid_fen'] - order['refunded_fen']} fen left)")
    if sum(t.amount_fen for t in p.tenders) != p.amount_fen:
        raise Rejection("totals_inconsistent", "退款金额不平", "refund tenders do not add up to amount_fen")
    if _points_in(p.tenders) != p.points_restored or any(
        t.method != "points" and t.points for t in p.tenders
    ):
        raise Rejection("tender_inconsistent", "积分退还不符", "points tenders must equal points_restored")
    if p.points_restored > order["points_redeemed"] - order["points_restored"]:
        raise Rejection("points_restore_exceeds", "退还积分超过已用积分", "points_restored above what the order spent")
    if p.points_reversed > order["points_earned"] - order["points_reversed"]:
        raise Rejection("points_reverse_exceeds", "扣回积分超过已得积分", "points_reversed above what the order earned")
    guards.refund_by_method(conn, p.order_no, p.tenders)
    guards.full_refund_reverses_points(order, p)
    balance = None
    points_shortfall = 0
    member_id = order["member_id"]
    if p.points_restored or p.points_reversed:
        if member_id is None:
            raise Rejection("member_required", "积分需要会员", "the order has no member")
        # Net first: points given back may cover the earned points taken back. Money handed back is never
        # refused over points: earned points the member has already spent are taken back only as far as the
        # balance goes (the shortfall is in the result, for the counter's records).
        net = p.points_restored - p.points_reversed
        spend = max(0, -net)
        shortfall = max(0, spend - _member_balance(conn, member_id))
        balance = _move_points(conn, member_id, spend=spend - shortfall, earn=max(0, net))
        if shortfall:
            points_shortfall = shortfall
    refunded = order["refunded_fen"] + p.amount_fen
    status = "refunded" if refunded == order["paid_fen"] else "partially_refunded"
    conn.execute(
        "UPDATE orders SET refunded_fen = ?, status = ?, points_reversed = points_reversed + ?,"
        " points_restored = points_restored + ?, change_seq = ? WHERE order_no = ?",
        (refunded, status, p.points_reversed, p.points_restored, platform_db.next_seq(conn), p.order_no),
    )
    money = [(t.method, -t.amount_fen) for t in p.tenders]
    extra = {"points_not_recovered": points_shortfall} if points_shortfall else {}
    return Applied(_result(member_id, balance, order_status=status, **extra), p.amount_fen, money, p.order_no)


def _rejected_target(conn: sqlite3.Connection, device: Device, target_op_id: str) -> Applied | None:
    """Money handed back at the counter for an operation this platform refused (e.g. a pending bill payment
    taken offline): recorded once, but it moves nothing here, since the refused operation never counted."""
    row = conn.execute("SELECT kind FROM ops WHERE op_id = ? AND branch_id = ? AND status = 'rejected'",
                       (target_op_id, device.branch_id)).fetchone()
    if row is None:
        return None
    marker = f'"refund_of_rejected": "{target_op_id}"'
    if conn.execute("SELECT 1 FROM ops WHERE kind = 'refund' AND status = 'accepted' AND result_json LIKE ?",
                    (f"%{marker}%",)).fetchone():
        raise Rejection("already_refunded", "该笔已退还", "the refused operation was already refunded")
    return Applied({"refund_of_rejected": target_op_id, "target_kind": row["kind"]})


def shift_open(conn: sqlite3.Connection, device: Device, op: m.ShiftOpenOp) -> Applied:
    """签到: recorded for the day's reconciliation."""
    return Applied({"shift_id": op.shift_id})


def shift_close(conn: sqlite3.Connection, device: Device, op: m.ShiftCloseOp) -> Applied:
    """签退: the difference must be what was counted minus what was expected."""
    p = op.payload
    if p.difference_fen != p.counted_cash_fen - p.expected_cash_fen:
        raise Rejection("totals_inconsistent", "长短款不平", "difference is not counted minus expected cash")
    return Applied({"shift_id": op.shift_id})


def drawer_opened(conn: sqlite3.Connection, device: Device, op: m.DrawerOpenedOp) -> Applied:
    """开钱箱: recorded with its supervisor and reason; no money moved."""
    return Applied({"shift_id": op.shift_id})


RULES: dict[str, Any] = {
    "counter_order": counter_order, "order_payment": order_payment, "pickup_collected": pickup_collected,
    "bill_payment": bill_payment, "points_accrual": points_accrual, "points_redemption": points_redemption,
    "void": void, "refund": refund, "shift_open": shift_open, "shift_close": shift_close,
    "drawer_opened": drawer_opened,
}


def rule_for(kind: str) -> Any:
    """The rule of a kind: the sales kinds above, the books' kinds (cash box, day close, corrections) there."""
    if kind in RULES:
        return RULES[kind]
    from platform_sim import books  # the books' rules import this module

    return books.RULES[kind]


# The parcel kinds live in their own module, which adds its rules to RULES when imported.
import platform_sim.parcels  # noqa: E402,F401
