"""Unattended configuration: a TOML file sets a counter up and enrols it at first start; `config check`
explains a bad file in Chinese and English; `config show` says where each setting came from, no secrets."""

from __future__ import annotations

from pathlib import Path

from counter_app.bootstrap import Counter
from platform_sim.admin import issue_enrolment_code
from tests.fleet.conftest import cli

GOOD = """
[counter]
branch = "B001"
counter = "C31"

[platform]
url = "{url}"
enrolment_code = "{code}"

[printers.receipt]
kind = "file"
file_path = "{receipts}"
paper_mm = 58

[printers.label]
kind = "network"
host = "127.0.0.1"
port = 9101

[scale]
kind = "serial"
device = "/dev/ttyUSB0"

[ui]
language = "en"
idle_lock_minutes = 3
"""


def test_a_toml_file_configures_and_enrols_a_counter_at_first_start(platform, tmp_path: Path) -> None:
    code = issue_enrolment_code(platform.db_path, "B001")
    config = tmp_path / "config.toml"
    config.write_text(GOOD.format(url=platform.base_url, code=code, receipts=tmp_path / "r.escpos"), encoding="utf-8")
    data = tmp_path / "counter"

    first = cli("sync", "--once", data_dir=data, env={"COUNTER_APP_CONFIG": str(config)})
    assert first.returncode == 0, first.stdout + first.stderr
    assert "counter set up from" in first.stdout

    counter = Counter(data)
    try:
        stored = counter.settings()
    finally:
        counter.close()
    assert (stored["branch_id"], stored["counter_id"]) == ("B001", "C31")
    assert stored["token"] and stored["device_id"] and stored["platform_url"] == platform.base_url
    assert stored["printer"]["kind"] == "file" and stored["printer"]["paper_mm"] == 58
    assert stored["label_printer"]["port"] == 9101 and stored["scale"]["device"] == "/dev/ttyUSB0"
    assert stored["idle_lock_minutes"] == 3 and stored["language"] == "en"
    assert "enrolment_code" not in stored

    # A second start neither enrols again (the code is spent) nor overrides a setting changed at the counter.
    assert cli("settings", "set", "idle_lock_minutes", "9", data_dir=data).returncode == 0
    again = cli("--config", str(config), "sync", "--once", data_dir=data)
    assert again.returncode == 0, again.stdout + again.stderr

    shown = cli("--config", str(config), "config", "show", data_dir=data)
    assert shown.returncode == 0, shown.stderr
    assert code not in shown.stdout and stored["token"] not in shown.stdout
    lines = {line.split(" = ")[0]: line for line in shown.stdout.splitlines() if " = " in line}
    assert "config file" in lines["branch_id"] and str(config) in lines["branch_id"]
    assert lines["idle_lock_minutes"].startswith("idle_lock_minutes = 9") and "local database" in lines["idle_lock_minutes"]
    assert "******" in lines["token"]


def test_config_check_names_each_problem_in_chinese_and_english(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[counter]\nbranch = "B001"\ncolour = "red"\n[platform]\nurl = "ftp://x"\n'
                   '[printers.receipt]\nkind = "network"\npaper_mm = 70\n[ui]\nidle_lock_minutes = "five"\n'
                   '[extra]\na = 1\n', encoding="utf-8")
    checked = cli("config", "check", str(bad), data_dir=tmp_path / "d")
    assert checked.returncode == 1
    out = checked.stdout
    for where, zh, en in [("counter.counter", "必填", "Required"), ("counter.colour", "未知的配置项", "Unknown key"),
                          ("platform.url", "http://", "starts with"), ("platform.enrolment_code", "开通码", "enrolment code"),
                          ("printers.receipt.paper_mm", "纸宽", "paper"), ("ui.idle_lock_minutes", "类型错误", "Wrong type"),
                          ("extra", "未知的配置节", "Unknown section")]:
        line = next((line for line in out.splitlines() if f"[{where}]" in line), "")
        assert zh in line and en in line, (where, out)
    assert "Traceback" not in checked.stderr

    broken = tmp_path / "broken.toml"
    broken.write_text("[counter\nbranch = B001\n", encoding="utf-8")
    checked = cli("config", "check", str(broken), data_dir=tmp_path / "d")
    assert checked.returncode == 1 and "TOML" in checked.stdout and "line 1" in checked.stdout

    good = tmp_path / "good.toml"
    good.write_text('[counter]\nbranch = "B001"\ncounter = "C01"\n', encoding="utf-8")
    assert cli("config", "check", str(good), data_dir=tmp_path / "d").returncode == 0


def test_an_invalid_configuration_stops_the_first_start_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[counter]\nbranch = "B001"\n', encoding="utf-8")
    started = cli("--config", str(bad), "sync", "--once", data_dir=tmp_path / "d")
    assert started.returncode == 2
    assert "配置文件有误" in started.stderr and "Traceback" not in started.stderr


def test_a_platform_down_at_first_start_sets_the_counter_up_and_enrols_at_the_next(platform, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    code = issue_enrolment_code(platform.db_path, "B001")
    config = tmp_path / "config.toml"
    body = '[counter]\nbranch = "B001"\ncounter = "C32"\n[platform]\nurl = "{url}"\nenrolment_code = "{code}"\n'
    config.write_text(body.format(url=f"http://127.0.0.1:{dead_port}", code=code), encoding="utf-8")
    data = tmp_path / "counter"
    first = cli("--config", str(config), "sync", "--once", data_dir=data)
    assert first.returncode == 3, first.stdout + first.stderr  # set up, not enrolled: sync says so
    assert "下次启动时重试" in first.stderr and "Traceback" not in first.stderr

    config.write_text(body.format(url=platform.base_url, code=code), encoding="utf-8")
    second = cli("--config", str(config), "sync", "--once", data_dir=data)
    assert second.returncode == 0, second.stdout + second.stderr


def test_the_config_file_turns_the_customer_display_on_with_a_toml_boolean(tmp_path: Path) -> None:
    from counter_app.app.config import apply_config, check_config
    from counter_app.app.settings import Settings

    base = '[counter]\nbranch = "B001"\ncounter = "C01"\n[ui]\n'
    on = tmp_path / "on.toml"
    on.write_text(base + "customer_display = true\n", encoding="utf-8")
    assert cli("config", "check", str(on), data_dir=tmp_path / "d").returncode == 0
    config, problems = check_config(on)
    assert problems == [] and config is not None and config.values["customer_display"] is True
    counter = Counter(tmp_path / "c")
    try:
        apply_config(counter, config)
        assert Settings(counter.settings()).customer_display
    finally:
        counter.close()

    off = tmp_path / "off.toml"
    off.write_text(base + 'customer_display = "no"\n', encoding="utf-8")  # as `settings set` takes it
    config, problems = check_config(off)
    assert problems == [] and config is not None and config.values["customer_display"] is False

    bad = tmp_path / "bad.toml"
    bad.write_text(base + "customer_display = 1\nidle_lock_minutes = true\n", encoding="utf-8")
    _, problems = check_config(bad)
    assert sorted(p.where for p in problems) == ["ui.customer_display", "ui.idle_lock_minutes"]
    assert all("类型错误" in p.zh for p in problems) and "true or false" in problems[0].en + problems[1].en
