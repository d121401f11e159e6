"""The platform's HTTP API under /api/v1: build it with ``create_app(db_path)``."""

from __future__ import annotations

import datetime as dt
import hmac
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from platform_sim import API_PREFIX, VERSION
from platform_sim import db as platform_db
from platform_sim import models as m
from platform_sim import acquirer, books, contract_description, credentials, operations, parcels, rule_base, schema
from platform_sim import tariff, tracking_page, views
from platform_sim.admin import issue_code_in, revoke_in
from platform_sim.admission import AdmissionControl, AdmissionLimits
from platform_sim.errors import (ApiError, RateLimiter, RequestIdAndSizeMiddleware, install_error_handlers,
                                 request_id_of, too_many)
from platform_sim.rule_base import Device
from platform_sim import need_to_know
from platform_sim.privacy import phone_hash

_ERROR_TEXT = {
    400: "Malformed request (the body is not valid JSON)",
    401: "Missing, unknown or revoked credentials",
    403: "Not allowed for this device (another branch's data)",
    404: "Not found",
    409: "Conflict with the current state (e.g. an enrolment code already used)",
    413: f"Body over {m.MAX_BODY_BYTES} bytes",
    422: "Validation failed (wrong type, unknown field, out-of-range value)",
    429: "Too many requests, or the platform's queue is full; come back after Retry-After seconds",
    503: "Queued too long without being served (nothing was done); come back after Retry-After seconds",
}
_BASE = (400, 413, 422, 429, 503)
# Rejections that only a counter speaking for another one earns: logged as security events.
_FORGERY_CODES = frozenset({"branch_mismatch", "counter_mismatch", "op_id_reused", "order_no_namespace"})
_RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before trying again (1 to 60)",
                                "schema": {"type": "integer", "minimum": 1, "maximum": 60}}}
_AUTH = (401, 403)


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for these error statuses, all with the one error schema."""
    return {s: {"model": m.ErrorResponse, "description": _ERROR_TEXT[s], **({"headers": _RETRY_AFTER} if s in (429, 503)
                                                                          else {})} for s in sorted(set(statuses))}


class PlatformState:
    """What every request shares: the db path, the write lock, the admin key, the rate limits."""

    def __init__(self, db_path: Path, admin_key: str | None, enrol_failures_per_minute: int,
                 lookups_per_minute: int, policy: credentials.CredentialPolicy) -> None:
        self.db_path = db_path
        self.admin_key = admin_key
        self.credentials = policy
        # One writer at a time in this process; BEGIN IMMEDIATE covers other processes.
        self.write_lock = threading.Lock()
        self.enrol_failures = RateLimiter(enrol_failures_per_minute, 60.0)
        self.lookups = RateLimiter(lookups_per_minute, 60.0)
        # Connections are reused: at most one per request in progress, so admission control bounds them.
        self._idle: list[sqlite3.Connection] = []
        self._idle_lock = threading.Lock()

    def take_connection(self) -> sqlite3.Connection:
        """An idle connection to the db, or a new one."""
        with self._idle_lock:
            if self._idle:
                return self._idle.pop()
        return platform_db.connect(self.db_path)

    def give_back(self, conn: sqlite3.Connection) -> None:
        """Return a connection for the next request (rolled back first if a transaction was left open)."""
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        with self._idle_lock:
            self._idle.append(conn)


def create_app(db_path: str | Path, *, admin_key: str | None = None, enrol_failures_per_minute: int = 20,
               lookups_per_minute: int = 600, admission: AdmissionLimits | None = None,
               policy: credentials.CredentialPolicy | None = None) -> FastAPI:
    """Build the platform app on ``db_path`` (schema created if missing). No I/O until the first call."""
    state = PlatformState(Path(db_path), admin_key, enrol_failures_per_minute, lookups_per_minute,
                          policy or credentials.CredentialPolicy())
    app = FastAPI(
        title="City Post O2O Platform API (城市邮政 O2O 平台)",
        version=VERSION,
        description=contract_description.DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.platform = state
    app.state.schema_ready = threading.Event()
    install_error_handlers(app)
    exempt = frozenset(API_PREFIX + path for path in ("/health", "/openapi.json", "/docs"))
    app.add_middleware(AdmissionControl, limits=admission or AdmissionLimits(), exempt=exempt)
    app.add_middleware(RequestIdAndSizeMiddleware)
    app.include_router(_router(), prefix=API_PREFIX)
    app.include_router(parcels.router(_conn, _device, _admin, _state, _errors), prefix=API_PREFIX)
    app.include_router(acquirer.router(), prefix=API_PREFIX, dependencies=[Depends(_no_unknown_query)])
    app.include_router(tracking_page.public_router(_conn))  # the QR on parcel receipts opens it
    schema.install(app)
    return app


# ---- dependencies --------------------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="device token from POST /devices/enrol")
_admin_header = APIKeyHeader(name="X-Admin-Key", auto_error=False, description="simulator admin key")


def _state(request: Request) -> PlatformState:
    """The app's shared state."""
    return request.app.state.platform  # type: ignore[no-any-return]


