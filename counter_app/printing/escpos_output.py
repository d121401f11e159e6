"""The printer settings, and ESC/POS bytes for laid-out receipt lines (python-escpos).

The bytes are built on an escpos ``Dummy`` (no device, so no failure there); ``transport.send`` carries
them to the printer over one fresh connection per receipt and asks the printer whether it has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from escpos.constants import QR_ECLEVEL_M
from escpos.escpos import Escpos
from escpos.printer import Dummy

from counter_app.domain.errors import PrinterError
from counter_app.printing.layout import PAPER_COLUMNS, PrintLine
from counter_app.printing.text import paper_text
from counter_app.printing.status import STATUS_MODES, StatusMode

ConnectionKind = Literal["none", "network", "usb", "serial", "file"]
CONNECTION_KINDS: tuple[str, ...] = ("none", "network", "usb", "serial", "file")

# FS & / FS .: Chinese character mode on and off. python-escpos never sends them (see KNOWN-QUIRKS.md).
FS_CHINESE_ON = b"\x1c\x26"
FS_CHINESE_OFF = b"\x1c\x2e"


@dataclass(frozen=True)
class PrinterSettings:
    """How this counter reaches its receipt printer, and what the printer can do."""

    kind: ConnectionKind = "none"
    host: str = ""
    port: int = 9100
    timeout_s: float = 3.0
    usb_vendor_id: int = 0
    usb_product_id: int = 0
    serial_device: str = ""
    baudrate: int = 9600
    file_path: str = ""
    profile: str = "default"
    paper_mm: int = 80
    drawer_pin: int | None = 2
    qr_size: int = 6
    # How the printer is asked whether it has the receipt: DLE EOT (most ESC/POS printers), GS r 1, or
    # "none" for a printer that cannot answer. A device file never answers, whatever this says.
    status: StatusMode = "dle_eot"

    @property
    def enabled(self) -> bool:
        """False when the counter has no printer (kind ``none``)."""
        return self.kind != "none"

    @property
    def can_confirm(self) -> bool:
        """True when the printer can tell us it has a receipt; a device file never can."""
        return self.kind in ("network", "usb", "serial") and self.status != "none"

    @property
    def columns(self) -> int:
        """Font A columns of the paper: 32 on 58 mm, 48 on 80 mm."""
        return PAPER_COLUMNS[self.paper_mm]

    def describe(self) -> str:
        """Where the printer is, for messages: ``192.168.1.50:9100``, ``USB 04b8:0202``, a device path."""
        if self.kind == "network":
            return f"{self.host}:{self.port}"
        if self.kind == "usb":
            return f"USB {self.usb_vendor_id:04x}:{self.usb_product_id:04x}"
        if self.kind == "serial":
            return f"{self.serial_device} ({self.baudrate} bps)"
        if self.kind == "file":
            return self.file_path
        return "未设置打印机 / no printer"

    def validate(self) -> None:
        """Refuse settings that cannot reach a printer, with a message naming what is missing."""
        problem = _settings_problem(self)
        if problem is not None:
            zh, en, field = problem
            raise PrinterError("printer_settings_invalid", f"打印机设置有误：{zh}", f"Printer settings: {en}",
                               field=field)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> PrinterSettings:
        """Settings from a config mapping; unknown keys are ignored, USB ids may be hex text (``"0x04b8"``)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("usb_vendor_id", "usb_product_id"):
            if isinstance(values.get(key), str):
                values[key] = int(values[key], 0)
        return cls(**values)


def _settings_problem(s: PrinterSettings) -> tuple[str, str, str] | None:
    """What is wrong with the settings, in Chinese and English, and the setting concerned; or None."""
    if s.kind not in CONNECTION_KINDS:
        return f"未知的连接方式 {s.kind}", f"unknown connection kind {s.kind!r}", "kind"
    if s.paper_mm not in PAPER_COLUMNS:
        return (f"纸宽只能是 58 或 80 毫米，不是 {s.paper_mm}", f"paper must be 58 or 80 mm, not {s.paper_mm}",
                "paper_mm")
    if s.kind == "network" and not s.host:
        return "请填写打印机 IP 地址和端口", "enter the printer's IP address and port", "host"
    if s.kind == "network" and not 0 < s.port < 65536:
        return "请填写打印机 IP 地址和端口", "enter the printer's IP address and port", "port"
    if s.kind == "usb" and not (s.usb_vendor_id and s.usb_product_id):
        field = "usb_product_id" if s.usb_vendor_id else "usb_vendor_id"
        return "请填写 USB 厂商号和产品号", "enter the USB vendor and product ids", field
    if s.kind == "serial" and not s.serial_device:
        return "请填写串口设备", "enter the serial device", "serial_device"
    if s.kind == "file" and not s.file_path:
        return "请填写打印设备路径", "enter the printer device path", "file_path"
    if s.status not in STATUS_MODES:
        return f"未知的状态查询方式 {s.status}", f"unknown status request {s.status!r}", "status"
    if s.timeout_s <= 0:
        return "超时时间必须大于零", "the timeout must be above zero", "timeout_s"
    return None


# --- rendering ---------------------------------------------------------------------------------------------


def _profile(settings: PrinterSettings) -> str | None:
    """The python-escpos profile name (``None`` picks escpos's own default)."""
    return None if settings.profile in ("", "default") else settings.profile


def chinese_text(text: str) -> bytes:
    """One line of text in the printer's Chinese mode, GB18030-encoded, ending in LF."""
    clean = paper_text(text)
    if not clean:
        return b"\n"
    return FS_CHINESE_ON + clean.encode("gb18030") + FS_CHINESE_OFF + b"\n"


def _emit(printer: Escpos, line: PrintLine, settings: PrinterSettings) -> None:
    """Write one laid-out line on an escpos printer object."""
    if line.kind in ("text", "separator"):
        size = 2 if line.double else 1
        # GS ! (custom size) doubles Hanzi too; ESC ! would only double the Latin font.
        printer.set(align=line.align, bold=line.bold, custom_size=True, width=size, height=size)
        printer._raw(chinese_text(line.text))
    elif line.kind == "qr":
        printer.set(align="center", bold=False, custom_size=True, width=1, height=1)
        printer.qr(line.data, native=True, size=settings.qr_size, ec=QR_ECLEVEL_M)
        printer._raw(b"\n")
        printer.set(align="left")
    elif line.kind == "cut":
        printer.set(align="left", bold=False, custom_size=True, width=1, height=1)
        printer.cut()
    elif line.kind == "drawer" and settings.drawer_pin is not None:
        printer.cashdraw(settings.drawer_pin)


def render_escpos(lines: Iterable[PrintLine], settings: PrinterSettings) -> bytes:
    """The ESC/POS bytes for the lines, built on an escpos ``Dummy`` with the configured profile."""
    try:
        printer = Dummy(profile=_profile(settings))
    except KeyError as exc:
        raise PrinterError(
            "printer_profile_unknown",
            f"未知的打印机型号：{settings.profile}",
            f"Unknown printer profile: {settings.profile}",
            field="profile",
        ) from exc
    printer.hw("INIT")
    for line in lines:
        _emit(printer, line, settings)
    return bytes(printer.output)
