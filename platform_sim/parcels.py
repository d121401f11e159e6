"""Parcels on the reference platform: the tariff, the region list, number blocks (批量取号), acceptance (收寄)
from counters, the status look-up (线上查询) and the admin step that moves a parcel on.

Statuses: accepted (揽收) → in_transit (运输中) → out_for_delivery (派送中) → delivered (已签收); a parcel
voided at the counter before dispatch is voided (已作废) and its number is never issued again.
"""



import datetime as dt
import json
import sqlite3
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path as PathParam, Request
from pydantic import Field

from platform_sim import db as platform_db
from platform_sim import models as m
from platform_sim import operations
from platform_sim.errors import ApiError
from platform_sim.rule_base import (
    EARN_FEN_PER_POINT,
    Applied,
    Device,
    Rejection,
    _check_tenders,
    _member_balance,
    _move_points,
    _points_in,
    _result,
)
from platform_sim.tariff import _REGIONS, DEMO_TARIFF, REGIONS_VERSION, tariff_in_force

SCHEMA = """
CREATE TABLE IF NOT EXISTS parcel_tariffs (
    version TEXT PRIMARY KEY,
    valid_from TEXT NOT NULL,
    body_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS parcel_blocks (
    block_id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    series TEXT NOT NULL CHECK (series IN ('domestic', 'international')),
    prefix TEXT NOT NULL,
    country TEXT NOT NULL,
    first_serial INTEGER NOT NULL,
    count INTEGER NOT NULL,
    issued_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS parcel_serials (series TEXT PRIMARY KEY, next_serial INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS parcels (
    tracking_no TEXT PRIMARY KEY,
    op_id TEXT NOT NULL UNIQUE,
    block_id TEXT NOT NULL,
    branch_id TEXT NOT NULL,
    counter_id TEXT NOT NULL,
    service TEXT NOT NULL,
    tariff_version TEXT NOT NULL,
    destination TEXT NOT NULL,
    weight_g INTEGER NOT NULL,
    total_fen INTEGER NOT NULL,
    member_id TEXT,
    points_spent INTEGER NOT NULL DEFAULT 0,
    points_earned INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    events_json TEXT NOT NULL
);
"""

STATUSES = ("accepted", "in_transit", "out_for_delivery", "delivered")
STATUS_NAMES = {"accepted": "揽收", "in_transit": "运输中", "out_for_delivery": "派送中", "delivered": "已签收",
                "voided": "已作废"}
PREFIXES = {"domestic": ("98", "CN"), "international": ("EE", "CN")}
MAX_BLOCK = 1000

def ensure_parcels(conn: sqlite3.Connection) -> None:
    """Create the parcel tables; the demo tariff is the current one until another is published."""
    conn.executescript(SCHEMA)
    conn.execute("INSERT OR IGNORE INTO parcel_tariffs (version, valid_from, body_json) VALUES (?,?,?)",
                 (DEMO_TARIFF["version"], DEMO_TARIFF["valid_from"], json.dumps(DEMO_TARIFF, ensure_ascii=False)))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# ---- the operation rules ------------------------------------------------------------------------------


def _block_of(conn: sqlite3.Connection, device: Device, block_id: str, tracking_no: str) -> sqlite3.Row:
    block = conn.execute("SELECT * FROM parcel_blocks WHERE block_id = ?", (block_id,)).fetchone()
    if block is None or block["device_id"] != device.device_id:
        raise Rejection("tracking_block_unknown", "运单号段不属于本柜台", "the number block is not this counter's")
    serial = int(tracking_no[2:10]) if block["series"] == "international" else int(tracking_no[2:12])
    if not (tracking_no.startswith(block["prefix"]) and block["first_serial"] <= serial
            < block["first_serial"] + block["count"]):
        raise Rejection("tracking_no_outside_block", "运单号不在号段内", "the tracking number is not in its block")
    return block