def _conn(request: Request) -> Iterator[sqlite3.Connection]:
    """A connection for this request, the schema ensured once per app."""
    state: PlatformState = request.app.state.platform
    conn = state.take_connection()
    try:
        ready: threading.Event = request.app.state.schema_ready
        if not ready.is_set():
            with state.write_lock:
                platform_db.ensure_schema(conn)
            ready.set()
        yield conn
    finally:
        state.give_back(conn)


Conn = Annotated[sqlite3.Connection, Depends(_conn)]


def _device(request: Request, conn: Conn,
            creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Device:
    """The enrolled, unrevoked device whose unexpired bearer token this is; 401 otherwise."""
    device = credentials.authenticate(conn, creds.credentials if creds else None, request_id_of(request.scope))
    request.state.device_id = device.device_id
    return device


CurrentDevice = Annotated[Device, Depends(_device)]


def _admin(request: Request, conn: Conn, key: Annotated[str | None, Depends(_admin_header)]) -> None:
    """Only a caller with the simulator's admin key passes."""
    state = _state(request)
    client = request.client.host if request.client else "unknown"
    if state.enrol_failures.blocked(f"admin:{client}"):
        raise too_many(60)
    expected = state.admin_key or platform_db.get_setting(conn, "admin_key")
    if not key or not expected or not hmac.compare_digest(key.encode(), expected.encode()):
        state.enrol_failures.hit(f"admin:{client}")
        credentials.security_event("bad_admin_key", request_id_of(request.scope), client=client)
        raise ApiError(401, "unauthorized", "管理密钥无效 / invalid admin key")


def _own_branch(device: Device, branch_id: str) -> None:
    """A device reads only its own branch's data."""
    if branch_id != device.branch_id:
        raise ApiError(403, "forbidden", "无权查看其他网点数据 / another branch's data")


def _limit_lookups(request: Request, device: Device) -> None:
    """Look-ups by phone or account are rate limited per device: no scraping through a counter."""
    if not _state(request).lookups.check_and_hit(device.device_id):
        raise too_many(60)


def _after(cursor: str | None) -> int:
    """Change sequence position of a cursor, 422 if it is not one of ours."""
    after = platform_db.decode_cursor(cursor)
    if after is None:
        raise ApiError(422, "invalid_cursor", "游标无效 / invalid cursor")
    return after


def _page(rows: list[sqlite3.Row], limit: int, after: int, to_item: Callable[[sqlite3.Row], Any]) -> dict[str, Any]:
    """One page of a pull: ``rows`` holds up to limit+1 rows so has_more needs no count."""
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1]["change_seq"] if rows else after
    return {"items": [to_item(r) for r in rows], "next_cursor": platform_db.encode_cursor(last), "has_more": has_more}


CursorQ = Annotated[str | None, Query(max_length=64, description="opaque; from the previous page's next_cursor")]
LimitQ = Annotated[int, Query(ge=1, le=m.MAX_PAGE)]
BranchPath = Annotated[str, PathParam(pattern=r"^B[0-9]{3}$")]


# ---- routes --------------------------------------------------------------------------------------------


def _query_names(dependant: Any) -> set[str]:
    """Query parameter names a route declares, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def _no_unknown_query(request: Request) -> None:
    """Unknown query parameters are refused like unknown body fields: a typo must not pass silently."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ApiError(422, "validation_failed", f"未知的查询参数 / unknown query parameter(s): {', '.join(unknown)}")


