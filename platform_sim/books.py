"""The books (issue 16) on the platform: the rules of the cash box, day close and correction kinds, the list of
a counter's day of operations for per-operation reconciliation, and corrections issued to a counter's day."""


import datetime as dt
import sqlite3
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from platform_sim import db as platform_db
from platform_sim import models as m
from platform_sim.errors import ApiError
from platform_sim.rule_base import Applied, Device, Rejection


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# ---- rules of the books' kinds --------------------------------------------------------------------------


def cash_move(conn: sqlite3.Connection, device: Device, op: Any) -> Applied:
    """领用 / 上缴: cash between the branch safe and a counter's drawer; not takings (no money per method)."""
    return Applied({"amount_fen": op.payload.amount_fen}, op.payload.amount_fen)


def _transfer(conn: sqlite3.Connection, branch_id: str, transfer_no: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM cash_transfers WHERE branch_id = ? AND transfer_no = ?",
                        (branch_id, transfer_no)).fetchone()


def cash_transfer_out(conn: sqlite3.Connection, device: Device, op: m.CashTransferOutOp) -> Applied:
    """调剂调出: cash handed to another counter of the branch; that counter confirms it (either may arrive first)."""
    p = op.payload
    if p.to_counter_id == device.counter_id:
        raise Rejection("transfer_to_self", "不能调剂给本柜台", "a transfer goes to another counter")
    row = _transfer(conn, device.branch_id, p.transfer_no)
    if row is None:
        conn.execute("INSERT INTO cash_transfers (branch_id, transfer_no, from_counter_id, to_counter_id, amount_fen,"
                     " out_op_id) VALUES (?,?,?,?,?,?)", (device.branch_id, p.transfer_no, device.counter_id,
                                                          p.to_counter_id, p.amount_fen, str(op.op_id)))
        return Applied({"transfer_status": "awaiting_confirmation"}, p.amount_fen)
    if row["out_op_id"] is not None:
        raise Rejection("transfer_exists", "调剂单号已使用", f"transfer {p.transfer_no} was already sent")
    _check_pair(row, device.counter_id, p.to_counter_id, p.amount_fen)
    conn.execute("UPDATE cash_transfers SET out_op_id = ? WHERE branch_id = ? AND transfer_no = ?",
                 (str(op.op_id), device.branch_id, p.transfer_no))
    return Applied({"transfer_status": "confirmed"}, p.amount_fen)


def cash_transfer_in(conn: sqlite3.Connection, device: Device, op: m.CashTransferInOp) -> Applied:
    """调剂调入: the receiving counter's confirmation; its amount must be the amount sent."""
    p = op.payload
    if p.from_counter_id == device.counter_id:
        raise Rejection("transfer_to_self", "不能从本柜台调入", "a transfer comes from another counter")
    row = _transfer(conn, device.branch_id, p.transfer_no)
    if row is None:
        conn.execute("INSERT INTO cash_transfers (branch_id, transfer_no, from_counter_id, to_counter_id, amount_fen,"
                     " in_op_id) VALUES (?,?,?,?,?,?)", (device.branch_id, p.transfer_no, p.from_counter_id,
                                                         device.counter_id, p.amount_fen, str(op.op_id)))
        return Applied({"transfer_status": "confirmed_before_sent"}, p.amount_fen)
    if row["in_op_id"] is not None:
        raise Rejection("transfer_already_confirmed", "该调剂已确认", f"transfer {p.transfer_no} was already confirmed")
    _check_pair(row, p.from_counter_id, device.counter_id, p.amount_fen)
    conn.execute("UPDATE cash_transfers SET in_op_id = ? WHERE branch_id = ? AND transfer_no = ?",
                 (str(op.op_id), device.branch_id, p.transfer_no))
    return Applied({"transfer_status": "confirmed"}, p.amount_fen)


def _check_pair(row: sqlite3.Row, from_counter: str, to_counter: str, amount_fen: int) -> None:
    if row["from_counter_id"] != from_counter or row["to_counter_id"] != to_counter:
        raise Rejection("transfer_counter_mismatch", "调剂柜台不符", "the transfer names other counters")
    if row["amount_fen"] != amount_fen:
        raise Rejection("transfer_amount_differs", "调剂金额不符",
                        f"the other side of the transfer says {row['amount_fen']} fen")


