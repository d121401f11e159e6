"""The client never crashes on a bad reply, never switches TLS verification off, never leaks its token."""

from __future__ import annotations

import json
import logging
import shutil
import ssl
import subprocess
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints
from counter_app.domain.errors import PlatformError
from counter_app.sync import attach_sync
from counter_app.sync.client import PlatformClient
from platform_sim.testing import PlatformProcess
from tests.conftest import CLERK, SUPERVISOR_APPROVAL
from tests.sync.conftest import local_outbox, new_counter

MEMBER_JSON = {"member_id": "M1", "phone_masked": "", "phone_key": "a" * 64, "card_no": "88001234",
               "name_masked": "张*", "points_balance": 10, "level": "gold"}


class BadServer:
    """A tiny HTTP server on loopback that answers whatever ``mode`` says."""

    def __init__(self) -> None:
        self.mode = "garbage"
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                mode = outer.mode
                if mode == "garbage":
                    self._send(200, b"<html>\x00\xff not json", "text/html")
                elif mode == "wrong_shape":
                    self._send(200, json.dumps({"results": [{"op_id": 1, "status": "maybe"}]}).encode())
                elif mode == "mismatch":
                    ops = json.loads(raw)["operations"]
                    results = [{"op_id": str(uuid.uuid4()), "status": "accepted", "code": "ok", "reason": None,
                                "result": None} for _ in ops]
                    self._send(200, json.dumps({"results": results}).encode())
                elif mode == "truncated":
                    body = json.dumps({"results": []}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body) + 500))
                    self.end_headers()
                    self.wfile.write(body[:8])
                    self.wfile.flush()
                    self.close_connection = True
                elif mode == "html_502":
                    self._send(502, b"<html>Bad Gateway</html>", "text/html")
                elif mode == "teapot":
                    self._send(418, json.dumps({"not": "the error shape"}).encode())
                elif mode == "member":
                    self._send(200, json.dumps(MEMBER_JSON).encode())

            def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _answer
            do_POST = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> BadServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bad_server() -> Iterator[BadServer]:
    with BadServer() as server:
        yield server


def _op() -> dict:
    return {"op_id": str(uuid.uuid4()), "kind": "shift_open", "payload": {"float_fen": 0}}


@pytest.mark.parametrize("mode, code", [
    ("garbage", "platform_bad_reply"),
    ("wrong_shape", "platform_bad_reply"),
    ("mismatch", "platform_bad_reply"),
    ("truncated", "platform_bad_reply"),
    ("html_502", "platform_unavailable"),
    ("teapot", "platform_bad_reply"),
])
def test_bad_reply_is_a_platform_error_with_a_bilingual_message(bad_server: BadServer, mode: str, code: str) -> None:
    bad_server.mode = mode
    client = PlatformClient(bad_server.url, token="secret-token-123456")
    with pytest.raises(PlatformError) as caught:
        client.push_batch([_op()])
    assert caught.value.code == code
    assert caught.value.details["transient"] is True
    assert caught.value.zh and caught.value.en and caught.value.zh != caught.value.en


def test_bad_replies_keep_messages_for_retry_and_lose_nothing(platform: PlatformProcess, bad_server: BadServer,
                                                              tmp_path: Path) -> None:
    counter, _ = new_counter(platform, tmp_path / "c")
    with counter.uow() as uow:
        member = uow.conn.execute("SELECT member_id FROM members LIMIT 1").fetchone()[0]
    for _ in range(5):
        counter.run(services.accrue_points, AccruePoints(CLERK[0], member, 5, "测试", SUPERVISOR_APPROVAL))
    real_url = counter.settings()["platform_url"]
    counter.update_settings(platform_url=bad_server.url)
    engine = attach_sync(counter)
    assert engine is not None
    for mode in ("garbage", "wrong_shape", "mismatch", "truncated", "html_502", "teapot"):
        bad_server.mode = mode
        report = engine.run_once(pull=False)
        assert not report.ok and report.retrying >= 1 and report.delivered == 0
        assert set(local_outbox(counter).values()) == {"pending"}
        with counter.uow() as uow:  # due again at once, for the next mode
            uow.conn.execute("UPDATE outbox SET next_attempt_at = NULL")
            uow.commit()
    counter.update_settings(platform_url=real_url)
    engine = attach_sync(counter)
    assert engine is not None
    report = engine.run_once()
    assert report.ok and report.delivered == 6
    assert set(local_outbox(counter).values()) == {"delivered"}
    counter.close()


@pytest.mark.parametrize("ca_bundle", [False, "", "   ", "/nonexistent/ca.pem"])
def test_tls_verification_cannot_be_switched_off(ca_bundle: object) -> None:
    with pytest.raises(PlatformError) as caught:
        PlatformClient("https://platform.example.cn", token="t" * 20, ca_bundle=ca_bundle)  # type: ignore[arg-type]
    assert caught.value.code == "platform_config"


def test_plain_http_is_refused_except_to_this_machine() -> None:
    with pytest.raises(PlatformError) as caught:
        PlatformClient("http://platform.example.cn", token="t" * 20)
    assert caught.value.code == "platform_insecure"
    PlatformClient("http://127.0.0.1:9", token="t" * 20)
    PlatformClient("http://localhost:9", token="t" * 20)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    with BadServer() as server:
        server.mode = "member"
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.server.socket = context.wrap_socket(server.server.socket, server_side=True)
        yield f"https://127.0.0.1:{server.port}", cert


def test_self_signed_platform_is_refused_even_if_the_environment_says_otherwise(
        tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    url, cert = tls_server
    monkeypatch.setenv("CURL_CA_BUNDLE", "")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "")
    with pytest.raises(PlatformError) as caught:
        PlatformClient(url, token="t" * 20).member_lookup(card_no="88001234")
    assert caught.value.code == "platform_tls"
    # With the platform's CA configured, the same call goes through.
    member = PlatformClient(url, token="t" * 20, ca_bundle=cert).member_lookup(card_no="88001234")
    assert member.member_id == "M1"


def test_token_never_appears_in_logs_or_error_texts(platform: PlatformProcess, bad_server: BadServer,
                                                    tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    counter, engine = new_counter(platform, tmp_path / "c")
    token = counter.settings()["token"]
    assert len(token) >= 16
    texts = [repr(engine.client)]
    for mode in ("garbage", "teapot", "html_502"):
        bad_server.mode = mode
        client = PlatformClient(bad_server.url, token=token)
        with pytest.raises(PlatformError) as caught:
            client.push_batch([_op()])
        texts += [str(caught.value), caught.value.zh, caught.value.en, repr(caught.value.details)]
    unreachable = PlatformClient("http://127.0.0.1:9", token=token)
    with pytest.raises(PlatformError) as caught:
        unreachable.members_page(None)
    texts += [str(caught.value), caught.value.zh, caught.value.en]
    engine.run_once()
    assert token not in caplog.text
    assert all(token not in text for text in texts)
    counter.close()
