"""No English or technical text on the Chinese sync screen (issue 11, point 3): with the platform down and a
rejected operation, the state, the queue's last error, the exceptions and the times read as sentences in the
clerk's language, times as the counter's local MM-dd HH:mm:ss; the technical text stays in the log."""

from __future__ import annotations

import re

import pytest

from counter_app.domain import services
from counter_app.domain.commands import AccruePoints
from counter_app.store import outbox
from counter_app.ui.clerk_texts import last_error_text, local_time, reason_text
from counter_app.ui.widgets import table_rows
from counter_app.ui.workspaces.sync import SyncWorkspace
from platform_sim import admin

from .ws_helpers import (  # noqa: F401
    approver,
    ctx,
    engine,
    go_offline,
    online,
    platform,
    receipts,
    settle,
    show,
)
from tests.conftest import SUPERVISOR_APPROVAL

TECHNICAL = re.compile(r"[a-z]+_[a-z_]+"  # an error code: platform_unavailable
                       r"|\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Timeout|Exception)\b"  # ReadTimeout, ConnectionError
                       r"|\d{4}-\d\d-\d\dT\d\d:\d\d"  # a raw ISO time
                       r"|will retry|HTTP \d{3}")


@pytest.fixture
def counter(online):
    return online.counter


def _shown(ws: SyncWorkspace) -> list[str]:
    texts = [ws.state.text(), ws.state.toolTip(), ws.last_sync.text(), ws.oldest.text()]
    for table in (ws.queue, ws.exceptions, ws.print_jobs):
        texts += [cell for row in table_rows(table) for cell in row]
    return texts


def test_offline_and_rejected_the_chinese_sync_screen_shows_no_codes_exception_names_or_iso_times(
        qtbot, ctx, counter, online, platform, engine, caplog):
    member_id, _, _ = admin.member_phones(platform.db_path, limit=1)[0]
    sold = counter.run(services.accrue_points, AccruePoints("1001", member_id, 30, "missed card", SUPERVISOR_APPROVAL))
    refused = counter.run(services.accrue_points, AccruePoints("1001", member_id, 20, "missed card", SUPERVISOR_APPROVAL))
    conn = counter.store.connection()
    outbox.mark_rejected(conn, refused.recorded.op_id, code="price_differs",
                         reason="单价与商品目录不符，改价需要主管授权 / unit price 350 differs from the catalog",
                         result=None, at="2026-11-25T01:40:00Z")
    conn.commit()
    with caplog.at_level("WARNING"):
        go_offline(platform, online)  # the platform is gone: the queue's messages carry the client's error
    assert any("ConnectionError" in r.getMessage() for r in caplog.records)  # the technical text: in the log
    queued = [m for m in services.queries.outbox_queue(counter.uow()) if m["op_id"] == sold.recorded.op_id]
    assert queued and "platform_unavailable" in queued[0]["last_error"]

    ws = show(qtbot, SyncWorkspace(ctx))
    settle(qtbot, ctx)
    texts = _shown(ws)
    assert [t for t in texts if TECHNICAL.search(t)] == [], texts
    assert ws.state.text().startswith("离线：")
    (row,) = [r for r in table_rows(ws.queue) if r[2] == member_id]
    assert row[5] == "暂时连不上平台，业务已保存在本机，稍后自动上传"
    assert re.fullmatch(r"\d\d-\d\d \d\d:\d\d:\d\d", row[3]), row
    assert table_rows(ws.exceptions)[0][3:] == ["单价与商品目录不符", "单价与商品目录不符，改价需要主管授权"]

    ws.ctx.language = "en"  # the English screen: English sentences, still no codes
    ws.show_state({"status": engine.status(), "stats": services.queries.outbox_stats(counter.uow()),
                   "queue": services.queries.outbox_queue(counter.uow()),
                   "exceptions": services.queries.open_exceptions(counter.uow()), "held": {}, "jobs": []})
    assert [t for t in _shown(ws) if TECHNICAL.search(t)] == []
    assert table_rows(ws.exceptions)[0][3] == "The price differs from the catalogue"
    ws.ctx.language = "zh_CN"


def test_clerk_texts_map_codes_reasons_and_times():
    assert last_error_text("platform_unavailable: Cannot reach the platform (ReadTimeout); will retry", "zh") \
        == "暂时连不上平台，业务已保存在本机，稍后自动上传"
    assert last_error_text("brand_new_code: something", "zh") == "上传未成功，稍后自动重试"  # the generic sentence
    assert last_error_text("(ConnectionError)", "en") == "Not sent yet; it is tried again later"
    assert reason_text("x_code", "only English here", "zh") == "平台拒绝了这笔业务，请主管处理"
    from datetime import timedelta, timezone

    cst = timezone(timedelta(hours=8))
    assert local_time("2026-11-25T01:40:00Z", cst) == "11-25 09:40:00"
    assert local_time("2026-11-25T09:40:00+08:00", cst) == "11-25 09:40:00"
    assert local_time(None, cst) == ""
