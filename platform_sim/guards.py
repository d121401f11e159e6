"""Rules that hold against a hostile counter (issue 13): namespaced order numbers, catalogue prices, refunds
bounded per payment method, points reversed on a full refund, accruals that can be checked.

Each function raises ``Rejection`` and changes nothing; ``operations`` calls them before it writes.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Sequence

from platform_sim import models as m
from platform_sim import rule_base as ops

# A manual accrual (no reference to a sale) is capped per member and branch and business day.
MANUAL_ACCRUAL_CAP_PER_DAY = 1_000
# Sales a points accrual may refer to ("积分补录": a purchase made before the card was shown).
_ACCRUABLE_KINDS = ("counter_order", "order_payment", "bill_payment")


def order_no_namespace(device: ops.Device, order_no: str) -> None:
    """A counter's order number starts with its branch and counter (as the counter makes them): no squatting."""
    if not order_no.startswith(device.branch_id + device.counter_id):
        raise ops.Rejection("order_no_namespace", "订单号不属于本柜台",
                        f"order number must start with {device.branch_id}{device.counter_id}")


def catalogue_prices(conn: sqlite3.Connection, lines: Sequence[m.OrderLine]) -> None:
    """Every line at the catalogue's unit price, unless the line names the supervisor who overrode it."""
    for line in lines:
        row = conn.execute("SELECT price_fen FROM products WHERE sku = ?", (line.sku,)).fetchone()
        if row is None or line.unit_price_fen == row["price_fen"]:
            continue
        if line.price_override_by is None:
            raise ops.Rejection("price_differs", "单价与商品目录不符，改价需要主管授权",
                                f"line {line.sku}: unit price {line.unit_price_fen} is not the catalogue's "
                                f"{row['price_fen']}; a price override names its supervisor (price_override_by)")


def refund_by_method(conn: sqlite3.Connection, order_no: str, tenders: Sequence[m.Tender]) -> None:
    """Money goes back by the methods that paid, each no more than it paid net of earlier refunds; points
    go back as points at their recorded value."""
    for tender in tenders:
        if tender.method == "points" and tender.amount_fen != tender.points * ops.REDEEM_FEN_PER_POINT:
            raise ops.Rejection("tender_inconsistent", "积分退还金额不符", "a points refund is worth its points, no more")
    left: dict[str, int] = defaultdict(int)
    for method, amount in conn.execute(
        "SELECT om.method, SUM(om.amount_fen) FROM op_money om JOIN ops o ON o.op_id = om.op_id"
        " WHERE o.order_no = ? AND o.status = 'accepted'"
        " AND o.kind IN ('counter_order', 'order_payment', 'refund') GROUP BY om.method", (order_no,)):
        left[method] = int(amount)
    asked: dict[str, int] = defaultdict(int)
    for tender in tenders:
        asked[tender.method] += tender.amount_fen
    for method, amount in asked.items():
        if amount > left[method]:
            raise ops.Rejection("refund_method_exceeds", "退款方式或金额与原支付不符",
                            f"{method} refund of {amount} fen above the {left[method]} fen paid by {method}")


def full_refund_reverses_points(order: sqlite3.Row, refund: m.RefundPayload) -> None:
    """The refund that completes a full refund takes back every point the order earned."""
    if order["refunded_fen"] + refund.amount_fen < order["paid_fen"]:
        return
    if order["points_reversed"] + refund.points_reversed < order["points_earned"]:
        raise ops.Rejection("points_not_reversed", "全额退款须扣回所得积分",
                        f"a full refund reverses all {order['points_earned']} points the order earned")


def record_accrual(conn: sqlite3.Connection, device: ops.Device, op: m.PointsAccrualOp) -> None:
    """Keep an accepted accrual where the accrual rules look (inside the operation's savepoint). A made-up sale
    becomes the member's, its points the order's: a full refund must then take them back."""
    p = op.payload
    conn.execute("INSERT INTO accruals (op_id, branch_id, business_date, member_id, points, ref_op_id)"
                 " VALUES (?,?,?,?,?,?)", (str(op.op_id), device.branch_id, op.business_date.isoformat(),
                                          p.member_id, p.points, str(p.ref_op_id) if p.ref_op_id else None))
    if p.ref_op_id is not None:
        conn.execute("UPDATE orders SET member_id = COALESCE(member_id, ?), points_earned = points_earned + ?"
                     " WHERE order_no = (SELECT order_no FROM ops WHERE op_id = ?)",
                     (p.member_id, p.points, str(p.ref_op_id)))


def accrual(conn: sqlite3.Connection, device: ops.Device, op: m.PointsAccrualOp) -> None:
    """A purchase make-up refers to a sale of this branch not accrued before, within what it paid for; a
    manual adjustment names its supervisor and stays within the cap per member and day."""
    p = op.payload
    if p.reason == "manual_adjustment":
        if p.supervisor_id is None:
            raise ops.Rejection("accrual_supervisor_required", "人工调整积分须有主管授权",
                                "a manual_adjustment names the approving supervisor (supervisor_id)")
        if p.ref_op_id is not None:
            raise ops.Rejection("accrual_reason_mismatch", "关联消费的积分应按补录消费积分办理",
                                "an accrual for a sale is a purchase_makeup, not a manual_adjustment")
        done = conn.execute(
            "SELECT COALESCE(SUM(points), 0) FROM accruals WHERE member_id = ? AND branch_id = ? AND business_date = ?"
            " AND ref_op_id IS NULL", (p.member_id, device.branch_id, op.business_date.isoformat())).fetchone()[0]
        if done + p.points > MANUAL_ACCRUAL_CAP_PER_DAY:
            raise ops.Rejection("manual_accrual_cap", "手工积分超过当日上限",
                            f"manual accruals above {MANUAL_ACCRUAL_CAP_PER_DAY} points a day for this member")
        return
    if p.ref_op_id is None:
        raise ops.Rejection("accrual_ref_required", "补录消费积分须关联一笔消费",
                            "a purchase_makeup names the sale it is for (ref_op_id)")
    ref = conn.execute("SELECT * FROM ops WHERE op_id = ? AND status = 'accepted'", (str(p.ref_op_id),)).fetchone()
    if ref is None or ref["kind"] not in _ACCRUABLE_KINDS:
        raise ops.Rejection("unknown_ref_op", "关联操作不存在", "ref_op_id is not an accepted sale or payment")
    if ref["branch_id"] != device.branch_id:
        raise ops.Rejection("ref_other_branch", "关联操作不属于本网点", "ref_op_id is another branch's operation")
    if conn.execute("SELECT 1 FROM accruals WHERE ref_op_id = ?", (str(p.ref_op_id),)).fetchone():
        raise ops.Rejection("ref_already_accrued", "该笔消费已累计积分", "points were already accrued for ref_op_id")
    earned = 0
    if ref["order_no"]:
        row = conn.execute("SELECT points_earned, member_id FROM orders WHERE order_no = ?", (ref["order_no"],)).fetchone()
        if row is not None and row["member_id"] not in (None, p.member_id):
            raise ops.Rejection("ref_other_member", "关联消费属于其他会员", "ref_op_id was another member's purchase")
        earned = int(row["points_earned"]) if row is not None else 0
    if p.points + earned > ref["amount_fen"] // ops.EARN_FEN_PER_POINT:
        raise ops.Rejection("points_above_ref", "积分超过该笔消费可得",
                        f"at most {ref['amount_fen'] // ops.EARN_FEN_PER_POINT - earned} points for that purchase")
