"""Pinyin initials of product names, so a clerk can type "yp" to find 邮票."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def initials(name: str) -> str:
    """Lower-case initials of each syllable (Latin letters and digits kept as they are)."""
    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(p[0].lower() for p in parts if p and p[0].isalnum())