def day_close(conn: sqlite3.Connection, device: Device, op: m.DayCloseOp) -> Applied:
    """日终轧帐: one Z per counter and business day."""
    if conn.execute("SELECT 1 FROM ops WHERE kind = 'day_close' AND status = 'accepted' AND branch_id = ?"
                    " AND counter_id = ? AND business_date = ?",
                    (device.branch_id, device.counter_id, op.business_date.isoformat())).fetchone():
        raise Rejection("day_already_closed", "该营业日已日终轧帐", "the business day is already closed")
    return Applied({"sequence_no": op.payload.sequence_no, "pending": len(op.payload.pending_op_ids)})


def over_short_settle(conn: sqlite3.Connection, device: Device, op: m.OverShortSettleOp) -> Applied:
    """长短款处理: settles the difference an accepted shift close of this branch recorded, once."""
    p = op.payload
    target = conn.execute("SELECT 1 FROM ops WHERE op_id = ? AND kind = 'shift_close' AND status = 'accepted'"
                          " AND branch_id = ?", (str(p.target_op_id), device.branch_id)).fetchone()
    if target is None:
        raise Rejection("unknown_shift_close", "签退记录不存在", "target_op_id is not an accepted shift close")
    if conn.execute("SELECT 1 FROM ops WHERE kind = 'over_short_settle' AND status = 'accepted' AND order_no = ?",
                    (str(p.target_op_id),)).fetchone():
        raise Rejection("already_settled", "该长短款已处理", "the difference was already settled")
    return Applied({"settled": str(p.target_op_id)}, 0, [], str(p.target_op_id))


def correction_answer(conn: sqlite3.Connection, device: Device, op: m.CorrectionAnswerOp) -> Applied:
    """更正确认/异议: a supervisor's answer to an open correction issued to this counter."""
    p = op.payload
    row = conn.execute("SELECT * FROM corrections WHERE correction_id = ? AND branch_id = ? AND counter_id = ?",
                       (p.correction_id, device.branch_id, device.counter_id)).fetchone()
    if row is None:
        raise Rejection("unknown_correction", "更正单不存在", f"no correction {p.correction_id} for this counter")
    if row["status"] != "open":
        raise Rejection("correction_answered", "该更正已处理", "the correction was already answered")
    if row["amount_fen"] != p.amount_fen:
        raise Rejection("amount_differs", "更正金额不符", f"the correction is {row['amount_fen']} fen")
    conn.execute("UPDATE corrections SET status = ?, answer_op_id = ?, answer_reason = ?, answered_by = ?"
                 " WHERE correction_id = ?", (p.answer, str(op.op_id), p.reason, p.supervisor_id, p.correction_id))
    return Applied({"correction_status": p.answer})


RULES: dict[str, Any] = {
    "cash_collect": cash_move, "cash_handback": cash_move, "cash_transfer_out": cash_transfer_out,
    "cash_transfer_in": cash_transfer_in, "day_close": day_close, "over_short_settle": over_short_settle,
    "correction_answer": correction_answer,
}


# ---- reads and admin -----------------------------------------------------------------------------------


def day_operations(conn: sqlite3.Connection, branch_id: str, counter_id: str, business_date: str) -> dict[str, Any]:
    """Every operation the platform holds for a counter's business day, accepted or rejected, in arrival order."""
    money: dict[str, dict[str, int]] = {}
    for row in conn.execute(
        "SELECT om.op_id, om.method, SUM(om.amount_fen) AS fen FROM op_money om JOIN ops o ON o.op_id = om.op_id"
        " WHERE o.branch_id = ? AND o.counter_id = ? AND o.business_date = ? GROUP BY om.op_id, om.method",
        (branch_id, counter_id, business_date),
    ):
        if row["fen"]:
            money.setdefault(row["op_id"], {})[row["method"]] = row["fen"]
    ops = [{"op_id": r["op_id"], "kind": r["kind"], "amount_fen": r["amount_fen"], "methods": money.get(r["op_id"], {}),
            "status": r["status"], "code": r["code"]}
           for r in conn.execute("SELECT op_id, kind, amount_fen, status, code FROM ops WHERE branch_id = ? AND"
                                 " counter_id = ? AND business_date = ? ORDER BY rowid",
                                 (branch_id, counter_id, business_date))]
    return {"branch_id": branch_id, "counter_id": counter_id, "business_date": business_date, "operations": ops}


