"""Unattended configuration: one TOML file sets a counter up (branch, counter, platform and enrolment code,
printers, scale, language, idle lock) so that a fleet is installed without clicking through the set-up.

Where the file is found, first match wins: ``--config FILE``, ``$COUNTER_APP_CONFIG``, then the system-wide
file (``/etc/counter-app/config.toml``; ``%ProgramData%\\counter-app\\config.toml`` on Windows). The first start
applies it (configure + enrol); later starts leave the counter's stored settings alone, so a supervisor's
change at the counter is not undone by the file. See ``docs/fleet.md``.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.bootstrap import Counter
from counter_app.domain.errors import CounterError, InvalidInput
from counter_app.printing.escpos_output import PrinterSettings

ENV_VAR = "COUNTER_APP_CONFIG"
# The stored settings key recording what the file set: {"path": ..., "values": {...}} (no secrets).
APPLIED_KEY = "config_applied"
SECRET_KEYS = frozenset({"token", "enrolment_code", "pin", "password", "admin_key", "branch_secret"})

# section -> key -> (stored settings key, type, description)
SCHEMA: dict[str, dict[str, tuple[str, type | tuple[type, ...], str]]] = {
    "counter": {
        "branch": ("branch_id", str, "branch id 网点号, e.g. B001"),
        "counter": ("counter_id", str, "counter id 柜台号, e.g. C01"),
        "branch_name": ("branch_name", str, "branch name printed on receipts"),
        "branch_address": ("branch_address", str, "branch address printed on receipts"),
    },
    "platform": {
        "url": ("platform_url", str, "the platform's base URL (http:// or https://)"),
        "enrolment_code": ("enrolment_code", str, "one-time enrolment code 开通码"),
        "ca_bundle": ("ca_bundle", str, "CA bundle file for the platform's TLS certificate"),
        "tracking_url": ("parcel_tracking_url", str, "public parcel tracking page, {tracking_no} filled in"),
    },
    "printers": {
        "receipt": ("printer", dict, "receipt printer 小票打印机 (kind = network/usb/serial/file/none ...)"),
        "label": ("label_printer", dict, "label printer 面单打印机 (same keys as receipt)"),
    },
    "scale": {
        "kind": ("scale", str, "scale 电子秤: none or serial"),
        "device": ("scale", str, "serial device of the scale, e.g. /dev/ttyUSB0 or COM3"),
        "baudrate": ("scale", int, "serial speed of the scale"),
        "protocol": ("scale", str, "continuous (ST/US/OL frames) or command (MT-SICS S)"),
    },
    "ui": {
        "language": ("language", str, "interface language: zh_CN or en"),
        "idle_lock_minutes": ("idle_lock_minutes", (int, float), "minutes of no input before the lock (0-240)"),
        "customer_display": ("customer_display", bool,
                             "open the customer display 客显 as a second window on a one-screen counter: true/false"),
    },
}


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong in a configuration file, in both languages."""

    where: str
    zh: str
    en: str

    def line(self) -> str:
        return f"[{self.where}] {self.zh} / {self.en}"


@dataclass(frozen=True)
class CounterConfig:
    """A parsed configuration file: the stored-settings values it sets, and where it came from."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def enrolment_code(self) -> str:
        return str(self.values.get("enrolment_code") or "")

    def settings(self) -> dict[str, Any]:
        """The values to store (the enrolment code is used once, never stored)."""
        return {k: v for k, v in self.values.items() if k != "enrolment_code"}


def system_config_path() -> Path:
    """The machine-wide configuration file's place."""
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "counter-app" / "config.toml"
    return Path("/etc/counter-app/config.toml")


def find_config(flag: Path | str | None = None) -> tuple[Path | None, str]:
    """The configuration file to use and how it was chosen ("--config", the variable, "system"), or None."""
    if flag:
        return Path(flag), "--config"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env), f"${ENV_VAR}"
    system = system_config_path()
    if system.is_file():
        return system, "system"
    return None, ""