def parcel_posting(conn: sqlite3.Connection, device: Device, op: m.ParcelPostingOp) -> Applied:
    """收寄: the number is this counter's, used once; the price adds up and is paid."""
    p = op.payload
    _block_of(conn, device, p.block_id, p.tracking_no)
    if conn.execute("SELECT 1 FROM parcels WHERE tracking_no = ?", (p.tracking_no,)).fetchone():
        raise Rejection("tracking_no_used", "运单号已使用", "the tracking number was already used")
    if conn.execute("SELECT 1 FROM parcel_tariffs WHERE version = ?", (p.tariff_version,)).fetchone() is None:
        raise Rejection("tariff_unknown", "资费版本不存在", f"unknown tariff version {p.tariff_version}")
    if p.freight_fen + p.surcharges_fen + p.insurance_fen != p.total_fen:
        raise Rejection("totals_inconsistent", "资费合计不平", "freight + surcharges + insurance != total")
    money = _check_tenders(p.tenders, p.total_fen, p.change_fen)
    spent = _points_in(p.tenders)
    if p.member_id is None and (p.points_earned or spent):
        raise Rejection("member_required", "积分需要会员", "points need a member_id")
    if p.points_earned > p.total_fen // EARN_FEN_PER_POINT:
        raise Rejection("points_earned_too_high", "积分累计超过规则", "points_earned is above 1 point per 100 fen")
    balance = _move_points(conn, p.member_id, spend=spent, earn=p.points_earned) if p.member_id else None
    r = p.recipient
    destination = r.country if r.country != "CN" else f"{r.province}{r.city}{r.district}"
    events = [{"status": "accepted", "at": op.occurred_at.isoformat(), "where": f"{op.branch_id}/{op.counter_id}"}]
    conn.execute(
        "INSERT INTO parcels (tracking_no, op_id, block_id, branch_id, counter_id, service, tariff_version,"
        " destination, weight_g, total_fen, member_id, points_spent, points_earned, status, accepted_at, events_json)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (p.tracking_no, str(op.op_id), p.block_id, op.branch_id, op.counter_id, p.service, p.tariff_version,
         destination, p.weight_g, p.total_fen, p.member_id, spent, p.points_earned, "accepted",
         op.occurred_at.isoformat(), json.dumps(events, ensure_ascii=False)))
    result = _result(p.member_id, balance, tracking_no=p.tracking_no, parcel_status="accepted")
    return Applied(result, p.total_fen, money)


def parcel_void(conn: sqlite3.Connection, device: Device, op: m.ParcelVoidOp) -> Applied:
    """作废 before dispatch: same counter, still 揽收; the money goes back, the number is retired."""
    p = op.payload
    row = conn.execute("SELECT * FROM parcels WHERE tracking_no = ?", (p.tracking_no,)).fetchone()
    if row is None or row["op_id"] != str(p.target_op_id) or row["branch_id"] != device.branch_id:
        raise Rejection("unknown_parcel", "包裹不存在", "no such parcel accepted here")
    if row["status"] == "voided":
        raise Rejection("already_voided", "包裹已作废", "the parcel is already voided")
    if row["status"] != "accepted":
        raise Rejection("parcel_dispatched", "包裹已发出，不能作废", "the parcel has left the branch")
    if p.amount_fen != row["total_fen"] or sum(t.amount_fen for t in p.tenders) != p.amount_fen:
        raise Rejection("totals_inconsistent", "退还金额不符", "the void must hand back the parcel's total")
    events = json.loads(row["events_json"]) + [{"status": "voided", "at": op.occurred_at.isoformat(),
                                                "where": f"{op.branch_id}/{op.counter_id}"}]
    conn.execute("UPDATE parcels SET status = 'voided', events_json = ? WHERE tracking_no = ?",
                 (json.dumps(events, ensure_ascii=False), p.tracking_no))
    balance = None
    if row["member_id"] and (row["points_spent"] or row["points_earned"]):
        # Points spent come back; points earned are taken back only as far as the balance goes.
        net = row["points_spent"] - row["points_earned"]
        spend = min(max(0, -net), _member_balance(conn, row["member_id"]))
        balance = _move_points(conn, row["member_id"], spend=spend, earn=max(0, net))
    result = _result(row["member_id"], balance, tracking_no=p.tracking_no, parcel_status="voided")
    return Applied(result, p.amount_fen, [(t.method, -t.amount_fen) for t in p.tenders])