def _correction(row: sqlite3.Row) -> dict[str, Any]:
    return {k: row[k] for k in ("correction_id", "branch_id", "counter_id", "business_date", "amount_fen", "reason",
                                "op_id", "status", "issued_at", "answer_reason", "answered_by")}


def issue_correction_in(conn: sqlite3.Connection, body: m.IssueCorrection) -> dict[str, Any]:
    """Issue a correction to a counter's day (on an open connection, inside the caller's lock)."""
    if conn.execute("SELECT 1 FROM branches WHERE branch_id = ?", (body.branch_id,)).fetchone() is None:
        raise ApiError(404, "not_found", "网点不存在 / unknown branch")
    correction_id = "CR" + uuid.uuid4().hex[:12].upper()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO corrections (correction_id, branch_id, counter_id, business_date, amount_fen, reason,"
                     " op_id, status, issued_at) VALUES (?,?,?,?,?,?,?, 'open', ?)",
                     (correction_id, body.branch_id, body.counter_id, body.business_date.isoformat(),
                      body.amount_fen, body.reason, str(body.op_id) if body.op_id else None, _now()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    row = conn.execute("SELECT * FROM corrections WHERE correction_id = ?", (correction_id,)).fetchone()
    return _correction(row)


def issue_correction(db_path: str | Path, **fields: Any) -> dict[str, Any]:
    """Issue a correction without HTTP (the CLI and tests)."""
    conn = platform_db.connect(db_path)
    try:
        platform_db.ensure_schema(conn)
        return issue_correction_in(conn, m.IssueCorrection.model_validate(fields, strict=False))
    finally:
        conn.close()


def add_routes(r: APIRouter) -> None:
    """The books' routes, on the app's /api/v1 router."""
    from platform_sim.app import _AUTH, _BASE, BranchPath, Conn, CurrentDevice, _admin, _errors, _own_branch, _state

    CounterQ = Annotated[str, Query(pattern=r"^C[0-9]{2}$")]
    DateQ = Annotated[str, Query(pattern=m.DATE_PATTERN)]

    @r.get("/branches/{branch_id}/reconciliation/operations", response_model=m.DayOperations,
           tags=["reconciliation"], responses=_errors(*_BASE, *_AUTH))
    def reconciliation_operations(branch_id: BranchPath, device: CurrentDevice, conn: Conn, business_date: DateQ,
                                  counter_id: CounterQ) -> dict[str, Any]:
        """轧帐 per operation: every operation the platform holds for a counter's business day (op_id, kind,
        amount and net money per method as the totals count them, accepted or rejected with its code)."""
        _own_branch(device, branch_id)
        try:
            day = dt.date.fromisoformat(business_date)
        except ValueError:
            raise ApiError(422, "validation_failed", "营业日期无效 / business_date is not a date") from None
        return day_operations(conn, branch_id, counter_id, day.isoformat())

    @r.get("/branches/{branch_id}/corrections", response_model=m.CorrectionList, tags=["reconciliation"],
           responses=_errors(*_BASE, *_AUTH))
    def corrections(branch_id: BranchPath, device: CurrentDevice, conn: Conn, counter_id: CounterQ) -> dict[str, Any]:
        """更正: the corrections the platform issued to a counter's days, open and answered, oldest first."""
        _own_branch(device, branch_id)
        rows = conn.execute("SELECT * FROM corrections WHERE branch_id = ? AND counter_id = ? ORDER BY issued_at,"
                            " correction_id", (branch_id, counter_id)).fetchall()
        return {"items": [_correction(row) for row in rows]}

    @r.post("/admin/corrections", response_model=m.Correction, status_code=201, tags=["admin (simulator)"],
            responses=_errors(*_BASE, 401, 404), dependencies=[Depends(_admin)])
    def admin_issue_correction(body: m.IssueCorrection, conn: Conn, request: Request) -> dict[str, Any]:
        """Simulator only: issue a correction to a counter's business day (an amount booked differently)."""
        with _state(request).write_lock:
            return issue_correction_in(conn, body)
