"""Text on paper: what a printer can print, how many columns it takes, and how it wraps.

A Han or fullwidth character takes two columns, and so does every other non-ASCII character, because a
Chinese printer prints each GB18030 double-byte code as one double-width glyph (``·``, ``é`` and ``—``
included). Wrapping keeps the Chinese line-break rules (禁则).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from counter_app.domain.money import format_fen

# The symbol printed on paper: U+FFE5; U+00A5 prints as junk on GB18030 printers.
YUAN = "￥"

_BREAKS = "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Zero-width or invisible categories: they would break the column count, and control bytes could be read by
# the printer as commands (a product name holding GS V would cut the paper).
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"}


def paper_text(text: str) -> str:
    """Text safe for paper: ``￥`` for ``¥``, no control or zero-width characters, ``?`` for what GBK lacks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch == "¥":
            ch = YUAN
        if ch in _BREAKS:
            out.append(" ")
            continue
        if unicodedata.category(ch) in _DROPPED_CATEGORIES:
            continue
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            # Emoji and rare characters are 4-byte GB18030 codes that printer fonts do not carry.
            ch = "?"
        out.append(ch)
    return "".join(out)


def char_width(ch: str) -> int:
    """Columns one character takes on paper (2 for Han/fullwidth and any other non-ASCII)."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1 if ord(ch) < 0x80 else 2


def text_width(text: str) -> int:
    """Columns a string takes on paper."""
    return sum(char_width(ch) for ch in text)


# Latin words (cut after a hyphen, so a UUID wraps at its dashes), runs of spaces, or one other character.
_TOKENS = re.compile(r"[!-,.-~]*-+|[!-,.-~]+| +|.", re.S)


# Line-break rules (禁则): these never start a line, and these never end one.
NO_LINE_START = frozenset("）」』】〕》〉〗｝］，。、；：！？…—～·％”’)]}.,;:!?%")
NO_LINE_END = frozenset("（「『【〔《〈〖｛［“‘([{")


def _break_at(current: str, following: str) -> tuple[str, str]:
    """Split a full line before ``following``: what stays, and what moves down with ``following`` so that
    no line starts with closing punctuation or ends with opening punctuation."""
    kept, carried = current.rstrip(), ""
    while len(kept) > 1 and (kept[-1] in NO_LINE_END or (following[:1] in NO_LINE_START and not kept[-1].isspace())):
        following = kept[-1] + following
        carried, kept = kept[-1] + carried, kept[:-1]
        if carried[0] not in NO_LINE_START and kept[-1] not in NO_LINE_END:
            break
    return kept.rstrip(), carried


def wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most ``width`` columns, breaking Latin words at spaces when possible and
    keeping Chinese line-break rules (no closing punctuation at a line start, no opening at its end)."""
    if width < 2:
        raise ValueError("width must be at least 2 columns")
    lines: list[str] = []
    current, used = "", 0
    for token in _TOKENS.findall(paper_text(text)):
        size = text_width(token)
        if used + size <= width:
            current, used = current + token, used + size
            continue
        carried = ""
        if current.strip():
            kept, carried = _break_at(current, token)
            lines.append(kept)
        current, used = carried, text_width(carried)
        if token.isspace():
            continue
        for ch in token:  # a word wider than the line is split where it must be
            w = char_width(ch)
            if used + w > width:
                kept, current = _break_at(current, ch)
                lines.append(kept)
                used = text_width(current)
            current, used = current + ch, used + w
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def right_align(text: str, width: int) -> str:
    """Pad on the left so that ``text`` ends at column ``width``."""
    return " " * max(0, width - text_width(text)) + text


def left_align(text: str, width: int) -> str:
    """Pad on the right to ``width`` columns."""
    return text + " " * max(0, width - text_width(text))


def label_value(label: str, value: str, width: int) -> list[str]:
    """The label on the left and its value right-aligned; the value moves below when both do not fit."""
    label, value = paper_text(label), paper_text(value)
    gap = width - text_width(label) - text_width(value)
    if gap >= 1:
        return [label + " " * gap + value]
    rows = wrap(label, width) if label.strip() else []
    return rows + [right_align(part, width) for part in wrap(value, width)]


def format_money(fen: int) -> str:
    """Fen as printed on paper: ``￥12.50``."""
    return format_fen(fen, symbol=YUAN)


def format_figure(fen: int) -> str:
    """Fen as a bare figure for item columns: ``12.50``."""
    return format_fen(fen, symbol="")


def format_time(occurred_at: str) -> str:
    """An ISO time as ``2026-11-25 09:30:00`` in the counter's own offset; the raw text if it is not ISO."""
    try:
        return datetime.fromisoformat(occurred_at).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return occurred_at
