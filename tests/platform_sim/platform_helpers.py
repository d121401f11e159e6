"""Helpers for platform tests: operation builders exactly as docs/operations.md, direct db reads."""

from __future__ import annotations

import itertools
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import httpx

_SEQ = itertools.count(1)
DAY = "2026-11-25"
WHEN = "2026-11-25T09:30:00+08:00"
_DEFAULT_PREFIX = "B001C01-"


def op(kind: str, payload: dict[str, Any], *, branch: str = "B001", counter: str = "C01",
       op_id: str | None = None, aggregate: str = "A1", business_date: str = DAY) -> dict[str, Any]:
    """One operation envelope."""
    if kind == "counter_order" and str(payload.get("order_no", "")).startswith(_DEFAULT_PREFIX):
        # Order numbers carry the device's branch and counter (the platform refuses others): follow the envelope.
        payload["order_no"] = f"{branch}{counter}-" + payload["order_no"][len(_DEFAULT_PREFIX):]
    return {"op_id": op_id or str(uuid.uuid4()), "kind": kind, "branch_id": branch, "counter_id": counter,
            "clerk_id": "1001", "shift_id": "S-1", "aggregate_id": aggregate, "device_seq": next(_SEQ),
            "occurred_at": WHEN, "business_date": business_date, "payload": payload}


def cash(amount_fen: int) -> dict[str, Any]:
    """A cash tender."""
    return {"method": "cash", "amount_fen": amount_fen, "reference": None, "points": 0}


def card(amount_fen: int) -> dict[str, Any]:
    """A bank card tender."""
    return {"method": "bank_card", "amount_fen": amount_fen, "reference": "T-000123", "points": 0}


def points_tender(points: int) -> dict[str, Any]:
    """A points tender (1 point = 1 fen)."""
    return {"method": "points", "amount_fen": points, "reference": None, "points": points}


def sale(sku: str, price_fen: int, *, qty: int = 1, order_no: str | None = None, paid: bool = True,
         member_id: str | None = None, earned: int = 0, redeemed: int = 0, discount: int = 0,
         tenders: list[dict[str, Any]] | None = None, change: int = 0) -> dict[str, Any]:
    """A consistent counter_order payload (cash for whatever points do not pay)."""
    subtotal = qty * price_fen
    total = subtotal - discount
    if tenders is None:
        tenders = []
        if paid:
            if redeemed:
                tenders.append(points_tender(redeemed))
            if total - redeemed:
                tenders.append(cash(total - redeemed + change))
    return {"order_no": order_no or f"{_DEFAULT_PREFIX}{uuid.uuid4().hex[:12]}",
            "lines": [{"sku": sku, "name": "商品", "qty": qty, "unit_price_fen": price_fen, "amount_fen": subtotal}],
            "subtotal_fen": subtotal, "discount_fen": discount, "total_fen": total, "tenders": tenders if paid else [],
            "change_fen": change if paid else 0, "paid": paid, "member_id": member_id, "points_earned": earned,
            "points_redeemed": redeemed}


def redemption(member_id: str, points: int, **kw: Any) -> dict[str, Any]:
    """A points_redemption operation."""
    return op("points_redemption", {"member_id": member_id, "points": points, "reason": "兑换礼品", "sku": None},
              aggregate=member_id, **kw)


def accrual(member_id: str, points: int, *, ref_op_id: str | None = None, supervisor_id: str | None = "9001",
            **kw: Any) -> dict[str, Any]:
    """A points_accrual operation: a purchase make-up when it names a sale, else a supervisor's manual adjustment."""
    payload = {"member_id": member_id, "points": points, "note": "活动赠送", "ref_op_id": ref_op_id}
    if ref_op_id is None:
        payload |= {"reason": "manual_adjustment", "supervisor_id": supervisor_id}
    else:
        payload |= {"reason": "purchase_makeup"}
    return op("points_accrual", payload, aggregate=member_id, **kw)


def push(client: httpx.Client, token: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    """Push one batch; assert HTTP 200; return the per-operation results."""
    resp = client.post("/operations/batch", json={"operations": list(ops)}, headers=auth(token))
    assert resp.status_code == 200, resp.text
    return resp.json()["results"]  # type: ignore[no-any-return]


def push_one(client: httpx.Client, token: str, operation: dict[str, Any]) -> dict[str, Any]:
    """Push one operation; return its result."""
    return push(client, token, operation)[0]


def auth(token: str) -> dict[str, str]:
    """The bearer header."""
    return {"Authorization": f"Bearer {token}"}


def active_product(db_path: Path) -> tuple[str, int]:
    """(sku, price_fen) of an active product."""
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("SELECT sku, price_fen FROM products WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()
        return row[0], row[1]
    finally:
        conn.close()


def set_balance(db_path: Path, member_id: str, points: int) -> None:
    """Give a member a known balance straight in the platform db (test set-up only)."""
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute("UPDATE members SET points_balance = ? WHERE member_id = ?", (points, member_id))
    finally:
        conn.close()


def db_rows(db_path: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    """Read the platform db directly, to check what the API claims."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()
