"""The fleet's commands (``config show/check``, ``backup``, ``restore``, ``doctor``) and the first-start hook
that applies the configuration file; registered on the ``counter-app`` parser by ``add_fleet_parsers``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def first_start(args: argparse.Namespace) -> None:
    """Apply the configuration file (flag, variable or system-wide) if this counter is not set up yet."""
    from counter_app.app.config import apply_config, find_config, load_config

    path, _how = find_config(getattr(args, "config", None))
    if path is None:
        return
    config = load_config(path)
    from counter_app.bootstrap import Counter

    from counter_app.domain.errors import PlatformError, Refused

    counter = Counter(args.data_dir)
    try:
        if apply_config(counter, config):
            print(f"已按配置文件设置本柜台 / counter set up from {path}")
    except (PlatformError, Refused) as exc:  # offline-first: the counter works; enrolment is tried next start
        print(f"平台开通未完成，下次启动时重试 / enrolment not done, tried again at the next start: {exc.zh} / {exc.en}",
              file=sys.stderr)
    finally:
        counter.close()
    if "language" in config.values and getattr(args, "lang_from_flag", False) is False:
        args.lang = config.values["language"]


def cmd_config_show(args: argparse.Namespace) -> int:
    from counter_app.app.config import effective_settings, find_config, load_config
    from counter_app.bootstrap import Counter

    path, how = find_config(getattr(args, "config", None))
    config = load_config(path) if path is not None else None
    print(f"配置文件 / configuration file: {path} ({how})" if path else
          "配置文件 / configuration file: 无 none (--config, $COUNTER_APP_CONFIG, system-wide)")
    counter = Counter(args.data_dir)
    try:
        print(f"数据目录 / data directory: {counter.data_dir}")
        for key, value, source in effective_settings(counter, config):
            print(f"{key} = {value}    ← {source}")
    finally:
        counter.close()
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    from counter_app.app.config import check_config

    config, problems = check_config(args.file)
    if config is None:
        print(f"配置文件有误 / configuration file NOT valid: {args.file}")
        for problem in problems:
            print(f"  - {problem.line()}")
        return 1
    print(f"配置文件有效 / configuration file valid: {args.file} ({len(config.values)} settings)")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from counter_app.app.backup import backup

    path = backup(args.data_dir, args.file)
    print(f"备份完成 / backup written: {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from datetime import date

    from counter_app.app.backup import restore

    done = restore(args.data_dir, args.file, today=date.today(), force=args.force)
    print(f"恢复完成，流水校验通过 / restored, journal verified: {done.entries} entries, {done.pending} waiting to be sent")
    from counter_app.app.backup import RESTORE_ORDER_GAP

    print(f"  订单号跳过 {RESTORE_ORDER_GAP} 个 / daily order numbers skip {RESTORE_ORDER_GAP} on: "
          f"{', '.join(done.floor_dates)}")
    print(f"  备份中的运单号段已停用（{done.numbers_retired} 个未用号码），联网同步后领取新号段 / the backup's tracking "
          f"number blocks are retired ({done.numbers_retired} unused numbers); new blocks come with the next sync")
    if done.previous_copy:
        print(f"  原数据已另存 / the previous data was kept in: {done.previous_copy}")
    print("  下一步 / next: counter-app sync --once（已上传过的业务平台按业务号去重 / the platform skips what it has）")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from counter_app.app.doctor import run_doctor

    findings = run_doctor(args.data_dir)
    for finding in findings:
        for line in finding.lines():
            print(line)
    failed = sum(1 for f in findings if f.level == "fail")
    print(f"检查完成 / checked: {len(findings)} items, {failed} failed")
    return 1 if failed else 0


EXIT_UNSENT = 10


def cmd_pending(args: argparse.Namespace) -> int:
    from counter_app.bootstrap import Counter
    from counter_app.store.backup import unsent_operations

    counter = Counter(args.data_dir)
    try:
        unsent = unsent_operations(counter.store)
    finally:
        counter.close()
    if not args.quiet:
        print(f"待上传 / waiting to be sent: {unsent} ({counter.data_dir})")
    return EXIT_UNSENT if unsent else 0


def add_fleet_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the fleet's subcommands."""
    p = sub.add_parser("config", parents=[common], help="the unattended configuration file (TOML): show, check")
    config_sub = p.add_subparsers(title="config commands", metavar="ACTION", required=True)
    q = config_sub.add_parser("show", parents=[common],
                              help="print the effective settings and where each came from (no secrets)")
    q.set_defaults(handler=cmd_config_show)
    q = config_sub.add_parser("check", parents=[common], help="validate a configuration file (errors in Chinese and English)")
    q.add_argument("file", type=Path, help="the TOML file")
    q.set_defaults(handler=cmd_config_check)

    p = sub.add_parser("doctor", parents=[common],
                       help="check the database, journal, platform link and clock, printers, scale and disk; "
                            "says what to do in Chinese and English (exit 1 when something failed)")
    p.set_defaults(handler=cmd_doctor)

    p = sub.add_parser("pending", parents=[common],
                       help=f"how many operations wait to be sent (exit 0: none, {EXIT_UNSENT}: some); "
                            "the uninstaller asks it before removing the app")
    p.add_argument("--quiet", action="store_true", help="print nothing, only the exit code (for the uninstaller)")
    p.set_defaults(handler=cmd_pending)

    p = sub.add_parser("backup", parents=[common],
                       help="write a consistent copy of the database to FILE (safe while the app runs)")
    p.add_argument("file", type=Path, help="the backup file to write")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", parents=[common],
                       help="replace this counter's database with a verified backup of the same counter "
                            "(the app must be closed)")
    p.add_argument("file", type=Path, help="the backup file")
    p.add_argument("--force", action="store_true",
                   help="overwrite even though this machine holds operations not yet sent")
    p.set_defaults(handler=cmd_restore)
