"""The receipt service end to end: real counter operations printed on a real TCP printer on loopback,
and a dead printer that leaves the operation committed and the receipt queued for a reprint."""

from __future__ import annotations

import pytest

from counter_app.domain import services
from counter_app.domain.commands import CartLine, CollectPickup, OpenShift, PayBill, PlaceOrder
from counter_app.domain.errors import PrinterError
from counter_app.domain.model import Tender
from counter_app.receipts import ReceiptService, receipt_png
from tests.conftest import PICKUP, PICKUP_CODE
from tests.printing.escpos_decoder import decode
from tests.printing.fake_printer import FakePrinter, closed_port


_SERVICES: dict[int, ReceiptService] = {}


@pytest.fixture
def open_counter(counter):
    counter.run(services.open_shift, OpenShift("1001", 50_000))
    # The receipt service starts with the counter, before any sale, as the app starts it.
    _SERVICES[id(counter)] = ReceiptService(counter)
    yield counter
    _SERVICES.pop(id(counter)).close()


def _use_printer(counter, port: int, **extra) -> ReceiptService:
    counter.update_settings(printer={"kind": "network", "host": "127.0.0.1", "port": port, "timeout_s": 2.0,
                                     "paper_mm": 80, **extra})
    return _SERVICES[id(counter)]


def test_cash_sale_prints_chinese_lines_change_cut_and_drawer_kick(open_counter) -> None:
    sold = open_counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-STAMP-2026", 1),),
                                                              (Tender("cash", 20_000),), member_id="M0001"))
    with FakePrinter() as printer:
        _use_printer(open_counter, printer.port).print_operation(sold.recorded.op_id)
        (job,) = printer.wait_for_jobs(1)
    printed = decode(job)
    assert "江城市鼓楼邮政营业所" in printed.text
    assert "2026年生肖邮票大版" in printed.text
    assert "找零" in printed.text and "78.40" in printed.text  # 200.00 - (128.00 - 5 % gold discount)
    assert "****3456" in printed.text and "1234" not in printed.text  # the card's last 4: no phone digit is cached
    assert printed.qr_data == [sold.order_no]
    assert printed.cuts == 1 and printed.drawer_kicks


def test_pickup_and_bill_receipts(open_counter) -> None:
    picked = open_counter.run(services.collect_pickup, CollectPickup("1001", PICKUP.order_no, PICKUP_CODE))
    open_counter.update_settings(offline_rules={"allow_pending_bills": True})
    bill = open_counter.run(services.pay_bill, PayBill("1001", "electricity", "3100123456", 8_850,
                                                       (Tender("bank_card", 8_850, reference="T778899"),)))
    with FakePrinter() as printer:
        service = _use_printer(open_counter, printer.port)
        service.print_operation(picked.recorded.op_id)
        service.print_operation(bill.recorded.op_id)
        pickup_job, bill_job = printer.wait_for_jobs(2)
    pickup = decode(pickup_job)
    assert "提货" in pickup.text and PICKUP.order_no in pickup.text and "邮政自主品牌明前龙" in pickup.text
    assert not pickup.drawer_kicks
    paid = decode(bill_job)
    assert "电费" in paid.text and "3456" in paid.text and "3100123456" not in paid.text
    assert "待确认" in paid.text  # taken offline, pending the platform
    assert not paid.drawer_kicks  # card tender: the drawer stays shut


def test_reprint_is_marked_and_never_opens_the_drawer(open_counter) -> None:
    sold = open_counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 1),), (Tender("cash", 500),)))
    with FakePrinter() as printer:
        service = _use_printer(open_counter, printer.port)
        service.print_operation(sold.recorded.op_id)
        service.print_operation(sold.recorded.op_id, reprint=True)
        first, again = printer.wait_for_jobs(2)
    assert "重印" not in decode(first).text
    assert "重印" in decode(again).text and not decode(again).drawer_kicks


def test_dead_printer_keeps_the_sale_and_queues_the_receipt(open_counter) -> None:
    sold = open_counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 2),), (Tender("cash", 500),)))
    service = _use_printer(open_counter, closed_port())
    with pytest.raises(PrinterError) as err:
        service.print_operation(sold.recorded.op_id)
    assert "打印机" in err.value.zh
    (queued,) = service.failed_jobs()
    assert queued["op_id"] == sold.recorded.op_id and queued["status"] == "failed"
    assert err.value.details["job_id"] == queued["job_id"]
    with open_counter.uow() as uow:
        assert uow.orders.get(sold.order_no) is not None
        assert uow.outbox.get(sold.recorded.op_id).state == "pending"
    # The printer comes back: the queued job prints and leaves the list.
    with FakePrinter() as printer:
        _use_printer(open_counter, printer.port).retry(queued["job_id"])
        (job,) = printer.wait_for_jobs(1)
    assert "农夫山泉矿泉水" in decode(job).text
    assert service.failed_jobs() == []


def test_printer_stopping_mid_receipt_is_an_error_and_a_queued_job(open_counter) -> None:
    sold = open_counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-TEA", 1),), (Tender("cash", 40_000),)))
    with FakePrinter(close_after=64) as printer:
        service = _use_printer(open_counter, printer.port)
        with pytest.raises(PrinterError):
            service.print_operation(sold.recorded.op_id)
    assert [j["op_id"] for j in service.failed_jobs()] == [sold.recorded.op_id]


def test_receipt_preview_png(open_counter, tmp_path) -> None:
    sold = open_counter.run(services.place_order, PlaceOrder("1001", (CartLine("P-WATER", 1),), (Tender("cash", 500),)))
    path = receipt_png(open_counter, sold.recorded.op_id, tmp_path / "r.png")
    from PIL import Image

    image = Image.open(path)
    assert image.width >= 384 and image.height > 300
