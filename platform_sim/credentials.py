"""Device credentials: enrolment with expiring one-time codes, tokens that expire and rotate with an overlap,
the admin key kept out of ``ps``, and the security events the platform logs.

* An enrolment code is single-use and expires ``code_ttl_s`` after it was issued (24 h by default).
* Enrolling a counter again revokes the tokens its earlier enrolments got.
* A token expires ``token_ttl_s`` after it was issued (90 days by default). ``POST /devices/token`` answers
  a new token; the old one keeps working for ``overlap_s`` (24 h by default) so that a counter that lost the
  answer can still ask again, then stops.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import stat
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platform_sim import models as m
from platform_sim import need_to_know
from platform_sim.errors import ApiError
from platform_sim.rule_base import Device
from platform_sim.privacy import new_token, token_hash

security_log = logging.getLogger("platform_sim.security")

ADMIN_KEY_ENV = "PLATFORM_ADMIN_KEY"
ADMIN_KEY_FILE_ENV = "PLATFORM_ADMIN_KEY_FILE"


@dataclass(frozen=True)
class CredentialPolicy:
    """How long codes and tokens live."""

    code_ttl_s: float = 24 * 3600
    token_ttl_s: float = 90 * 24 * 3600
    overlap_s: float = 24 * 3600


def security_event(event: str, request_id: str, *, device_id: str | None = None, **fields: Any) -> None:
    """One line in the platform log for a refused credential or a forged operation (never a token)."""
    extra = " ".join(f"{key}={value}" for key, value in sorted(fields.items()))
    security_log.warning("security event=%s device=%s request=%s %s", event, device_id or "-", request_id, extra)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _unauthorized(code: str, message: str) -> ApiError:
    return ApiError(401, code, message, headers={"WWW-Authenticate": "Bearer"})


def authenticate(conn: sqlite3.Connection, token: str | None, request_id: str) -> Device:
    """The enrolled, unrevoked device whose current (or just rotated) token this is; 401 otherwise."""
    if not token:
        raise _unauthorized("unauthorized", "缺少设备令牌 / missing bearer token")
    digest = token_hash(token)
    row = conn.execute(
        "SELECT device_id, branch_id, counter_id, revoked_at, token_hash, token_expires_at, previous_expires_at"
        " FROM devices WHERE token_hash = ? OR previous_token_hash = ?", (digest, digest)).fetchone()
    if row is None:
        security_event("unknown_token", request_id)
        raise _unauthorized("unauthorized", "设备令牌无效 / invalid token")
    if row["revoked_at"] is not None:
        security_event("revoked_device", request_id, device_id=row["device_id"])
        raise _unauthorized("device_revoked", "设备已被停用 / this device was revoked")
    expires = row["token_expires_at"] if row["token_hash"] == digest else row["previous_expires_at"]
    if expires is not None and dt.datetime.fromisoformat(expires) <= _now():
        security_event("expired_token", request_id, device_id=row["device_id"])
        raise _unauthorized("token_expired", "设备令牌已过期，请重新开通 / the device token has expired")
    return Device(row["device_id"], row["branch_id"], row["counter_id"])


def enrol(conn: sqlite3.Connection, lock: threading.Lock, body: m.EnrolRequest, policy: CredentialPolicy,
          request_id: str) -> dict[str, Any]:
    """Use a one-time code: create the device and its token, revoke the counter's earlier tokens, at once."""
    token = new_token()
    device_id = uuid.uuid4().hex
    now = _now()
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            code = conn.execute("SELECT * FROM enrolment_codes WHERE code = ?", (body.enrolment_code,)).fetchone()
            if code is None:
                raise ApiError(401, "enrolment_code_invalid", "开通码无效 / unknown enrolment code")
            if code["used_at"] is not None:
                raise ApiError(409, "enrolment_code_used", "开通码已使用 / enrolment code already used")
            if (now - dt.datetime.fromisoformat(code["issued_at"])).total_seconds() > policy.code_ttl_s:
                raise ApiError(401, "enrolment_code_expired", "开通码已过期 / enrolment code expired")
            if code["branch_id"] != body.branch_id:
                raise ApiError(403, "enrolment_code_branch", "开通码不属于该网点 / code issued for another branch")
            branch = conn.execute("SELECT * FROM branches WHERE branch_id = ?", (body.branch_id,)).fetchone()
            if branch is None:
                raise ApiError(403, "enrolment_code_branch", "网点不存在 / unknown branch")
            secret = need_to_know.branch_secret(conn, body.branch_id)
            replaced = conn.execute(
                "UPDATE devices SET revoked_at = ? WHERE branch_id = ? AND counter_id = ? AND revoked_at IS NULL"
                " RETURNING device_id", (_iso(now), body.branch_id, body.counter_id)).fetchall()
            expires = _iso(now + dt.timedelta(seconds=policy.token_ttl_s))
            conn.execute("INSERT INTO devices (device_id, branch_id, counter_id, token_hash, enrolled_at,"
                         " token_expires_at) VALUES (?,?,?,?,?,?)",
                         (device_id, body.branch_id, body.counter_id, token_hash(token), _iso(now), expires))
            conn.execute("UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE code = ?",
                         (_iso(now), device_id, body.enrolment_code))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    for row in replaced:
        security_event("reenrolled", request_id, device_id=row["device_id"], replaced_by=device_id)
    return {"device_id": device_id, "token": token, "branch_id": body.branch_id, "counter_id": body.counter_id,
            "branch_name": branch["name"], "branch_address": branch["address"], "token_expires_at": expires,
            "branch_secret": secret}


