"""Exports of the books (issue 16): the X/Z reports and the per-operation reconciliation as CSV (UTF-8 with a BOM,
so spreadsheet programs read the Chinese right) and as receipt-width printouts (the receipt layout, 32 or 48
columns, printable on the counter's printer)."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from counter_app.domain.model import METHOD_NAMES_ZH
from counter_app.domain.money import format_fen
from counter_app.domain.operations import kind_name
from counter_app.domain.reconciliation import STATUS_NAMES_ZH, OpReconciliation
from counter_app.domain.services.dayclose import BooksReport
from counter_app.printing.layout import Detail, PrintLine, Receipt, ReceiptHeader, Section, layout_receipt

Row = list[str]


def _yuan(fen: int | None) -> str:
    """A figure for a spreadsheet: ``12.50`` (no currency sign), empty when there is none."""
    return "" if fen is None else format_fen(int(fen), symbol="")


def report_title(report: BooksReport) -> str:
    if report.close is not None:
        return f"日终轧帐(Z) 第{report.close['sequence_no']}号"
    return "中途轧帐(X)"


def report_rows(report: BooksReport) -> list[Row]:
    """The report as rows: a section name, a label, a count and an amount (yuan), per line."""
    rows: list[Row] = [["报表", report_title(report), report.business_date, report.counter_id],
                       ["区段", "项目", "笔数", "金额"]]
    for kind, slot in sorted(report.day.by_kind.items()):
        rows.append(["按业务", kind_name(kind), str(slot["count"]), _yuan(slot["amount_fen"])])
    for method, fen in report.day.by_method.items():
        rows.append(["按支付方式", METHOD_NAMES_ZH.get(method, method), "", _yuan(fen)])
    rows.append(["合计", "净收款", "", _yuan(report.net_takings_fen)])
    for clerk, slot in sorted(report.day.by_clerk.items()):
        rows.append(["按营业员", clerk, str(slot["count"]), _yuan(slot["takings_fen"])])
    for shift in report.shifts:
        state = "已签退" if shift["closed"] else "未签退"
        rows.append(["尾箱", f"{shift['shift_id']} {shift['clerk_id']} {state}", "", ""])
        for key, label in (("float_fen", "备用金"), ("moves_fen", "尾箱调拨"), ("expected_fen", "应有现金"),
                           ("counted_fen", "实点现金"), ("difference_fen", "长短款")):
            rows.append(["尾箱", label, "", _yuan(shift[key])])
    for kind, slot in sorted(report.cash_moves.items()):
        rows.append(["尾箱调拨", kind_name(kind), str(slot["count"]), _yuan(slot["amount_fen"])])
    for label, items in (("未获平台答复", report.pending), ("前日未获答复", report.carried_pending)):
        for item in items:
            rows.append([label, f"{kind_name(item['kind'])} {item['op_id']} {item['business_date']}", "1",
                         _yuan(item["amount_fen"])])
    for diff in report.unsettled:
        label = "长款" if diff["difference_fen"] > 0 else "短款"
        rows.append(["未处理长短款", f"{label} {diff['business_date']} {diff['clerk_id']} {diff['op_id']}", "1",
                     _yuan(diff["difference_fen"])])
    for c in report.corrections:
        status = {"accepted": "已确认", "disputed": "有异议"}.get(c.answer or "", "挂账待处理")
        rows.append(["平台更正", f"{c.correction_id} {c.business_date} {status} {c.reason}", "1", _yuan(c.amount_fen)])
    rows.append(["平台更正", "挂账合计", "", _yuan(report.suspense_fen)])
    rows.append(["合计", "入账收款（含已确认更正）", "", _yuan(report.booked_takings_fen)])
    return rows


def reconcile_rows(rec: OpReconciliation) -> list[Row]:
    """The per-operation comparison: one row per operation, differences first."""
    rows: list[Row] = [["对账", rec.business_date, f"差异 {len(rec.differences)} 笔", f"共 {len(rec.lines)} 笔", "", "", ""],
                       ["流水号", "业务", "结果", "本柜台金额", "平台金额", "本柜台支付方式", "平台支付方式", "说明"]]
    ordered = rec.differences + [line for line in rec.lines if line not in rec.differences]
    for line in ordered:
        rows.append([line.op_id, kind_name(line.kind), STATUS_NAMES_ZH[line.status], _yuan(line.here_fen),
                     _yuan(line.platform_fen), _methods(line.here_methods), _methods(line.platform_methods), line.note])
    return rows


def _methods(methods: Mapping[str, int]) -> str:
    return " ".join(f"{METHOD_NAMES_ZH.get(m, m)}{_yuan(fen)}" for m, fen in sorted(methods.items()))


def write_csv(rows: list[Row], path: Path) -> Path:
    """Write rows as CSV, UTF-8 with a byte-order mark."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def report_receipt(report: BooksReport, branch: Mapping[str, Any], *, clerk_id: str, at: str) -> Receipt:
    """The report as a receipt-width slip for the counter's printer."""
    header = ReceiptHeader(str(branch.get("branch_id", "")), str(branch.get("branch_name", "")),
                           str(branch.get("branch_address", "")), report.counter_id, clerk_id)
    by_kind = tuple(Detail(f"{kind_name(k)} {s['count']}笔", fen=s["amount_fen"]) for k, s in sorted(report.day.by_kind.items()))
    by_method = tuple(Detail(METHOD_NAMES_ZH.get(m, m), fen=fen) for m, fen in report.day.by_method.items())
    cash = (Detail("备用金", fen=report.cash_total("float_fen")), Detail("尾箱调拨", fen=report.cash_total("moves_fen")),
            Detail("应有现金", fen=report.cash_total("expected_fen")),
            Detail("实点现金", fen=report.cash_total("counted_fen")),
            Detail("长短款", fen=report.cash_total("difference_fen")))
    open_items = (Detail("未获平台答复", text=f"{len(report.pending) + len(report.carried_pending)}笔"),
                  Detail("未处理长短款", text=f"{len(report.unsettled)}笔"),
                  Detail("更正挂账", fen=report.suspense_fen),
                  Detail("入账收款", fen=report.booked_takings_fen))
    day = (Detail("营业日", text=report.business_date),
           *((Detail("日终序号", text=f"第{report.close['sequence_no']}号"),) if report.close else ()))
    sections = [Section(None, day), Section("按业务", by_kind), Section("按支付方式", by_method), Section("尾箱", cash),
                Section("待处理", open_items)]
    if report.pending or report.carried_pending:
        sections.append(Section("未获答复流水", tuple(Detail(kind_name(p["kind"]), text=p["op_id"][:8])
                                                    for p in report.carried_pending + report.pending)))
    op_id = report.close["op_id"] if report.close else ""
    return Receipt(header=header, title="日终轧帐(Z)" if report.close else "中途轧帐(X)", op_id=op_id, occurred_at=at,
                   total_fen=report.net_takings_fen, total_label="净收款", sections=tuple(sections),
                   notes=("营业员签字：________________", "主管签字：________________"))


def printout(receipt: Receipt, columns: int = 32) -> list[PrintLine]:
    """The slip laid out for paper ``columns`` wide (32: 58 mm, 48: 80 mm)."""
    return layout_receipt(receipt, columns)


def printout_text(receipt: Receipt, columns: int = 32) -> str:
    """The slip as plain text, as a terminal or a preview shows it."""
    out = []
    for line in printout(receipt, columns):
        if line.kind == "text":
            out.append(line.text)
        elif line.kind == "separator":
            out.append(line.text or "-" * columns)
    return "\n".join(out)
