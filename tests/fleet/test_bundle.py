"""The one-folder build (PyInstaller, installer/counter-app.spec) and its Debian package: built, copied to a
folder outside the source tree, and started there: it answers --version, runs doctor and renders the login
window offscreen. Slow (a full build): only with ``-m bundle``, CI's own step (docs/fleet.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from counter_app import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.bundle


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest) -> Path:
    if "bundle" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("builds the bundle: run with -m bundle")
    done = subprocess.run(["bash", "installer/build.sh", "--deb"], cwd=ROOT, capture_output=True, text=True,
                          timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return ROOT / "installer" / "dist"


def _env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: no source tree on the path, no virtual environment, offscreen Qt."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    return {**keep, "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
            "COUNTER_APP_LOG_DIR": str(tmp_path / "logs")}


def _run(binary: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(binary), *args], cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True,
                          timeout=300)


def test_the_bundle_runs_from_a_folder_outside_the_source_tree(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "opt" / "counter-app"
    shutil.copytree(built / "counter-app", folder, symlinks=True)
    binary = folder / "counter-app"

    version = _run(binary, "--version", tmp_path=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"counter_app {__version__}"

    doctor = _run(binary, "--data-dir", str(tmp_path / "data"), "doctor", tmp_path=tmp_path)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "[正常 OK  ] 数据库 database" in doctor.stdout and "[正常 OK  ] 流水 journal" in doctor.stdout

    shots = _run(binary, "screenshots", str(tmp_path / "shots"), tmp_path=tmp_path)
    assert shots.returncode == 0, shots.stdout + shots.stderr
    login = tmp_path / "shots" / "01-login.png"
    assert login.is_file() and login.stat().st_size > 10_000
    assert str(ROOT) not in shots.stdout + shots.stderr


def test_the_deb_holds_the_bundle_the_desktop_entry_and_icon(built: Path, tmp_path: Path) -> None:
    debs = sorted(built.glob(f"counter-app_{__version__}_*.deb"))
    assert debs, "no .deb built"
    listing = subprocess.run(["dpkg-deb", "-c", str(debs[-1])], capture_output=True, text=True, check=True).stdout
    for entry in ("./opt/counter-app/counter-app", "./usr/share/applications/counter-app.desktop",
                  "./usr/share/icons/hicolor/256x256/apps/counter-app.png", "./usr/bin/counter-app"):
        assert entry in listing, entry
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(root)], check=True)
    version = _run(root / "opt" / "counter-app" / "counter-app", "--version", tmp_path=tmp_path)
    assert version.returncode == 0 and __version__ in version.stdout
    desktop = (root / "usr/share/applications/counter-app.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/counter-app/counter-app run" in desktop and "Icon=counter-app" in desktop
