"""The platform's HTTP client: one session, timeouts, TLS always verified, replies checked against the contract.

Every failure is a ``PlatformError`` (never a requests exception, never a traceback) whose ``details`` say
what kind it is:

* ``transient`` True: try again later (timeouts, connection errors, 429, 5xx, malformed replies);
  ``retry_after`` holds the server's Retry-After in seconds when it sent one.
* ``transient`` False: the platform refused the call itself (4xx with a reason); ``status`` and
  ``server_code`` say which.
* ``reachable`` False: nothing came back from the platform (connection refused, reset, timed out).
* ``timed_out`` True: no complete answer within the call's deadline.

Every call has a total deadline (connect + the whole reply, not per socket read: requests' read timeout
restarts with every byte, so a platform trickling its answer would never trip it). The request runs on a
short-lived worker thread that the caller stops waiting for at the deadline; the connection is then shut
and the session replaced, so the next call never queues behind a hung one.

The bearer token never appears in a log line or an exception text.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from counter_app.domain.errors import PlatformError
from counter_app.sync import contract, parcel_contract
from counter_app.sync.endpoint import check_platform_url, retry_after_s, verify_setting
from counter_app.sync.tokens import TokenBox

log = logging.getLogger("counter_app.sync.client")

API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT = (3.05, 15.0)
CALL_DEADLINE_S = 10.0  # a platform call's whole time: connect, send, the complete reply
LOOKUP_DEADLINE_S = 3.0  # a look-up the clerk waits on
# A kept-alive connection idle this long is dropped before the next call: the server may be closing it at
# that very moment (uvicorn's keep-alive is 5 s), which would look like a lost link right after a pause.
IDLE_RECONNECT_S = 4.0
MAX_BATCH = 100
PAGE_SIZE = 500

T = TypeVar("T", bound=BaseModel)
# (outcome, error): outcome is "ok" (the platform answered), "unreachable" or "error" (answered badly).
Observer = Callable[[str, PlatformError | None], None]


@dataclass(frozen=True)
class _Reply:
    status_code: int
    headers: Any
    content: bytes


class _Overdue(Exception):
    """The call's deadline passed before its reply was complete."""


