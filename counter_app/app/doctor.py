"""``counter-app doctor``: what a branch's IT person checks first, each finding with what to do about it in
Chinese and English: the database, the journal chain, the platform link and the clock, the printers and the
scale, and the free disk."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from counter_app.app.clock import THRESHOLD_S, ClockStatus
from counter_app.domain.errors import CounterError
from counter_app.printing.escpos_output import PrinterSettings

Level = Literal["ok", "warn", "fail"]
LABELS = {"ok": "正常 OK  ", "warn": "注意 WARN", "fail": "故障 FAIL"}
DISK_WARN_BYTES = 1_000_000_000
DISK_FAIL_BYTES = 200_000_000


@dataclass(frozen=True)
class Finding:
    """One check's result: what was found, and what to do (empty when nothing is to be done)."""

    check: str
    level: Level
    detail: str
    todo_zh: str = ""
    todo_en: str = ""

    def lines(self) -> list[str]:
        out = [f"[{LABELS[self.level]}] {self.check}: {self.detail}"]
        if self.todo_zh or self.todo_en:
            out.append(f"      → {self.todo_zh}")
            out.append(f"        {self.todo_en}")
        return out


def run_doctor(data_dir: Path | None, *, timeout_s: float = 3.0) -> list[Finding]:
    """Every check, in order; a check that cannot run is itself a finding, never a traceback."""
    from counter_app.app.compose import SyncOptions, build

    findings: list[Finding] = []
    try:
        app = build(data_dir, sync=SyncOptions(timeout=(timeout_s, timeout_s)))
    except CounterError as exc:
        return [Finding("数据库 database", "fail", exc.en, exc.zh, "Fix the database as the message says (see "
                        "docs/fleet.md: restore the latest backup with counter-app restore).")]
    try:
        findings.append(_database(app.counter.store.path))
        findings.append(_journal(app))
        findings.extend(_platform(app, timeout_s))
        settings = app.counter.settings()
        findings.append(_printer("小票打印机 receipt printer", settings.get("printer"), timeout_s))
        if settings.get("label_printer"):
            findings.append(_printer("面单打印机 label printer", settings.get("label_printer"), timeout_s))
        findings.append(_scale(settings.get("scale")))
        findings.append(_disk(app.counter.data_dir))
    finally:
        app.close()
    return findings


def _database(path: Path) -> Finding:
    from counter_app.store.backup import integrity_problems

    problems = integrity_problems(path)
    if problems:
        return Finding("数据库 database", "fail", f"{path}: {problems[0]}", "数据库文件损坏：停止营业，用最近的备份恢复"
                       "（counter-app restore 备份文件），并联系技术支持。", "The database file is damaged: stop, restore "
                       "the latest backup (counter-app restore FILE) and call support.")
    return Finding("数据库 database", "ok", f"{path} ({path.stat().st_size // 1024} KB)")


def _journal(app: Any) -> Finding:
    from counter_app.store.audit import verify_store

    problems, entries = verify_store(app.counter.store)
    if problems:
        return Finding("流水 journal", "fail", f"{len(problems)} problem(s) in {entries} entries: {problems[0].reason}",
                       "流水校验失败，可能被改动：不要删除数据，立即联系技术支持（counter-app audit verify 查看详情）。",
                       "The journal fails verification (possible tampering): keep the data and call support "
                       "(details: counter-app audit verify).")
    return Finding("流水 journal", "ok", f"{entries} entries, chain intact")


