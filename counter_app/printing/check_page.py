"""The printer check page (打印测试): a short receipt a supervisor prints to see that the printer settings work.

It carries the branch header, ``打印测试 / PRINT TEST``, the time, Chinese sample text and a ruler of the paper
width, then cuts; it never opens the cash drawer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counter_app.domain.errors import PrinterError
from counter_app.printing.escpos_output import PrinterSettings
from counter_app.printing.layout import PrintLine
from counter_app.printing.text import format_time, label_value, wrap
from counter_app.printing.spool import ReceiptPrinter

CHECK_TITLE = "打印测试 / PRINT TEST"
CHECK_SAMPLE = "中文样张：邮政营业柜台小票打印正常。金额 ￥12.34"


def _block(text: str, columns: int, **style: Any) -> list[PrintLine]:
    width = columns // 2 if style.get("double") else columns
    return [PrintLine("text", part, **style) for part in wrap(text, width)]


def check_page_lines(settings: PrinterSettings, *, branch: Mapping[str, Any], printed_at: str) -> list[PrintLine]:
    """The check page laid out for the configured paper width."""
    columns = settings.columns
    out: list[PrintLine] = []
    if branch.get("branch_name"):
        out += _block(str(branch["branch_name"]), columns, align="center", bold=True)
    if branch.get("branch_address"):
        out += _block(str(branch["branch_address"]), columns, align="center")
    out += _block(CHECK_TITLE, columns, align="center", bold=True, double=True)
    out.append(PrintLine("separator", "-" * columns))
    rows = [("网点", str(branch.get("branch_id", ""))), ("柜台", str(branch.get("counter_id", ""))),
            ("时间", format_time(printed_at)), ("打印机", settings.describe()),
            ("纸宽", f"{settings.paper_mm}mm / {columns}"), ("型号", settings.profile or "default")]
    for label, value in rows:
        out += [PrintLine("text", row) for row in label_value(label, value, columns)]
    out.append(PrintLine("separator", "-" * columns))
    out += _block(CHECK_SAMPLE, columns)
    out.append(PrintLine("text", "".join(str(i % 10) for i in range(1, columns + 1))))
    out.append(PrintLine("text", ""))
    out.append(PrintLine("cut"))
    return out


def print_check_page(settings: PrinterSettings, *, branch: Mapping[str, Any], printed_at: str,
                     printer: ReceiptPrinter | None = None) -> None:
    """Print the check page on the configured printer; ``PrinterError`` says why it did not."""
    if not settings.enabled:
        raise PrinterError("printer_not_set", "未设置打印机，无法测试打印", "No printer is set up to test")
    settings.validate()
    (printer or ReceiptPrinter()).print_lines(check_page_lines(settings, branch=branch, printed_at=printed_at),
                                              settings)