def rotate(conn: sqlite3.Connection, lock: threading.Lock, device: Device, policy: CredentialPolicy,
           presented: str | None = None) -> dict[str, Any]:
    """A new token for ``device``; the one it replaces works for ``overlap_s`` more (never past its expiry).

    Asked again with the previous token (the counter lost the answer: it crashed before storing the new
    token), the token it never stored is replaced and the previous one keeps its overlap, untouched: a counter
    that crashes between rotating and storing, as often as it likes, is never locked out during the overlap.
    """
    token = new_token()
    now = _now()
    expires = _iso(now + dt.timedelta(seconds=policy.token_ttl_s))
    overlap_end = _iso(now + dt.timedelta(seconds=policy.overlap_s))
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT previous_token_hash, previous_expires_at FROM devices WHERE device_id = ?",
                               (device.device_id,)).fetchone()
            if presented is not None and row is not None and row["previous_token_hash"] == token_hash(presented):
                overlap_end = row["previous_expires_at"] or overlap_end
                conn.execute("UPDATE devices SET token_hash = ?, token_expires_at = ? WHERE device_id = ?",
                             (token_hash(token), expires, device.device_id))
            else:
                conn.execute(
                    "UPDATE devices SET previous_token_hash = token_hash,"
                    " previous_expires_at = CASE WHEN token_expires_at IS NOT NULL AND token_expires_at < ?"
                    " THEN token_expires_at ELSE ? END, token_hash = ?, token_expires_at = ? WHERE device_id = ?",
                    (overlap_end, overlap_end, token_hash(token), expires, device.device_id))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return {"device_id": device.device_id, "token": token, "token_expires_at": expires,
            "previous_token_valid_until": overlap_end, "branch_secret": need_to_know.branch_secret(conn, device.branch_id)}


def admin_key_from_environment() -> str | None:
    """The admin key from $PLATFORM_ADMIN_KEY, or from the file $PLATFORM_ADMIN_KEY_FILE names.

    The file must be readable by its owner only (mode 0600 or stricter): a key others can read is refused.
    """
    value = os.environ.get(ADMIN_KEY_ENV, "").strip()
    if value:
        return value
    path = os.environ.get(ADMIN_KEY_FILE_ENV, "").strip()
    return read_admin_key_file(Path(path)) if path else None


def read_admin_key_file(path: Path) -> str:
    """The key in ``path``; ValueError if others may read or write the file, or it is empty."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ValueError(f"{path} is readable by others (mode {stat.S_IMODE(mode):04o}); chmod 600 it")
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise ValueError(f"{path} is empty")
    return key
