"""The printing side of the print queue, without Qt and without SQLite: lay out, render, send.

The persistent queue (``print_jobs`` in the store) decides what to print and records the outcome; the
receipt service's print worker calls ``ReceiptPrinter.print_operation`` on its own thread, never on the one
that commits operations, and a ``PrinterError`` keeps the job queued with its reason.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from counter_app.domain.errors import PrinterError
from counter_app.printing.escpos_output import PrinterSettings, render_escpos
from counter_app.printing.layout import PrintLine, Receipt, layout_receipt
from counter_app.printing.receipts import receipt_for_operation
from counter_app.printing.transport import Delivery, send

Transport = Callable[[bytes, PrinterSettings], Delivery]


class ReceiptPrinter:
    """Prints receipts one at a time; every failure comes out as ``PrinterError``."""

    def __init__(self, *, transport: Transport = send) -> None:
        self._transport = transport
        # One printer takes one job at a time: a second connection would interleave or be refused.
        self._lock = threading.Lock()

    def lines(self, receipt: Receipt, settings: PrinterSettings) -> list[PrintLine]:
        """The receipt laid out for the configured paper width."""
        return layout_receipt(receipt, settings.columns)

    def render(self, receipt: Receipt, settings: PrinterSettings) -> bytes:
        """The ESC/POS bytes of the receipt for the configured printer."""
        settings.validate()
        return render_escpos(self.lines(receipt, settings), settings)

    def print_receipt(self, receipt: Receipt, settings: PrinterSettings) -> Delivery:
        """Print one receipt over a fresh connection; does nothing when no printer is set up."""
        if not settings.enabled:
            return Delivery(confirmed=False)
        data = self.render(receipt, settings)
        with self._lock:
            return self._transport(data, settings)

    def print_lines(self, lines: list[PrintLine], settings: PrinterSettings) -> Delivery:
        """Print already laid-out lines (the printer check page), one job at a time like receipts."""
        settings.validate()
        data = render_escpos(lines, settings)
        with self._lock:
            return self._transport(data, settings)

    def open_drawer(self, settings: PrinterSettings) -> Delivery:
        """Open the cash drawer alone (a supervisor's 开钱箱, journaled by the caller), confirmed like a receipt."""
        settings.validate()
        if not settings.enabled or settings.drawer_pin is None:
            raise PrinterError("drawer_not_configured", "本机未设置钱箱", "No cash drawer is set up on this counter")
        data = render_escpos([PrintLine("drawer")], settings)
        with self._lock:
            return self._transport(data, settings)

    def print_operation(
        self,
        op: Mapping[str, Any],
        settings: PrinterSettings,
        *,
        branch: Mapping[str, Any],
        reprint: bool = False,
        member: Mapping[str, Any] | None = None,
        points_balance: int | None = None,
        duplicate: bool = False,
        open_drawer: bool = True,
    ) -> Delivery:
        """Print the receipt of an operation as the print queue stores it.

        ``duplicate`` marks it 补打 (an earlier attempt may be on paper); ``open_drawer`` is false for every
        print but the first attempt at the operation's original receipt.
        """
        try:
            receipt = receipt_for_operation(
                op, branch=branch, reprint=reprint, member=member, points_balance=points_balance
            )
        except (KeyError, TypeError, ValueError) as exc:
            # A malformed stored operation is a job that can never print: say so rather than crash the worker.
            raise PrinterError(
                "receipt_unprintable",
                f"该业务无法生成小票：{op.get('op_id')}",
                f"No receipt can be made for operation {op.get('op_id')}: {exc!r}",
            ) from exc
        return self.print_receipt(replace(receipt, duplicate=duplicate, open_drawer=open_drawer), settings)