def _platform(app: Any, timeout_s: float) -> list[Finding]:
    settings = app.counter.settings()
    if not settings.get("branch_id"):
        return [Finding("平台 platform", "warn", "not set up", "本机尚未设置：放置配置文件后启动，或运行 counter-app init。",
                        "This PC is not set up: install the configuration file and start the app, or run "
                        "counter-app init.")]
    if app.link is None:
        return [Finding("平台 platform", "warn", "not enrolled (offline only)", "本柜台未在平台开通，业务无法上传：在配置文件中"
                        "填写平台地址和开通码后重启。", "Not enrolled, so nothing is sent: put the platform URL and an "
                        "enrolment code in the configuration file and restart.")]
    client = app.link.engine_client
    try:
        client.catalog_page(None, limit=1, deadline_s=timeout_s)
    except CounterError as exc:
        return [Finding("平台 platform", "fail", f"{client.base_url}: {exc.en}", f"{exc.zh}。检查网络和平台地址；设备被停用"
                        "时请主管重新开通。", "Check the network and the platform URL; if the device was revoked, enrol "
                        "it again.")]
    found = [Finding("平台 platform", "ok", f"{client.base_url} reachable, device token accepted")]
    status: ClockStatus = app.clock_watch.status() if app.clock_watch else ClockStatus(None)
    if status.offset_s is None:
        found.append(Finding("时钟 clock", "warn", "the platform sent no time", "", ""))
    elif status.ok:
        found.append(Finding("时钟 clock", "ok", f"{status.offset_s:+.0f} s from the platform (limit {THRESHOLD_S:.0f} s)"))
    else:
        found.append(Finding("时钟 clock", "warn", f"{status.offset_s:+.0f} s from the platform", status.banner("zh"),
                             status.banner("en")))
    return found


def _printer(name: str, raw: Mapping[str, Any] | None, timeout_s: float) -> Finding:
    try:
        settings = PrinterSettings.from_mapping(raw or {"kind": "none"})
        settings.validate()
    except (CounterError, TypeError, ValueError) as exc:
        zh, en = (exc.zh, exc.en) if isinstance(exc, CounterError) else (str(exc), str(exc))
        return Finding(name, "fail", en, f"{zh}：主管在 打印机设置 中改正，或改正配置文件。",
                       "Correct it in the printer settings (supervisor) or in the configuration file.")
    if settings.kind == "none":
        return Finding(name, "warn", "not set", "未设置打印机，小票不会打印：主管在 打印机设置 中设置。",
                       "No printer is set, so no receipt prints: a supervisor sets it in the printer settings.")
    probe = _PROBES.get(settings.kind)
    problem = probe(settings, timeout_s) if probe else None
    if problem:
        return Finding(name, "fail", f"{settings.describe()}: {problem}", "检查打印机电源、纸和连线（网络打印机检查 IP 地址），"
                       "然后在 打印机设置 中打印测试页。", "Check the printer's power, paper and cable (its IP address "
                       "for a network printer), then print a test page from the printer settings.")
    return Finding(name, "ok", settings.describe())


def _probe_network(settings: PrinterSettings, timeout_s: float) -> str | None:
    try:
        with socket.create_connection((settings.host, settings.port), timeout=timeout_s):
            return None
    except OSError as exc:
        return f"no connection ({exc.strerror or exc})"


def _probe_file(settings: PrinterSettings, timeout_s: float) -> str | None:
    path = Path(settings.file_path)
    target = path if path.exists() else path.parent
    return None if os.access(target, os.W_OK) else f"{path} is not writable"


def _probe_serial(settings: PrinterSettings, timeout_s: float) -> str | None:
    return None if Path(settings.serial_device).exists() else f"{settings.serial_device} does not exist"


_PROBES: dict[str, Callable[[PrinterSettings, float], str | None]] = {
    "network": _probe_network, "file": _probe_file, "serial": _probe_serial}


def _scale(raw: Mapping[str, Any] | None) -> Finding:
    scale = dict(raw or {})
    if scale.get("kind", "none") == "none":
        return Finding("电子秤 scale", "ok", "none configured")
    device = str(scale.get("device") or "")
    if not Path(device).exists():
        return Finding("电子秤 scale", "fail", f"{device} does not exist", "电子秤未连接：检查电源和串口线，"
                       "确认配置文件中的设备名。", "The scale is not connected: check its power and serial cable, "
                       "and the device in the configuration file.")
    return Finding("电子秤 scale", "ok", device)


def _disk(data_dir: Path) -> Finding:
    free = shutil.disk_usage(data_dir).free
    detail = f"{free / 1e9:.1f} GB free on {data_dir}"
    if free < DISK_FAIL_BYTES:
        return Finding("磁盘 disk", "fail", detail, "磁盘空间即将用完，业务可能无法保存：立即清理磁盘。",
                       "The disk is nearly full and operations may not be saved: free space now.")
    if free < DISK_WARN_BYTES:
        return Finding("磁盘 disk", "warn", detail, "磁盘空间不足 1 GB：请清理。", "Less than 1 GB free: free some space.")
    return Finding("磁盘 disk", "ok", detail)