RULES: dict[str, Any] = {"parcel_posting": parcel_posting, "parcel_void": parcel_void}
operations.RULES.update(RULES)


# ---- allocation and status ----------------------------------------------------------------------------


def allocate_block(conn: sqlite3.Connection, device: Device, request_id: str, series: str, count: int) -> dict[str, Any]:
    """A block of fresh serials for a counter; the same request id answers the same block (a retry)."""
    seen = conn.execute("SELECT * FROM parcel_blocks WHERE request_id = ?", (request_id,)).fetchone()
    if seen is None:
        conn.execute("INSERT OR IGNORE INTO parcel_serials (series, next_serial) VALUES (?, 1)", (series,))
        first = conn.execute("UPDATE parcel_serials SET next_serial = next_serial + ? WHERE series = ?"
                             " RETURNING next_serial", (count, series)).fetchone()[0] - count
        prefix, country = PREFIXES[series]
        conn.execute("INSERT INTO parcel_blocks VALUES (?,?,?,?,?,?,?,?,?)",
                     (str(uuid.uuid4()), request_id, device.device_id, series, prefix, country, first, count, _now()))
        seen = conn.execute("SELECT * FROM parcel_blocks WHERE request_id = ?", (request_id,)).fetchone()
    elif seen["device_id"] != device.device_id:
        raise Rejection("request_id_reused", "请求编号已被使用", "request_id used by another device")
    return {k: seen[k] for k in ("block_id", "series", "prefix", "country", "first_serial", "count")}


def advance(conn: sqlite3.Connection, tracking_no: str) -> str | None:
    """Move a parcel to its next status (admin/test); None when unknown. A voided or delivered one stays."""
    row = conn.execute("SELECT status, events_json FROM parcels WHERE tracking_no = ?", (tracking_no,)).fetchone()
    if row is None:
        return None
    status = row["status"]
    if status in STATUSES[:-1]:
        status = STATUSES[STATUSES.index(status) + 1]
        events = json.loads(row["events_json"]) + [{"status": status, "at": _now(), "where": ""}]
        conn.execute("UPDATE parcels SET status = ?, events_json = ? WHERE tracking_no = ?",
                     (status, json.dumps(events, ensure_ascii=False), tracking_no))
    return str(status)


def status_of(row: sqlite3.Row) -> dict[str, Any]:
    events = [{**e, "status_zh": STATUS_NAMES[e["status"]]} for e in json.loads(row["events_json"])]
    return {"tracking_no": row["tracking_no"], "status": row["status"], "status_zh": STATUS_NAMES[row["status"]],
            "service": row["service"], "destination": row["destination"], "weight_g": row["weight_g"],
            "branch_id": row["branch_id"], "accepted_at": row["accepted_at"], "events": events}


# ---- the API ------------------------------------------------------------------------------------------

ParcelStatusName = Literal["accepted", "in_transit", "out_for_delivery", "delivered", "voided"]


class BlockRequest(m.Strict):
    request_id: Annotated[m.OpId, Field(description="idempotency key: a retry answers the same block")]
    series: Literal["domestic", "international"]
    count: Annotated[int, Field(ge=1, le=MAX_BLOCK)]


class NumberBlock(m.Out):
    block_id: str
    series: Literal["domestic", "international"]
    prefix: str
    country: str
    first_serial: int
    count: int


class ParcelEvent(m.Out):
    status: ParcelStatusName
    status_zh: str
    at: str
    where: str


class ParcelStatus(m.Out):
    tracking_no: str
    status: ParcelStatusName
    status_zh: str
    service: str
    destination: str
    weight_g: int
    branch_id: str
    accepted_at: str
    events: list[ParcelEvent]


class Tariff(m.Out):
    version: str
    valid_from: str
    body: dict[str, Any] = Field(description="services, zones, insurance, surcharges, categories (see docs)")


