"""Sending one receipt's bytes to the counter's printer, in bounded time, and asking it whether it has them.

Every printer kind has a time limit: network and device-file printers are written without blocking and
polled against a deadline, USB and serial through their drivers' write timeouts. A printer that can answer
(network, USB, serial) is asked for its real-time status before the receipt (a printer that is out of paper
or silent is sent nothing) and again after it: only a "ready" answer after the last byte counts as printed.
A device file cannot answer: what it took is ``Delivery(confirmed=False)``.

Every failure is a ``PrinterError`` in Chinese and English whose ``maybe_printed`` detail says whether any
of the receipt may be on paper (then a later print is marked 补打).
"""

from __future__ import annotations

import os
import select
import socket
import time
from dataclasses import dataclass
from typing import Any, Protocol

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Serial, Usb

from counter_app.domain.errors import PrinterError
from counter_app.printing import status as rt
from counter_app.printing.escpos_output import PrinterSettings

# Small writes, so that a printer dropping the line mid-receipt is noticed at the next write.
_CHUNK = 512
# However slowly a printer takes data, one receipt never holds the print worker longer than this many
# times its timeout.
_JOB_TIMEOUTS = 4


@dataclass(frozen=True)
class Delivery:
    """What became of a receipt the printer took: confirmed by its status answer, or not (a device file)."""

    confirmed: bool
    paper_near_end: bool = False


class Link(Protocol):
    """One open connection to a printer."""

    can_answer: bool

    def write(self, data: bytes, *, deadline: float) -> None: ...

    def read(self, size: int, *, deadline: float) -> bytes: ...

    def close(self) -> None: ...


# --- messages ----------------------------------------------------------------------------------------------

_QUEUED_ZH = "小票已保留在打印队列，可重打。"
_QUEUED_EN = "The receipt stays queued for printing."


def _error(code: str, zh: str, en: str, settings: PrinterSettings, exc: BaseException | None = None, *,
           maybe_printed: bool) -> PrinterError:
    return PrinterError(code, zh, en, where=settings.describe(), maybe_printed=maybe_printed,
                        cause=repr(exc) if exc is not None else None)


def unreachable(settings: PrinterSettings, exc: BaseException) -> PrinterError:
    """The printer could not be opened at all: nothing was printed."""
    where = settings.describe()
    return _error("printer_unreachable", f"打印机未连接：{where}。请检查打印机电源、连线和设置。",
                  f"Printer not reachable: {where}. Check its power, cable and settings.", settings, exc,
                  maybe_printed=False)


def interrupted(settings: PrinterSettings, exc: BaseException | None, *, maybe_printed: bool = True) -> PrinterError:
    """The printer dropped the line while the receipt was being sent."""
    where = settings.describe()
    return _error("printer_interrupted",
                  f"打印中断：打印机 {where} 在打印过程中断开（可能缺纸或开盖）。请检查打印机后重印。",
                  f"The printer {where} stopped mid-receipt (out of paper or cover open?). Check it and reprint.",
                  settings, exc, maybe_printed=maybe_printed)


def timed_out(settings: PrinterSettings, exc: BaseException | None, *, maybe_printed: bool = True) -> PrinterError:
    """The printer stopped taking data."""
    where = settings.describe()
    return _error("printer_timeout", f"打印机无响应：{where}（超时）。请检查是否缺纸或卡纸。{_QUEUED_ZH}",
                  f"The printer {where} did not respond in time. Check for paper out or a jam. {_QUEUED_EN}",
                  settings, exc, maybe_printed=maybe_printed)


def no_answer(settings: PrinterSettings, *, maybe_printed: bool) -> PrinterError:
    """The printer took the bytes but did not answer the status request."""
    where = settings.describe()
    return _error("printer_no_answer", f"打印机无响应：{where}（未回报状态）。请检查打印机。{_QUEUED_ZH}",
                  f"The printer {where} did not answer the status request. Check it. {_QUEUED_EN}", settings,
                  maybe_printed=maybe_printed)


_NOT_READY: dict[str, tuple[str, str, str]] = {
    "paper_out": ("printer_paper_out", "打印机缺纸：{where}。请装纸。", "The printer {where} is out of paper. Load paper."),
    "cover_open": ("printer_cover_open", "打印机纸仓盖打开：{where}。请盖好纸仓盖。",
                   "The printer {where} has its cover open. Close it."),
    "error": ("printer_error", "打印机故障：{where}（切刀或机械错误）。请检查打印机。",
              "The printer {where} reports an error (cutter or mechanism). Check it."),
}


