"""The QR on a parcel's receipt and label opens the platform's public tracking page for that number (not the
bare number): a customer scanning it after sync sees the parcel's status, with no name or phone on the page."""

from __future__ import annotations

from pathlib import Path

import requests

from counter_app.domain.services.parcels import accept_parcel
from counter_app.printing.label import label_of, parcel_tracking_template, render_label
from counter_app.receipts import ReceiptService
from platform_sim.parcels import advance_parcel
from platform_sim.testing import PlatformProcess
from tests.domain.parcels.helpers import posting
from tests.printing.escpos_decoder import decode
from tests.sync.conftest import new_counter


def test_receipt_and_label_qr_open_the_public_tracking_page_of_the_number(platform: PlatformProcess,
                                                                         tmp_path: Path) -> None:
    counter, engine = new_counter(platform, tmp_path / "c")
    out = tmp_path / "receipt.escpos"
    counter.update_settings(printer={"kind": "file", "file_path": str(out), "paper_mm": 80})
    done = counter.run(accept_parcel, posting(1250))
    receipts = ReceiptService(counter)
    try:
        receipts.print_receipt(done.recorded.op_id)
    finally:
        receipts.close()
    [qr] = decode(out.read_bytes()).qr_data
    assert qr == f"{platform.base_url}/track/{done.tracking_no}"
    label = render_label(label_of(done.recorded.envelope,
                                  tracking_url_template=parcel_tracking_template(counter.settings())))
    assert b"\x1d(k" in label and qr.encode() in label  # GS ( k: the label's QR symbol holds the URL

    assert requests.get(qr, timeout=5).status_code == 404  # not on the platform before the sync
    assert engine.run_once().ok
    advance_parcel(platform.db_path, done.tracking_no)
    page = requests.get(qr, timeout=5)
    assert page.status_code == 200 and "运输中" in page.text and done.tracking_no in page.text
    assert "李四" not in page.text and "13900001111" not in page.text and "中关村" not in page.text
    counter.close()


def test_a_configured_tracking_url_wins_over_the_platform_page() -> None:
    settings = {"platform_url": "http://127.0.0.1:8000", "parcel_tracking_url": "https://track.example/q?no={tracking_no}"}
    assert parcel_tracking_template(settings).format(tracking_no="EE123456785CN") == \
        "https://track.example/q?no=EE123456785CN"
    assert parcel_tracking_template({"parcel_tracking_url": "https://t.example/p/"}) == \
        "https://t.example/p/{tracking_no}"
    assert parcel_tracking_template({}) == ""
