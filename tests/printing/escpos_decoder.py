"""An ESC/POS decoder for tests: bytes back into text lines, with the cut, drawer kick, QR data and sizes.

It knows exactly the commands a receipt may carry and refuses any other, so stray bytes fail a test.
Text inside FS & … FS . (Chinese mode) is decoded as GB18030; outside it only ASCII is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, FS, LF = 0x1B, 0x1D, 0x1C, 0x0A
# Commands with a fixed number of parameter bytes after their two command bytes.
_FIXED = {
    (ESC, 0x40): 0,  # ESC @ initialise
    (ESC, 0x61): 1,  # ESC a align
    (ESC, 0x45): 1,  # ESC E bold
    (ESC, 0x21): 1,  # ESC ! print mode
    (ESC, 0x2D): 1,  # ESC - underline
    (ESC, 0x4D): 1,  # ESC M font
    (ESC, 0x64): 1,  # ESC d feed n lines
    (ESC, 0x70): 3,  # ESC p drawer kick
    (GS, 0x21): 1,  # GS ! character size
    (GS, 0x42): 1,  # GS B reverse
    (FS, 0x26): 0,  # FS & Chinese mode on
    (FS, 0x2E): 0,  # FS . Chinese mode off
}
_ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}


@dataclass(frozen=True)
class DecodedLine:
    """One printed line and how it looked."""

    text: str
    align: str
    bold: bool
    width: int  # size multipliers from GS !
    height: int


@dataclass
class Decoded:
    """What the printer would do with the bytes."""

    lines: list[DecodedLine] = field(default_factory=list)
    qr_data: list[str] = field(default_factory=list)
    cuts: int = 0
    drawer_kicks: list[int] = field(default_factory=list)  # pins, 2 or 5
    initialised: bool = False
    chinese_mode_left_on: bool = False
    events: list[str] = field(default_factory=list)  # "text", "qr", "cut", "drawer" in order

    @property
    def texts(self) -> list[str]:
        """The text of every line."""
        return [line.text for line in self.lines]

    @property
    def text(self) -> str:
        """All lines joined with newlines."""
        return "\n".join(self.texts)

    def find(self, fragment: str) -> DecodedLine:
        """The first line containing ``fragment``."""
        for line in self.lines:
            if fragment in line.text:
                return line
        raise AssertionError(f"{fragment!r} not printed; lines were:\n{self.text}")


class _State:
    """Current print mode while decoding."""

    def __init__(self) -> None:
        self.align, self.bold, self.width, self.height = "left", False, 1, 1
        self.chinese = False
        self.pending = bytearray()  # bytes of the current line, with mode switches resolved below
        self.parts: list[str] = []


def _flush_part(state: _State) -> None:
    """Decode the bytes gathered since the last mode switch."""
    if not state.pending:
        return
    raw = bytes(state.pending)
    if state.chinese:
        state.parts.append(raw.decode("gb18030"))
    else:
        if any(b >= 0x80 for b in raw):
            raise ValueError(f"non-ASCII bytes outside Chinese mode: {raw!r}")
        state.parts.append(raw.decode("ascii"))
    state.pending.clear()


def _end_line(state: _State, out: Decoded) -> None:
    """LF: the gathered text becomes a line."""
    _flush_part(state)
    out.lines.append(DecodedLine("".join(state.parts), state.align, state.bold, state.width, state.height))
    out.events.append("text")
    state.parts = []


def _two_d_code(data: bytes, i: int, out: Decoded) -> int:
    """GS ( k: keep the QR data of the store function (cn '1', fn 'P'); return the next index."""
    length = data[i + 3] + 256 * data[i + 4]
    body = data[i + 5 : i + 5 + length]
    if len(body) != length:
        raise ValueError("truncated GS ( k")
    cn, fn = body[0], body[1]
    if cn == 0x31 and fn == 0x50:  # store QR data: cn fn m data
        out.qr_data.append(body[3:].decode("utf-8"))
    elif cn == 0x31 and fn == 0x51:  # print the stored QR
        out.events.append("qr")
    return i + 5 + length


def _cut(data: bytes, i: int, out: Decoded) -> int:
    """GS V m [n]: count the cut; return the next index."""
    mode = data[i + 2]
    out.cuts += 1
    out.events.append("cut")
    return i + (4 if mode in (65, 66) else 3)


def decode(data: bytes) -> Decoded:
    """Decode receipt bytes; raise ValueError on any command a receipt should not contain."""
    out, state = Decoded(), _State()
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == LF:
            _end_line(state, out)
            i += 1
            continue
        if byte not in (ESC, GS, FS):
            if byte < 0x20:
                raise ValueError(f"unexpected control byte {byte:#04x} at {i}")
            state.pending.append(byte)
            i += 1
            continue
        if i + 1 >= len(data):
            raise ValueError("truncated command at the end")
        cmd = (byte, data[i + 1])
        if cmd == (GS, 0x28) and data[i + 2] == 0x6B:
            i = _two_d_code(data, i, out)
            continue
        if cmd == (GS, 0x56):
            i = _cut(data, i, out)
            continue
        if cmd not in _FIXED:
            raise ValueError(f"unexpected command {bytes(cmd)!r} at {i}")
        size = _FIXED[cmd]
        args = data[i + 2 : i + 2 + size]
        if len(args) != size:
            raise ValueError(f"truncated command {bytes(cmd)!r}")
        _apply(cmd, args, state, out)
        i += 2 + size
    _flush_part(state)
    if state.parts:
        _end_line(state, out)
    out.chinese_mode_left_on = state.chinese
    return out


def _apply(cmd: tuple[int, int], args: bytes, state: _State, out: Decoded) -> None:
    """Update the print state for one fixed-length command."""
    if cmd == (ESC, 0x40):
        out.initialised = True
        state.align, state.bold, state.width, state.height = "left", False, 1, 1
    elif cmd == (ESC, 0x61):
        state.align = _ALIGN[args[0]]
    elif cmd == (ESC, 0x45):
        state.bold = bool(args[0] & 1)
    elif cmd == (GS, 0x21):
        state.width, state.height = (args[0] >> 4) + 1, (args[0] & 0x0F) + 1
    elif cmd == (ESC, 0x70):
        out.drawer_kicks.append(2 if args[0] in (0, 48) else 5)
        out.events.append("drawer")
    elif cmd in ((FS, 0x26), (FS, 0x2E)):
        _flush_part(state)  # bytes before the switch belong to the old mode
        state.chinese = cmd == (FS, 0x26)
