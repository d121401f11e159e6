"""The real-window smoke test's driver (run by scripts/smoke_x11.sh, which installs what it needs first).

Starts Xvfb at 1366x768x24 with NO window manager, the demo (reference platform + counter window) on it, and
drives a short morning by synthetic key events through the X server (xdotool): log in 1001/1234, open the
shift with a float, a sale with cash and change, a points make-up on F4, a pickup, F5's totals and books,
lock and unlock, the sync screen and the books dialog. A screenshot after each step
goes to the output folder (artifacts/smoke/ by default). Each step waits for its visible effect in the app's
trace ($COUNTER_APP_UI_TRACE, counter_app/ui/trace.py): a key that does nothing fails the run, as do an
error box, an error message on a screen, a window wider than the screen or a run over its time budget.
Exit 0 when the morning went through; 1 with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCREEN_W, SCREEN_H = 1366, 768
BUDGET_S = 170.0  # the whole run, start to end (the CI step allows 3 minutes)
STEP_S = 20.0  # one step's visible effect
TITLE = "邮政营业柜台"


class SmokeFailure(Exception):
    pass


class Smoke:
    def __init__(self, out: Path, display: str) -> None:
        self.out = out
        self.display = display
        self.started = time.monotonic()
        self.trace_path = out / "trace.jsonl"
        self.data = Path(tempfile.mkdtemp(prefix="counter-smoke-"))
        self.env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        self.env.update(DISPLAY=display, COUNTER_APP_UI_TRACE=str(self.trace_path), LANG="C.UTF-8",
                        COUNTER_APP_QM_DIR=str(self.data / "qm"))
        self.read = 0  # trace events already looked at by a step
        self.shots = 0
        self.xvfb: subprocess.Popen[bytes] | None = None
        self.app: subprocess.Popen[bytes] | None = None

    # -- the X server and the app ------------------------------------------------------------------------

    def start(self) -> None:
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{SCREEN_W}x{SCREEN_H}x24",
                                      "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait(lambda: subprocess.run(["xdpyinfo", "-display", self.display], capture_output=True).returncode == 0,
                  "the X server did not start", 15)
        log = open(self.out / "app.log", "wb")
        self.app = subprocess.Popen([str(ROOT / ".venv" / "bin" / "counter-app"), "demo", "--data-dir",
                                     str(self.data / "demo")], env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                    cwd=ROOT, start_new_session=True)

    def stop(self) -> None:
        for proc in (self.app, self.xvfb):
            if proc is not None and proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM) if proc is self.app else proc.terminate()
                    proc.wait(10)
                except (subprocess.TimeoutExpired, ProcessLookupError):
                    proc.kill()
        shutil.rmtree(self.data, ignore_errors=True)

    # -- looking ---------------------------------------------------------------------------------------

    def events(self) -> list[dict[str, Any]]:
        try:
            lines = self.trace_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

    def wait(self, ready: Callable[[], Any], what: str, timeout: float = STEP_S) -> Any:
        ends = min(time.monotonic() + timeout, self.started + BUDGET_S)
        while True:
            value = ready()
            if value:
                return value
            if self.app is not None and self.app.poll() is not None:
                raise SmokeFailure(f"{what}: the app exited with {self.app.returncode} (see app.log)")
            if time.monotonic() > ends:
                raise SmokeFailure(what + (" (the run's time budget is spent)" if time.monotonic() >
                                           self.started + BUDGET_S else ""))
            time.sleep(0.1)

    def expect(self, what: str, match: Callable[[dict[str, Any]], bool], timeout: float = STEP_S) -> dict[str, Any]:
        """Wait for a new trace event that ``match``es; every new event is checked for errors on the way."""

        def found() -> dict[str, Any] | None:
            events = self.events()
            for index in range(self.read, len(events)):
                event = events[index]
                self.check_event(event)
                self.read = index + 1
                if match(event):
                    return event
            return None

        return self.wait(found, f"no visible effect: {what}", timeout)

    def check_event(self, event: dict[str, Any]) -> None:
        if event["event"] == "shown" and event.get("icon") in ("Warning", "Critical"):
            raise SmokeFailure(f"an error box: {event.get('title')!r} {event.get('text')!r}")
        if event["event"] == "message" and not event.get("ok"):
            raise SmokeFailure(f"an error on {event.get('workspace')}: {event.get('text')!r}")
        if event["event"] == "shown" and event.get("width", 0) > SCREEN_W:
            raise SmokeFailure(f"{event.get('cls')} shown {event['width']} px wide on a {SCREEN_W} px screen")

    def xdo(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=15)
        return done.stdout.strip() if done.returncode == 0 else ""

    def check_geometry(self) -> None:
        """Every visible window with our title fits the screen (as the X server has it)."""
        for wid in self.xdo("search", "--onlyvisible", "--name", TITLE).split():
            geometry = self.xdo("getwindowgeometry", "--shell", wid)
            facts = dict(line.split("=", 1) for line in geometry.splitlines() if "=" in line)
            width, height = int(facts.get("WIDTH", 0)), int(facts.get("HEIGHT", 0))
            if width > SCREEN_W:
                raise SmokeFailure(f"the window is {width} px wide on a {SCREEN_W} px screen")
            if height > SCREEN_H:  # its bottom rows (the hints, 找零) would be off screen
                raise SmokeFailure(f"the window is {height} px tall on a {SCREEN_H} px screen")

    def shot(self, name: str) -> None:
        self.shots += 1
        path = self.out / f"{self.shots:02d}-{name}.png"
        subprocess.run(["import", "-display", self.display, "-window", "root", str(path)], env=self.env,
                       capture_output=True, timeout=30)
        self.check_geometry()
        print(f"  {path.name}", flush=True)

    # -- doing -----------------------------------------------------------------------------------------

    def key(self, *keys: str) -> None:
        self.xdo("key", "--delay", "60", *keys)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "40", text)

    def journal_kinds(self) -> list[str]:
        db = self.data / "demo" / "counter" / "counter.sqlite3"
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return [kind for (kind,) in conn.execute("SELECT kind FROM journal ORDER BY seq")]
        finally:
            conn.close()

    def product(self) -> tuple[str, str, int]:
        """A product the clerk scans: one with a barcode of its own, under 50 yuan, that earns points (the
        counter's catalogue)."""
        conn = sqlite3.connect(f"file:{self.data / 'demo' / 'counter' / 'counter.sqlite3'}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT barcode, name, price_fen FROM catalog WHERE active = 1 AND barcode <> '' "
                               "AND points_eligible = 1 "
                               "AND price_fen BETWEEN 100 AND 5000 AND barcode IN (SELECT barcode FROM catalog "
                               "GROUP BY barcode HAVING COUNT(*) = 1) ORDER BY sku LIMIT 1").fetchone()
        finally:
            conn.close()
        if row is None:
            raise SmokeFailure("the demo catalogue has no product to sell")
        return str(row[0]), str(row[1]), int(row[2])

    def last_order_no(self) -> str:
        """The number of the sale just made (the receipt the customer brings back)."""
        conn = sqlite3.connect(f"file:{self.data / 'demo' / 'counter' / 'counter.sqlite3'}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT order_no FROM orders ORDER BY created_at DESC, order_no DESC LIMIT 1").fetchone()
        finally:
            conn.close()
        if row is None:
            raise SmokeFailure("the sale left no order")
        return str(row[0])

    def member_phone(self) -> str:
        """The first member phone the demo printed ("会员手机 member phones: 138... (1200 分), ...")."""
        for line in (self.out / "app.log").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("会员手机"):
                return line.split(":", 1)[1].split()[0]
        raise SmokeFailure("the demo printed no member phone")

    def pickup_code(self) -> str:
        """The first pickup code the demo printed ("提货码 pickup codes: 925302 (PO...), ...")."""
        for line in (self.out / "app.log").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("提货码"):
                return line.split(":", 1)[1].split()[0]
        raise SmokeFailure("the demo printed no pickup code")

    def kinds_include(self, kind: str, count: int = 1) -> bool:
        try:
            return self.journal_kinds().count(kind) >= count
        except sqlite3.Error:
            return False


def morning(s: Smoke) -> None:
    def step(text: str) -> None:
        print(f"[{time.monotonic() - s.started:5.1f}s] {text}", flush=True)

    step("the demo starts: the login window")
    s.expect("the login window", lambda e: e["event"] == "shown" and e["cls"] == "LoginWindow", 90)
    time.sleep(0.5)
    s.xdo("mousemove", str(SCREEN_W - 1), str(SCREEN_H - 1))  # the pointer out of the way
    s.shot("login")

    step("log in 1001 / 1234")
    s.type("1001")
    s.key("Return")
    s.type("1234")
    s.key("Return")
    s.expect("the main window after logging in", lambda e: e["event"] == "shown" and e["cls"] == "MainWindow")
    s.expect("the open-shift dialog", lambda e: e["event"] == "shown" and e["cls"] == "OpenShiftDialog")
    time.sleep(0.3)
    s.shot("open-shift")

    step("open the shift with a float of 500.00")
    s.type("500")
    s.key("Return")
    s.expect("the shift opened", lambda e: e["event"] == "shift" and e.get("open"))
    s.expect("the open-shift dialog closed", lambda e: e["event"] == "hidden" and e["cls"] == "OpenShiftDialog")
    time.sleep(0.5)
    s.shot("shift-open")

    barcode, name, price_fen = s.product()
    cash_yuan = price_fen // 1000 * 10 + 10  # the next ten yuan up: there is change to give
    step(f"F2: a sale of {name} ({price_fen / 100:.2f}), {cash_yuan}.00 cash, "
         f"{(cash_yuan * 100 - price_fen) / 100:.2f} change")
    s.key("F2")
    s.expect("F2 shows the sale screen", lambda e: e["event"] == "workspace" and e["key"] == "sale")
    s.type(barcode)
    s.key("Return")
    time.sleep(0.8)
    s.shot("sale-cart")
    s.key("alt+c")
    s.type(str(cash_yuan))
    time.sleep(0.3)
    s.shot("sale-cash")
    s.key("Return")
    s.expect("the sale paid", lambda e: e["event"] == "message" and e.get("workspace") == "sale" and e.get("ok"))
    s.wait(lambda: s.kinds_include("counter_order"), "the sale is not in the journal")
    time.sleep(0.5)
    s.shot("sale-paid")

    order_no = s.last_order_no()
    step(f"F4: the customer shows the member card afterwards: 补录 of {order_no} by its last 4 digits")
    s.key("F4")
    s.expect("F4 shows the member screen", lambda e: e["event"] == "workspace" and e["key"] == "member")
    s.type(s.member_phone())
    s.key("Return")
    time.sleep(2.0)  # the look-up asks the platform first
    s.key("alt+o")
    s.expect("Alt+O takes the clerk to the order field",
             lambda e: e["event"] == "message" and e.get("workspace") == "member" and e.get("ok"))
    s.type(order_no[-4:])
    s.key("Return")
    s.expect("the points made up", lambda e: e["event"] == "message" and e.get("workspace") == "member"
             and "已补录" in e.get("text", ""))
    s.wait(lambda: s.kinds_include("points_accrual"), "the make-up is not in the journal")
    time.sleep(0.5)
    s.shot("member-makeup")

    code = s.pickup_code()
    step(f"F1: the demo pickup {code} handed over")
    s.key("F1")
    s.expect("F1 shows the pickup screen", lambda e: e["event"] == "workspace" and e["key"] == "pickup")
    s.type(code)
    s.key("Return")
    s.expect("the pickup found", lambda e: e["event"] == "message" and e.get("workspace") == "pickup")
    time.sleep(0.3)
    s.shot("pickup-found")
    s.key("ctrl+Return")
    s.expect("the pickup handed over", lambda e: e["event"] == "message" and e.get("workspace") == "pickup"
             and "提货完成" in e.get("text", ""))
    s.wait(lambda: s.kinds_include("pickup_collected"), "the pickup is not in the journal")
    time.sleep(0.5)
    s.shot("pickup-done")

    step("F5: the day's totals with every payment method, Alt+Z the X/Z books, Alt+H the totals again")
    s.key("F5")
    s.expect("F5 shows the report screen", lambda e: e["event"] == "workspace" and e["key"] == "report")
    time.sleep(0.8)
    s.shot("report-totals")
    s.key("alt+z")
    s.expect("Alt+Z shows the X/Z books", lambda e: e["event"] == "view" and e.get("view") == 2)
    time.sleep(0.5)
    s.shot("report-books")
    s.key("alt+h")
    s.expect("Alt+H shows the totals again", lambda e: e["event"] == "view" and e.get("view") == 0)

    step("F11: lock, then unlock with the PIN")
    s.key("F11")
    s.expect("F11 locks the counter", lambda e: e["event"] == "locked")
    time.sleep(0.5)
    s.shot("locked")
    s.type("1234")
    s.key("Return")
    s.expect("the PIN unlocks", lambda e: e["event"] == "unlocked")
    s.key("F6")  # a function key right after the lock screen: the keyboard is the window's
    s.expect("F6 after unlocking shows the sync screen", lambda e: e["event"] == "workspace" and e["key"] == "sync")
    time.sleep(0.8)
    s.shot("sync")

    step("Ctrl+Shift+B opens 尾箱与轧帐, Esc closes it: F2 works at once (no window manager)")
    s.key("ctrl+shift+b")
    s.expect("Ctrl+Shift+B opens 尾箱与轧帐", lambda e: e["event"] == "shown" and e["cls"] == "BooksDialog")
    time.sleep(1.0)
    s.shot("books")
    s.key("Escape")
    s.expect("Esc closes 尾箱与轧帐", lambda e: e["event"] == "hidden" and e["cls"] == "BooksDialog")
    time.sleep(0.3)
    s.key("F2")
    s.expect("F2 after a dialog shows the sale screen", lambda e: e["event"] == "workspace" and e["key"] == "sale")
    time.sleep(0.5)
    s.shot("after-dialog")
    time.sleep(0.5)
    for event in s.events()[s.read:]:
        s.check_event(event)


def main() -> int:
    out = Path(os.environ.get("COUNTER_APP_SMOKE_DIR", ROOT / "artifacts" / "smoke"))
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    smoke = Smoke(out, os.environ.get("SMOKE_DISPLAY", ":99"))
    try:
        smoke.start()
        morning(smoke)
    except (SmokeFailure, OSError, sqlite3.Error, subprocess.SubprocessError) as failure:
        try:
            smoke.shot("failure")
        except Exception:  # noqa: BLE001 - the failure is what to report
            pass
        print(f"SMOKE FAILED: {failure}", file=sys.stderr, flush=True)
        return 1
    finally:
        smoke.stop()
    print(f"smoke passed in {time.monotonic() - smoke.started:.1f} s; screenshots in {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
