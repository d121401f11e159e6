"""The ``counter-app`` command: the counter window by default, and the headless tools beside it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from counter_app import __version__
from counter_app.domain.errors import CounterError
from counter_app.domain.money import format_fen

Handler = Callable[[argparse.Namespace], int]


def _counter(args: argparse.Namespace):  # -> Counter; imported late so that --help stays fast
    from counter_app.bootstrap import Counter

    return Counter(args.data_dir)


def cmd_run(args: argparse.Namespace) -> int:
    from counter_app.ui.app import run_app

    return run_app(data_dir=args.data_dir, language=args.lang)


def cmd_demo(args: argparse.Namespace) -> int:
    from counter_app.demo import run_demo

    return run_demo(data_dir=args.data_dir or Path("demo-data"), language=args.lang, port=args.port,
                    headless=args.headless)


def cmd_init(args: argparse.Namespace) -> int:
    from counter_app.bootstrap import Counter

    counter = Counter(args.data_dir)
    counter.configure(branch_id=args.branch, counter_id=args.counter, branch_name=args.branch_name or "",
                      branch_address=args.branch_address or "")
    if args.platform_url:
        from counter_app.sync.enrolment import enrol

        enrol(counter, platform_url=args.platform_url, enrolment_code=args.enrolment_code or "",
              ca_bundle=args.ca_bundle)
    print(f"本柜台已设置：网点 {args.branch} 柜台 {args.counter}（数据目录 {counter.data_dir}）")
    return 0


def cmd_clerk_add(args: argparse.Namespace) -> int:
    counter = _counter(args)
    counter.add_clerk(args.id, args.name, args.role, args.pin)
    print(f"已添加{'主管' if args.role == 'supervisor' else '营业员'} {args.id} {args.name}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from counter_app.store.audit import verify_store

    counter = _counter(args)
    problems, entries = verify_store(counter.store)
    if problems:
        print(f"流水校验失败 / journal verification FAILED: {len(problems)} problem(s) in {entries} entries")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"流水校验通过 / journal verified: {entries} entries, chain intact")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from counter_app.app.compose import build
    from counter_app.app.sync_command import sync_once

    app = build(args.data_dir)
    try:
        return sync_once(app)
    finally:
        app.close()


def cmd_report_day(args: argparse.Namespace) -> int:
    from counter_app.domain.model import METHOD_NAMES_ZH
    from counter_app.domain.operations import KIND_NAMES_ZH
    from counter_app.domain.services.queries import make_day_report

    counter = _counter(args)
    business_date = args.date or date.today().isoformat()
    report = make_day_report(business_date, counter.uow())
    print(f"日结报表 / day report {business_date}")
    for kind, slot in sorted(report.by_kind.items()):
        print(f"  {KIND_NAMES_ZH.get(kind, kind):<10} {slot['count']:>5} 笔  {format_fen(slot['amount_fen']):>14}")
    for method, fen in report.by_method.items():
        print(f"  {METHOD_NAMES_ZH.get(method, method):<10} {format_fen(fen):>20}")
    print(f"  待上传 unsent: {report.unsent}   异常单 exceptions: {report.exceptions}")
    return 0


def cmd_receipt_show(args: argparse.Namespace) -> int:
    from counter_app.receipts import receipt_png

    counter = _counter(args)
    path = receipt_png(counter, args.op_id, Path(args.png), reprint=args.reprint)
    print(f"小票预览已保存 / receipt preview written: {path}")
    return 0


# What `counter-app settings set` may change, how each value is read, and where it is stored.
SETTABLE = {
    "idle_lock_minutes": ("minutes of no input before the screen locks (1-240)", None),
    "customer_display": ("open the customer display (客显) as a second window on a one-screen counter: yes/no", None),
    "allow_pending_bills": ("take bill payments offline as pending: yes/no", "offline_rules"),
    "pending_bill_max": ("largest offline pending bill payment, e.g. 500.00", "offline_rules"),
    "pending_bill_shift_max": ("total of offline pending bill payments per shift, e.g. 2000.00", "offline_rules"),
    "offline_redeem_cap": ("points one member may redeem per day while offline", "offline_rules"),
    "offline_prepaid_max": ("largest prepaid card payment per transaction while offline, e.g. 500.00", "offline_rules"),
    "offline_prepaid_day_max": ("prepaid card payments per day while offline, e.g. 3000.00", "offline_rules"),
    "offline_points_max": ("largest points payment (fen) per transaction while offline, e.g. 50.00", "offline_rules"),
    "offline_points_day_max": ("points payments (fen) per day while offline, e.g. 500.00", "offline_rules"),
}
_OFFLINE_KEYS = {"allow_pending_bills": "allow_pending_bills", "pending_bill_max": "pending_bill_max_fen",
                 "pending_bill_shift_max": "pending_bill_shift_max_fen",
                 "offline_redeem_cap": "offline_redeem_cap_per_member_day",
                 "offline_prepaid_max": "offline_prepaid_max_fen", "offline_prepaid_day_max": "offline_prepaid_day_max_fen",
                 "offline_points_max": "offline_points_max_fen", "offline_points_day_max": "offline_points_day_max_fen"}


def _setting_value(key: str, text: str) -> object:
    """The typed value of a setting, or a clear refusal."""
    from counter_app.domain.errors import InvalidInput
    from counter_app.domain.money import parse_fen

    if key in ("allow_pending_bills", "customer_display"):
        if text.lower() in ("yes", "true", "1", "是"):
            return True
        if text.lower() in ("no", "false", "0", "否"):
            return False
        raise InvalidInput("setting_bool", "请填写 yes 或 no", "Use yes or no", field=key)
    if key in ("pending_bill_max", "pending_bill_shift_max") or key.startswith(("offline_prepaid", "offline_points")):
        return parse_fen(text, field=key, allow_zero=False)
    low, high = (1, 240) if key == "idle_lock_minutes" else (0, 1_000_000)
    if not text.isdigit() or not low <= int(text) <= high:
        raise InvalidInput("setting_range", f"请填写 {low} 到 {high} 之间的整数", f"Use a whole number from {low} to {high}",
                           field=key)
    return int(text)


def cmd_settings_show(args: argparse.Namespace) -> int:
    counter = _counter(args)
    settings = counter.settings()
    for key in ("branch_id", "branch_name", "counter_id", "platform_url", "device_id", "idle_lock_minutes",
                "customer_display", "offline_rules", "printer"):
        if key in settings:
            print(f"{key} = {settings[key]}")
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    counter = _counter(args)
    value = _setting_value(args.key, args.value)
    where = SETTABLE[args.key][1]
    if where == "offline_rules":
        rules = dict(counter.settings().get("offline_rules") or {})
        rules[_OFFLINE_KEYS[args.key]] = value
        counter.update_settings(offline_rules=rules)
    else:
        counter.update_settings(**{args.key: value})
    print(f"已设置 / set: {args.key} = {value}")
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    from counter_app.ui.screenshots import render_all

    paths = render_all(Path(args.dir), language=args.lang)
    for path in paths:
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="邮政营业柜台客户端 counter_app: the post office counter client. With no command it opens "
                    "the counter window.",
    )
    parser.add_argument("--version", action="version", version=f"counter_app {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where the counter's database lives (default: $COUNTER_APP_DATA or the user data dir)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN", help="interface language")
    parser.add_argument("--config", type=Path, default=None,
                        help="configuration file (TOML) applied at first start (default: $COUNTER_APP_CONFIG or "
                             "the system-wide file; see docs/fleet.md)")
    parser.set_defaults(handler=cmd_run)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    # The global options are accepted after a command too: `counter-app demo --data-dir X`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p = sub.add_parser("run", parents=[common], help="open the counter window (the default)")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("demo", parents=[common], help="start a reference platform with demo data and open the counter on it")
    p.add_argument("--port", type=int, default=0, help="platform port on 127.0.0.1 (default: a free one)")
    p.add_argument("--headless", action="store_true", help="set the demo up and exit without a window")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("init", parents=[common], help="set this machine's branch and counter, and enrol it with the platform")
    p.add_argument("--branch", required=True, help="branch id (网点), e.g. B001")
    p.add_argument("--counter", required=True, help="counter id (柜台), e.g. C01")
    p.add_argument("--branch-name", help="branch name printed on receipts")
    p.add_argument("--branch-address", help="branch address printed on receipts")
    p.add_argument("--platform-url", help="the central platform's base URL")
    p.add_argument("--enrolment-code", help="one-time enrolment code from the platform")
    p.add_argument("--ca-bundle", help="CA bundle file to verify the platform's TLS certificate")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("clerk", parents=[common], help="manage clerks and supervisors")
    clerk_sub = p.add_subparsers(title="clerk commands", metavar="ACTION", required=True)
    q = clerk_sub.add_parser("add", parents=[common], help="add a clerk or supervisor with a PIN")
    q.add_argument("--id", required=True, help="staff id (工号)")
    q.add_argument("--name", required=True, help="name")
    q.add_argument("--role", choices=["clerk", "supervisor"], default="clerk", help="role")
    q.add_argument("--pin", required=True, help="4-8 digit PIN")
    q.set_defaults(handler=cmd_clerk_add)

    p = sub.add_parser("audit", parents=[common], help="check the journal (流水) for tampering")
    audit_sub = p.add_subparsers(title="audit commands", metavar="ACTION", required=True)
    q = audit_sub.add_parser("verify", parents=[common], help="verify the hash chain, the outbox and the orders against the journal")
    q.set_defaults(handler=cmd_audit_verify)

    from counter_app.app.sync_command import EXIT_CODES_HELP

    p = sub.add_parser("sync", parents=[common], help="deliver the outbox and pull catalog, members and pickups",
                       epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--once", action="store_true", required=True, help="run one sync cycle and print what it did")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("report", parents=[common], help="reports (日结)")
    report_sub = p.add_subparsers(title="report commands", metavar="ACTION", required=True)
    q = report_sub.add_parser("day", parents=[common], help="a day's totals by operation and payment method")
    q.add_argument("--date", help="business date YYYY-MM-DD (default: today)")
    q.set_defaults(handler=cmd_report_day)
    from counter_app.app.books_command import add_report_commands  # the books: report x | z | reconcile

    add_report_commands(report_sub, common)

    p = sub.add_parser("receipt", parents=[common], help="receipts (小票)")
    receipt_sub = p.add_subparsers(title="receipt commands", metavar="ACTION", required=True)
    q = receipt_sub.add_parser("show", parents=[common], help="render an operation's receipt to a PNG")
    q.add_argument("op_id", help="the operation id")
    q.add_argument("--png", required=True, help="output PNG file")
    q.add_argument("--reprint", action="store_true", help="mark it as a reprint (重印)")
    q.set_defaults(handler=cmd_receipt_show)

    p = sub.add_parser("settings", parents=[common], help="show or change this counter's settings")
    settings_sub = p.add_subparsers(title="settings commands", metavar="ACTION", required=True)
    q = settings_sub.add_parser("show", parents=[common], help="print the branch, platform, lock and offline settings")
    q.set_defaults(handler=cmd_settings_show)
    q = settings_sub.add_parser("set", parents=[common], help="change one setting: " + "; ".join(
        f"{k}: {h}" for k, (h, _) in SETTABLE.items()))
    q.add_argument("key", choices=sorted(SETTABLE), help="which setting")
    q.add_argument("value", help="its new value")
    q.set_defaults(handler=cmd_settings_set)

    p = sub.add_parser("screenshots", parents=[common], help="render every workspace offscreen to PNG files")
    p.add_argument("dir", help="output directory")
    p.set_defaults(handler=cmd_screenshots)

    from counter_app.parcel_cli import add_parcel_parser

    add_parcel_parser(sub, common)

    from counter_app.app.fleet_cli import add_fleet_parsers

    add_fleet_parsers(sub, common)

    try:
        from platform_sim.cli import add_platform_parser
    except ImportError:  # the reference platform is optional at a branch
        pass
    else:
        add_platform_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # The platform's commands (platform_sim.cli) name their handler `func`.
    handler = getattr(args, "func", None) or args.handler
    args.lang_from_flag = any(a.startswith("--lang") for a in (sys.argv[1:] if argv is None else argv))
    try:
        if getattr(args, "func", None) is None:  # the counter's commands log to the rotating file (docs/fleet.md)
            from counter_app.app.logs import configure_logging

            configure_logging()
        if handler in (cmd_run, cmd_sync):  # the first start applies the configuration file (docs/fleet.md)
            from counter_app.app.fleet_cli import first_start

            first_start(args)
        return int(handler(args) or 0)
    except CounterError as exc:
        print(f"错误 / error: {exc.zh} / {exc.en}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a clerk never gets a traceback; COUNTER_APP_DEBUG=1 shows it
        if os.environ.get("COUNTER_APP_DEBUG"):
            raise
        print(f"意外错误，操作未完成 / unexpected error, nothing was done: {type(exc).__name__}: {exc}\n"
              "（设置 COUNTER_APP_DEBUG=1 可查看详情 / set COUNTER_APP_DEBUG=1 for details）", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
