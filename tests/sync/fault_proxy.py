"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1 for the sync tests (threads, standard library only).

Each request gets one action from a seeded random schedule:

* ``pass``: forwarded, answer relayed.
* ``delay``: forwarded after a pause.
* ``drop``: the connection is closed before the request reaches the server.
* ``reset_after``: forwarded (the server applies it!), then the answer is cut with a TCP reset.
* ``truncate_after``: forwarded, then only part of the answer's body is relayed before closing.
* ``lost_after_503``: forwarded (applied), but the client gets a 503 instead of the answer.
* ``status_500`` / ``status_503`` / ``status_429``: answered by the proxy without forwarding (429 with
  ``Retry-After``).

Requests are forwarded with ``Connection: close`` and every client connection is closed after one answer,
so each request is one decision.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter as Tally
from dataclasses import dataclass, field

ACTIONS = ("pass", "delay", "drop", "reset_after", "truncate_after", "lost_after_503", "status_500", "status_503",
           "status_429")


@dataclass
class Schedule:
    """Weights of each action and a seed; ``forced`` overrides them all (e.g. "drop" for an outage)."""

    weights: dict[str, float] = field(default_factory=lambda: {"pass": 1.0})
    seed: int = 1
    forced: str | None = None
    retry_after: str = "0"
    max_delay_s: float = 0.2
    # Deal each weighted action once (in a seeded order) before drawing at random, so that a run always meets
    # every kind of fault however few requests the timing of the threads happens to make.
    cover_each_first: bool = False
    # Actions dealt first, in this order, before ``forced`` and the weights (e.g. ["status_429"]).
    script: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self._prelude = [n for n in self.weights if self.weights[n] > 0] if self.cover_each_first else []
        self._rng.shuffle(self._prelude)

    def next(self) -> tuple[str, float]:
        with self._lock:
            if self.script:
                return self.script.pop(0), 0.0
            if self.forced:
                return self.forced, 0.0
            if self._prelude:
                return self._prelude.pop(), self._rng.random()
            names = list(self.weights)
            action = self._rng.choices(names, weights=[self.weights[n] for n in names])[0]
            return action, self._rng.random()


def _read_request(conn: socket.socket) -> bytes | None:
    """One HTTP request (headers + Content-Length body) from the client, or None if it went away."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join(lines) + b"\r\nConnection: close\r\n\r\n" + body


def _canned(status: int, reason: str, extra: str = "") -> bytes:
    body = ('{"error":{"code":"proxy_%d","message":"injected %d","request_id":"proxy"}}' % (status, status)).encode()
    return (f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"{extra}Connection: close\r\n\r\n").encode() + body


class FaultProxy:
    """``FaultProxy(upstream_port, schedule).start()``; ``url`` is what the client uses."""

    def __init__(self, upstream_port: int, schedule: Schedule | None = None) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.schedule = schedule or Schedule()
        self.tally: Tally[str] = Tally()
        # (time.monotonic() on arrival, request line, operations in a batch body or 0, action)
        self.log: list[tuple[float, str, int, str]] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(128)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._tally_lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        try:
            self._listener.close()
        except OSError:
            pass
        if self._thread:
            self._thread.join(5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        self._listener.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _count(self, action: str) -> None:
        with self._tally_lock:
            self.tally[action] += 1

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as up:
            up.sendall(request)
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(30)
            request = _read_request(conn)
            if request is None:
                return
            arrived = time.monotonic()
            action, fraction = self.schedule.next()
            self._count(action)
            with self._tally_lock:
                self.log.append((arrived, request.split(b"\r\n", 1)[0].decode("latin-1"),
                                 request.count(b'"op_id"'), action))
            if action == "drop":
                return
            if action == "status_500":
                conn.sendall(_canned(500, "Internal Server Error"))
                return
            if action == "status_503":
                conn.sendall(_canned(503, "Service Unavailable"))
                return
            if action == "status_429":
                conn.sendall(_canned(429, "Too Many Requests", f"Retry-After: {self.schedule.retry_after}\r\n"))
                return
            if action == "delay":
                time.sleep(fraction * self.schedule.max_delay_s)
            try:
                answer = self._forward(request)
            except OSError:
                return  # upstream down: the client sees its connection closed
            if action == "reset_after":
                conn.sendall(answer[: int(len(answer) * fraction)])
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            if action == "truncate_after":
                head, sep, body = answer.partition(b"\r\n\r\n")
                conn.sendall(head + sep + body[: int(len(body) * fraction * 0.9)])
                return
            if action == "lost_after_503":
                conn.sendall(_canned(503, "Service Unavailable"))
                return
            conn.sendall(answer)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass
