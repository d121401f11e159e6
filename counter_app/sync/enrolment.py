"""Enrolment: register this counter with the platform using a one-time code, and keep what it answers."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from counter_app.domain.errors import PlatformError, Refused
from counter_app.store import sync_state
from counter_app.sync import tokens
from counter_app.sync.client import PlatformClient
from counter_app.sync.endpoint import check_platform_url

if TYPE_CHECKING:
    from counter_app.bootstrap import Counter


T = TypeVar("T")

ENROL_PATIENCE_S = 60.0  # how long an enrolment waits its turn at a busy platform before it gives up


@dataclass(frozen=True)
class Enrolled:
    """What enrolment stored (the token is stored too, but never handed around)."""

    platform_url: str
    device_id: str
    branch_id: str
    counter_id: str
    branch_name: str
    branch_address: str


def enrol(counter: Counter, *, platform_url: str, enrolment_code: str,
          ca_bundle: str | os.PathLike[str] | None = None) -> Enrolled:
    """Register the counter (its configured branch and counter id) and store platform_url, device_id, token,
    branch name and address (and the CA bundle path, if any) in the settings."""
    code = (enrolment_code or "").strip()
    if not code:
        raise Refused("enrolment_code_missing", "请输入平台开通码", "Enter the platform's enrolment code",
                      field="enrolment_code")
    branch = counter.settings()
    branch_id, counter_id = branch.get("branch_id"), branch.get("counter_id")
    if not branch_id or not counter_id:
        raise Refused("not_configured", "请先设置网点和柜台号", "Set the branch and counter first")
    url = check_platform_url(platform_url)
    client = PlatformClient(url, ca_bundle=ca_bundle)
    try:
        reply = _enrol_in_turn(lambda: client.enrol(enrolment_code=code, branch_id=branch_id, counter_id=counter_id))
    finally:
        client.close()
    if reply.branch_id != branch_id or reply.counter_id != counter_id:
        raise PlatformError("platform_bad_reply", "平台开通结果与本柜台设置不符", "The platform enrolled a different "
                            "branch or counter than this one asked for")
    values: dict[str, object] = {"platform_url": url, "device_id": reply.device_id, "token": reply.token,
              "branch_name": reply.branch_name, "branch_address": reply.branch_address}
    if ca_bundle is not None:
        values["ca_bundle"] = os.fspath(ca_bundle)
    tokens.remember_enrolment(values, reply.token_expires_at, counter.deps.clock.now())
    if reply.branch_secret:  # the salt of the cached keys; a settings value, never logged
        values["branch_secret"] = reply.branch_secret
    sync_state.set_settings(counter.store, values)
    counter.changed("settings")
    return Enrolled(url, reply.device_id, reply.branch_id, reply.counter_id, reply.branch_name, reply.branch_address)


def _enrol_in_turn(ask: Callable[[], T], *, patience_s: float = ENROL_PATIENCE_S) -> T:
    """Ask again while the platform refuses for want of a place (429, or 503 with Retry-After): its admission
    control refuses before doing anything, so the single-use code is not spent, and the counters of a branch
    behind one address, enrolled together by the IT person's script, wait their turn instead of failing."""
    deadline = time.monotonic() + patience_s
    while True:
        try:
            return ask()
        except PlatformError as exc:
            status, retry_after = exc.details.get("status"), exc.details.get("retry_after")
            if not (status == 429 or (status == 503 and retry_after)):
                raise
            wait = float(retry_after or 1.0) * random.uniform(1.0, 1.5)  # jitter: not all back at once
            if time.monotonic() + wait > deadline:
                raise
            time.sleep(wait)
