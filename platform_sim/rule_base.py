"""What every kind's rule works with: the device a request comes from, the refusal, what an accepted
operation changed, and the checks the rules share (tenders against what is due, points balances, the order
an operation refers to). The rules themselves are in ``operations`` (sales), ``books`` and ``parcels``."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Sequence

from platform_sim import db as platform_db
from platform_sim import models as m

EARN_FEN_PER_POINT = 100
REDEEM_FEN_PER_POINT = 1
LEVEL_DISCOUNT_BP = {"normal": 0, "silver": 200, "gold": 500}



@dataclass(frozen=True)
class Device:
    """The enrolled counter a request comes from."""

    device_id: str
    branch_id: str
    counter_id: str


class Rejection(Exception):
    """A business rule refused the operation; nothing it did is kept."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{code}: {en}")
        self.code = code
        self.reason = f"{zh} / {en}"


@dataclass
class Applied:
    """What an accepted operation changed, for the answer and for reconciliation."""

    result: dict[str, Any] | None = None
    amount_fen: int = 0
    money: list[tuple[str, int]] = field(default_factory=list)
    order_no: str | None = None


# ---- shared checks ------------------------------------------------------------------------------------


def _check_tenders(tenders: Sequence[m.Tender], due_fen: int, change_fen: int) -> list[tuple[str, int]]:
    """Tenders must pay exactly what is due; only cash gives change. Returns the money movements."""
    cash = 0
    paid = 0
    for tender in tenders:
        if tender.method == "points":
            if tender.amount_fen != tender.points * REDEEM_FEN_PER_POINT:
                raise Rejection("tender_inconsistent", "积分抵扣金额不符", "points tender amount does not match its points")
        elif tender.points != 0:
            raise Rejection("tender_inconsistent", "非积分支付不能带积分", "only a points tender carries points")
        if tender.method == "cash":
            cash += tender.amount_fen
        paid += tender.amount_fen
    if change_fen > cash:
        raise Rejection("change_without_cash", "找零超过现金", "change is more than the cash tendered")
    if paid - change_fen != due_fen:
        raise Rejection("totals_inconsistent", "金额不平", "tenders minus change do not equal the total")
    money = [(t.method, t.amount_fen) for t in tenders]
    if change_fen:
        money.append(("cash", -change_fen))
    return money


def _points_in(tenders: Sequence[m.Tender]) -> int:
    """Points spent through points tenders."""
    return sum(t.points for t in tenders if t.method == "points")


def _member_balance(conn: sqlite3.Connection, member_id: str) -> int:
    """A member's balance; refuses an unknown member."""
    row = conn.execute("SELECT points_balance FROM members WHERE member_id = ?", (member_id,)).fetchone()
    if row is None:
        raise Rejection("unknown_member", "会员不存在", f"unknown member {member_id}")
    return int(row[0])


def _move_points(conn: sqlite3.Connection, member_id: str, *, spend: int = 0, earn: int = 0) -> int:
    """Spend then earn points atomically; a balance never goes below zero. Returns the new balance."""
    balance = _member_balance(conn, member_id)
    if spend > balance:
        raise Rejection("insufficient_points", "积分不足", f"insufficient points: balance {balance}, asked {spend}")
    new_balance = balance - spend + earn
    if new_balance < 0:
        raise Rejection("insufficient_points", "积分不足", f"insufficient points: balance {balance}")
    conn.execute("UPDATE members SET points_balance = ?, change_seq = ? WHERE member_id = ?",
                 (new_balance, platform_db.next_seq(conn), member_id))
    return new_balance


def _check_member_points(member_id: str | None, earned: int, redeemed: int, total_fen: int) -> None:
    """Points need a member; earnings are capped by the money paid (1 point per 100 fen)."""
    if member_id is None and (earned or redeemed):
        raise Rejection("member_required", "积分需要会员", "points need a member_id")
    if earned > total_fen // EARN_FEN_PER_POINT:
        raise Rejection("points_earned_too_high", "积分累计超过规则", "points_earned is above 1 point per 100 fen")


def _counter_order(conn: sqlite3.Connection, device: Device, order_no: str) -> sqlite3.Row:
    """A counter order of this branch, or the matching refusal."""
    row = conn.execute("SELECT * FROM orders WHERE order_no = ? AND source = 'counter'", (order_no,)).fetchone()
    if row is None:
        raise Rejection("unknown_order", "订单不存在", f"unknown order {order_no}")
    if row["branch_id"] != device.branch_id:
        raise Rejection("wrong_branch", "订单不属于本网点", "the order belongs to another branch")
    return row


def _target_order(conn: sqlite3.Connection, device: Device, target_op_id: str, order_no: str,
                  kinds: tuple[str, ...]) -> sqlite3.Row:
    """The order an accepted earlier operation created or paid, or the matching refusal."""
    marks = ",".join("?" * len(kinds))
    row = conn.execute(
        f"SELECT order_no FROM ops WHERE op_id = ? AND status = 'accepted' AND kind IN ({marks})",
        (target_op_id, *kinds),
    ).fetchone()
    if row is None or row["order_no"] != order_no:
        raise Rejection("unknown_order", "原订单不存在", "target_op_id is not an accepted operation on this order")
    return _counter_order(conn, device, order_no)


def _result(member_id: str | None, balance: int | None, **extra: Any) -> dict[str, Any]:
    """An operation's result: what changed, and the member's balance when points moved."""
    result = dict(extra)
    if member_id is not None and balance is not None:
        result["points_balance"] = balance
    return result


def _lines_json(lines: Sequence[m.OrderLine]) -> str:
    """Order lines as stored."""
    return json.dumps([line.model_dump(exclude={"price_override_by"}) for line in lines], ensure_ascii=False)


def _check_envelope(device: Device, op: m.Operation) -> None:
    """An operation speaks only for the device's own branch and counter."""
    if op.branch_id != device.branch_id:
        raise Rejection("branch_mismatch", "网点与设备不符", "branch_id is not the device's branch")
    if op.counter_id != device.counter_id:
        raise Rejection("counter_mismatch", "柜台与设备不符", "counter_id is not the device's counter")