def not_ready(settings: PrinterSettings, state: rt.PrinterStatus, *, maybe_printed: bool) -> PrinterError:
    """The printer answered, and it cannot print: 缺纸, 纸仓盖打开 or 故障."""
    code, zh, en = _NOT_READY[state.condition]
    where = settings.describe()
    return _error(code, zh.format(where=where) + _QUEUED_ZH, en.format(where=where) + " " + _QUEUED_EN, settings,
                  maybe_printed=maybe_printed)


def failed(settings: PrinterSettings, exc: BaseException, *, maybe_printed: bool = True) -> PrinterError:
    """Any other failure of the device."""
    where = settings.describe()
    return _error("printer_failed", f"打印失败：{where}（设备错误）。请检查打印机后重印。",
                  f"Printing failed on {where}: {exc!r}. Check the printer and reprint.", settings, exc,
                  maybe_printed=maybe_printed)


def _driver_missing(library: str, kind: str) -> PrinterError:
    """The optional library a USB or serial printer needs is not installed."""
    return PrinterError("printer_driver_missing", f"未安装 {library}，无法使用{kind}打印机。请联系技术支持。",
                        f"{kind.strip()} printing needs the {library} library, which is not installed.",
                        maybe_printed=False)


# --- links -------------------------------------------------------------------------------------------------


def _left(deadline: float) -> float:
    return deadline - time.monotonic()


class NetworkLink:
    """A TCP connection to a network printer (port 9100); every send and receive is bounded."""

    can_answer = True

    def __init__(self, settings: PrinterSettings) -> None:
        self.stall_s = settings.timeout_s
        self.sock = socket.create_connection((settings.host, settings.port), timeout=settings.timeout_s)

    def write(self, data: bytes, *, deadline: float) -> None:
        view = memoryview(data)
        while view:
            left = min(self.stall_s, _left(deadline))
            if left <= 0:
                raise TimeoutError("the printer stopped taking data")
            self.sock.settimeout(left)
            sent = self.sock.send(view[:_CHUNK])
            view = view[sent:]

    def read(self, size: int, *, deadline: float) -> bytes:
        left = _left(deadline)
        if left <= 0:
            return b""
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(size)
        except TimeoutError:
            return b""
        if not data:
            raise ConnectionResetError("the printer closed the connection")
        return data

    def close(self) -> None:
        self.sock.close()


class FileLink:
    """A device file (``/dev/usb/lp0``), opened non-blocking and polled: a stalled reader cannot hang us."""

    can_answer = False

    def __init__(self, settings: PrinterSettings) -> None:
        self.stall_s = settings.timeout_s
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK | os.O_CLOEXEC
        # A FIFO nobody reads refuses at once (ENXIO) instead of blocking in open().
        self.fd = os.open(settings.file_path, flags, 0o644)

    def write(self, data: bytes, *, deadline: float) -> None:
        view = memoryview(data)
        poller = select.poll()
        poller.register(self.fd, select.POLLOUT)
        while view:
            left = min(self.stall_s, _left(deadline))
            if left <= 0:
                raise TimeoutError("the device stopped taking data")
            try:
                written = os.write(self.fd, view[:_CHUNK])
            except BlockingIOError:
                if not poller.poll(left * 1000):
                    raise TimeoutError("the device stopped taking data") from None
                continue
            view = view[written:]

    def read(self, size: int, *, deadline: float) -> bytes:
        return b""

    def close(self) -> None:
        os.close(self.fd)


class DriverLink:
    """A USB or serial printer through python-escpos, whose drivers bound each write and read."""

    def __init__(self, printer: Escpos, settings: PrinterSettings) -> None:
        self.printer = printer
        self.can_answer = True
        printer.open()
        device: Any = printer.device
        if isinstance(printer, Serial):
            device.write_timeout = settings.timeout_s  # pyserial blocks forever by default

    def write(self, data: bytes, *, deadline: float) -> None:
        for start in range(0, len(data), _CHUNK):
            if _left(deadline) <= 0:
                raise TimeoutError("the printer stopped taking data")
            self.printer._raw(data[start : start + _CHUNK])

    def read(self, size: int, *, deadline: float) -> bytes:
        left = _left(deadline)
        if left <= 0:
            return b""
        device: Any = self.printer.device
        if isinstance(self.printer, Serial):
            device.timeout = left
            return bytes(device.read(size))
        try:
            return bytes(device.read(self.printer.in_ep, size, timeout=max(1, int(left * 1000))))
        except Exception as exc:  # noqa: BLE001 - pyusb's timeout is a USBTimeoutError we may not import
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                return b""
            raise

    def close(self) -> None:
        self.printer.close()


