"""The shipping label (面单): the tracking number as text and as a Code128 barcode, both sizes, reprints marked,
sent to a label printer on the network."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import OpenShift
from counter_app.domain.parcels.numbers import NumberBlock
from counter_app.domain.services.parcels import accept_parcel
from counter_app.printing.label import label_of, print_label, render_label
from tests.conftest import CLERK
from tests.domain.parcels.helpers import load_parcel_data, posting
from tests.printing.fake_printer import FakePrinter

GS_K_CODE128 = b"\x1dkI"  # GS k m=73: CODE128, followed by the length and the data


def _code128_payloads(data: bytes) -> list[bytes]:
    found, i = [], data.find(GS_K_CODE128)
    while i >= 0:
        n = data[i + 3]
        found.append(data[i + 4:i + 4 + n])
        i = data.find(GS_K_CODE128, i + 1)
    return found


@pytest.fixture
def posted(counter):  # noqa: ANN001, ANN201
    load_parcel_data(counter, NumberBlock("BLK-L", "international", "EE", "CN", 12345678, 5),
                     NumberBlock("BLK-D", "domestic", "98", "CN", 42, 5))
    counter.run(services.open_shift, OpenShift(CLERK[0], 10_000))
    done = counter.run(accept_parcel, posting(1250))
    return done


@pytest.mark.parametrize("size", ["76x130", "100x150"])
def test_label_bytes_carry_the_code128_of_the_number_and_the_number_as_text(posted, size) -> None:
    data = render_label(label_of(posted.recorded.envelope), size=size)
    number = posted.tracking_no.encode()
    assert _code128_payloads(data) == [b"{B" + number]
    assert data.count(number) >= 2  # the large text line and the barcode
    assert "李四".encode("gb18030") in data and "北京市海淀区中关村大街1号".encode("gb18030") in data
    assert "标准快递".encode("gb18030") in data and b"1250" in data
    assert b"\x1dV" in data[-6:], "the label ends with a cut"
    assert "重印".encode("gb18030") not in data


def test_a_reprinted_label_is_marked(posted) -> None:
    data = render_label(label_of(posted.recorded.envelope, reprint=True))
    assert "重印".encode("gb18030") in data and b"REPRINT" in data


def test_label_goes_to_the_label_printer_not_the_receipt_printer(posted) -> None:
    with FakePrinter() as printer:
        settings = {"printer": {"kind": "none"},
                    "label_printer": {"kind": "network", "host": printer.host, "port": printer.port,
                                      "label_size": "76x130", "confirm_s": 0.1}}
        sent = print_label(label_of(posted.recorded.envelope), settings)
        jobs = printer.wait_for_jobs(1)
    assert jobs == [sent] and _code128_payloads(jobs[0]) == [b"{B" + posted.tracking_no.encode()]


def test_customer_receipt_explains_the_price_and_carries_a_tracking_qr(posted) -> None:
    from counter_app.printing.receipts import receipt_for_operation

    envelope = posted.recorded.envelope
    receipt = receipt_for_operation(envelope, branch={"branch_id": "B001"})
    assert receipt.title == "寄递收据" and receipt.total_fen == 1000 and receipt.qr_payload == posted.tracking_no
    price = [d.label for d in receipt.sections[1].rows]
    assert any("计费重 1250 克" in line and "续重 1×¥2.00" in line for line in price)
    again = receipt_for_operation(envelope, branch={"branch_id": "B001"}, reprint=True)
    assert again.reprint
