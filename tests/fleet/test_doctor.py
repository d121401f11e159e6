"""`counter-app doctor`: an enrolled counter with a live platform and a listening network printer is
healthy; a dead printer, a tampered journal and an unconfigured PC each come out as a finding with what
to do in Chinese and English, never a traceback."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.sync.enrolment import enrol
from platform_sim.admin import issue_enrolment_code
from tests.conftest import CLERK
from tests.fleet.conftest import cli


def _lines(out: str, check: str) -> str:
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if f"] {check}" in line)
    return "\n".join(lines[i:i + 3])


def test_doctor_reports_each_check_with_what_to_do(platform, tmp_path: Path) -> None:
    printer = socket.socket()
    printer.bind(("127.0.0.1", 0))
    printer.listen()
    port = printer.getsockname()[1]
    data = tmp_path / "c"
    counter = Counter(data)
    counter.configure(branch_id="B001", counter_id="C71",
                      printer={"kind": "network", "host": "127.0.0.1", "port": port})
    counter.add_clerk(*CLERK)
    enrol(counter, platform_url=platform.base_url, enrolment_code=issue_enrolment_code(platform.db_path, "B001"))
    counter.close()

    healthy = cli("doctor", data_dir=data)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    for check in ("数据库 database", "流水 journal", "平台 platform", "时钟 clock", "小票打印机 receipt printer",
                  "电子秤 scale", "磁盘 disk"):
        assert f"[正常 OK  ] {check}" in healthy.stdout, (check, healthy.stdout)

    printer.close()
    dead = cli("doctor", data_dir=data)
    assert dead.returncode == 1
    finding = _lines(dead.stdout, "小票打印机 receipt printer")
    assert "故障 FAIL" in finding and "检查打印机" in finding and "Check the printer" in finding
    assert "Traceback" not in dead.stderr

    fresh = cli("doctor", data_dir=tmp_path / "fresh")
    assert "[注意 WARN] 平台 platform" in fresh.stdout and "counter-app init" in fresh.stdout


def test_doctor_finds_a_tampered_journal(tmp_path: Path) -> None:
    from counter_app.domain import services
    from counter_app.domain.commands import OpenShift

    data = tmp_path / "c"
    counter = Counter(data)
    counter.configure(branch_id="B001", counter_id="C72")
    counter.add_clerk(*CLERK)
    counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))
    counter.close()
    conn = sqlite3.connect(data / "counter.sqlite3")
    conn.execute("UPDATE journal SET amount_fen = amount_fen + 1")
    conn.commit()
    conn.close()
    shown = cli("doctor", data_dir=data)
    assert shown.returncode == 1
    finding = _lines(shown.stdout, "流水 journal")
    assert "故障 FAIL" in finding and "联系技术支持" in finding and "call support" in finding
