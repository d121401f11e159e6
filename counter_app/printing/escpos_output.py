"""ESC/POS bytes for laid-out receipt lines (python-escpos), and sending them to the counter's printer.

Rendering and sending are separate: the bytes are built on an escpos ``Dummy`` (no device, so no failure
there), then one fresh connection per receipt carries them. Every connection failure becomes a
``PrinterError`` in Chinese and English; the clerk never sees an escpos or socket exception.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from escpos.constants import QR_ECLEVEL_M
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Dummy, File, Network, Serial, Usb

from counter_app.domain.errors import PrinterError
from counter_app.printing.layout import PAPER_COLUMNS, PrintLine, paper_text

ConnectionKind = Literal["none", "network", "usb", "serial", "file"]
CONNECTION_KINDS: tuple[str, ...] = ("none", "network", "usb", "serial", "file")

# FS & / FS .: Chinese character mode on and off. python-escpos never sends them (see KNOWN-QUIRKS.md).
FS_CHINESE_ON = b"\x1c\x26"
FS_CHINESE_OFF = b"\x1c\x2e"
# Small writes, so that a printer dropping the line mid-receipt is noticed at the next write.
_CHUNK = 512


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
    # After the last byte, how long a network printer may take to close or reset the line; a reset means
    # it did not take the whole receipt.
    confirm_s: float = 0.5

    @property
    def enabled(self) -> bool:
        """False when the counter has no printer (kind ``none``)."""
        return self.kind != "none"

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


# --- sending -----------------------------------------------------------------------------------------------


def _unreachable(settings: PrinterSettings, exc: BaseException) -> PrinterError:
    """The printer could not be opened at all."""
    where = settings.describe()
    return PrinterError(
        "printer_unreachable",
        f"打印机未连接：{where}。请检查打印机电源、连线和设置。",
        f"Printer not reachable: {where}. Check its power, cable and settings.",
        where=where,
        cause=repr(exc),
    )


def _interrupted(settings: PrinterSettings, exc: BaseException) -> PrinterError:
    """The printer dropped the line while the receipt was being sent."""
    where = settings.describe()
    return PrinterError(
        "printer_interrupted",
        f"打印中断：打印机 {where} 在打印过程中断开（可能缺纸或开盖）。请检查打印机后重印。",
        f"The printer {where} stopped mid-receipt (out of paper or cover open?). Check it and reprint.",
        where=where,
        cause=repr(exc),
    )


def _timed_out(settings: PrinterSettings, exc: BaseException) -> PrinterError:
    """The printer stopped taking data."""
    where = settings.describe()
    return PrinterError(
        "printer_timeout",
        f"打印机无响应：{where}（超时）。请检查是否缺纸或卡纸，然后重印。",
        f"The printer {where} did not respond in time. Check for paper out or a jam, then reprint.",
        where=where,
        cause=repr(exc),
    )


def _failed(settings: PrinterSettings, exc: BaseException) -> PrinterError:
    """Any other failure of the device."""
    where = settings.describe()
    return PrinterError(
        "printer_failed",
        f"打印失败：{where}（{type(exc).__name__}）。请检查打印机后重印。",
        f"Printing failed on {where}: {exc!r}. Check the printer and reprint.",
        where=where,
        cause=repr(exc),
    )


def _driver_missing(library: str, kind: str) -> PrinterError:
    """The optional library a USB or serial printer needs is not installed."""
    return PrinterError(
        "printer_driver_missing",
        f"未安装 {library}，无法使用{kind}打印机。请联系技术支持。",
        f"{kind.strip()} printing needs the {library} library, which is not installed.",
    )


def _make_printer(settings: PrinterSettings) -> Escpos:
    """A new, unopened escpos printer object for the configured connection."""
    profile = _profile(settings)
    if settings.kind == "network":
        return Network(settings.host, port=settings.port, timeout=settings.timeout_s, profile=profile)
    if settings.kind == "file":
        return File(settings.file_path, profile=profile)
    if settings.kind == "usb":
        # Checked before construction: escpos's Usb raises from __del__ when pyusb is missing.
        if not Usb.is_usable():
            raise _driver_missing("pyusb", " USB ")
        return Usb(
            settings.usb_vendor_id,
            settings.usb_product_id,
            timeout=int(settings.timeout_s * 1000),  # pyusb counts milliseconds
            profile=profile,
        )
    if settings.kind == "serial":
        if not Serial.is_usable():
            raise _driver_missing("pyserial", "串口 ")
        return Serial(settings.serial_device, baudrate=settings.baudrate, timeout=settings.timeout_s, profile=profile)
    raise PrinterError("printer_settings_invalid", "未设置打印机", "No printer is set up")


def _chunks(data: bytes) -> Iterator[bytes]:
    """The data in small pieces."""
    for start in range(0, len(data), _CHUNK):
        yield data[start : start + _CHUNK]


def _confirm_network_delivery(printer: Network, settings: PrinterSettings) -> None:
    """Half-close and wait briefly: a reset now means the printer did not take the whole receipt.

    A clean close, status bytes, or silence until ``confirm_s`` all count as delivered.
    """
    sock = printer.device
    assert isinstance(sock, socket.socket)
    deadline = time.monotonic() + settings.confirm_s
    try:
        sock.shutdown(socket.SHUT_WR)
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            if not sock.recv(256):  # the printer closed cleanly after our last byte
                return
    except TimeoutError:
        return
    except OSError as exc:  # reset, or "not connected" when the reset came first
        raise _interrupted(settings, exc) from exc


def _close_quietly(printer: Escpos) -> None:
    """Close the connection; a failure to close must not hide the real outcome."""
    try:
        printer.close()
    except Exception:  # noqa: BLE001 - closing a broken device may raise anything; the job's outcome stands
        pass


def send(data: bytes, settings: PrinterSettings) -> None:
    """Send one receipt's bytes over a fresh connection, closed afterwards; raise ``PrinterError`` on failure."""
    settings.validate()
    if not settings.enabled:
        return
    printer = _make_printer(settings)
    try:
        try:
            printer.open()
        except (DeviceNotFoundError, OSError, AssertionError, ValueError) as exc:
            raise _unreachable(settings, exc) from exc
        for chunk in _chunks(data):
            printer._raw(chunk)
        if isinstance(printer, Network):
            _confirm_network_delivery(printer, settings)
    except PrinterError:
        raise
    except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError) as exc:
        raise _interrupted(settings, exc) from exc
    except TimeoutError as exc:  # socket.timeout, and pyusb/pyserial write timeouts
        raise _timed_out(settings, exc) from exc
    except AssertionError as exc:  # escpos writing to a device it lost
        raise _interrupted(settings, exc) from exc
    except OSError as exc:  # USB and serial errors are OSError subclasses too
        raise _failed(settings, exc) from exc
    except Exception as exc:  # noqa: BLE001 - whatever a driver raises, the clerk gets a printer message
        raise _failed(settings, exc) from exc
    finally:
        _close_quietly(printer)
