"""`counter-app pending --quiet`, as the Windows uninstaller runs it: nothing printed, exit 0 when nothing
waits to be sent and 10 while an operation does."""

from __future__ import annotations

from pathlib import Path

from counter_app.bootstrap import Counter
from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from tests.conftest import CLERK
from tests.fleet.conftest import cli


def test_pending_quiet_answers_by_exit_code_alone(tmp_path: Path) -> None:
    data = tmp_path / "counter"
    counter = Counter(data)
    counter.configure(branch_id="B001", counter_id="C45")
    counter.add_clerk(*CLERK)
    counter.close()
    empty = cli("pending", "--quiet", data_dir=data)
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, "", "")

    counter = Counter(data)
    counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))  # queued for the platform
    counter.close()
    waiting = cli("pending", "--quiet", data_dir=data)
    assert (waiting.returncode, waiting.stdout) == (10, "")
    loud = cli("pending", data_dir=data)
    assert loud.returncode == 10 and "待上传" in loud.stdout
