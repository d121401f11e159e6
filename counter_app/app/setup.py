"""首次设置 (first-run set-up) and enrolment: the branch and counter this machine serves, its first
supervisor, its printer, and the platform it reports to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counter_app.app.settings import Settings, load_settings
from counter_app.bootstrap import Counter
from counter_app.domain.errors import CounterError, InvalidInput
from counter_app.sync.enrolment import enrol

SETUP_FIELDS = ("branch_id", "counter_id", "branch_name", "branch_address", "platform_url", "enrolment_code",
                "supervisor_id", "supervisor_name", "supervisor_pin")


def check_setup(values: Mapping[str, Any]) -> None:
    """Refuse an incomplete form before anything is saved (each refusal names its field)."""
    for name in ("branch_id", "counter_id"):
        if not values.get(name):
            raise InvalidInput("required", "必填", "Required", field=name)
    url = values.get("platform_url") or ""
    if url and not url.startswith(("http://", "https://")):
        raise InvalidInput("url_invalid", "平台地址须以 http:// 或 https:// 开头",
                           "The platform address starts with http:// or https://", field="platform_url")
    if url and not values.get("enrolment_code"):
        raise InvalidInput("required", "请输入平台发放的注册码", "Enter the platform's enrolment code",
                           field="enrolment_code")
    pin = values.get("supervisor_pin") or ""
    if values.get("supervisor_id") and not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise InvalidInput("pin_format", "密码须为 4 到 8 位数字", "The PIN is 4 to 8 digits", field="supervisor_pin")


def apply_setup(counter: Counter, values: Mapping[str, Any]) -> Settings:
    """Save the settings, add the first supervisor if given, enrol if asked; returns the new settings.

    Safe to run again after a failed enrolment: the supervisor already added is kept."""
    check_setup(values)
    counter.configure(branch_id=values["branch_id"], counter_id=values["counter_id"],
                      branch_name=values.get("branch_name", ""), branch_address=values.get("branch_address", ""),
                      platform_url=values.get("platform_url", ""), printer=dict(values.get("printer") or {"kind": "none"}))
    if values.get("supervisor_id"):
        try:
            counter.add_clerk(values["supervisor_id"], values.get("supervisor_name") or values["supervisor_id"],
                              "supervisor", values["supervisor_pin"])
        except CounterError as error:
            if error.code != "clerk_exists":  # a retry after a failed enrolment
                raise
    if values.get("platform_url"):
        enrol(counter, platform_url=values["platform_url"], enrolment_code=values["enrolment_code"])
    return load_settings(counter)
