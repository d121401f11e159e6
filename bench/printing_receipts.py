"""Bench: time to lay out, render to ESC/POS and preview one receipt (the clerk waits on the first two).

Run: python bench/printing_receipts.py [rounds]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from counter_app.printing.escpos_output import PrinterSettings, render_escpos
from counter_app.printing.layout import layout_receipt
from counter_app.printing.preview import render_image
from counter_app.printing.receipts import receipt_for_operation

BRANCH = {"branch_id": "B001", "branch_name": "中国邮政阜成门营业厅", "branch_address": "北京市西城区阜成门内大街1号"}
OP = {
    "op_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "kind": "counter_order", "counter_id": "C01", "clerk_id": "E1001",
    "occurred_at": "2026-11-25T09:30:00+08:00",
    "payload": {
        "order_no": "CO202611250001",
        "lines": [{"sku": f"P{i}", "name": f"生肖纪念邮票小版张 第{i}款", "qty": 1 + i % 3, "unit_price_fen": 1250,
                   "amount_fen": 1250 * (1 + i % 3)} for i in range(20)],
        "subtotal_fen": 50000, "discount_fen": 0, "total_fen": 50000,
        "tenders": [{"method": "cash", "amount_fen": 50000, "reference": None, "points": 0}],
        "change_fen": 0, "paid": True, "member_id": None, "points_earned": 0, "points_redeemed": 0,
    },
}


def timed(label: str, rounds: int, work: Callable[[], object]) -> None:
    """Print the median and worst time of ``work`` in milliseconds."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"{label:<28} median {statistics.median(samples):7.2f} ms   max {max(samples):7.2f} ms")


def main() -> None:
    """Run the three stages for 58 mm and 80 mm paper."""
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    receipt = receipt_for_operation(OP, branch=BRANCH)
    for paper_mm, columns in ((58, 32), (80, 48)):
        settings = PrinterSettings(kind="file", file_path="unused", paper_mm=paper_mm)
        lines = layout_receipt(receipt, columns)
        timed(f"layout {paper_mm} mm", rounds, lambda: layout_receipt(receipt, columns))
        timed(f"escpos bytes {paper_mm} mm", rounds, lambda: render_escpos(lines, settings))
        timed(f"preview image {paper_mm} mm", max(1, rounds // 5), lambda: render_image(lines, columns))


if __name__ == "__main__":
    main()
