"""The command line as a user runs it: every command has help and is in the README; errors are readable."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from counter_app.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                assert helps.get(name), f"`{' '.join(prefix + (name,))}` has no help text"
                found.append(prefix + (name,))
                found.extend(_commands(sub, prefix + (name,)))
    return found


def test_every_subcommand_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top_level = {cmd[0] for cmd in _commands(build_parser())}
    assert {"run", "demo", "init", "clerk", "audit", "sync", "report", "receipt", "screenshots", "platform"} <= top_level
    for name in top_level:
        assert f"counter-app {name}" in readme, f"README does not mention `counter-app {name}`"


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "counter_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_set_up_a_counter_and_add_clerks_from_the_command_line(tmp_path) -> None:
    assert _cli("init", "--branch", "B001", "--counter", "C02", data_dir=tmp_path).returncode == 0
    added = _cli("clerk", "add", "--id", "1001", "--name", "Wang", "--pin", "1234", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    again = _cli("clerk", "add", "--id", "1001", "--name", "Wang", "--pin", "1234", data_dir=tmp_path)
    assert again.returncode == 2
    assert "已存在" in again.stderr and "Traceback" not in again.stderr
    report = _cli("report", "day", data_dir=tmp_path)
    assert report.returncode == 0 and "日结" in report.stdout


def test_receipt_of_an_unknown_operation_is_a_message_not_a_traceback(tmp_path) -> None:
    _cli("init", "--branch", "B001", "--counter", "C01", data_dir=tmp_path)
    shown = _cli("receipt", "show", "no-such-op", "--png", str(tmp_path / "r.png"), data_dir=tmp_path)
    assert shown.returncode == 2
    assert "不存在" in shown.stderr and "Traceback" not in shown.stderr


def test_an_unexpected_failure_is_one_readable_line_not_a_traceback(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    shown = subprocess.run([sys.executable, "-m", "counter_app", "screenshots", str(blocker / "out")],
                           capture_output=True, text=True, timeout=120, cwd=ROOT,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert shown.returncode == 1
    assert "意外错误" in shown.stderr and "Traceback" not in shown.stderr


def test_platform_commands_run_from_counter_app(tmp_path) -> None:
    db = tmp_path / "platform.sqlite3"
    seeded = subprocess.run([sys.executable, "-m", "counter_app", "platform", "seed", "--db", str(db),
                             "--members", "50", "--orders", "40"], capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    assert seeded.returncode == 0, seeded.stderr
    codes = subprocess.run([sys.executable, "-m", "counter_app", "platform", "codes", "--db", str(db),
                            "--branch", "B001"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert codes.returncode == 0, codes.stderr
    assert re.search(r"\b\d{6}\b", codes.stdout)


def test_offline_rules_and_idle_lock_are_set_from_the_command_line(tmp_path) -> None:
    _cli("init", "--branch", "B001", "--counter", "C01", data_dir=tmp_path)
    assert _cli("settings", "set", "allow_pending_bills", "yes", data_dir=tmp_path).returncode == 0
    assert _cli("settings", "set", "pending_bill_max", "300.00", data_dir=tmp_path).returncode == 0
    assert _cli("settings", "set", "idle_lock_minutes", "10", data_dir=tmp_path).returncode == 0
    refused = _cli("settings", "set", "idle_lock_minutes", "0", data_dir=tmp_path)
    assert refused.returncode == 2 and "整数" in refused.stderr
    from counter_app.bootstrap import Counter

    counter = Counter(tmp_path)
    settings = counter.settings()
    counter.close()
    assert settings["idle_lock_minutes"] == 10
    assert settings["offline_rules"] == {"allow_pending_bills": True, "pending_bill_max_fen": 30_000}
    shown = _cli("settings", "show", data_dir=tmp_path)
    assert "pending_bill_max_fen" in shown.stdout


def test_the_customer_display_on_one_screen_is_turned_on_from_the_command_line(tmp_path) -> None:
    _cli("init", "--branch", "B001", "--counter", "C01", data_dir=tmp_path)
    assert _cli("settings", "set", "customer_display", "yes", data_dir=tmp_path).returncode == 0
    assert "customer_display = True" in _cli("settings", "show", data_dir=tmp_path).stdout
    from counter_app.app.settings import Settings
    from counter_app.bootstrap import Counter

    counter = Counter(tmp_path)
    settings = Settings(counter.settings())
    counter.close()
    assert settings.customer_display
    assert _cli("settings", "set", "customer_display", "maybe", data_dir=tmp_path).returncode == 2