def _router() -> APIRouter:
    """All /api/v1 routes."""
    r = APIRouter(dependencies=[Depends(_no_unknown_query)])

    @r.get("/health", response_model=m.Health, tags=["health"], responses=_errors(413, 429))
    def health() -> dict[str, Any]:
        """Liveness; no credentials needed."""
        return {"status": "ok", "version": VERSION, "time": dt.datetime.now(dt.timezone.utc).isoformat()}

    @r.post("/devices/enrol", response_model=m.Enrolment, tags=["devices"],
            responses=_errors(*_BASE, 401, 403, 409))
    def enrol(body: m.EnrolRequest, request: Request, conn: Conn) -> dict[str, Any]:
        """Enrol a counter with a one-time enrolment code; answers the device token (shown once)."""
        state = _state(request)
        client = request.client.host if request.client else "unknown"
        if state.enrol_failures.blocked(f"enrol:{client}"):
            raise too_many(60)
        try:
            return credentials.enrol(conn, state.write_lock, body, state.credentials, request_id_of(request.scope))
        except ApiError as exc:
            state.enrol_failures.hit(f"enrol:{client}")
            credentials.security_event("enrolment_refused", request_id_of(request.scope), client=client,
                                       code=exc.code, branch=body.branch_id, counter=body.counter_id)
            raise

    @r.post("/devices/token", response_model=m.TokenRotation, tags=["devices"], responses=_errors(*_BASE, *_AUTH))
    def rotate_token(device: CurrentDevice, conn: Conn, request: Request,
                     creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> dict[str, Any]:
        """A new device token; the one used for this call keeps working for an overlap (24 h), then stops.
        Asked with the token a previous rotation replaced, that one keeps its overlap (the answer was lost)."""
        return credentials.rotate(conn, _state(request).write_lock, device, _state(request).credentials,
                                  creds.credentials if creds else None)

    @r.post("/admin/enrolment-codes", response_model=m.IssuedCode, status_code=201, tags=["admin (simulator)"],
            responses=_errors(*_BASE, 401, 404), dependencies=[Depends(_admin)])
    def admin_issue_code(body: m.IssueCodeRequest, conn: Conn, request: Request) -> dict[str, Any]:
        """Simulator only: issue a one-time enrolment code for a branch."""
        with _state(request).write_lock:
            code = issue_code_in(conn, body.branch_id)
        return {"enrolment_code": code, "branch_id": body.branch_id}

    @r.post("/admin/devices/{device_id}/revoke", response_model=m.Revoked, tags=["admin (simulator)"],
            responses=_errors(*_BASE, 401, 404), dependencies=[Depends(_admin)])
    def admin_revoke(device_id: Annotated[str, PathParam(max_length=64, pattern=r"^[A-Za-z0-9-]+$")],
                     conn: Conn, request: Request) -> dict[str, Any]:
        """Simulator only: revoke a device; its token answers 401 from now on."""
        with _state(request).write_lock:
            found = revoke_in(conn, device_id)
        if not found:
            raise ApiError(404, "not_found", "设备不存在 / unknown device")
        return {"device_id": device_id, "revoked": True}

    @r.post("/operations/batch", response_model=m.BatchResult, tags=["operations"],
            responses=_errors(*_BASE, *_AUTH))
    def push_operations(body: m.OperationBatch, device: CurrentDevice, conn: Conn, request: Request) -> dict[str, Any]:
        """Push up to 100 counter operations; one result per operation, in the same order."""
        results = operations.apply_batch(conn, _state(request).write_lock, device, body.operations)
        for result in results:
            if result["status"] == "rejected" and result["code"] in _FORGERY_CODES:
                credentials.security_event("forged_operation", request_id_of(request.scope), device_id=device.device_id,
                                           op_id=result["op_id"], code=result["code"])
        return {"results": results}

    @r.get("/catalog", response_model=m.CatalogPage, tags=["pulls"], responses=_errors(*_BASE, *_AUTH))
    def catalog(device: CurrentDevice, conn: Conn, cursor: CursorQ = None, limit: LimitQ = 500) -> dict[str, Any]:
        """Products changed after the cursor, plus the points rule."""
        after = _after(cursor)
        rows = conn.execute("SELECT * FROM products WHERE change_seq > ? ORDER BY change_seq LIMIT ?",
                            (after, limit + 1)).fetchall()
        page = _page(rows, limit, after, views.product)
        page["points_rule"] = {"earn_fen_per_point": rule_base.EARN_FEN_PER_POINT,
                               "redeem_fen_per_point": rule_base.REDEEM_FEN_PER_POINT,
                               "level_discount_bp": rule_base.LEVEL_DISCOUNT_BP}
        page["parcel_versions"] = tariff.versions(conn)
        return page

    @r.get("/branches/{branch_id}/pickups", response_model=m.PickupPage, tags=["pulls"],
           responses=_errors(*_BASE, *_AUTH))
    def pickups(branch_id: BranchPath, device: CurrentDevice, conn: Conn, cursor: CursorQ = None,
                limit: LimitQ = 500) -> dict[str, Any]:
        """The branch's pickup manifest (orders paid online to collect here), changed after the cursor."""
        _own_branch(device, branch_id)
        items, last, has_more = need_to_know.pickup_page(conn, branch_id, _after(cursor), limit)
        return {"items": items, "next_cursor": platform_db.encode_cursor(last), "has_more": has_more}

    @r.get("/members", response_model=m.MemberPage, tags=["pulls"], responses=_errors(*_BASE, *_AUTH))
    def members(device: CurrentDevice, conn: Conn, cursor: CursorQ = None, limit: LimitQ = 500) -> dict[str, Any]:
        """Members the device's branch serves (registered there, or seen there lately), changed after the cursor;
        masked, no phone digits, the phone only as the branch's slow key (``phone_key``)."""
        items, last, has_more = need_to_know.member_page(conn, device.branch_id, _after(cursor), limit)
        return {"items": items, "next_cursor": platform_db.encode_cursor(last), "has_more": has_more}

    @r.get("/members/lookup", response_model=m.Member, tags=["look-ups"], responses=_errors(*_BASE, *_AUTH, 404))
    def member_lookup(request: Request, device: CurrentDevice, conn: Conn,
                      phone: Annotated[str | None, Query(pattern=r"^1[0-9]{10}$")] = None,
                      card_no: Annotated[str | None, Query(pattern=r"^[0-9]{8,20}$")] = None) -> dict[str, Any]:
        """Find one member by phone or by card number (exactly one of them)."""
        if (phone is None) == (card_no is None):
            raise ApiError(422, "validation_failed", "请提供手机号或会员卡号之一 / give exactly one of phone, card_no")
        _limit_lookups(request, device)
        if phone is not None:
            row = conn.execute("SELECT * FROM members WHERE phone_hash = ?", (phone_hash(phone),)).fetchone()
        else:
            row = conn.execute("SELECT * FROM members WHERE card_no = ?", (card_no,)).fetchone()
        if row is None:
            raise ApiError(404, "member_not_found", "会员不存在 / no such member")
        with _state(request).write_lock:  # found at this branch: served by it from now on
            need_to_know.record_visit(conn, row["member_id"], device.branch_id)
        return need_to_know.member_for(conn, row, device.branch_id)

    @r.get("/orders/{order_no}", response_model=m.OrderStatus, tags=["look-ups"],
           responses=_errors(*_BASE, *_AUTH, 404))
    def order_status(order_no: Annotated[str, PathParam(max_length=64, pattern=m.IDENT_PATTERN)],
                     request: Request, device: CurrentDevice, conn: Conn) -> dict[str, Any]:
        """线上查询: status of an online pickup order or an accepted counter order."""
        _limit_lookups(request, device)
        row = conn.execute("SELECT * FROM orders WHERE order_no = ?", (order_no,)).fetchone()
        # Only the branch's own orders and pickups at it; another branch's order is "not found", not "forbidden".
        if row is None or row["branch_id"] != device.branch_id:
            raise ApiError(404, "order_not_found", "订单不存在 / no such order")
        return views.order(row)

    @r.get("/bills", response_model=m.Bill, tags=["look-ups"], responses=_errors(*_BASE, *_AUTH, 404))
    def bill_lookup(request: Request, device: CurrentDevice, conn: Conn, biller: Annotated[m.Biller, Query()],
                    account_no: Annotated[str, Query(min_length=4, max_length=32, pattern=r"^[0-9A-Za-z-]+$")],
                    ) -> dict[str, Any]:
        """便民缴费 look-up: the account's open bill (or its latest, paid)."""
        _limit_lookups(request, device)
        row = conn.execute(
            "SELECT * FROM bills WHERE biller = ? AND account_no = ? ORDER BY status = 'unpaid' DESC, period DESC"
            " LIMIT 1", (biller, account_no)).fetchone()
        if row is None:
            raise ApiError(404, "bill_not_found", "缴费账户不存在 / no such account")
        return views.bill(row)

    @r.get("/branches/{branch_id}/reconciliation", response_model=m.Reconciliation, tags=["reconciliation"],
           responses=_errors(*_BASE, *_AUTH))
    def reconciliation(branch_id: BranchPath, device: CurrentDevice, conn: Conn,
                       business_date: Annotated[str, Query(pattern=m.DATE_PATTERN)],
                       counter_id: Annotated[str | None, Query(pattern=r"^C[0-9]{2}$")] = None) -> dict[str, Any]:
        """轧帐: the platform's totals of accepted operations for a business day."""
        _own_branch(device, branch_id)
        try:
            day = dt.date.fromisoformat(business_date)
        except ValueError:
            raise ApiError(422, "validation_failed", "营业日期无效 / business_date is not a date") from None
        return views.reconcile(conn, branch_id, day.isoformat(), counter_id)

    books.add_routes(r)  # the books: per-operation reconciliation, corrections (platform_sim/books.py)
    return r
