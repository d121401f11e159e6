"""A real TCP "receipt printer" for tests: a socket server on 127.0.0.1, port 0, in a thread.

It keeps the bytes of each connection as one job (without the status requests, which it counts). It answers
the real-time status requests DLE EOT 2 / DLE EOT 4 and GS r 1 as a printer in ``status`` would ("ready",
"paper_out", "cover_open"; None: never answers). It can drop the line after N bytes (a printer that stops
mid-receipt: out of paper, cover open, power cut) or stop reading after N bytes (a jammed printer; 0: a
printer that accepts the connection and never reads).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from types import TracebackType


class FakePrinter:
    """A network printer on loopback that records each connection's bytes."""

    def __init__(self, *, close_after: int | None = None, stall_after: int | None = None,
                 status: str | None = "ready") -> None:
        self.close_after = close_after
        self.stall_after = stall_after
        self.status = status
        self.jobs: list[bytes] = []
        self.status_requests = 0
        self.connections = 0
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self._server.settimeout(0.05)
        self.host, self.port = self._server.getsockname()
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._thread = threading.Thread(target=self._serve, name="fake-printer", daemon=True)

    def __enter__(self) -> FakePrinter:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop accepting and close everything."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._server.close()

    def wait_for_jobs(self, count: int, timeout: float = 3.0) -> list[bytes]:
        """The first ``count`` jobs, waiting for them to finish."""
        deadline = time.monotonic() + timeout
        with self._done:
            while len(self.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"only {len(self.jobs)} of {count} print jobs arrived")
                self._done.wait(left)
            return list(self.jobs[:count])

    def _serve(self) -> None:
        """Accept connections one at a time, like a single-job printer."""
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            with conn:
                data = self._receive(conn)
            with self._done:
                self.jobs.append(data)
                self._done.notify_all()

    def _receive(self, conn: socket.socket) -> bytes:
        """Read one job until the client closes, or misbehave as configured."""
        conn.settimeout(0.05)
        limit = self.close_after if self.close_after is not None else self.stall_after
        data = bytearray()
        answered: dict[bytes, int] = {}
        while not self._stop.is_set():
            if limit is not None and len(data) >= limit:
                break
            want = 65536 if limit is None else min(65536, limit - len(data))
            try:
                chunk = conn.recv(want)
            except TimeoutError:
                continue
            except OSError:
                return self._job(data)
            if not chunk:
                return self._job(data)
            data += chunk
            answered = self._answer(conn, data, answered)
        if self.close_after is not None:
            # Linger 0: close with a reset, as a printer that loses power or resets does.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif self.stall_after is not None:
            self._stop.wait()  # keep the line open and read nothing, like a jammed printer
        return self._job(data)

    def _answer(self, conn: socket.socket, data: bytearray, answered: dict[bytes, int]) -> dict[bytes, int]:
        """Answer every status request not answered yet, in the order DLE EOT 2, DLE EOT 4, GS r 1."""
        for request in STATUS_ANSWERS:
            count = data.count(request)
            new = count - answered.get(request, 0)
            answer = STATUS_ANSWERS[request].get(self.status) if self.status else None
            if new > 0 and answer is not None:
                try:
                    conn.sendall(bytes([answer]) * new)
                except OSError:
                    pass
            answered[request] = count
        return answered

    def _job(self, data: bytearray) -> bytes:
        """The receipt bytes without the status requests."""
        job = bytes(data)
        for request in STATUS_ANSWERS:
            self.status_requests += job.count(request)
            job = job.replace(request, b"")
        return job


# What each status request gets back from a printer in each state (Epson's bit layout).
STATUS_ANSWERS: dict[bytes, dict[str, int | None]] = {
    b"\x10\x04\x02": {"ready": 0x12, "paper_out": 0x32, "cover_open": 0x16},  # offline cause
    b"\x10\x04\x04": {"ready": 0x12, "paper_out": 0x72, "cover_open": 0x12},  # roll paper sensor
    b"\x1d\x72\x01": {"ready": 0x00, "paper_out": 0x0C, "cover_open": None},  # GS r 1: offline, no answer
}


def closed_port() -> int:
    """A loopback port nobody listens on, so connecting is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
