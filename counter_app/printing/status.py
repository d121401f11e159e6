"""The printer's answer to a real-time status request, read back from the bytes it sends.

Two requests are used, whichever the printer supports (``PrinterSettings.status``):

- ``dle_eot``: ``DLE EOT 2`` (offline cause) and ``DLE EOT 4`` (roll paper sensor), real-time commands the
  printer answers as soon as they reach it, after every byte sent before them. Each answer is one byte with
  bits 1 and 4 set and bits 0 and 7 clear (``b & 0x93 == 0x12``).
- ``gs_r``: ``GS r 1`` (paper sensor), executed in order after everything before it was processed; the
  answer has bits 4 and 7 clear.

Bytes that are neither (automatic status back, noise) are skipped, so a stray byte is never read as "ready".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StatusMode = Literal["dle_eot", "gs_r", "none"]
STATUS_MODES: tuple[str, ...] = ("dle_eot", "gs_r", "none")

DLE_EOT_OFFLINE_CAUSE = b"\x10\x04\x02"
DLE_EOT_PAPER = b"\x10\x04\x04"
GS_R_PAPER = b"\x1d\x72\x01"

REQUESTS: dict[str, bytes] = {
    "dle_eot": DLE_EOT_OFFLINE_CAUSE + DLE_EOT_PAPER,
    "gs_r": GS_R_PAPER,
    "none": b"",
}
# How many answer bytes each request brings back.
ANSWERS: dict[str, int] = {"dle_eot": 2, "gs_r": 1, "none": 0}

Condition = Literal["ready", "paper_out", "cover_open", "error"]


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself."""

    condition: Condition
    paper_near_end: bool = False

    @property
    def ready(self) -> bool:
        """True when the printer can print: paper in, cover shut, no error."""
        return self.condition == "ready"


def is_answer(mode: str, byte: int) -> bool:
    """True when ``byte`` has the fixed bits of an answer to the ``mode`` request."""
    if mode == "dle_eot":
        return byte & 0x93 == 0x12
    if mode == "gs_r":
        return byte & 0x90 == 0x00
    return False


def answers(mode: str, data: bytes) -> bytes:
    """The answer bytes in what the printer sent, in order, without the noise around them."""
    return bytes(b for b in data if is_answer(mode, b))


def parse(mode: str, answer: bytes) -> PrinterStatus:
    """The status from exactly ``ANSWERS[mode]`` answer bytes."""
    if mode == "dle_eot":
        offline_cause, paper = answer[0], answer[1]
        near_end = bool(paper & 0x0C)
        if offline_cause & 0x04:
            return PrinterStatus("cover_open", near_end)
        if offline_cause & 0x20 or paper & 0x60:
            return PrinterStatus("paper_out", near_end)
        if offline_cause & 0x40:
            return PrinterStatus("error", near_end)
        return PrinterStatus("ready", near_end)
    if mode == "gs_r":
        sensor = answer[0]
        if sensor & 0x0C:
            return PrinterStatus("paper_out")
        return PrinterStatus("ready", bool(sensor & 0x03))
    raise ValueError(f"no status answer for mode {mode!r}")
