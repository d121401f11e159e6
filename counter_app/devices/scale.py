"""The counter scale (电子秤) on a serial line, in one of two protocols:

* ``continuous``: the scale sends a frame many times a second, ``ST,GS,+0001.250kg`` (A&D style, the common
  one on counter scales): ``ST`` stable, ``US`` unstable (still settling), ``OL`` overload; ``GS`` gross or
  ``NT`` net. The newest complete frame is the reading.
* ``command``: the counter asks and the scale answers (MT-SICS level 0): ``S`` + CR LF is answered with
  ``S S     1.250 kg`` (stable), ``S D     1.248 kg`` (dynamic: unstable), ``S +`` (overload), ``S -``
  (underload) or ``S I`` (busy).

Weights are integer grams (parsed from the digits, never through a float). Every failure is a ``ScaleError``
in Chinese and English; a scale that is unplugged, silent or talking nonsense never hangs the counter: every
read has a deadline.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any, Literal

import serial

from counter_app.domain.errors import CounterError

Protocol = Literal["continuous", "command"]
PROTOCOLS: tuple[str, ...] = ("continuous", "command")
MAX_FRAME = 64

_CONTINUOUS = re.compile(r"^(ST|US|OL),(GS|NT),([+-])\s*([0-9]+(?:\.[0-9]+)?)\s*(kg|g)\s*$")
_SICS = re.compile(r"^S\s+([SD])\s+(-?\s*[0-9]+(?:\.[0-9]+)?)\s*(kg|g)\s*$")


class ScaleError(CounterError):
    """The scale cannot be read; the clerk may type the weight instead."""


@dataclass(frozen=True)
class Reading:
    grams: int
    stable: bool
    overload: bool = False

    def usable(self) -> int:
        """The weight to price with: refused while unstable or overloaded."""
        if self.overload:
            raise ScaleError("scale_overload", "超出电子秤量程，请分件称重或手工输入", "The scale is overloaded; weigh"
                             " in parts or type the weight", field="weight")
        if not self.stable:
            raise ScaleError("scale_unstable", "读数不稳定，请等包裹放稳后再读", "The reading is not stable yet; wait"
                             " for the parcel to settle", field="weight")
        if self.grams <= 0:
            raise ScaleError("scale_empty", "秤上没有包裹", "Nothing is on the scale", field="weight")
        return self.grams


def grams_of(number: str, unit: str) -> int:
    """``"1.250", "kg"`` → 1250; rounded half up to the gram."""
    number = number.replace(" ", "")
    negative = number.startswith("-")
    whole, _, frac = number.lstrip("+-").partition(".")
    if unit == "kg":
        frac = (frac + "0000")[:4]
        grams = int(whole or "0") * 1000 + int(frac[:3]) + (1 if int(frac[3]) >= 5 else 0)
    else:
        grams = int(whole or "0") + (1 if frac and int(frac[0]) >= 5 else 0)
    return -grams if negative else grams


def parse_continuous(line: str) -> Reading | None:
    """One continuous-output frame, or None when it is not one."""
    m = _CONTINUOUS.match(line.strip())
    if m is None:
        return None
    status, _, sign, number, unit = m.groups()
    if status == "OL":
        return Reading(0, False, True)
    grams = grams_of(number, unit) * (-1 if sign == "-" else 1)
    return Reading(grams, status == "ST")


def parse_sics(line: str) -> Reading | None:
    """One MT-SICS answer to ``S``, or None when it is not one (``S I`` busy is None too)."""
    text = line.strip()
    if text in ("S +",):
        return Reading(0, False, True)
    if text in ("S -",):
        return Reading(0, False)
    m = _SICS.match(text)
    if m is None:
        return None
    status, number, unit = m.groups()
    return Reading(grams_of(number, unit), status == "S")


def _unplugged(device: str, exc: BaseException | None = None) -> ScaleError:
    return ScaleError("scale_disconnected", f"电子秤未连接（{device}），请检查连线或手工输入重量",
                      f"The scale is not connected ({device}); check the cable or type the weight", field="weight")


def _silent(device: str) -> ScaleError:
    return ScaleError("scale_silent", "电子秤无响应，请检查电源和设置，或手工输入重量",
                      "The scale does not answer; check its power and settings, or type the weight", field="weight")


@dataclass(frozen=True)
class ScaleSettings:
    """系统 > 外设设置: where the scale is and how it talks."""

    device: str = ""  # "" : no scale at this counter
    protocol: Protocol = "continuous"
    baudrate: int = 9600
    timeout_s: float = 1.0

    @property
    def enabled(self) -> bool:
        return bool(self.device)

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None) -> ScaleSettings:
        data = dict(data or {})
        if data.get("kind", "serial") == "none":  # the configuration file's way of saying "no scale"
            data["device"] = ""
        protocol = data.get("protocol", "continuous")
        if protocol not in PROTOCOLS:
            protocol = "continuous"
        return cls(str(data.get("device") or ""), protocol, int(data.get("baudrate") or 9600),
                   float(data.get("timeout_s") or 1.0))


class Scale:
    """One serial scale; ``read()`` opens the port, takes one reading within the timeout and closes it."""

    def __init__(self, settings: ScaleSettings) -> None:
        self.settings = settings

    def read(self) -> Reading:
        s = self.settings
        if not s.enabled:
            raise ScaleError("scale_not_set", "本柜台未设置电子秤，请手工输入重量", "No scale is set up at this counter;"
                             " type the weight", field="weight")
        try:
            port = serial.Serial(s.device, s.baudrate, timeout=0.05, write_timeout=s.timeout_s)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise _unplugged(s.device, exc) from None
        try:
            if s.protocol == "command":
                port.reset_input_buffer()
                port.write(b"S\r\n")
                return self._first(port, parse_sics)
            return self._newest(port)
        except (serial.SerialException, OSError) as exc:
            raise _unplugged(s.device, exc) from None
        finally:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass

    def _lines(self, port: serial.Serial, deadline: float) -> Any:
        """Complete lines as they arrive, until the deadline."""
        buffer = b""
        while time.monotonic() < deadline:
            chunk = port.read(256)
            if not chunk:
                continue
            buffer += chunk
            *lines, buffer = re.split(rb"\r\n|\r|\n", buffer)
            for raw in lines:
                if raw:
                    yield raw.decode("ascii", errors="replace")
            if len(buffer) > MAX_FRAME:  # garbage without line ends: wrong baud rate or protocol
                buffer = b""

    def _first(self, port: serial.Serial, parse: Any) -> Reading:
        for line in self._lines(port, time.monotonic() + self.settings.timeout_s):
            reading = parse(line)
            if reading is not None:
                return reading  # type: ignore[no-any-return]
        raise _silent(self.settings.device)

    def _newest(self, port: serial.Serial) -> Reading:
        """The continuous protocol: drop what queued up while nobody read, then the next complete frame(s)."""
        port.reset_input_buffer()
        newest: Reading | None = None
        deadline = time.monotonic() + self.settings.timeout_s
        for line in self._lines(port, deadline):
            reading = parse_continuous(line)
            if reading is not None:
                newest = reading
                if port.in_waiting == 0:
                    break
        if newest is None:
            raise _silent(self.settings.device)
        return newest
