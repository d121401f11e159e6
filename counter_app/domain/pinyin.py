"""Pinyin initials of product names, so a clerk can type "yp" to find 邮票."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def initials(name: str) -> str:
    """Lower-case initials of each syllable (Latin letters and digits kept as they are)."""
    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(p[0].lower() for p in parts if p and p[0].isalnum())


def _word_starts(name: str) -> list[int]:
    """Where a Latin word or a number begins in ``name``: after a space, a hyphen or a Chinese character."""
    starts = []
    for i, ch in enumerate(name):
        if ch.isascii() and ch.isalnum() and (i == 0 or not (name[i - 1].isascii() and name[i - 1].isalnum())):
            starts.append(i)
    return starts


def name_matches(name: str, name_initials: str, text: str) -> bool:
    """Whether a clerk's search ``text`` finds a product called ``name`` (with its pinyin ``name_initials``).

    Chinese text matches anywhere in the name ("邮票"). Latin letters and digits match consecutive pinyin
    initials ("yp" → 2026年生肖邮票大版, "sx" → 生肖…) or the start of a Latin word or number in the name
    ("type" or "c" → Type-C数据线, "550" → …550ml), never the middle of a word: "yp" is not in "Type-C".
    """
    wanted = text.strip().lower()
    if not wanted:
        return False
    if not wanted.isascii():
        return wanted in name.lower()
    if wanted in name_initials.lower():
        return True
    lowered = name.lower()
    return any(lowered.startswith(wanted, start) for start in _word_starts(name))