class Region(m.Out):
    province: str
    city: str
    district: str


class Regions(m.Out):
    version: str
    items: list[Region]


TrackingPath = Annotated[str, PathParam(pattern=r"^([A-Z]{2}[0-9]{9}[A-Z]{2}|[0-9]{13})$")]


def router(conn_dep: Any, device_dep: Any, admin_dep: Any, state_of: Any, errors: Any) -> APIRouter:
    """The parcel routes; app.py passes its own dependencies so auth and limits stay in one place."""
    r = APIRouter()
    base, auth = (400, 413, 422, 429), (401, 403)
    Conn = Annotated[sqlite3.Connection, Depends(conn_dep)]
    CurrentDevice = Annotated[Device, Depends(device_dep)]

    @r.get("/parcels/tariff", response_model=Tariff, tags=["parcels"], responses=errors(*base, *auth))
    def tariff(device: CurrentDevice, conn: Conn) -> dict[str, Any]:
        """The tariff in force: the newest whose valid-from date has come."""
        row = tariff_in_force(conn)
        return {"version": row["version"], "valid_from": row["valid_from"], "body": json.loads(row["body_json"])}

    @r.get("/parcels/regions", response_model=Regions, tags=["parcels"], responses=errors(*base, *auth))
    def regions(device: CurrentDevice) -> dict[str, Any]:
        """Provinces, cities and districts for addresses."""
        items = [{"province": p, "city": c, "district": d} for p, cities in _REGIONS.items()
                 for c, ds in cities.items() for d in ds]
        return {"version": REGIONS_VERSION, "items": items}

    @r.post("/parcels/number-blocks", response_model=NumberBlock, tags=["parcels"],
            responses=errors(*base, *auth, 409))
    def number_block(body: BlockRequest, device: CurrentDevice, conn: Conn, request: Request) -> dict[str, Any]:
        """批量取号: a block of tracking numbers for this counter; never issued to anyone else."""
        with state_of(request).write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                block = allocate_block(conn, device, str(body.request_id), body.series, body.count)
                conn.execute("COMMIT")
            except Rejection as exc:
                conn.execute("ROLLBACK")
                raise ApiError(409, exc.code, exc.reason) from exc
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return block

    @r.get("/parcels/{tracking_no}", response_model=ParcelStatus, tags=["parcels"],
           responses=errors(*base, *auth, 404))
    def parcel_status(tracking_no: TrackingPath, device: CurrentDevice, conn: Conn) -> dict[str, Any]:
        """线上查询: a parcel's status and its events."""
        row = conn.execute("SELECT * FROM parcels WHERE tracking_no = ?", (tracking_no,)).fetchone()
        if row is None:
            raise ApiError(404, "not_found", "运单号不存在 / unknown tracking number")
        return status_of(row)

    @r.post("/admin/parcels/{tracking_no}/advance", response_model=ParcelStatus, tags=["admin (simulator)"],
            responses=errors(*base, 401, 404), dependencies=[Depends(admin_dep)])
    def admin_advance(tracking_no: TrackingPath, conn: Conn, request: Request) -> dict[str, Any]:
        """Simulator only: move a parcel to its next status (揽收 → 运输中 → 派送中 → 已签收)."""
        with state_of(request).write_lock:
            conn.execute("BEGIN IMMEDIATE")
            status = advance(conn, tracking_no)
            conn.execute("COMMIT")
        if status is None:
            raise ApiError(404, "not_found", "运单号不存在 / unknown tracking number")
        row = conn.execute("SELECT * FROM parcels WHERE tracking_no = ?", (tracking_no,)).fetchone()
        return status_of(row)

    return r


def advance_parcel(db_path: Any, tracking_no: str) -> str | None:
    """Admin/test without HTTP: move a parcel to its next status; its new status, or None when unknown."""
    conn = platform_db.connect(db_path)
    try:
        platform_db.ensure_schema(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            status = advance(conn, tracking_no)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return status
    finally:
        conn.close()