def open_link(settings: PrinterSettings) -> Link:
    """A new connection to the configured printer; ``PrinterError`` (nothing printed) when it cannot open."""
    profile = None if settings.profile in ("", "default") else settings.profile
    try:
        if settings.kind == "network":
            return NetworkLink(settings)
        if settings.kind == "file":
            return FileLink(settings)
        if settings.kind == "usb":
            # Checked before construction: escpos's Usb raises from __del__ when pyusb is missing.
            if not Usb.is_usable():
                raise _driver_missing("pyusb", " USB ")
            return DriverLink(Usb(settings.usb_vendor_id, settings.usb_product_id,
                                  timeout=int(settings.timeout_s * 1000), profile=profile), settings)
        if settings.kind == "serial":
            if not Serial.is_usable():
                raise _driver_missing("pyserial", "串口 ")
            return DriverLink(Serial(settings.serial_device, baudrate=settings.baudrate, timeout=settings.timeout_s,
                                     profile=profile), settings)
    except PrinterError:
        raise
    except (DeviceNotFoundError, OSError, AssertionError, ValueError) as exc:
        raise unreachable(settings, exc) from exc
    raise PrinterError("printer_settings_invalid", "未设置打印机", "No printer is set up", maybe_printed=False)


# --- one job -----------------------------------------------------------------------------------------------


def ask_status(link: Link, settings: PrinterSettings, *, maybe_printed: bool) -> rt.PrinterStatus:
    """Send the real-time status request and read the answer within the timeout; ``PrinterError`` if none."""
    mode = settings.status
    deadline = time.monotonic() + settings.timeout_s
    link.write(rt.REQUESTS[mode], deadline=deadline)
    got = b""
    while len(got) < rt.ANSWERS[mode]:
        data = link.read(16, deadline=deadline)
        if not data:
            raise no_answer(settings, maybe_printed=maybe_printed)
        got += rt.answers(mode, data)
    return rt.parse(mode, got[: rt.ANSWERS[mode]])


def _exchange(link: Link, data: bytes, settings: PrinterSettings, stage: dict[str, bool]) -> Delivery:
    answers = link.can_answer and settings.status != "none"
    if answers:
        before = ask_status(link, settings, maybe_printed=False)
        if not before.ready:  # sent nothing: paper out or cover open before the receipt
            raise not_ready(settings, before, maybe_printed=False)
    stage["maybe_printed"] = True
    link.write(data, deadline=time.monotonic() + settings.timeout_s * _JOB_TIMEOUTS)
    if not answers:
        return Delivery(confirmed=False)
    after = ask_status(link, settings, maybe_printed=True)
    if not after.ready:
        raise not_ready(settings, after, maybe_printed=True)
    return Delivery(confirmed=True, paper_near_end=after.paper_near_end)


def send(data: bytes, settings: PrinterSettings) -> Delivery:
    """Send one receipt's bytes over a fresh connection, closed afterwards, and confirm them.

    Raises ``PrinterError`` when the printer is unreachable, not ready, silent or drops the line.
    """
    settings.validate()
    if not settings.enabled:
        return Delivery(confirmed=False)
    link = open_link(settings)
    stage = {"maybe_printed": False}
    try:
        return _exchange(link, data, settings, stage)
    except PrinterError:
        raise
    except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, AssertionError) as exc:
        raise interrupted(settings, exc, maybe_printed=stage["maybe_printed"]) from exc
    except TimeoutError as exc:  # socket.timeout, and pyusb/pyserial write timeouts
        raise timed_out(settings, exc, maybe_printed=stage["maybe_printed"]) from exc
    except Exception as exc:  # noqa: BLE001 - whatever a driver raises, the clerk gets a printer message
        if "timeout" in type(exc).__name__.lower():  # pyserial's SerialTimeoutException
            raise timed_out(settings, exc, maybe_printed=stage["maybe_printed"]) from exc
        raise failed(settings, exc, maybe_printed=stage["maybe_printed"]) from exc
    finally:
        try:
            link.close()
        except Exception:  # noqa: BLE001 - closing a broken device may raise anything; the outcome stands
            pass
