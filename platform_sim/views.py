"""How stored rows are answered: catalogue items, members, pickups, orders, bills, reconciliation totals."""

from __future__ import annotations

import json
import sqlite3
import typing
from typing import Any

from platform_sim import models as m
from platform_sim.privacy import mask_account, mask_name, mask_phone


def product(row: sqlite3.Row) -> dict[str, Any]:
    """A catalog item."""
    return {"sku": row["sku"], "barcode": row["barcode"], "name": row["name"], "category": row["category"],
            "price_fen": row["price_fen"], "unit": row["unit"], "member_discount": bool(row["member_discount"]),
            "points_eligible": bool(row["points_eligible"]), "active": bool(row["active"])}


def mask_phone_or_empty(phone: str | None) -> str:
    """Masked phone, empty when none."""
    return mask_phone(phone) if phone else ""


def order(row: sqlite3.Row) -> dict[str, Any]:
    """An order's status for 线上查询."""
    return {"order_no": row["order_no"], "source": row["source"], "branch_id": row["branch_id"],
            "counter_id": row["counter_id"], "status": row["status"], "total_fen": row["total_fen"],
            "paid_fen": row["paid_fen"], "refunded_fen": row["refunded_fen"], "lines": json.loads(row["lines_json"]),
            "created_at": row["created_at"], "paid_at": row["paid_at"], "collected_at": row["collected_at"]}


def bill(row: sqlite3.Row) -> dict[str, Any]:
    """A bill as a look-up shows it."""
    return {"bill_id": row["bill_id"], "biller": row["biller"], "account_no_masked": mask_account(row["account_no"]),
            "customer_name_masked": mask_name(row["customer_name"]), "period": row["period"],
            "amount_due_fen": row["amount_due_fen"], "status": row["status"]}


def reconcile(conn: sqlite3.Connection, branch_id: str, business_date: str, counter_id: str | None) -> dict[str, Any]:
    """Totals per kind and net money per method of accepted operations."""
    # Money handed back for a refused operation moved nothing here (the refused one never counted): left out.
    where = ("o.branch_id = ? AND o.business_date = ? AND o.status = 'accepted' AND (? IS NULL OR o.counter_id = ?)"
             " AND NOT (o.kind = 'refund' AND COALESCE(o.result_json, '') LIKE '%refund_of_rejected%')")
    args = (branch_id, business_date, counter_id, counter_id)
    # As docs/operations.md: shift kinds are left out of by_kind; every payment method is present in by_method.
    by_kind = {row[0]: {"count": row[1], "amount_fen": row[2]} for row in conn.execute(
        f"SELECT o.kind, COUNT(*), COALESCE(SUM(o.amount_fen), 0) FROM ops o WHERE {where}"
        " AND o.kind NOT IN ('shift_open', 'shift_close', 'drawer_opened') GROUP BY o.kind", args)}
    by_method = dict.fromkeys(typing.get_args(m.Method), 0)
    by_method |= {row[0]: row[1] for row in conn.execute(
        f"SELECT om.method, SUM(om.amount_fen) FROM op_money om JOIN ops o ON o.op_id = om.op_id WHERE {where}"
        " GROUP BY om.method", args)}
    return {"branch_id": branch_id, "business_date": business_date, "counter_id": counter_id, "by_kind": by_kind,
            "by_method": by_method, "total_fen": sum(by_method.values())}
