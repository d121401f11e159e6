"""Fixtures for the printing tests: a fake network printer on loopback and settings that reach it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counter_app.printing.escpos_output import PrinterSettings

from .fake_printer import FakePrinter


@pytest.fixture
def fake_printer() -> Iterator[FakePrinter]:
    """A well-behaved network printer."""
    with FakePrinter() as printer:
        yield printer


def network_settings(printer: FakePrinter, *, paper_mm: int = 80, timeout_s: float = 2.0) -> PrinterSettings:
    """Settings pointing at a fake printer."""
    return PrinterSettings(kind="network", host=printer.host, port=printer.port, timeout_s=timeout_s, paper_mm=paper_mm)
