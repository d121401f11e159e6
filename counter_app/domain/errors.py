"""Errors a clerk may see: each carries a stable code and a message in Chinese and English."""

from __future__ import annotations

from typing import Any


class CounterError(Exception):
    """A refusal or failure the clerk must read; never shown as a traceback.

    ``field`` names the input the message concerns, so the UI can show it beside that field.
    """

    code: str = "error"

    def __init__(self, code: str, zh: str, en: str, *, field: str | None = None, **details: Any) -> None:
        super().__init__(f"[{code}] {en}")
        self.code = code
        self.zh = zh
        self.en = en
        self.field = field
        self.details = details

    def message(self, language: str = "zh") -> str:
        """The message in the clerk's language (``zh`` or ``en``)."""
        return self.en if language.startswith("en") else self.zh


class InvalidInput(CounterError):
    """What the clerk typed or scanned is not acceptable."""


class Refused(CounterError):
    """The operation breaks a counter rule (no shift, wrong code, overdrawn points, ...)."""


class NotFound(CounterError):
    """A clerk, product, member, order or bill that does not exist."""


class NotAllowed(CounterError):
    """The clerk's role does not allow this action; a supervisor must approve it."""


class StoreError(CounterError):
    """The local database cannot be used (full disk, newer version, corruption)."""


class PlatformError(CounterError):
    """The central platform could not answer, or answered badly."""


class PrinterError(CounterError):
    """The receipt printer is unreachable or failed mid-receipt."""