def check_config(path: Path | str) -> tuple[CounterConfig | None, list[ConfigProblem]]:
    """Parse and validate a file; returns the configuration (None when there are problems) and the problems."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return None, [ConfigProblem("file", f"无法读取配置文件 {path}：{exc.strerror}",
                                    f"Cannot read the configuration file {path}: {exc.strerror}")]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return None, [ConfigProblem("file", f"配置文件格式错误（TOML）：{exc}", f"Not valid TOML: {exc}")]
    problems: list[ConfigProblem] = []
    values: dict[str, Any] = {}
    for section, body in data.items():
        known = SCHEMA.get(section)
        if known is None:
            problems.append(ConfigProblem(section, f"未知的配置节 [{section}]，可用：{', '.join(SCHEMA)}",
                                          f"Unknown section [{section}]; known: {', '.join(SCHEMA)}"))
            continue
        if not isinstance(body, dict):
            problems.append(ConfigProblem(section, f"{section} 应为配置节 [{section}]",
                                          f"{section} must be a section [{section}]"))
            continue
        for key, value in body.items():
            where = f"{section}.{key}"
            if key not in known:
                problems.append(ConfigProblem(where, f"未知的配置项，[{section}] 可用：{', '.join(known)}",
                                              f"Unknown key; [{section}] knows: {', '.join(known)}"))
                continue
            stored, kind, _ = known[key]
            if kind is bool and isinstance(value, str) and value.strip().lower() in _YES_NO:
                value = _YES_NO[value.strip().lower()]  # as `settings set` takes it
            # TOML's true/false are Python bools, which are ints too: a bool only where a bool is asked for.
            if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
                name = getattr(kind, "__name__", "number")
                problems.append(ConfigProblem(where, f"类型错误，应为 {_TYPE_ZH.get(name, name)}",
                                              f"Wrong type; expected {'true or false' if kind is bool else name}"))
                continue
            if section == "scale":
                values.setdefault("scale", {})[key] = value
            else:
                values[stored] = value
    problems.extend(_check_values(values))
    return (None if problems else CounterConfig(path, values)), problems


_TYPE_ZH = {"str": "文本（加引号）", "int": "整数", "dict": "配置节", "number": "数字", "bool": "true 或 false"}
_YES_NO = {"yes": True, "no": False, "true": True, "false": False}


def _check_values(values: Mapping[str, Any]) -> list[ConfigProblem]:
    problems = []
    for key, where in (("branch_id", "counter.branch"), ("counter_id", "counter.counter")):
        if not str(values.get(key) or "").strip():
            problems.append(ConfigProblem(where, "必填", "Required"))
    url = str(values.get("platform_url") or "")
    if url and not url.startswith(("http://", "https://")):
        problems.append(ConfigProblem("platform.url", "平台地址须以 http:// 或 https:// 开头",
                                      "The platform address starts with http:// or https://"))
    if url and not values.get("enrolment_code"):
        problems.append(ConfigProblem("platform.enrolment_code", "填写了平台地址，还需填写开通码",
                                      "A platform URL needs an enrolment code"))
    if values.get("language", "zh_CN") not in ("zh_CN", "en"):
        problems.append(ConfigProblem("ui.language", "语言只能是 zh_CN 或 en", "The language is zh_CN or en"))
    lock = values.get("idle_lock_minutes", 5)
    if not 0 <= lock <= 240:
        problems.append(ConfigProblem("ui.idle_lock_minutes", "锁屏时间须在 0 到 240 分钟之间",
                                      "The idle lock is 0 to 240 minutes"))
    for key, where in (("printer", "printers.receipt"), ("label_printer", "printers.label")):
        if key in values:
            try:
                PrinterSettings.from_mapping(values[key]).validate()
            except CounterError as exc:
                problems.append(ConfigProblem(f"{where}.{exc.field or 'kind'}", exc.zh, exc.en))
            except (TypeError, ValueError) as exc:
                problems.append(ConfigProblem(where, f"打印机设置有误：{exc}", f"Bad printer settings: {exc}"))
    scale = values.get("scale") or {}
    if scale.get("kind", "none") not in ("none", "serial"):
        problems.append(ConfigProblem("scale.kind", "电子秤类型只能是 none 或 serial", "The scale kind is none or serial"))
    if scale.get("kind") == "serial" and not scale.get("device"):
        problems.append(ConfigProblem("scale.device", "串口电子秤须填写设备", "A serial scale needs its device"))
    if scale.get("protocol", "continuous") not in ("continuous", "command"):
        problems.append(ConfigProblem("scale.protocol", "电子秤协议只能是 continuous 或 command",
                                      "The scale protocol is continuous or command"))
    return problems


def load_config(path: Path | str) -> CounterConfig:
    """A valid configuration, or an InvalidInput listing every problem."""
    config, problems = check_config(path)
    if config is None:
        raise InvalidInput("config_invalid", "配置文件有误：\n" + "\n".join(p.zh for p in problems),
                           "The configuration file is not valid:\n" + "\n".join(p.en for p in problems))
    return config


def apply_config(counter: Counter, config: CounterConfig) -> bool:
    """The first start: store the file's settings and enrol. Does nothing (False) once the counter is
    configured and, when the file names a platform, enrolled; an enrolment that failed is tried again."""
    stored = counter.settings()
    configured = bool(stored.get("branch_id") and stored.get("counter_id"))
    enrolled = bool(stored.get("token"))
    wants_platform = bool(config.values.get("platform_url"))
    if configured and (enrolled or not wants_platform):
        return False
    values = config.settings()
    if not configured:
        counter.configure(branch_id=values.pop("branch_id"), counter_id=values.pop("counter_id"),
                          branch_name=values.pop("branch_name", ""), branch_address=values.pop("branch_address", ""),
                          **values, **{APPLIED_KEY: {"path": str(config.path), "values": config.settings()}})
    if wants_platform and not enrolled:
        from counter_app.sync.enrolment import enrol

        enrol(counter, platform_url=config.values["platform_url"], enrolment_code=config.enrolment_code,
              ca_bundle=config.values.get("ca_bundle"))
    return True


def effective_settings(counter: Counter, config: CounterConfig | None) -> list[tuple[str, str, str]]:
    """(key, value, where it came from) for every setting the file may set, secrets never shown."""
    stored = counter.settings()
    applied = stored.get(APPLIED_KEY) or {}
    rows = []
    keys = sorted({entry[0] for body in SCHEMA.values() for entry in body.values()} | {"device_id", "token"})
    for key in keys:
        if key in stored:
            value = stored[key]
            if key in applied.get("values", {}) and applied["values"][key] == value:
                source = f"配置文件 config file {applied.get('path')}（首次启动时写入 applied at first start）"
            else:
                source = "本机数据库 local database"
        elif config is not None and key in config.values:
            value, source = config.values[key], f"配置文件 config file {config.path}（尚未应用 not yet applied）"
        elif key == "idle_lock_minutes":
            value, source = 5, "默认 default"
        elif key == "language":
            value, source = "zh_CN", "默认 default"
        else:
            continue
        rows.append((key, _shown(key, value), source))
    return rows


def _shown(key: str, value: Any) -> str:
    if key in SECRET_KEYS:
        return "******（已设置 set）" if value else "（未设置 not set）"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_shown(k, v)}" for k, v in value.items())
    return str(value)
