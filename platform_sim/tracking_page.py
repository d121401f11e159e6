"""The platform's public tracking page (线上查询 for customers): ``GET /track/{tracking_no}`` answers an HTML
page with the parcel's status and events. It is what the QR on a parcel receipt or label opens; no device
token is needed, and the page shows no names, phones or street addresses (only the destination city).

Not part of the counter API contract (``include_in_schema=False``): it is a web page for people.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from platform_sim.parcels import status_of

TRACK_PATH = "/track/{tracking_no}"
_NUMBER = re.compile(r"^([A-Z]{2}[0-9]{9}[A-Z]{2}|[0-9]{13})$")


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><meta name='viewport' "
                        f"content='width=device-width'><title>{html.escape(title)}</title></head><body>{body}"
                        f"</body></html>", status_code=status)


def public_router(conn_dep: Callable[..., Any]) -> APIRouter:
    """The public page; ``conn_dep`` is the app's own database dependency."""
    r = APIRouter()

    @r.get(TRACK_PATH, response_class=HTMLResponse, include_in_schema=False)
    def track(tracking_no: str, conn: sqlite3.Connection = Depends(conn_dep)) -> HTMLResponse:  # noqa: B008
        number = "".join(tracking_no.split()).upper()
        if not _NUMBER.match(number):
            return _page("运单号不正确", "<h1>运单号不正确 / Not a tracking number</h1>", 404)
        row = conn.execute("SELECT * FROM parcels WHERE tracking_no = ?", (number,)).fetchone()
        if row is None:
            return _page("查无此件", f"<h1>{html.escape(number)}</h1><p>查无此件 / Unknown tracking number</p>", 404)
        status = status_of(row)
        events = "".join(f"<li>{html.escape(e['at'][:16].replace('T', ' '))} {html.escape(e['status_zh'])}"
                         f" {html.escape(e.get('where') or '')}</li>" for e in status["events"])
        body = (f"<h1>{html.escape(number)}</h1><p id='status'>{html.escape(status['status_zh'])} "
                f"({html.escape(status['status'])})</p><p>寄往 / to: {html.escape(status['destination'])}</p>"
                f"<ol>{events}</ol>")
        return _page(f"{number} {status['status_zh']}", body)

    return r