def _shut(resp: requests.Response | None) -> None:
    """Shut an abandoned reply's socket so that the worker blocked reading it wakes up."""
    conn = getattr(getattr(resp, "raw", None), "_connection", None)
    sock = getattr(conn, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class PlatformClient:
    """The counter's calls to the platform; thread-safe (one call at a time on its session)."""

    def __init__(self, base_url: str, *, token: str | TokenBox | None = None, ca_bundle: str | os.PathLike[str] | None = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT, observer: Observer | None = None,
                 deadline_s: float = CALL_DEADLINE_S) -> None:
        self.base_url = check_platform_url(base_url)
        self.tokens = token if isinstance(token, TokenBox) else TokenBox(token)  # shared by a counter's clients
        self._verify = verify_setting(ca_bundle)
        self.timeout = timeout
        self.deadline_s = deadline_s
        self.observer = observer
        self.on_server_date: Callable[[datetime], None] | None = None  # the app's clock check
        self._lock = threading.Lock()
        self._session = self._new_session()
        self._last_used = time.monotonic()

    def _new_session(self) -> requests.Session:
        session = requests.Session()
        session.verify = self._verify
        session.headers.update({"Accept": "application/json", "User-Agent": "counter_app-sync/1"})
        return session

    @property
    def _token(self) -> str | None:
        return self.tokens.get()

    def __repr__(self) -> str:  # never the token
        return f"PlatformClient({self.base_url!r}, token={'set' if self._token else 'none'})"

    def close(self) -> None:
        self._session.close()

    # ---- the calls --------------------------------------------------------------------------------------

    def enrol(self, *, enrolment_code: str, branch_id: str, counter_id: str) -> contract.Enrolment:
        """Register this counter with a one-time code; the reply carries the device token (shown once)."""
        body = {"enrolment_code": enrolment_code, "branch_id": branch_id, "counter_id": counter_id}
        return self._call("POST", "/devices/enrol", contract.Enrolment, json_body=body, auth=False)

    def rotate_token(self) -> contract.TokenRotation:
        """A new device token (``POST /devices/token``); the current one works for the platform's overlap."""
        return self._call("POST", "/devices/token", contract.TokenRotation)

    def push_batch(self, operations: Sequence[dict[str, Any]], *, deadline_s: float | None = None
                   ) -> list[contract.OpResult]:
        """Send up to 100 operations; one result per operation, in the same order (checked)."""
        if not operations or len(operations) > MAX_BATCH:
            raise ValueError(f"a batch holds 1..{MAX_BATCH} operations")
        reply = self._call("POST", "/operations/batch", contract.BatchResult, json_body={"operations": list(operations)},
                           deadline_s=deadline_s)
        sent = [str(op["op_id"]) for op in operations]
        got = [r.op_id for r in reply.results]
        if got != sent:
            raise self._bad_reply("/operations/batch", f"results do not match the operations sent "
                                                       f"({len(got)} results for {len(sent)} operations)")
        return list(reply.results)

    def catalog_page(self, cursor: str | None, *, limit: int = PAGE_SIZE, deadline_s: float | None = None
                     ) -> contract.CatalogPage:
        return self._call("GET", "/catalog", contract.CatalogPage, params=_page_params(cursor, limit),
                          deadline_s=deadline_s)

    def members_page(self, cursor: str | None, *, limit: int = PAGE_SIZE, deadline_s: float | None = None
                     ) -> contract.MemberPage:
        return self._call("GET", "/members", contract.MemberPage, params=_page_params(cursor, limit),
                          deadline_s=deadline_s)

    def pickups_page(self, branch_id: str, cursor: str | None, *, limit: int = PAGE_SIZE,
                     deadline_s: float | None = None) -> contract.PickupPage:
        return self._call("GET", f"/branches/{branch_id}/pickups", contract.PickupPage,
                          params=_page_params(cursor, limit), deadline_s=deadline_s)

    def member_lookup(self, *, phone: str | None = None, card_no: str | None = None,
                      deadline_s: float | None = None) -> contract.Member:
        params = {"phone": phone} if phone else {"card_no": card_no}
        return self._call("GET", "/members/lookup", contract.Member, params=params, deadline_s=deadline_s)

    def order_status(self, order_no: str, *, deadline_s: float | None = None) -> contract.OrderStatus:
        return self._call("GET", f"/orders/{order_no}", contract.OrderStatus, deadline_s=deadline_s)

    def bill_lookup(self, biller: str, account_no: str, *, deadline_s: float | None = None) -> contract.Bill:
        return self._call("GET", "/bills", contract.Bill, params={"biller": biller, "account_no": account_no},
                          deadline_s=deadline_s)

    def reconciliation(self, branch_id: str, business_date: str, *, counter_id: str | None = None,
                       deadline_s: float | None = None) -> contract.Reconciliation:
        params = {"business_date": business_date}
        if counter_id:
            params["counter_id"] = counter_id
        return self._call("GET", f"/branches/{branch_id}/reconciliation", contract.Reconciliation, params=params,
                          deadline_s=deadline_s)

    def health(self, *, deadline_s: float | None = None) -> contract.Health:
        """The cheap probe of a link believed down (no token needed)."""
        return self._call("GET", "/health", contract.Health, auth=False, deadline_s=deadline_s)

    def day_operations(self, branch_id: str, counter_id: str, business_date: str) -> contract.DayOperations:
        return self._call("GET", f"/branches/{branch_id}/reconciliation/operations", contract.DayOperations,
                          params={"business_date": business_date, "counter_id": counter_id})

    def corrections(self, branch_id: str, counter_id: str) -> contract.CorrectionList:
        return self._call("GET", f"/branches/{branch_id}/corrections", contract.CorrectionList,
                          params={"counter_id": counter_id})

    def parcel_tariff(self) -> parcel_contract.Tariff:
        return self._call("GET", "/parcels/tariff", parcel_contract.Tariff)

    def parcel_regions(self) -> parcel_contract.Regions:
        return self._call("GET", "/parcels/regions", parcel_contract.Regions)

    def parcel_number_block(self, *, request_id: str, series: str, count: int) -> parcel_contract.NumberBlock:
        body = {"request_id": request_id, "series": series, "count": count}
        return self._call("POST", "/parcels/number-blocks", parcel_contract.NumberBlock, json_body=body)

    def parcel_status(self, tracking_no: str) -> parcel_contract.ParcelStatus:
        return self._call("GET", f"/parcels/{tracking_no}", parcel_contract.ParcelStatus)

    # ---- plumbing ---------------------------------------------------------------------------------------

    def _scrub(self, text: str) -> str:
        if self._token and self._token in text:
            text = text.replace(self._token, "***")
        return re.sub(r"(?i)bearer\s+[A-Za-z0-9._~+/=-]+", "Bearer ***", text)

    def _notify(self, outcome: str, error: PlatformError | None) -> None:
        if self.observer is not None:
            try:
                self.observer(outcome, error)
            except Exception:  # an observer's bug must not break a call
                log.exception("connectivity observer failed")

    def _fail(self, error: PlatformError, outcome: str) -> PlatformError:
        self._notify(outcome, error)
        log.warning("platform call failed: %s", self._scrub(error.en))
        return error

    def _bad_reply(self, path: str, what: str) -> PlatformError:
        error = PlatformError("platform_bad_reply", f"平台返回的数据不符合接口约定（{path}），稍后自动重试",
                              f"The platform's reply to {path} does not match the contract ({self._scrub(what)}); "
                              f"will retry", transient=True, reachable=True, status=None)
        return self._fail(error, "error")

    def _call(self, method: str, path: str, model: type[T], *, params: dict[str, Any] | None = None,
              json_body: Any = None, auth: bool = True, deadline_s: float | None = None) -> T:
        headers = {}
        if auth:
            if not self._token:
                raise PlatformError("platform_not_enrolled", "本柜台尚未在平台开通（无设备令牌）",
                                    "This counter is not enrolled with the platform (no device token)")
            headers["Authorization"] = f"Bearer {self._token}"
        url = self.base_url + API_PREFIX + path
        budget = max(0.05, self.deadline_s if deadline_s is None else deadline_s)
        try:
            with self._lock:
                resp = self._bounded(method, url, budget, params=params, json=json_body, headers=headers)
        except requests.exceptions.SSLError as exc:
            raise self._fail(PlatformError(
                "platform_tls", "平台证书校验失败，连接已拒绝（请检查 CA 证书设置）",
                f"The platform's TLS certificate could not be verified; connection refused "
                f"({self._scrub(type(exc).__name__)})", transient=True, reachable=False, status=None), "unreachable") from None
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ConnectionError) as exc:
            raise self._fail(PlatformError(
                "platform_unavailable", "无法连接平台，业务已保存在本机，联网后自动上传",
                f"Cannot reach the platform ({type(exc).__name__}); work is kept on this counter and sent later",
                transient=True, reachable=False, status=None), "unreachable") from None
        except (requests.exceptions.Timeout, _Overdue):
            # No complete answer in time: for the clerk this is as good as no link (offline rules at once).
            raise self._fail(PlatformError(
                "platform_unavailable", f"平台 {budget:.0f} 秒内没有答复，业务已保存在本机，稍后自动重试",
                f"The platform did not answer within {budget:.0f} s; work is kept on this counter and sent later",
                transient=True, reachable=False, timed_out=True, status=None), "unreachable") from None
        except requests.exceptions.RequestException as exc:  # truncated or undecodable body, bad chunking
            raise self._bad_reply(path, f"{type(exc).__name__}") from None
        self._note_date(resp.headers.get("Date"))
        return self._decode(resp, path, model)

    def _note_date(self, header: str | None) -> None:
        """Hand the platform's clock (its Date header) to ``on_server_date``, for the clock check."""
        if header and self.on_server_date is not None:
            try:
                self.on_server_date(parsedate_to_datetime(header))
            except (TypeError, ValueError):
                pass

    def _bounded(self, method: str, url: str, budget: float, **kwargs: Any) -> _Reply:
        """One request and its whole reply within ``budget`` seconds, or ``_Overdue``."""
        ends = time.monotonic() + budget
        if ends - budget - self._last_used > IDLE_RECONNECT_S:
            self._session.close()  # its pooled connections only; the session stays usable
        self._last_used = ends - budget
        session = self._session
        connect, read = self.timeout
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                with session.request(method, url, timeout=(min(connect, budget), min(read, budget)), stream=True,
                                     allow_redirects=False, **kwargs) as resp:
                    box["resp"] = resp
                    chunks = []
                    for chunk in resp.iter_content(16384):
                        chunks.append(chunk)
                        if time.monotonic() > ends:
                            raise _Overdue()
                    box["reply"] = _Reply(resp.status_code, resp.headers, b"".join(chunks))
            except BaseException as exc:  # handed to the caller (or dropped if it stopped waiting)
                box["error"] = exc
            finally:
                done.set()
                if box.get("abandoned"):
                    session.close()

        threading.Thread(target=work, name="platform-call", daemon=True).start()
        if not done.wait(max(0.0, ends - time.monotonic())):
            box["abandoned"] = True
            self._session = self._new_session()  # the next call does not queue behind this one
            _shut(box.get("resp"))
            if done.is_set():
                session.close()
            raise _Overdue()
        if "error" in box:
            raise box["error"]
        reply: _Reply = box["reply"]
        return reply

    def _decode(self, resp: _Reply, path: str, model: type[T]) -> T:
        status = resp.status_code
        if status == 429 or status >= 500:
            retry_after = retry_after_s(resp.headers.get("Retry-After"))
            zh = "平台繁忙，稍后自动重试" if status == 429 else f"平台暂时故障（{status}），稍后自动重试"
            raise self._fail(PlatformError(
                "platform_unavailable", zh, f"The platform is busy or failing (HTTP {status}); will retry"
                + (f" after {retry_after:.0f} s" if retry_after else ""),
                transient=True, reachable=True, status=status, retry_after=retry_after), "error")
        try:
            data = json.loads(resp.content)
        except ValueError:
            raise self._bad_reply(path, f"HTTP {status}, body is not JSON") from None
        if status >= 400 or status < 200 or 300 <= status < 400:
            raise self._refusal(path, status, data)
        try:
            value = model.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            where = ".".join(str(p) for p in errors[0]["loc"]) if errors else ""
            raise self._bad_reply(path, f"{where or 'body'}: {errors[0]['msg'] if errors else 'invalid'}") from None
        self._notify("ok", None)
        return value

    def _refusal(self, path: str, status: int, data: Any) -> PlatformError:
        try:
            body = contract.ErrorReply.model_validate(data).error
            server_code, message = body.code, self._scrub(body.message)
        except ValidationError:
            return self._bad_reply(path, f"HTTP {status} without the error shape")
        if status == 401 or status == 403:
            code = "platform_unauthorized"
            zh = f"平台拒绝本柜台的身份（{message}），请联系管理员重新开通"
            en = f"The platform refused this counter's credentials ({message}); ask for re-enrolment"
        elif status == 404:
            code = "platform_not_found"
            zh, en = f"平台上没有找到：{message}", f"Not found on the platform: {message}"
        else:
            code = "platform_rejected"
            zh, en = f"平台拒绝了请求：{message}", f"The platform refused the request: {message}"
        error = PlatformError(code, zh, en, transient=False, reachable=True, status=status, server_code=server_code,
                              server_message=message)
        # The platform answered properly: as far as connectivity goes this is a success.
        self._notify("ok", None)
        log.info("platform refused %s: HTTP %s %s", path, status, server_code)
        return error


def _page_params(cursor: str | None, limit: int) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit}
    if cursor:
        params["cursor"] = cursor
    return params
