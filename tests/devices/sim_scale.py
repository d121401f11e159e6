"""A simulated serial scale on a pseudo-terminal: the counter opens the slave side like a real serial port."""

from __future__ import annotations

import os
import pty
import threading
import tty
from types import TracebackType


class SimScale:
    """Continuous mode: writes ``frame`` every ``period_s``. Command mode: answers each ``S`` with ``answer``."""

    def __init__(self, *, mode: str = "continuous", frame: str = "ST,GS,+0001.250kg", answer: str = "S S     1.250 kg",
                 period_s: float = 0.02, silent: bool = False) -> None:
        self.mode = mode
        self.frame = frame
        self.answer = answer
        self.period_s = period_s
        self.silent = silent
        self.master, self._slave = pty.openpty()
        tty.setraw(self._slave)
        self.device = os.ttyname(self._slave)
        self.commands: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> SimScale:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.unplug()

    def unplug(self) -> None:
        """The cable is pulled: the pseudo-terminal goes away."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(2)
        for fd in (self.master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def _run(self) -> None:
        import select

        while not self._stop.is_set():
            if self.mode == "continuous":
                if not self.silent:
                    try:
                        os.write(self.master, (self.frame + "\r\n").encode())
                    except OSError:
                        return
                self._stop.wait(self.period_s)
                continue
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                data = os.read(self.master, 64)
            except OSError:
                return
            self.commands.append(data)
            if b"S" in data and not self.silent:
                os.write(self.master, (self.answer + "\r\n").encode())
