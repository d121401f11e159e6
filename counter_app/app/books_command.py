"""``counter-app report x|z|reconcile``: the books' reports headless (registered by ``counter_app.cli``)."""

from __future__ import annotations

import argparse
import getpass
import os
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.domain.errors import PlatformError


def _counter(args: argparse.Namespace) -> Any:
    from counter_app.bootstrap import Counter

    return Counter(args.data_dir)


def _date(args: argparse.Namespace) -> str:
    return str(args.date or date.today().isoformat())


def _emit(args: argparse.Namespace, counter: Any, report: Any) -> None:
    from counter_app.app.books_export import printout_text, report_receipt, report_rows, write_csv

    settings = counter.settings()
    at = counter.deps.clock.now().isoformat(timespec="seconds")
    print(printout_text(report_receipt(report, settings, clerk_id=getattr(args, "clerk", None) or "", at=at),
                        args.width))
    if args.csv:
        print(f"已导出 / written: {write_csv(report_rows(report), Path(args.csv))}")


def cmd_report_x(args: argparse.Namespace) -> int:
    """中途轧帐: the day's figures now; changes nothing."""
    from counter_app.domain.services.dayclose import books_report

    counter = _counter(args)
    _pull_corrections(counter, quiet=True)
    _emit(args, counter, books_report(_date(args), counter.uow()))
    return 0


def cmd_report_z(args: argparse.Namespace) -> int:
    """日终轧帐: takes the Z for the day (once), or shows the one already taken."""
    from counter_app.domain.cashbox import CloseDay
    from counter_app.domain.commands import SupervisorApproval
    from counter_app.domain.services.dayclose import books_report, close_day

    counter = _counter(args)
    business_date = _date(args)
    report = books_report(business_date, counter.uow())
    if report.close is None:
        if not args.clerk:
            print("该营业日尚未日终轧帐；请用 --clerk 工号 日终轧帐 / not closed yet: give --clerk to take the Z")
            return 2
        approval = None
        if args.supervisor:
            pin = os.environ.get("COUNTER_APP_SUPERVISOR_PIN") or getpass.getpass("主管密码 / supervisor PIN: ")
            approval = SupervisorApproval(args.supervisor, pin)
        closed = counter.run(close_day, CloseDay(args.clerk, business_date, approval))
        print(f"日终轧帐完成 / day closed: Z 第 {closed.sequence_no} 号，未获答复 {closed.pending_count} 笔")
        report = books_report(business_date, counter.uow())
    _emit(args, counter, report)
    return 0


def _lookups(counter: Any) -> Any:
    from counter_app.sync import attach_sync

    engine = attach_sync(counter)
    if engine is None:
        raise PlatformError("not_enrolled", "本柜台尚未开通平台连接，无法对账", "This counter is not enrolled with a platform")
    return counter.deps.platform


def _pull_corrections(counter: Any, *, quiet: bool = False) -> None:
    from counter_app.sync.books import pull_corrections

    try:
        added = pull_corrections(_lookups(counter))
    except PlatformError as exc:
        if not quiet:
            raise
        if exc.code == "not_enrolled":
            return
        print(f"（未能从平台获取更正：{exc.zh}）")
        return
    if added:
        print(f"平台新下发更正 {added} 笔 / {added} new correction(s) from the platform")


def refresh_corrections(counter: Any) -> int:
    """Pull the platform's corrections when this counter's platform look-ups are attached and online (the
    books dialog's refresh); 0 when offline or not enrolled. Off the GUI thread."""
    from counter_app.sync.books import pull_corrections
    from counter_app.sync.lookups import OnlineLookups

    lookups = counter.deps.platform
    if not isinstance(lookups, OnlineLookups) or not lookups.is_online():
        return 0
    try:
        return pull_corrections(lookups)
    except PlatformError:
        return 0


def cmd_report_reconcile(args: argparse.Namespace) -> int:
    """轧帐 per operation against the platform's list; changes nothing on either side."""
    from counter_app.app.books_export import reconcile_rows, write_csv
    from counter_app.domain.operations import kind_name
    from counter_app.domain.reconciliation import STATUS_NAMES_ZH, reconcile_operations
    from counter_app.sync.books import platform_day_operations

    counter = _counter(args)
    business_date = _date(args)
    rec = reconcile_operations(business_date, counter.uow(), platform_day_operations(_lookups(counter), business_date))
    print(f"逐笔对账 / reconciliation {business_date}: {len(rec.lines)} 笔, 差异 {len(rec.differences)} 笔")
    for line in rec.differences:
        print(f"  {STATUS_NAMES_ZH[line.status]:<10} {kind_name(line.kind):<8} {line.op_id} {line.note}")
    if args.csv:
        print(f"已导出 / written: {write_csv(reconcile_rows(rec), Path(args.csv))}")
    return 0 if not rec.differences else 3


def add_report_commands(report_sub: Any, common: argparse.ArgumentParser) -> None:
    """``report x``, ``report z`` and ``report reconcile`` under ``counter-app report``."""
    for name, handler, text in (
        ("x", cmd_report_x, "X report (中途轧帐): the day's figures, cash box, pending, corrections; changes nothing"),
        ("z", cmd_report_z, "Z report (日终轧帐): close the business day once (--clerk), or show the Z taken"),
        ("reconcile", cmd_report_reconcile, "reconcile the day per operation with the platform (轧帐); exit 3 on "
                                            "differences"),
    ):
        q = report_sub.add_parser(name, parents=[common], help=text)
        q.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
        q.add_argument("--csv", help="also write the report as CSV (UTF-8 with BOM) to this file")
        if name != "reconcile":
            q.add_argument("--width", type=int, choices=[32, 48], default=32,
                           help="printout width in columns (32: 58 mm paper, 48: 80 mm)")
        if name == "z":
            q.add_argument("--clerk", help="the clerk taking the Z (工号)")
            q.add_argument("--supervisor", help="supervisor approving a close with pending operations "
                                                "(PIN from $COUNTER_APP_SUPERVISOR_PIN or asked)")
        q.set_defaults(handler=handler)
